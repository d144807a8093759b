// Views of the picture, applied in this order after the legend filter: a time window over
// first/last seen, then groups collapsed into one node each (a kind, or a ring the
// analysis found), expanded back by dropping the group. Pure functions over `Picture`,
// tested without a browser; the start node is never hidden or folded away.
import { edgeId, type GEdge, type GNode, type Picture } from "./model";

/** A set of nodes to show as one: every node of a kind, or a ring's members. */
export interface Group {
  id: string;
  kind: string;
  caption: string;
  members: ReadonlySet<string>;
}

/** A node of a view: a picture's node, or a group standing for its members. */
export type VNode = GNode & { members?: readonly string[]; group?: string };

export interface View {
  nodes: Map<string, VNode>;
  edges: Map<string, GEdge>;
}

const time = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** The earliest first-seen and latest last-seen of the picture (epoch ms), or null. */
export function timeRange(picture: Picture): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (first: string | null | undefined, last: string | null | undefined) => {
    const a = time(first) ?? time(last);
    const b = time(last) ?? time(first);
    if (a !== null) lo = Math.min(lo, a);
    if (b !== null) hi = Math.max(hi, b);
  };
  for (const n of picture.nodes.values()) see(n.firstSeen, n.lastSeen);
  for (const e of picture.edges.values()) see(e.firstSeen, e.lastSeen);
  return lo <= hi ? [lo, hi] : null;
}

function overlaps(first: string | null | undefined, last: string | null | undefined, from: number, to: number): boolean {
  const a = time(first) ?? time(last);
  const b = time(last) ?? time(first);
  if (a === null || b === null) return true; // undated: always shown
  return b >= from && a <= to;
}

/** Nodes and edges seen within [from, to] (epoch ms); undated ones and `keep` stay. */
export function within(view: View, from: number, to: number, keep?: string): View {
  const nodes = new Map([...view.nodes].filter(([id, n]) => id === keep || overlaps(n.firstSeen, n.lastSeen, from, to)));
  const edges = new Map(
    [...view.edges].filter(
      ([, e]) => nodes.has(e.source) && nodes.has(e.target) && overlaps(e.firstSeen, e.lastSeen, from, to),
    ),
  );
  return { nodes, edges };
}

/** One group per kind in `kinds`, over the view's nodes of that kind. */
export function kindGroups(view: View, kinds: ReadonlySet<string>, caption: (kind: string) => string): Group[] {
  return [...kinds].map((kind) => ({
    id: `kind:${kind}`,
    kind,
    caption: caption(kind),
    members: new Set([...view.nodes.values()].filter((n) => n.kind === kind).map((n) => n.id)),
  }));
}

export const groupNodeId = (group: Pick<Group, "id">) => `group:${group.id}`;

const earlier = (a: string | null | undefined, b: string | null | undefined) =>
  a && b ? ((time(a) ?? 0) <= (time(b) ?? 0) ? a : b) : (a ?? b ?? null);
const later = (a: string | null | undefined, b: string | null | undefined) =>
  a && b ? ((time(a) ?? 0) >= (time(b) ?? 0) ? a : b) : (a ?? b ?? null);

/**
 * The view with each group's members (two or more present, `keep` excepted) folded into
 * one node; a node in two groups goes to the first. Edges follow their ends; edges that
 * become the same are summed (sightings, source counts), edges inside a group vanish.
 */
export function collapse(view: View, groups: readonly Group[], keep?: string): View {
  const present = groups.map((g) => [...g.members].filter((m) => m !== keep && view.nodes.has(m)));
  const owner = new Map<string, string>();
  groups.forEach((g, i) => {
    const members = (present[i] ?? []).filter((m) => !owner.has(m));
    if (members.length >= 2) for (const m of members) owner.set(m, groupNodeId(g));
  });
  if (!owner.size) return view;
  const nodes = new Map<string, VNode>();
  const byId = new Map(groups.map((g) => [groupNodeId(g), g]));
  for (const [id, n] of view.nodes) {
    const gid = owner.get(id);
    if (!gid) {
      nodes.set(id, n);
      continue;
    }
    const g = byId.get(gid)!;
    const seen = nodes.get(gid);
    const members = [...(seen?.members ?? []), id];
    nodes.set(gid, {
      id: gid,
      group: g.id,
      kind: g.kind,
      caption: `${g.caption} ×${members.length}`,
      masked: (seen?.masked ?? false) || n.masked,
      regions: [...new Set([...(seen?.regions ?? []), ...n.regions])],
      firstSeen: earlier(seen?.firstSeen, n.firstSeen),
      lastSeen: later(seen?.lastSeen, n.lastSeen),
      sightings: (seen?.sightings ?? 0) + n.sightings,
      hops: Math.min(seen?.hops ?? Infinity, n.hops),
      members,
    });
  }
  const edges = new Map<string, GEdge>();
  for (const e of view.edges.values()) {
    const source = owner.get(e.source) ?? e.source;
    const target = owner.get(e.target) ?? e.target;
    if (source === target) continue;
    const id = edgeId({ source, type: e.type, target });
    const had = edges.get(id);
    edges.set(
      id,
      had
        ? {
            ...had,
            sightings: had.sightings + e.sightings,
            sourceCount: had.sourceCount === null && e.sourceCount === null ? null : (had.sourceCount ?? 0) + (e.sourceCount ?? 0),
            firstSeen: earlier(had.firstSeen, e.firstSeen),
            lastSeen: later(had.lastSeen, e.lastSeen),
          }
        : { ...e, source, target },
    );
  }
  return { nodes, edges };
}
