import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { begin } from "../auth/oidc";
import { renderScreen } from "../test/render";
import { answering } from "../test/render";
import { SignInCallback } from "./Callback";
import { navigation, SignIn } from "./SignIn";

const OIDC = {
  issuer: "https://sso.samr.example/realms/enforcement",
  authorizeUrl: "https://sso.samr.example/auth",
  clientId: "cluehub-console",
  scope: "openid",
  callbackPath: "/signin/callback",
};

/** fetch answering by path, as the hub would; records what was asked. */
function hubRoutes(routes: Record<string, { status?: number; body: object }>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const answer = routes[url] ?? { status: 404, body: { detail: "Not Found" } };
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { "content-type": "application/json" } });
  });
  return calls;
}

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
    await userEvent.type(await screen.findByTestId("token-input"), "a.b.c");
    await userEvent.click(screen.getByRole("button", { name: /登\s*录/ }));
    expect(await screen.findByText("the bearer token has expired; get a new one")).toBeTruthy();
    const asked = calls.map((c) => (c.headers as Record<string, string> | undefined)?.authorization);
    expect(asked).toContain("Bearer a.b.c");
    expect(sessionStorage.getItem("cluehub.token")).toBeNull();
  });

  it("keeps an accepted token in session storage, never in the URL", async () => {
    hubAnswers({ data: { me: { sub: "lin", name: "lin", role: "investigator", bureau: { code: "350300", name: "莆田" } } } });
    renderScreen(<SignIn />, { client: answering({}), path: "/signin" });
    await userEvent.type(await screen.findByTestId("token-input"), "x.y.z");
    await userEvent.click(screen.getByRole("button", { name: /登\s*录/ }));
    await vi.waitFor(() => expect(sessionStorage.getItem("cluehub.token")).toBe("x.y.z"));
    expect(window.location.href).not.toContain("x.y.z");
  });

  it("offers the identity provider when the hub has OIDC, and goes there with a PKCE challenge", async () => {
    hubRoutes({ "/api/signin": { body: { localTokens: false, oidc: OIDC } } });
    const go = vi.spyOn(navigation, "go").mockImplementation(() => {});
    renderScreen(<SignIn />, { client: answering({}), path: "/signin?next=%2Fcases" });
    await userEvent.click(await screen.findByTestId("oidc-signin"));
    await vi.waitFor(() => expect(go).toHaveBeenCalledOnce());
    const url = new URL(String(go.mock.calls[0]?.[0]));
    expect(url.origin + url.pathname).toBe("https://sso.samr.example/auth");
    expect(url.searchParams.get("client_id")).toBe("cluehub-console");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toBe(`${window.location.origin}/signin/callback`);
    expect(screen.queryByTestId("token-input")).toBeNull(); // local tokens are off on this hub
    go.mockRestore();
  });

  it("shows both ways when the hub has OIDC and local tokens", async () => {
    hubRoutes({ "/api/signin": { body: { localTokens: true, oidc: OIDC } } });
    renderScreen(<SignIn />, { client: answering({}), path: "/signin" });
    expect(await screen.findByTestId("oidc-signin")).toBeTruthy();
    expect(screen.getByTestId("token-input")).toBeTruthy();
  });

  it("finishes on the callback: the hub exchanges the code, the token is kept for this tab", async () => {
    const state = new URL(await begin(OIDC, "/cases")).searchParams.get("state") ?? "";
    const calls = hubRoutes({ "/api/signin/token": { body: { token: "o.i.dc" } } });
    renderScreen(<SignInCallback />, { client: answering({}), path: `/signin/callback?code=abc&state=${state}`, route: "/signin/callback" });
    await vi.waitFor(() => expect(sessionStorage.getItem("cluehub.token")).toBe("o.i.dc"));
    expect(JSON.parse(String(calls[0]?.init?.body))).toMatchObject({ code: "abc" });
  });

  it("says when a callback is stale, keeping no token", async () => {
    hubRoutes({});
    renderScreen(<SignInCallback />, { client: answering({}), path: "/signin/callback?code=abc&state=nope", route: "/signin/callback" });
    expect((await screen.findByTestId("signin-failed")).textContent).toContain("不属于本标签页发起的登录");
    expect(sessionStorage.getItem("cluehub.token")).toBeNull();
  });
});
