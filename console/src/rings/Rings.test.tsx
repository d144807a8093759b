import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen, type Sent } from "../test/render";
import { RingsScreen } from "./Rings";

const member = (id: string, region: string) => ({ id, kind: "Phone", caption: `1**${id}`, regions: [{ code: "1", fullName: region }] });

describe("rings", () => {
  it("turns a ring into a joint case and shows who leads and why", async () => {
    const sent: Sent[] = [];
    const client = answering(
      {
        Rings: {
          data: {
            rings: {
              edges: [{ node: { id: "ring:1", size: 2, score: 0.9, reason: "shared phones", members: { edges: [{ node: member("a", "福建省莆田市荔城区") }, { node: member("b", "浙江省温州市苍南县") }] } } }],
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
    await userEvent.type(screen.getByRole("textbox", { name: "案件名称" }), "团伙案");
    await userEvent.click(screen.getByRole("button", { name: "建立案件" }));
    expect((await screen.findByTestId("routing-reasons")).textContent).toContain("生产地主办");
    expect(sent.find((s) => s.name === "CaseFromRing")?.variables).toEqual({ ringId: "ring:1", title: "团伙案" });
  });

  it("says when no ring is in scope", async () => {
    renderScreen(<RingsScreen />, { client: answering({ Rings: { data: { rings: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } }), path: "/rings" });
    expect(await screen.findByText("本局辖区内没有发现团伙")).toBeTruthy();
  });
});
