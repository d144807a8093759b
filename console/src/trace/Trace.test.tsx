import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen, type Sent } from "../test/render";
import { TraceScreen } from "./Trace";

const node = (id: string, kind: string, caption: string, hops: number) => ({ id, kind, caption, regions: [], hops, firstSeen: null, lastSeen: null });
const edge = (source: string, type: string, target: string) => ({ source, target, type, sightings: 4, sourceCount: 2, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-02-01T00:00:00Z" });

const VIEW = {
  direction: "UPSTREAM",
  start: "shop",
  nodes: [node("shop", "Shop", "鞋店", 0), node("ph", "Phone", "180****9146", 1)],
  edges: [edge("shop", "HAS_PHONE", "ph")],
  candidates: [{ id: "ph", score: 0.59, role: "workshop", paths: [[0]] }],
};
const place = (code: string, name: string) => ({ code, fullName: name, bureau: { code, name: `${name}局` } });

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

  it("opens a joint case from the trace, showing the proposal before anything is written", async () => {
    const sent: Sent[] = [];
    const client = answering(
      {
        TraceView: { data: { traceView: VIEW } },
        TraceProposal: {
          data: {
            traceProposedCase: {
              level: "national", major: true, supervise: true, reasons: ["生产地主办", "跨省重大：报总局"],
              lead: place("350304", "荔城区"), coordinators: [place("100000", "总局")], notify: [place("310101", "黄浦区")],
              participants: [{ roles: ["production"], region: { code: "350304", fullName: "福建省莆田市荔城区" } }],
            },
          },
        },
        CaseFromTrace: {
          data: { createJointCaseFromTrace: { id: "jc-7", title: "溯源案", status: "PROPOSED", routingReasons: ["生产地主办"], lead: { code: "350304", name: "荔城区局" }, participants: [] } },
        },
      },
      sent,
    );
    renderScreen(<TraceScreen />, { client, path: "/trace/shop", route: "/trace/:id" });
    await userEvent.click(await screen.findByTestId("trace-to-case"));
    const proposed = await screen.findByTestId("proposed-case");
    expect(proposed.textContent).toContain("全国");
    expect(proposed.textContent).toContain("黄浦区局");
    expect(proposed.textContent).toContain("跨省重大：报总局");
    expect(sent.map((s) => s.name)).not.toContain("CaseFromTrace");
    await userEvent.type(screen.getByRole("textbox", { name: "案件名称" }), "溯源案");
    await userEvent.click(screen.getByRole("button", { name: "建立案件" }));
    expect((await screen.findByTestId("routing-reasons")).textContent).toContain("荔城区局");
    expect(sent.find((s) => s.name === "CaseFromTrace")?.variables).toEqual({ id: "shop", title: "溯源案" });
  });

  it("offers no joint case for a sales network", async () => {
    const client = answering({ TraceView: { data: { traceView: { ...VIEW, direction: "DOWNSTREAM" } } } });
    renderScreen(<TraceScreen />, { client, path: "/trace/shop?direction=DOWNSTREAM", route: "/trace/:id" });
    expect(await screen.findByTestId("candidates")).toBeTruthy();
    expect(screen.queryByTestId("trace-to-case")).toBeNull();
  });
});
