import { createHash } from "node:crypto";
import type { RateLimitStore } from "@avala/http-middleware";
import type { Kysely } from "kysely";
import { deleteEndedRateLimits, hitRateLimit } from "../db/repositories/rate-limits.js";
import type { IssuerTables } from "../db/schema.js";

/** How often (in hits) a store deletes the windows that ended, keeping the table small. */
const SWEEP_EVERY = 500;

/**
 * Rate-limit windows in the issuer's database (`issuer_rate_limit`), so every issuer process
 * counts the same requests (PostgreSQL). `scope` names the limiter (each counts on its own);
 * the key (a client address) is stored as its SHA-256.
 */
export function createDatabaseRateLimitStore(
  db: Kysely<IssuerTables>,
  scope: string,
): RateLimitStore {
  let hits = 0;
  return {
    async hit(key, at, windowMs) {
      if (++hits % SWEEP_EVERY === 0) await deleteEndedRateLimits(db, at);
      const keyHash = createHash("sha256").update(key).digest("base64url");
      return hitRateLimit(db, { scope, keyHash, at, windowMs });
    },
  };
}
