// Where to go after signing in: a path of this console only (never another site, never
// back to the sign-in itself).
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/signin") ? next : "/search";
}
