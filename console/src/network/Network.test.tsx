import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen, type Sent } from "../test/render";
import { Network } from "./Network";

const node = (id: string, kind: string, caption: string, hops: number, seen: string | null = null) => ({
  id, kind, caption, masked: false, regions: ["350304"], firstSeen: seen, lastSeen: seen, sightings: 1, hops,
});
const edge = (source: string, type: string, target: string) => ({ source, target, type, sightings: 1, sourceCount: 1, firstSeen: null, lastSeen: null });

const VIEW = {
  graphView: {
    start: "shop",
    truncated: false,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: [
      node("shop", "Shop", "鞋店", 0, "2026-01-01T00:00:00Z"),
      node("p1", "Phone", "138****0001", 1, "2026-02-01T00:00:00Z"),
      node("p2", "Phone", "138****0002", 1, "2026-03-01T00:00:00Z"),
      node("a1", "Address", "莆田市****", 1, "2026-03-01T00:00:00Z"),
    ],
    edges: [edge("shop", "HAS_PHONE", "p1"), edge("shop", "HAS_PHONE", "p2"), edge("shop", "SHIPS_FROM", "a1")],
  },
};
const RINGS = { rings: { edges: [{ node: { id: "ring-a", size: 5, members: { edges: [{ node: { id: "p2" } }, { node: { id: "a1" } }, { node: { id: "far" } }] } } }] } };

const rows = () => within(screen.getByTestId("node-list")).getAllByRole("row").slice(1).map((r) => r.textContent ?? "");

async function choose(label: string, option: string) {
  await userEvent.click(screen.getByRole("combobox", { name: label }));
  await userEvent.click(await screen.findByText(option, { selector: ".ant-select-item-option-content" }));
  await userEvent.keyboard("{Escape}");
}

describe("network picture", () => {
  it("collapses a kind into one node and expands it back", async () => {
    renderScreen(<Network startId="shop" />, { client: answering({ GraphView: { data: VIEW } }) });
    await screen.findByText("138****0001");
    expect(rows()).toHaveLength(4);
    await choose("按类型合并", "电话");
    expect(rows()).toHaveLength(3);
    expect(rows().some((r) => r.includes("电话 ×2"))).toBe(true);
    expect(screen.queryByText("138****0001")).toBeNull();
    await userEvent.click(screen.getByTestId("expand-group"));
    expect(rows()).toHaveLength(4);
    expect(screen.getByText("138****0001")).toBeTruthy();
  });

  it("loads rings only when asked, and folds a ring's members in the picture", async () => {
    const sent: Sent[] = [];
    renderScreen(<Network startId="shop" />, { client: answering({ GraphView: { data: VIEW }, RingGroups: { data: RINGS } }, sent) });
    await screen.findByText("138****0001");
    expect(sent.map((s) => s.name)).not.toContain("RingGroups");
    await choose("按团伙合并", "团伙 1（图中 2 个成员）");
    expect(rows().some((r) => r.includes("团伙 1 ×2"))).toBe(true);
    expect(rows()).toHaveLength(3);
  });

  it("shows the time window over first/last seen", async () => {
    renderScreen(<Network startId="shop" />, { client: answering({ GraphView: { data: VIEW } }) });
    await screen.findByText("138****0001");
    const window = screen.getByTestId("time-window");
    expect(within(window).getAllByRole("slider")).toHaveLength(2);
    expect(screen.getByTestId("time-shown").textContent).toContain("显示 4 个节点");
  });
});
