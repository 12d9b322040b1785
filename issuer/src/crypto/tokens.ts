import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new API token: `avl_` and 32 random bytes, base64url. Shown once; only its hash is kept. */
export function generateApiToken(): string {
  return `avl_${randomBytes(32).toString("base64url")}`;
}

/** Hex SHA-256: tokens are random and long, so a plain hash is enough (no salt needed). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEquals(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

/** A random URL-safe id (offer ids, challenges). */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}
