import { describe, expect, it } from "vitest";
import { emptyPicture, kindCounts, merge, toGraphML, visible, type GEdge, type GNode } from "./model";

const node = (id: string, kind: string, hops = 1): GNode => ({
  id,
  kind,
  caption: `<${id}>`,
  masked: false,
  regions: ["350304"],
  firstSeen: null,
  lastSeen: null,
  sightings: 1,
  hops,
});
const edge = (source: string, target: string, type: GEdge["type"] = "HAS_PHONE"): GEdge => ({
  source,
  target,
  type,
  sightings: 2,
  sourceCount: null,
  firstSeen: null,
  lastSeen: null,
});

describe("network picture model", () => {
  it("merges pages and expansions without duplicates, keeping first hops", () => {
    let picture = merge(emptyPicture(), [node("a", "Shop", 0), node("b", "Phone")], [edge("a", "b")]);
    picture = merge(picture, [node("b", "Phone", 0), node("c", "Waybill")], [edge("a", "b"), edge("c", "b", "SENT_BY")]);
    expect([...picture.nodes.keys()]).toEqual(["a", "b", "c"]);
    expect(picture.nodes.get("b")?.hops).toBe(1);
    expect(picture.edges.size).toBe(2);
    expect(kindCounts(picture)).toEqual([["Phone", 1], ["Shop", 1], ["Waybill", 1]]);
  });

  it("hides a kind with the edges that touch it (legend as filter)", () => {
    const picture = merge(emptyPicture(), [node("a", "Shop"), node("b", "Phone"), node("c", "Waybill")], [edge("a", "b"), edge("c", "b")]);
    const shown = visible(picture, new Set(["Phone"]));
    expect([...shown.nodes.keys()]).toEqual(["a", "c"]);
    expect(shown.edges.size).toBe(0);
  });

  it("exports GraphML with escaped captions", () => {
    const text = toGraphML(merge(emptyPicture(), [node("a", "Shop"), node("b", "Phone")], [edge("a", "b")]));
    expect(text).toContain('<node id="a"><data key="kind">Shop</data><data key="caption">&#60;a&#62;</data></node>');
    expect(text).toContain('<edge source="a" target="b"><data key="type">HAS_PHONE</data>');
    expect(text).not.toContain("<a>");
  });
});
