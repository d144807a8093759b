// The bearer token of this browser tab: in memory and sessionStorage (gone when the
// tab closes), never in a URL. The claims are only read for display and expiry; the
// hub verifies the token on every request.
const KEY = "cluehub.token";

export interface Claims {
  sub: string;
  name: string;
  bureau: string;
  role: string;
  exp: number | null;
}

let current: string | null = null;

function decodePart(part: string): unknown {
  const base = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base + "=".repeat((4 - (base.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a JWT, or null when it is not one (the hub decides validity). */
export function readClaims(token: string): Claims | null {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const body = decodePart(parts[1]) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    return {
      sub: text(body.sub),
      name: text(body.name) || text(body.sub),
      bureau: text(body.bureau),
      role: text(body.role),
      exp: typeof body.exp === "number" ? body.exp : null,
    };
  } catch {
    return null;
  }
}

export function isExpired(claims: Claims, nowMs: number = Date.now()): boolean {
  return claims.exp !== null && claims.exp * 1000 <= nowMs;
}

export function loadToken(): string | null {
  if (current) return current;
  try {
    current = sessionStorage.getItem(KEY);
  } catch {
    current = null;
  }
  return current;
}

export function saveToken(token: string): void {
  current = token;
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // storage refused (private mode): the token stays in memory for this tab
  }
}

export function clearToken(): void {
  current = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
