import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderScreen } from "../test/render";
import { answering } from "../test/render";
import { SignIn } from "./SignIn";

afterEach(() => vi.unstubAllGlobals());

function hubAnswers(body: object, status = 200) {
  const calls: RequestInit[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    calls.push(init);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return calls;
}

describe("sign in", () => {
  it("checks the token with the hub and shows its refusal as it came", async () => {
    const calls = hubAnswers({ errors: [{ message: "the bearer token has expired; get a new one" }] }, 401);
    renderScreen(<SignIn />, { client: answering({}), path: "/signin?next=%2Fcases" });
    await userEvent.type(screen.getByTestId("token-input"), "a.b.c");
    await userEvent.click(screen.getByRole("button", { name: /登\s*录/ }));
    expect(await screen.findByText("the bearer token has expired; get a new one")).toBeTruthy();
    expect((calls[0]?.headers as Record<string, string>).authorization).toBe("Bearer a.b.c");
    expect(sessionStorage.getItem("cluehub.token")).toBeNull();
  });

  it("keeps an accepted token in session storage, never in the URL", async () => {
    hubAnswers({ data: { me: { sub: "lin", name: "lin", role: "investigator", bureau: { code: "350300", name: "莆田" } } } });
    renderScreen(<SignIn />, { client: answering({}), path: "/signin" });
    await userEvent.type(screen.getByTestId("token-input"), "x.y.z");
    await userEvent.click(screen.getByRole("button", { name: /登\s*录/ }));
    await vi.waitFor(() => expect(sessionStorage.getItem("cluehub.token")).toBe("x.y.z"));
    expect(window.location.href).not.toContain("x.y.z");
  });
});
