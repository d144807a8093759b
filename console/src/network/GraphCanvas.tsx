// The picture: Cytoscape.js on a canvas, fcose for overviews, dagre left to right for
// traces. The canvas is for eyes; NodeList beside it is the keyboard/screen-reader twin.
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import dagre from "cytoscape-dagre";
import fcose from "cytoscape-fcose";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { kindColour } from "../app/common";

cytoscape.use(fcose);
cytoscape.use(dagre);

export interface CanvasNode {
  id: string;
  kind: string;
  caption: string;
}
export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  type: string;
}

export interface CanvasHandle {
  png: () => Blob | null;
}

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

const canDraw = () => typeof navigator !== "undefined" && !/jsdom/i.test(navigator.userAgent);

export const GraphCanvas = forwardRef<CanvasHandle, Props>(function GraphCanvas(
  { nodes, edges, layout, selected, highlighted, onSelect, className, label },
  ref,
) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useImperativeHandle(ref, () => ({
    png: () => (cy.current ? (cy.current.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" }) as Blob) : null),
  }));

  useEffect(() => {
    if (!box.current || !canDraw()) return;
    const instance = cytoscape({
      container: box.current,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            label: "data(caption)",
            "font-size": 10,
            "text-valign": "bottom",
            "text-margin-y": 4,
            width: 22,
            height: 22,
          },
        },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } },
        { selector: "node.hl", style: { "border-width": 3, "border-color": "#f5222d" } },
        {
          selector: "edge",
          style: {
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
      ],
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
    const elements: ElementDefinition[] = [
      ...nodes.map((n) => ({ group: "nodes" as const, data: { id: n.id, caption: n.caption, kind: n.kind, colour: kindColour(n.kind) } })),
      ...edges.map((e) => ({ group: "edges" as const, data: { id: e.id, source: e.source, target: e.target, type: e.type } })),
    ];
    instance.batch(() => {
      instance.elements().remove();
      instance.add(elements);
    });
    const options =
      layout === "dagre"
        ? { name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 90, animate: false }
        : layout === "fcose"
          ? { name: "fcose", animate: false, quality: "default", randomize: true, nodeRepulsion: 6000 }
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
