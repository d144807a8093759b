import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { answering, renderScreen, type Sent } from "../test/render";
import { AttentionScreen, byDue } from "./Attention";

const item = (ref: string, due: string | null) => ({ kind: "TASK" as const, ref, title: ref, due, overdue: false, caseId: null });
const notification = {
  id: "n1",
  status: "SENT",
  message: "请核查",
  deadline: "2030-01-01T00:00:00Z",
  overdue: false,
  caseId: null,
  from: { code: "100000", name: "国家市场监督管理总局" },
  clue: null,
  reply: null,
};

describe("attention inbox", () => {
  it("sorts by due date, undated last", () => {
    expect(byDue([item("c", null), item("b", "2030-02-01T00:00:00Z"), item("a", "2030-01-01T00:00:00Z")]).map((i) => i.ref)).toEqual(["a", "b", "c"]);
  });

  it("replies to a notification and shows the hub's refusal", async () => {
    const sent: Sent[] = [];
    const client = answering(
      {
        Attention: { data: { attention: [item("核查网店", "2030-01-01T00:00:00Z")], notifications: [notification] } },
        Reply: { errors: [{ message: "a decline needs a reason (text)" }] },
      },
      sent,
    );
    renderScreen(<AttentionScreen />, { client, path: "/attention" });
    const list = await screen.findByTestId("notifications");
    await userEvent.type(within(list).getByRole("textbox", { name: "回复内容" }), "已接收");
    await userEvent.click(within(list).getByRole("button", { name: /回\s*复/ }));
    expect(await screen.findByText("a decline needs a reason (text)")).toBeTruthy();
    expect(sent.find((s) => s.name === "Reply")?.variables).toEqual({ id: "n1", kind: "ACCEPT", text: "已接收" });
    expect(screen.getByTestId("attention-items").textContent).toContain("核查网店");
  });

  it("says when nothing needs the bureau", async () => {
    renderScreen(<AttentionScreen />, { client: answering({ Attention: { data: { attention: [], notifications: [] } } }), path: "/attention" });
    expect(await screen.findByText("没有待办事项")).toBeTruthy();
  });
});
