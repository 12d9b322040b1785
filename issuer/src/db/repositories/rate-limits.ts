import { type Kysely, sql } from "kysely";
import type { IssuerTables } from "../schema.js";

type Db = Kysely<IssuerTables>;

/**
 * Counts one request in a rate-limit window, in one statement (atomic on both engines): a new
 * window of `windowMs` from `at` when there is none or it ended, else one more in it.
 */
export async function hitRateLimit(
  db: Db,
  hit: { scope: string; keyHash: string; at: number; windowMs: number },
): Promise<{ count: number; endsAt: number }> {
  const row = await db
    .insertInto("issuer_rate_limit")
    .values({ scope: hit.scope, key_hash: hit.keyHash, count: 1, ends_at: hit.at + hit.windowMs })
    .onConflict((oc) =>
      oc.columns(["scope", "key_hash"]).doUpdateSet({
        count: sql<number>`case when issuer_rate_limit.ends_at <= ${hit.at} then 1
          else issuer_rate_limit.count + 1 end`,
        ends_at: sql<number>`case when issuer_rate_limit.ends_at <= ${hit.at}
          then excluded.ends_at else issuer_rate_limit.ends_at end`,
      }),
    )
    .returning(["count", "ends_at"])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), endsAt: Number(row.ends_at) };
}

/** Deletes the windows that ended before `before` (ms). */
export async function deleteEndedRateLimits(db: Db, before: number): Promise<void> {
  await db.deleteFrom("issuer_rate_limit").where("ends_at", "<", before).execute();
}

/** Forgets one key's window (after a right password, say). */
export async function forgetRateLimit(db: Db, key: { scope: string; keyHash: string }) {
  await db
    .deleteFrom("issuer_rate_limit")
    .where("scope", "=", key.scope)
    .where("key_hash", "=", key.keyHash)
    .execute();
}

/** Takes back one hit that turned out to be no failure, in one statement. */
export async function giveBackRateLimitHit(db: Db, key: { scope: string; keyHash: string }) {
  await db
    .updateTable("issuer_rate_limit")
    .set((eb) => ({ count: eb("count", "-", 1) }))
    .where("scope", "=", key.scope)
    .where("key_hash", "=", key.keyHash)
    .where("count", ">", 0)
    .execute();
}
