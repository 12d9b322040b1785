import { createHash, timingSafeEqual } from "node:crypto";
import type { JsonObject } from "@avala/credentials";

/** How an OB 2.0 `recipient` compares with an e-mail address. */
export type RecipientMatch = "match" | "no-match" | "not-email" | "unreadable";

function digest(algorithm: "sha256" | "md5", text: string): Buffer {
  return createHash(algorithm).update(text, "utf8").digest();
}

/**
 * Compares an OB 2.0 recipient identity object with `email`: `sha256$hex` or `md5$hex` of the
 * address followed by the `salt`, or the address itself when `hashed` is false. The address is
 * tried as given and in lower case (issuers hash it either way).
 */
export function matchRecipient(recipient: unknown, email: string): RecipientMatch {
  if (typeof recipient !== "object" || recipient === null || Array.isArray(recipient)) {
    return "unreadable";
  }
  const r = recipient as JsonObject;
  if (r.type !== undefined && r.type !== "email") return "not-email";
  if (typeof r.identity !== "string" || r.identity.length > 1000) return "unreadable";
  const salt = typeof r.salt === "string" ? r.salt : "";
  const candidates = [...new Set([email.trim(), email.trim().toLowerCase()])];
  if (r.hashed !== true) {
    const identity = r.identity.trim().toLowerCase();
    return candidates.some((c) => c.toLowerCase() === identity) ? "match" : "no-match";
  }
  const hashed = /^(sha256|md5)\$([0-9a-fA-F]+)$/.exec(r.identity.trim());
  if (!hashed) return "unreadable";
  const algorithm = hashed[1] as "sha256" | "md5";
  const expected = Buffer.from(hashed[2]!.toLowerCase(), "hex");
  for (const candidate of candidates) {
    const actual = digest(algorithm, candidate + salt);
    if (actual.byteLength === expected.byteLength && timingSafeEqual(actual, expected)) {
      return "match";
    }
  }
  return "no-match";
}

/** A recipient object for `email`, hashed with sha256 and `salt` (for fixtures and tests). */
export function hashedRecipient(email: string, salt: string): JsonObject {
  const identity = `sha256$${createHash("sha256")
    .update(email + salt)
    .digest("hex")}`;
  return { type: "email", hashed: true, salt, identity };
}
