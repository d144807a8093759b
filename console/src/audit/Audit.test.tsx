import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { answering, renderScreen } from "../test/render";
import { AuditScreen } from "./Audit";

describe("audit", () => {
  it("shows the hub's refusal to a role that may not read the trail", async () => {
    const client = answering({ AuditEvents: { errors: [{ message: "auditEvents needs the role supervisor or admin" }] } });
    renderScreen(<AuditScreen />, { client, path: "/audit" });
    expect(await screen.findByText("auditEvents needs the role supervisor or admin")).toBeTruthy();
  });
});
