import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { daysLeft } from "../app/common";
import { answering, renderScreen } from "../test/render";
import { CaseBoard, progress } from "./CaseBoard";
import { CaseDetail, dueIso } from "./CaseDetail";

const bureau = (code: string, name: string) => ({ code, name });
const task = (id: string, status: string, due: string) => ({
  id,
  kind: "INVESTIGATE",
  title: `任务${id}`,
  due,
  status,
  assignee: "",
  result: null,
  bureau: bureau("330327", "苍南县市场监督管理局"),
});

describe("case board", () => {
  it("computes progress over tasks not cancelled, and days left", () => {
    const tasks = (statuses: string[]) => ({ tasks: { edges: statuses.map((status) => ({ node: { id: status, status, due: null } })) } });
    expect(progress(tasks(["DONE", "OPEN", "CANCELLED"]) as never)).toBe(50);
    expect(progress(tasks([]) as never)).toBe(0);
    expect(daysLeft("2030-01-03T00:00:00Z", Date.parse("2030-01-01T00:00:00Z"))).toBe(2);
    expect(daysLeft("2029-12-30T00:00:00Z", Date.parse("2030-01-01T00:00:00Z"))).toBe(-2);
    expect(dueIso("2030-01-05")).toMatch(/^2030-01-05T/);
  });

  it("puts cases in their status column", async () => {
    const card = (id: string, status: string) => ({
      id,
      title: `案件${id}`,
      status,
      relation: "LEAD",
      major: true,
      supervised: id === "2",
      coordinationLevel: "NATIONAL",
      jointActionAt: null,
      lead: bureau("350304", "荔城区市场监督管理局"),
      participants: [bureau("330327", "苍南县市场监督管理局")],
      tasks: { totalCount: 0, edges: [] },
    });
    const client = answering({ JointCases: { data: { jointCases: { edges: [{ node: card("1", "OPEN") }, { node: card("2", "PROPOSED") }] } } } });
    renderScreen(<CaseBoard />, { client, path: "/cases" });
    const open = await screen.findByRole("region", { name: /办理中/ });
    expect(open.textContent).toContain("案件1");
    expect(screen.getByRole("region", { name: /拟立案/ }).textContent).toContain("挂牌督办");
  });

  it("shows overdue tasks in red and the tasks of each bureau", async () => {
    const client = answering({
      JointCase: {
        data: {
          jointCase: {
            id: "jc1",
            title: "莆田鞋类链条",
            status: "OPEN",
            statusReason: "",
            relation: "LEAD",
            major: false,
            supervised: false,
            summary: "",
            coordinationLevel: "NATIONAL",
            routingReasons: ["生产地（莆田市荔城区）主办"],
            createdAt: null,
            openedAt: null,
            jointActionAt: null,
            lead: bureau("350304", "荔城区市场监督管理局"),
            coordinators: [],
            participants: [bureau("330327", "苍南县市场监督管理局")],
            tasks: { totalCount: 2, edges: [{ node: task("1", "OVERDUE", "2020-01-01T00:00:00Z") }, { node: task("2", "OPEN", "2099-01-01T00:00:00Z") }] },
            comments: [],
            evidenceTransfers: [],
            policeTransfers: [],
            supervisions: [],
          },
        },
      },
    });
    renderScreen(<CaseDetail />, { client, path: "/cases/jc1", route: "/cases/:id" });
    const tasks = await screen.findByTestId("tasks");
    expect(tasks.textContent).toContain("任务1");
    const overdue = screen.getByText(/已逾期 \d+ 天/);
    expect(overdue.getAttribute("style") ?? "").toMatch(/168, 7, 26|#a8071a/i); // TONE.danger
    expect(screen.getByText("生产地（莆田市荔城区）主办")).toBeTruthy();
  });
});
