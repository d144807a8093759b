import { afterEach, describe, expect, it, vi } from "vitest";
import { authorizeUrl, begin, challengeOf, finish, loadMethods, randomText, SignInError, type OidcMethod } from "./oidc";

const METHOD: OidcMethod = {
  issuer: "https://sso.samr.example/realms/enforcement",
  authorizeUrl: "https://sso.samr.example/realms/enforcement/protocol/openid-connect/auth?kc_idp_hint=samr",
  clientId: "cluehub-console",
  scope: "openid profile",
  callbackPath: "/signin/callback",
};

afterEach(() => sessionStorage.clear());

function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetcher = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe("PKCE", () => {
  it("computes the S256 challenge of RFC 7636's example verifier", async () => {
    expect(await challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("makes verifiers of 43 unreserved characters, different each time", () => {
    const a = randomText(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomText(32)).not.toBe(a);
  });

  it("builds the authorization URL with every parameter, keeping the issuer's own", () => {
    const url = new URL(authorizeUrl(METHOD, "st", "ch", "https://hub.example/signin/callback"));
    expect(url.origin + url.pathname).toBe("https://sso.samr.example/realms/enforcement/protocol/openid-connect/auth");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kc_idp_hint: "samr",
      response_type: "code",
      client_id: "cluehub-console",
      redirect_uri: "https://hub.example/signin/callback",
      scope: "openid profile",
      state: "st",
      code_challenge: "ch",
      code_challenge_method: "S256",
    });
  });
});

describe("a sign-in round trip", () => {
  it("sends the verifier whose challenge went to the issuer, once", async () => {
    const url = new URL(await begin(METHOD, "/cases", "https://hub.example"));
    const state = url.searchParams.get("state") ?? "";
    const { calls, fetcher } = answering(200, { token: "h.p.s" });
    const done = await finish(new URLSearchParams({ code: "c0de", state }), fetcher);
    expect(done).toEqual({ token: "h.p.s", next: "/cases" });
    const sent = JSON.parse(String(calls[0]?.init?.body)) as { code: string; codeVerifier: string; redirectUri: string };
    expect(calls[0]?.url).toBe("/api/signin/token");
    expect(sent.code).toBe("c0de");
    expect(sent.redirectUri).toBe("https://hub.example/signin/callback");
    expect(await challengeOf(sent.codeVerifier)).toBe(url.searchParams.get("code_challenge"));
    // the pending sign-in is used up: the same callback again is stale
    await expect(finish(new URLSearchParams({ code: "c0de", state }), fetcher)).rejects.toMatchObject({ stale: true });
  });

  it("refuses a callback whose state is not this tab's", async () => {
    await begin(METHOD, "/search", "https://hub.example");
    const { calls, fetcher } = answering(200, { token: "x" });
    const error = await finish(new URLSearchParams({ code: "c", state: "forged" }), fetcher).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).stale).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it("shows the issuer's error and the hub's refusal as they were said", async () => {
    await begin(METHOD, "/search");
    await expect(finish(new URLSearchParams({ error: "access_denied", error_description: "用户取消" }))).rejects.toThrow("用户取消");
    const url = new URL(await begin(METHOD, "/search"));
    const { fetcher } = answering(401, { detail: "the hub refuses the identity provider's token: the bearer token lacks the 'bureau' claim" });
    await expect(finish(new URLSearchParams({ code: "c", state: url.searchParams.get("state") ?? "" }), fetcher)).rejects.toThrow("lacks the 'bureau' claim");
  });
});

describe("sign-in methods", () => {
  it("reads the hub's answer and treats anything else as the token form only", async () => {
    expect(await loadMethods(answering(200, { localTokens: false, oidc: METHOD }).fetcher)).toEqual({ localTokens: false, oidc: METHOD });
    expect(await loadMethods(answering(404, { detail: "Not Found" }).fetcher)).toBeNull();
    expect(await loadMethods(answering(200, { data: {} }).fetcher)).toBeNull();
    const broken = vi.fn(async () => {
      throw new TypeError("network");
    }) as unknown as typeof fetch;
    expect(await loadMethods(broken)).toBeNull();
  });
});
