import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen } from "../test/render";
import { TraceScreen } from "./Trace";

const node = (id: string, kind: string, caption: string, hops: number) => ({ id, kind, caption, regions: [], hops, firstSeen: null, lastSeen: null });
const edge = (source: string, type: string, target: string) => ({ source, target, type, sightings: 4, sourceCount: 2, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-02-01T00:00:00Z" });

describe("trace", () => {
  it("ranks candidates and lists every hop of the chosen evidence path from the start", async () => {
    const client = answering({
      TraceView: {
        data: {
          traceView: {
            direction: "UPSTREAM",
            start: "shop",
            nodes: [node("shop", "Shop", "鞋店", 0), node("addr", "Address", "郑州市****", 1), node("wb", "Waybill", "ZTO:1", 2), node("ph", "Phone", "180****9146", 3)],
            edges: [edge("shop", "SHIPS_FROM", "addr"), edge("wb", "DELIVERED_TO", "addr"), edge("wb", "SENT_BY", "ph")],
            candidates: [{ id: "ph", score: 0.59, role: "workshop", paths: [[0, 1, 2], [0]] }],
          },
        },
      },
    });
    renderScreen(<TraceScreen />, { client, path: "/trace/shop", route: "/trace/:id" });
    const table = await screen.findByTestId("candidates");
    expect(table.textContent).toContain("180****9146");
    expect(table.textContent).toContain("workshop");
    const hops = within(screen.getByTestId("hops")).getAllByRole("listitem");
    expect(hops.map((h) => h.textContent?.split(" 出现")[0])).toEqual([
      "鞋店 —SHIPS_FROM→ 郑州市****",
      "郑州市**** ←DELIVERED_TO— ZTO:1",
      "ZTO:1 —SENT_BY→ 180****9146",
    ]);
    expect(hops[0]?.textContent).toContain("出现 4 次，来源 2 条");
    await userEvent.click(screen.getAllByTestId("evidence-path")[1]!);
    expect(within(screen.getByTestId("hops")).getAllByRole("listitem")).toHaveLength(1);
  });
});
