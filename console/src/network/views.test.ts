import { describe, expect, it } from "vitest";
import { emptyPicture, merge, type GEdge, type GNode } from "./model";
import { toSVG } from "./svg";
import { collapse, kindGroups, timeRange, within } from "./views";

const node = (id: string, kind: string, first: string | null = null, last: string | null = first): GNode => ({
  id, kind, caption: id, masked: kind === "Phone", regions: [kind === "Phone" ? "350304" : "440106"], firstSeen: first, lastSeen: last, sightings: 1, hops: 1,
});
const edge = (source: string, target: string, type: GEdge["type"] = "SENT_BY", sourceCount: number | null = 1): GEdge => ({
  source, target, type, sightings: 2, sourceCount, firstSeen: null, lastSeen: null,
});

// a shop, two waybills sent by two phones of one sender, a third phone elsewhere
const picture = merge(
  emptyPicture(),
  [
    node("shop", "Shop", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"),
    node("w1", "Waybill", "2026-02-01T00:00:00Z"),
    node("w2", "Waybill", "2026-05-01T00:00:00Z"),
    node("p1", "Phone", "2026-02-01T00:00:00Z"),
    node("p2", "Phone", "2026-05-01T00:00:00Z"),
    node("undated", "Address"),
  ],
  [edge("w1", "p1"), edge("w2", "p2"), edge("w1", "shop", "DELIVERED_TO"), edge("w2", "shop", "DELIVERED_TO"), edge("p1", "p2", "POSSIBLY_SAME_AS"), edge("shop", "undated", "SHIPS_FROM", null)],
);

describe("time window", () => {
  it("spans first to last seen, and keeps what overlaps, the undated and the start", () => {
    expect(timeRange(picture)).toEqual([Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-06-01T00:00:00Z")]);
    const spring = within(picture, Date.parse("2026-04-01T00:00:00Z"), Date.parse("2026-06-30T00:00:00Z"), "shop");
    expect([...spring.nodes.keys()].sort()).toEqual(["p2", "shop", "undated", "w2"]);
    expect([...spring.edges.values()].map((e) => `${e.source}-${e.target}`).sort()).toEqual(["shop-undated", "w2-p2", "w2-shop"]);
    const empty = within(picture, 0, 1, "shop");
    expect([...empty.nodes.keys()].sort()).toEqual(["shop", "undated"]);
    expect(timeRange(emptyPicture())).toBeNull();
  });
});

describe("collapse", () => {
  it("folds a kind into one node, rewiring and summing its edges, and expands back", () => {
    const folded = collapse(picture, kindGroups(picture, new Set(["Waybill"]), () => "运单"), "shop");
    const group = folded.nodes.get("group:kind:Waybill");
    expect(group?.caption).toBe("运单 ×2");
    expect(group?.members).toEqual(["w1", "w2"]);
    expect([group?.firstSeen, group?.lastSeen]).toEqual(["2026-02-01T00:00:00Z", "2026-05-01T00:00:00Z"]);
    expect(folded.nodes.has("w1") || folded.nodes.has("w2")).toBe(false);
    const toShop = [...folded.edges.values()].filter((e) => e.target === "shop");
    expect(toShop).toHaveLength(1); // two DELIVERED_TO edges became one
    expect(toShop[0]).toMatchObject({ source: "group:kind:Waybill", sightings: 4, sourceCount: 2 });
    expect(folded.edges.size).toBe(5);
    expect(collapse(picture, [], "shop")).toBe(picture); // nothing folded: the same view
  });

  it("drops edges inside a group, never folds the start, and needs two members", () => {
    const phones = collapse(picture, kindGroups(picture, new Set(["Phone"]), () => "电话"), "shop");
    expect([...phones.edges.values()].some((e) => e.type === "POSSIBLY_SAME_AS")).toBe(false);
    expect(phones.nodes.get("group:kind:Phone")?.masked).toBe(true);
    const shops = collapse(picture, kindGroups(picture, new Set(["Shop"]), () => "店铺"), "shop");
    expect(shops.nodes.has("shop")).toBe(true); // the start stays itself
    const ring = { id: "ring:r1", kind: "Ring", caption: "团伙 1", members: new Set(["p1", "w1", "elsewhere"]) };
    const both = collapse(picture, [ring, ...kindGroups(picture, new Set(["Waybill"]), () => "运单")], "shop");
    expect(both.nodes.get("group:ring:r1")?.members).toEqual(["w1", "p1"]); // a ring goes first
    expect(both.nodes.has("group:kind:Waybill")).toBe(false); // one waybill left: not folded
    expect(both.nodes.has("w2")).toBe(true);
  });
});

describe("SVG export", () => {
  it("draws nodes where the canvas put them, with escaped captions and arrowed edges", () => {
    const text = toSVG(
      [
        { id: "a", caption: "<鞋店>", colour: "#237804", x: 0, y: 0, size: 22, group: false },
        { id: "b", caption: "电话 ×2", colour: "#0958d9", x: 100, y: 50, size: 30, group: true },
      ],
      [{ source: "a", target: "b", label: "HAS_PHONE" }],
      "关系图",
    );
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.getAttribute("viewBox")).toBe("-40 -40 180 144");
    expect(doc.getElementsByTagName("circle")).toHaveLength(1);
    expect(doc.getElementsByTagName("rect")).toHaveLength(2); // background and the group
    expect(doc.getElementsByTagName("line")[0]?.getAttribute("marker-end")).toBe("url(#arrow)");
    expect(text).toContain("&#60;鞋店&#62;");
    expect(doc.getElementsByTagName("title")[0]?.textContent).toBe("关系图");
  });
});
