// OIDC sign-in (authorization code with PKCE, RFC 7636) for a public client: the hub says
// where the issuer's authorization endpoint is (GET /api/signin); the browser makes a
// verifier, its S256 challenge and a state, keeps them in this tab's session storage and
// goes to the issuer; back on /signin/callback it checks the state and has the hub
// exchange the code (POST /api/signin/token), so the page talks only to the hub. The
// token comes back in a JSON body and is kept like a pasted one (session.ts); the code
// leaves the address bar as soon as the callback has read it.

export interface OidcMethod {
  issuer: string;
  authorizeUrl: string;
  clientId: string;
  scope: string;
  callbackPath: string;
}

export interface SigninMethods {
  localTokens: boolean;
  oidc: OidcMethod | null;
}

interface Pending {
  state: string;
  verifier: string;
  redirectUri: string;
  next: string;
}

const PENDING = "cluehub.oidc";

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `bytes` random bytes as base64url (a verifier of 32 bytes has 43 characters). */
export function randomText(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The issuer's authorization URL for this sign-in. */
export function authorizeUrl(method: OidcMethod, state: string, challenge: string, redirectUri: string): string {
  const url = new URL(method.authorizeUrl);
  const params: Record<string, string> = {
    response_type: "code",
    client_id: method.clientId,
    redirect_uri: redirectUri,
    scope: method.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** How this hub lets people sign in (null when it does not say: an older hub). */
export async function loadMethods(fetcher: typeof fetch = fetch): Promise<SigninMethods | null> {
  try {
    const response = await fetcher("/api/signin", { headers: { accept: "application/json" } });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<SigninMethods>;
    if (typeof body.localTokens !== "boolean") return null;
    const oidc = body.oidc;
    const usable = oidc && typeof oidc.authorizeUrl === "string" && typeof oidc.clientId === "string";
    return { localTokens: body.localTokens, oidc: usable ? oidc : null };
  } catch {
    return null;
  }
}

/** Start a sign-in: remember state and verifier for the callback, give the URL to go to. */
export async function begin(method: OidcMethod, next: string, origin: string = window.location.origin): Promise<string> {
  const pending: Pending = {
    state: randomText(16),
    verifier: randomText(32),
    redirectUri: origin + method.callbackPath,
    next,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  return authorizeUrl(method, pending.state, await challengeOf(pending.verifier), pending.redirectUri);
}

/** A sign-in that did not finish: the issuer's or the hub's words, or a stale callback. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly stale = false,
  ) {
    super(message);
  }
}

/**
 * Finish a sign-in from the callback's query string: the token and where to go next.
 * The pending state is used once, whatever happens.
 */
export async function finish(query: URLSearchParams, fetcher: typeof fetch = fetch): Promise<{ token: string; next: string }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const refused = query.get("error");
  if (refused) throw new SignInError(query.get("error_description") || refused);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  const code = query.get("code");
  if (!pending || !code || query.get("state") !== pending.state) {
    throw new SignInError("the callback does not belong to a sign-in started in this tab", true);
  }
  const response = await fetcher("/api/signin/token", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ code, codeVerifier: pending.verifier, redirectUri: pending.redirectUri }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; detail?: string };
  if (!response.ok || !body.token) throw new SignInError(body.detail ?? `HTTP ${response.status}`);
  return { token: body.token, next: pending.next };
}
