import { createHash, randomBytes } from "node:crypto";
import type { CookieOptions } from "hono/utils/cookie";

/**
 * Options of every cookie that carries a session or pre-session id: HttpOnly, SameSite=Lax,
 * Path=/, Secure when the service is served over https.
 */
export function sessionCookieOptions(secure: boolean, maxAgeSeconds?: number): CookieOptions {
  const options: CookieOptions = { httpOnly: true, sameSite: "Lax", path: "/", secure };
  if (maxAgeSeconds !== undefined) options.maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return options;
}

/** A cookie's name, with the `__Host-` prefix when secure (host-only, Path=/, Secure). */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

/** A random token for cookies and one-time links: 256 bits, base64url (43 characters). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** How session ids and one-time tokens are stored: hex SHA-256 (a leaked table opens nothing). */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a cookie value looks like a `randomToken()` (anything else is ignored unread). */
export function isRandomToken(value: string | undefined): value is string {
  return value !== undefined && /^[\w-]{43}$/.test(value);
}
