// The picture: Cytoscape.js on a canvas, fcose for overviews, dagre left to right for
// traces. The canvas is for eyes; NodeList beside it is the keyboard/screen-reader twin.
// Elements are updated in place: nodes that leave (a filter, a time window) are removed
// without a new layout; a layout runs when nodes arrive or the layout changes (always for
// dagre: a trace's path is small and its ranks follow the edges), starting new nodes
// beside a neighbour already placed. Large pictures (LARGE) draw lighter and lay out in
// fCoSE's draft quality; pan and zoom move a texture (textureOnViewport).
// bench/console_frames.py measures the frame times at 2,000 nodes.
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import dagre from "cytoscape-dagre";
import fcose from "cytoscape-fcose";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { kindColour } from "../app/common";
import { toSVG } from "./svg";

cytoscape.use(fcose);
cytoscape.use(dagre);

export interface CanvasNode {
  id: string;
  kind: string;
  caption: string;
  members?: readonly string[] | undefined; // a collapsed group: drawn larger, square
}
export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  type: string;
}

export interface CanvasHandle {
  png: () => Blob | null;
  svg: (title: string) => string | null;
}

const NODE = 22;
const sizeOf = (n: CanvasNode) => (n.members ? Math.min(60, NODE + 6 * Math.sqrt(n.members.length)) : NODE);

interface Props {
  nodes: readonly CanvasNode[];
  edges: readonly CanvasEdge[];
  layout: "fcose" | "dagre" | "concentric";
  selected?: string | null;
  highlighted?: ReadonlySet<string>;
  onSelect?: (id: string) => void;
  className?: string;
  label: string;
}

/** Above this many nodes the picture draws lighter: straight edges without arrows or
 * labels, node labels only once zoomed in enough to read, a draft force layout. */
export const LARGE = 400;

function sheet(large: boolean): cytoscape.StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        label: "data(caption)",
        "font-size": 10,
        "text-valign": "bottom",
        "text-margin-y": 4,
        width: "data(size)",
        height: "data(size)",
        ...(large ? { "min-zoomed-font-size": 8 } : {}),
      },
    },
    { selector: "node[?group]", style: { shape: "round-rectangle", "border-width": 2, "border-color": "#262626" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } },
    { selector: "node.hl", style: { "border-width": 3, "border-color": "#f5222d" } },
    {
      selector: "edge",
      style: large
        ? { width: 1, "line-color": "#bfbfbf", "curve-style": "haystack", "haystack-radius": 0 }
        : {
            width: 1.5,
            "line-color": "#bfbfbf",
            "target-arrow-color": "#bfbfbf",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            label: "data(type)",
            "font-size": 7,
            color: "#8c8c8c",
          },
    },
    { selector: "edge.hl", style: { "line-color": "#f5222d", "target-arrow-color": "#f5222d", width: 3 } },
  ];
}

const canDraw = () => typeof navigator !== "undefined" && !/jsdom/i.test(navigator.userAgent);

export const GraphCanvas = forwardRef<CanvasHandle, Props>(function GraphCanvas(
  { nodes, edges, layout, selected, highlighted, onSelect, className, label },
  ref,
) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  const laidOut = useRef<string | null>(null);
  const drawnLarge = useRef(false);

  useImperativeHandle(ref, () => ({
    png: () => (cy.current ? (cy.current.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" }) as Blob) : null),
    svg: (title: string) => {
      const instance = cy.current;
      if (!instance) return null;
      const placed = instance.nodes().map((n) => ({
        id: n.id(),
        caption: String(n.data("caption")),
        colour: String(n.data("colour")),
        x: n.position("x"),
        y: n.position("y"),
        size: Number(n.data("size")),
        group: Boolean(n.data("group")),
      }));
      const lines = instance.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), label: String(e.data("type")) }));
      return toSVG(placed, lines, title);
    },
  }));

  useEffect(() => {
    if (!box.current || !canDraw()) return;
    const instance = cytoscape({
      container: box.current,
      wheelSensitivity: 0.3,
      style: sheet(false),
      textureOnViewport: true, // pan and zoom move a snapshot: smooth at thousands of nodes
      motionBlur: false,
    });
    instance.on("tap", "node", (event) => select.current?.(event.target.id()));
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    const wanted = new Map<string, ElementDefinition>();
    for (const n of nodes) {
      const data = { id: n.id, caption: n.caption, kind: n.kind, colour: kindColour(n.kind), size: sizeOf(n), group: Boolean(n.members) };
      wanted.set(n.id, { group: "nodes", data });
    }
    for (const e of edges) wanted.set(e.id, { group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type } });
    const added: ElementDefinition[] = [];
    instance.batch(() => {
      instance.elements().forEach((el) => {
        const want = wanted.get(el.id());
        const moved = el.isEdge() && want && (el.source().id() !== want.data.source || el.target().id() !== want.data.target);
        if (!want || moved) el.remove();
        else if (el.isNode()) el.data(want.data); // a group's caption and size follow its members
      });
      for (const [id, def] of wanted) if (instance.getElementById(id).empty()) added.push(def);
      const neighbour = new Map<string, string>();
      for (const e of edges) {
        neighbour.set(e.target, neighbour.get(e.target) ?? e.source);
        neighbour.set(e.source, neighbour.get(e.source) ?? e.target);
      }
      for (const def of added) {
        if (def.group !== "nodes") continue;
        const near = instance.getElementById(neighbour.get(String(def.data.id)) ?? "");
        if (near.nonempty()) {
          const p = near.position();
          def.position = { x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 };
        }
      }
      instance.add(added);
    });
    const fresh = laidOut.current !== layout;
    const large = nodes.length > LARGE;
    if (large !== drawnLarge.current) {
      drawnLarge.current = large;
      instance.style(sheet(large));
    }
    const arrived = added.some((d) => d.group === "nodes");
    if (!fresh && !arrived && layout !== "dagre") return; // only removals: keep the places
    laidOut.current = layout;
    const options =
      layout === "dagre"
        ? { name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 90, animate: false }
        : layout === "fcose"
          ? { name: "fcose", animate: false, quality: large ? "draft" : "default", randomize: fresh || large, nodeRepulsion: 6000 }
          : { name: "concentric", animate: false };
    instance.layout(options as cytoscape.LayoutOptions).run();
    instance.fit(undefined, 30);
    if (instance.zoom() > 1.2) {
      instance.zoom(1.2);
      instance.center();
    }
  }, [nodes, edges, layout]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.elements().removeClass("hl");
    for (const id of highlighted ?? []) instance.getElementById(id).addClass("hl");
    instance.nodes().unselect();
    if (selected) instance.getElementById(selected).select();
  }, [selected, highlighted, nodes, edges]);

  return <div ref={box} className={className} role="img" aria-label={label} data-testid="graph-canvas" />;
});
