import { dialectOf } from "@avala/db";
import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { MailKind, MailOutboxTable, MailState } from "../tables/outbox.js";

export type OutboxRow = Selectable<MailOutboxTable>;
type Db = Kysely<IssuerTables>;

/** One insert: called inside the transaction that creates what the message announces. */
export async function insertOutboxMessage(db: Db, row: Insertable<MailOutboxTable>) {
  return db.insertInto("issuer_mail_outbox").values(row).returningAll().executeTakeFirstOrThrow();
}

export interface ClaimDueOptions {
  /** Now (ISO): messages due at or before it are taken. */
  now: string;
  /** When the lease of the taken messages ends (ISO): then another worker may take them. */
  leaseUntil: string;
  leaseToken: string;
  limit: number;
}

/**
 * Takes up to `limit` due messages for one worker, atomically: queued ones whose time has come,
 * and ones left in `sending` whose lease ran out (their worker stopped). Each is marked sending,
 * its attempt counted, its lease set. On PostgreSQL the candidates are locked with
 * `FOR UPDATE SKIP LOCKED`, so several issuer processes share the work and never take the same
 * message; on SQLite the one statement runs alone (one process).
 */
export async function claimDueMessages(db: Db, options: ClaimDueOptions): Promise<OutboxRow[]> {
  const postgres = dialectOf(db) === "postgres";
  const rows = await db
    .updateTable("issuer_mail_outbox")
    .set({
      state: "sending",
      attempts: sql`attempts + 1`,
      next_attempt_at: options.leaseUntil,
      lease_token: options.leaseToken,
      updated_at: options.now,
    })
    .where("id", "in", (eb) => {
      const due = eb
        .selectFrom("issuer_mail_outbox")
        .select("id")
        .where("state", "in", ["queued", "sending"])
        .where("next_attempt_at", "<=", options.now)
        .orderBy("next_attempt_at")
        .orderBy("id")
        .limit(options.limit);
      return postgres ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** The outcome a worker records; it counts only while the worker still holds the lease. */
export type DeliveryOutcome =
  | { state: "sent"; messageId: string }
  | { state: "queued"; nextAttemptAt: string; error: string }
  | { state: "failed" | "cancelled"; error: string };

export async function recordDelivery(
  db: Db,
  id: number,
  leaseToken: string,
  outcome: DeliveryOutcome,
  now: string,
): Promise<boolean> {
  const done = outcome.state !== "queued";
  const result = await db
    .updateTable("issuer_mail_outbox")
    .set({
      state: outcome.state,
      lease_token: null,
      updated_at: now,
      ...(outcome.state === "sent"
        ? { sent_at: now, message_id: outcome.messageId, last_error: null }
        : { last_error: outcome.error }),
      ...(outcome.state === "queued" ? { next_attempt_at: outcome.nextAttemptAt } : {}),
      // A sealed link is kept only while the message may still go out.
      ...(done ? { link_sealed: null } : {}),
    })
    .where("id", "=", id)
    .where("state", "=", "sending")
    .where("lease_token", "=", leaseToken)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OutboxListOptions {
  state?: MailState | undefined;
  kind?: MailKind | undefined;
  /** Only messages with a smaller internal id (paging, newest first). */
  before?: number | undefined;
  limit: number;
}

/** An organisation's messages, newest first. */
export async function listOutbox(db: Db, organisationId: number, options: OutboxListOptions) {
  let query = db
    .selectFrom("issuer_mail_outbox")
    .selectAll()
    .where("organisation_id", "=", organisationId);
  if (options.state) query = query.where("state", "=", options.state);
  if (options.kind) query = query.where("kind", "=", options.kind);
  if (options.before !== undefined) query = query.where("id", "<", options.before);
  return query.orderBy("id", "desc").limit(options.limit).execute();
}

/** How many of an organisation's messages are in each state. */
export async function countOutboxByState(
  db: Db,
  organisationId: number,
): Promise<Record<MailState, number>> {
  const rows = await db
    .selectFrom("issuer_mail_outbox")
    .select(["state", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("organisation_id", "=", organisationId)
    .groupBy("state")
    .execute();
  const counts: Record<MailState, number> = {
    queued: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

/** The messages about some things (e.g. a credential's offers), newest first. */
export async function outboxOfReferences(db: Db, kind: MailKind, references: readonly string[]) {
  if (references.length === 0) return [];
  return db
    .selectFrom("issuer_mail_outbox")
    .selectAll()
    .where("kind", "=", kind)
    .where("reference", "in", [...references])
    .orderBy("id", "desc")
    .execute();
}

export async function findOutboxMessage(db: Db, organisationId: number, publicId: string) {
  return db
    .selectFrom("issuer_mail_outbox")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

/** Hands a taken message back untried (a worker shutting down): as it was before it was taken. */
export async function releaseMessage(db: Db, id: number, leaseToken: string, now: string) {
  await db
    .updateTable("issuer_mail_outbox")
    .set({
      state: "queued",
      attempts: sql`attempts - 1`,
      next_attempt_at: now,
      lease_token: null,
      updated_at: now,
    })
    .where("id", "=", id)
    .where("state", "=", "sending")
    .where("lease_token", "=", leaseToken)
    .execute();
}
