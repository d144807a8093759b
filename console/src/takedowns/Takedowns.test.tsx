import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { answering, renderScreen } from "../test/render";
import { TakedownsScreen } from "./Takedowns";

describe("takedowns", () => {
  it("shows each listing's answer and the time to removal", async () => {
    const client = answering({
      Takedowns: {
        data: {
          takedownNotices: [
            {
              id: "t1",
              platform: "taobao",
              reason: "商标侵权",
              issuedAt: "2026-01-01T00:00:00Z",
              caseId: null,
              from: { name: "荔城区局" },
              results: [{ action: "REMOVED", actedAt: null, timeToRemovalHours: 5, listing: { id: "l1", caption: "Puma 板鞋" } }],
              removalTimes: { answered: 1, removed: 1, medianHours: 5 },
            },
          ],
          repeatAlerts: [],
        },
      },
    });
    renderScreen(<TakedownsScreen />, { client, path: "/takedowns" });
    expect(await screen.findByText("Puma 板鞋: REMOVED")).toBeTruthy();
    expect(screen.getByText("5")).toBeTruthy();
  });
});
