// Who is signed in, and how to sign in and out. A 401 from the hub (expired or
// revoked token) signs out and sends the person back to the sign-in page.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { clearToken, isExpired, loadToken, readClaims, saveToken, type Claims } from "./session";

export type SignOutReason = "signedOut" | "expired";

interface Auth {
  token: string | null;
  claims: Claims | null;
  reason: SignOutReason | null;
  signIn: (token: string) => void;
  signOut: (reason?: SignOutReason) => void;
}

const AuthContext = createContext<Auth | null>(null);

function initial(): string | null {
  const token = loadToken();
  if (!token) return null;
  const claims = readClaims(token);
  if (claims && isExpired(claims)) {
    clearToken();
    return null;
  }
  return token;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(initial);
  const [reason, setReason] = useState<SignOutReason | null>(null);
  const signIn = useCallback((value: string) => {
    saveToken(value.trim());
    setReason(null);
    setToken(value.trim());
  }, []);
  const signOut = useCallback((why: SignOutReason = "signedOut") => {
    clearToken();
    setReason(why);
    setToken(null);
  }, []);
  const value = useMemo<Auth>(
    () => ({ token, claims: token ? readClaims(token) : null, reason, signIn, signOut }),
    [token, reason, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}
