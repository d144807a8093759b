import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen, type Sent } from "../test/render";
import { RingsScreen } from "./Rings";

const member = (id: string, region: string) => ({ id, kind: "Phone", caption: `1**${id}`, regions: [{ code: "1", fullName: region }] });

const region = (code: string, name: string) => ({ code, fullName: name, bureau: { code, name: `${name}市场监管局` } });
const PROPOSED = {
  level: "inter_provincial",
  major: true,
  supervise: true,
  reasons: ["生产地在福建省莆田市荔城区：由其主办", "跨省：由涉及的省局协调"],
  lead: region("350304", "荔城区"),
  coordinators: [region("350000", "福建省"), region("330000", "浙江省")],
  notify: [region("330327", "苍南县")],
  participants: [
    { roles: ["production"], region: { code: "350304", fullName: "福建省莆田市荔城区" } },
    { roles: ["storage", "sale"], region: { code: "330327", fullName: "浙江省温州市苍南县" } },
  ],
};

describe("rings", () => {
  it("shows who would lead, coordinate and be notified, and why, before the case is opened", async () => {
    const sent: Sent[] = [];
    const client = answering(
      {
        Rings: {
          data: {
            rings: {
              edges: [{ node: { id: "ring:1", size: 2, score: 0.9, reason: "shared phones", platforms: [{ name: "taobao", count: 2 }], brands: [], sources: [{ role: "workshop" }], proposedCase: PROPOSED, members: { edges: [{ node: member("a", "福建省莆田市荔城区") }, { node: member("b", "浙江省温州市苍南县") }] } } }],
              pageInfo: { hasNextPage: false, endCursor: null },
            },
          },
        },
        CaseFromRing: {
          data: {
            createJointCaseFromRing: {
              id: "jc-9",
              title: "团伙案",
              status: "PROPOSED",
              routingReasons: ["生产地主办"],
              lead: { code: "350304", name: "荔城区局" },
              participants: [{ code: "330327", name: "苍南县局" }],
            },
          },
        },
      },
      sent,
    );
    renderScreen(<RingsScreen />, { client, path: "/rings" });
    expect((await screen.findByTestId("ring")).textContent).toContain("浙江省温州市苍南县");
    await userEvent.click(screen.getByTestId("ring-to-case"));
    const proposed = await screen.findByTestId("proposed-case");
    for (const text of ["跨省", "荔城区市场监管局", "福建省市场监管局", "苍南县市场监管局", "仓储", "重大", "挂牌督办", "由其主办"]) {
      expect(proposed.textContent).toContain(text);
    }
    expect(sent.some((s) => s.name === "CaseFromRing")).toBe(false); // nothing opened yet
    await userEvent.type(screen.getByRole("textbox", { name: "案件名称" }), "团伙案");
    await userEvent.click(screen.getByRole("button", { name: "建立案件" }));
    expect((await screen.findByTestId("routing-reasons")).textContent).toContain("生产地主办");
    expect(sent.find((s) => s.name === "CaseFromRing")?.variables).toEqual({ ringId: "ring:1", title: "团伙案" });
  });

  it("says when the rules propose no joint case for a ring", async () => {
    const ring = { id: "ring:2", size: 3, score: 0.5, reason: null, platforms: [], brands: [], sources: [], proposedCase: null, members: { edges: [{ node: member("a", "福建省莆田市荔城区") }] } };
    const client = answering({ Rings: { data: { rings: { edges: [{ node: ring }], pageInfo: { hasNextPage: false, endCursor: null } } } } });
    renderScreen(<RingsScreen />, { client, path: "/rings" });
    await userEvent.click(await screen.findByTestId("ring-to-case"));
    expect((await screen.findByTestId("proposed-case-none")).textContent).toContain("只在一个县区内");
  });

  it("says when no ring is in scope", async () => {
    renderScreen(<RingsScreen />, { client: answering({ Rings: { data: { rings: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } }), path: "/rings" });
    expect(await screen.findByText("本局辖区内没有发现团伙")).toBeTruthy();
  });
});
