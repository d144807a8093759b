import { describe, expect, it } from "vitest";
import { clearToken, isExpired, loadToken, readClaims, saveToken } from "./session";

const b64 = (value: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const token = (claims: object) => `${b64({ alg: "HS256" })}.${b64(claims)}.sig`;

describe("session token", () => {
  it("reads the claims it shows and knows when the token expired", () => {
    const claims = readClaims(token({ sub: "lin", name: "林", bureau: "350300", role: "investigator", exp: 100 }));
    expect(claims).toEqual({ sub: "lin", name: "林", bureau: "350300", role: "investigator", exp: 100 });
    expect(claims && isExpired(claims, 99_000)).toBe(false);
    expect(claims && isExpired(claims, 100_000)).toBe(true);
    expect(readClaims("not a token")).toBeNull();
  });

  it("keeps the token in session storage only", () => {
    saveToken("abc");
    expect(sessionStorage.getItem("cluehub.token")).toBe("abc");
    expect(localStorage.getItem("cluehub.token")).toBeNull();
    clearToken();
    expect(loadToken()).toBeNull();
  });
});
