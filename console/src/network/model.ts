// The picture's data: nodes and edges by id, merged from graphView pages and
// expansions, with an undo stack. Pure functions, tested without a browser.
import type { GraphViewQuery } from "../gql/graphql";

type View = NonNullable<GraphViewQuery["graphView"]>;
export type GNode = View["nodes"][number];
export type GEdge = View["edges"][number];

export interface Picture {
  nodes: Map<string, GNode>;
  edges: Map<string, GEdge>;
}

export const emptyPicture = (): Picture => ({ nodes: new Map(), edges: new Map() });

export const edgeId = (e: Pick<GEdge, "source" | "type" | "target">) => `${e.source}|${e.type}|${e.target}`;

/** The picture with a view's nodes and edges added (nodes already there keep their hops). */
export function merge(picture: Picture, nodes: readonly GNode[], edges: readonly GEdge[]): Picture {
  const next: Picture = { nodes: new Map(picture.nodes), edges: new Map(picture.edges) };
  for (const n of nodes) if (!next.nodes.has(n.id)) next.nodes.set(n.id, n);
  for (const e of edges) next.edges.set(edgeId(e), e);
  return next;
}

/** Node counts per kind, most frequent first (the legend). */
export function kindCounts(picture: Picture): [string, number][] {
  const counts = new Map<string, number>();
  for (const n of picture.nodes.values()) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Relationship counts per type among the picture's edges. */
export function typeCounts(picture: Picture): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of picture.edges.values()) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The picture without the hidden kinds (and the edges that touch them). */
export function visible(picture: Picture, hidden: ReadonlySet<string>): Picture {
  const nodes = new Map([...picture.nodes].filter(([, n]) => !hidden.has(n.kind)));
  const edges = new Map([...picture.edges].filter(([, e]) => nodes.has(e.source) && nodes.has(e.target)));
  return { nodes, edges };
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GraphML of the picture (masked captions, as shown). */
export function toGraphML(picture: Picture): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="caption" for="node" attr.name="caption" attr.type="string"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="sightings" for="edge" attr.name="sightings" attr.type="int"/>',
    '  <graph edgedefault="directed">',
  ];
  for (const n of picture.nodes.values()) {
    lines.push(
      `    <node id="${xml(n.id)}"><data key="kind">${xml(n.kind)}</data><data key="caption">${xml(n.caption)}</data></node>`,
    );
  }
  for (const e of picture.edges.values()) {
    lines.push(
      `    <edge source="${xml(e.source)}" target="${xml(e.target)}"><data key="type">${xml(e.type)}</data><data key="sightings">${e.sightings}</data></edge>`,
    );
  }
  lines.push("  </graph>", "</graphml>");
  return lines.join("\n");
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
