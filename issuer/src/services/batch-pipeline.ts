import { randomUUID } from "node:crypto";
import { setTimeout as sleep, setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Cryptosuite, SigningKey } from "@avala/credentials";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import { type AchievementRow, findAchievementsByCodes } from "../db/repositories/achievements.js";
import {
  type BatchRow,
  type BatchRowRow,
  claimRows,
  completeBatch,
  earliestLeaseEnd,
  findBatchById,
  finishRow,
  hasClaimableRows,
  releaseLease,
  renewLease,
  rowCounts,
  rowsStillHeld,
  setRowSlot,
} from "../db/repositories/batches.js";
import {
  credentialIdsByExternalIds,
  findCredentialByExternalId,
} from "../db/repositories/credentials.js";
import { findOrganisationById, type OrganisationRow } from "../db/repositories/organisations.js";
import { allocateStatusSlots, type StatusSlot } from "../db/repositories/status-lists.js";
import type { IssuerTables } from "../db/schema.js";
import { type AwardPreparation, awardIssueInput, prepareAwards } from "./awards.js";
import { type RowError, rowError, sealCurpAad, storedRowError } from "./batches.js";
import type { SignJob } from "./credential-signing.js";
import {
  CredentialRejectedError,
  type IssueInput,
  type SignedIssue,
  signIssue,
  storeIssue,
} from "./issuance.js";

type Db = Kysely<IssuerTables>;

/**
 * Points where a test stops a run as a crash would (a throw there ends the run; nothing after
 * it happens).
 */
export interface ProcessHooks {
  /** After a chunk's rows are claimed and their status slots reserved (committed). */
  afterClaim?: (rows: readonly BatchRowRow[]) => void | Promise<void>;
  /** After a chunk is signed, before the transaction that stores it. */
  afterSign?: (rows: readonly BatchRowRow[]) => void | Promise<void>;
  /** Inside a chunk's transaction, after each row's credential: a throw rolls the chunk back. */
  beforeCommit?: (row: BatchRowRow) => void | Promise<void>;
  /** After each committed chunk, with how many rows this run finished so far. */
  afterChunk?: (processed: number) => void | Promise<void>;
}

export interface ProcessOptions {
  /** Rows claimed, signed and stored together (default `limits.batchChunkSize`). */
  chunkSize?: number;
  signal?: AbortSignal;
  hooks?: ProcessHooks;
  /**
   * Called after a claim that left rows for others: the queue offers the batch to the other
   * issuer processes (PostgreSQL).
   */
  onMoreWork?: () => Promise<void>;
  /**
   * When every pending row is held by another run (another process), wait until they are
   * finished or their leases end, then take them over; default: return.
   */
  waitForOthers?: boolean;
}

/** A claimed row to sign: its achievement and reserved slot. */
interface RowWork {
  row: BatchRowRow;
  achievement: AchievementRow;
  slot: StatusSlot;
}

/** A signed row, or the reason it cannot be issued. */
type SignedRow =
  | { row: BatchRowRow; input: IssueInput; issue: SignedIssue }
  | { row: BatchRowRow; error: RowError };

/**
 * Issues a batch's pending rows a chunk at a time, exactly once whatever stops it:
 *
 * 1. **Claim** (one transaction): up to `chunkSize` pending rows under a lease of this run;
 *    rows that need no signature are finished at once (unknown achievement: failed; external id
 *    already issued: skipped, linked to that credential); the others get their status slots
 *    (reserved in bulk, stored on the row, so a row claimed again keeps its slot).
 * 2. **Sign**, outside any transaction (in the signing threads, or here yielding to the event
 *    loop after each credential), renewing the lease while it takes. The next chunk is claimed
 *    and signed while this one is stored.
 * 3. **Store** (transactions of up to 20 rows, the event loop let through between them): of the
 *    rows this run still holds, each credential, its claim offer and e-mail, and the row marked
 *    done. A row leaves `pending` only in the transaction that stores its credential (unique
 *    per external id), so a crash anywhere leaves each row issued once or not at all; a run
 *    that died leaves its rows to whoever claims them after its lease.
 *
 * Returns how many rows this run finished. Row-specific problems fail that row only; anything
 * else (database down, a crash) stops the run with the rest pending for the next one.
 */
export async function processBatch(
  ctx: IssuerContext,
  batchId: number,
  options: ProcessOptions = {},
): Promise<number> {
  const batch = await findBatchById(ctx.db, batchId);
  if (batch?.state !== "processing") return 0;
  const org = await findOrganisationById(ctx.db, batch.organisation_id);
  if (!org) return 0;
  const chunkSize = options.chunkSize ?? ctx.config.limits.batchChunkSize;
  const leaseToken = randomUUID();
  let processed = 0;

  /**
   * Claims the next chunk and starts signing it (not awaited). With nothing to claim: when
   * prefetching, nothing; else "done" (no row pending: the batch completes) or "wait" (others
   * hold the pending rows).
   */
  async function begin(prefetch: boolean): Promise<Started | "done" | "wait" | undefined> {
    const claimed = await claimChunk(ctx, org!, batch!, leaseToken, chunkSize);
    if (claimed.rows.length === 0) {
      if (prefetch) return undefined;
      const counts = await rowCounts(ctx.db, batchId);
      if (counts.pending > 0) return "wait";
      await completeBatch(ctx.db, batchId, ctx.now().toISOString());
      return "done";
    }
    processed += claimed.finished;
    await options.hooks?.afterClaim?.(claimed.rows);
    if (options.onMoreWork && (await hasClaimableRows(ctx.db, batchId, nowIso(ctx)))) {
      await options.onMoreWork();
    }
    const { dispatched, signing } = signChunk({
      ctx,
      org: org!,
      batch: batch!,
      work: claimed.work,
      leaseToken,
      signal: options.signal,
    });
    signing.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
    // Every row handed to the signing threads before this thread stores the previous chunk:
    // the store runs on microtasks only, so a job not yet posted would wait for all of it. (A
    // failure here surfaces where the chunk is awaited, after the previous one is stored.)
    await Promise.race([dispatched, signing.then(noop, noop)]);
    return { claimed, signing };
  }

  try {
    let current: Started | undefined;
    for (;;) {
      if (!current) {
        if (options.signal?.aborted) break;
        const step = await begin(false);
        if (step === "done") break;
        if (step === "wait") {
          if (!options.waitForOthers) break;
          await waitForLeases(ctx, batchId, options.signal);
          continue;
        }
        current = step!;
      }
      const signed = await current.signing;
      if (!signed) break;
      await options.hooks?.afterSign?.(current.claimed.rows);
      // The next chunk is claimed and handed to the signing threads while this one is stored.
      // (Two chunks ahead was tried: no faster on two cores, and other requests waited up to
      // 600 ms.)
      const next = options.signal?.aborted ? undefined : await begin(true);
      processed += await storeChunk(ctx, batch, signed, leaseToken, options.hooks);
      await options.hooks?.afterChunk?.(processed);
      current = typeof next === "object" ? next : undefined;
      await yieldToEventLoop();
    }
  } catch (error) {
    // Whatever this run still holds goes back at once (a crash leaves it to the lease's end).
    await releaseLease(ctx.db, leaseToken).catch(() => {});
    throw error;
  }
  await releaseLease(ctx.db, leaseToken);
  return processed;
}

const noop = () => {};

/** A claimed chunk being signed. */
interface Started {
  claimed: { rows: BatchRowRow[]; work: RowWork[]; finished: number };
  signing: Promise<SignedRow[] | undefined>;
}

function nowIso(ctx: IssuerContext): string {
  return ctx.now().toISOString();
}

function leaseEnd(ctx: IssuerContext): string {
  return new Date(ctx.now().getTime() + ctx.config.batches.leaseMs).toISOString();
}

/**
 * Step 1, one transaction: claims a chunk, finishes the rows that need no signature, reserves
 * the others' status slots.
 */
async function claimChunk(
  ctx: IssuerContext,
  org: OrganisationRow,
  batch: BatchRow,
  leaseToken: string,
  limit: number,
): Promise<{ rows: BatchRowRow[]; work: RowWork[]; finished: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const rows = await claimRows(trx, {
      batchId: batch.id,
      leaseToken,
      now,
      leaseUntil: leaseEnd(ctx),
      limit,
    });
    if (rows.length === 0) return { rows, work: [], finished: 0 };
    const externalIds = rows.map((r) => r.external_id).filter((id): id is string => id !== null);
    const issuedBefore = await credentialIdsByExternalIds(trx, org.id, externalIds);
    const achievements = new Map(
      (
        await findAchievementsByCodes(trx, org.id, [
          ...new Set(rows.map((r) => r.achievement_code ?? "")),
        ])
      ).map((a) => [a.code, a]),
    );
    let finished = 0;
    const toSign: Array<{ row: BatchRowRow; achievement: AchievementRow }> = [];
    for (const row of rows) {
      const achievement = achievements.get(row.achievement_code ?? "");
      if (!achievement || row.external_id === null) {
        const error = rowError(
          row.line,
          "issuer.batch.row.not-in-catalogue",
          { code: row.achievement_code ?? "" },
          "achievementCode",
        );
        await finishRow(
          trx,
          row.id,
          { state: "failed", errors: JSON.stringify([storedRowError(error)]) },
          now,
        );
        finished++;
        continue;
      }
      const existing = issuedBefore.get(row.external_id);
      if (existing !== undefined) {
        await finishRow(trx, row.id, { state: "skipped", credential_id: existing }, now);
        finished++;
        continue;
      }
      toSign.push({ row, achievement });
    }
    // Slots: the one a row got when first claimed, else a new one (all reserved together).
    const lists = await listNumbers(
      trx,
      toSign.map((w) => w.row.status_list_id).filter((id): id is number => id !== null),
    );
    const fresh = toSign.filter((w) => w.row.status_list_id === null);
    const slots = await allocateStatusSlots(trx, {
      organisationId: org.id,
      purpose: batch.status_purpose,
      length: ctx.config.limits.statusListLength,
      now,
      count: fresh.length,
    });
    const work: RowWork[] = [];
    let next = 0;
    for (const { row, achievement } of toSign) {
      let slot: StatusSlot;
      if (row.status_list_id !== null && row.status_index !== null) {
        slot = {
          listId: row.status_list_id,
          listNumber: lists.get(row.status_list_id) ?? 0,
          index: row.status_index,
        };
      } else {
        slot = slots[next++]!;
        await setRowSlot(trx, row.id, slot);
      }
      work.push({ row, achievement, slot });
    }
    return { rows, work, finished };
  });
}

/** List numbers of status lists by id. */
async function listNumbers(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("issuer_status_list")
    .select(["id", "list_number"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.list_number]));
}

/**
 * Step 2, no transaction: builds and signs each claimed row (and its compact edition), in the
 * signing threads when there are some (the whole chunk handed to them at once), else here,
 * yielding to the event loop after each. The lease is renewed meanwhile. `signing` is undefined
 * when the run was asked to stop (nothing of the chunk is stored; its rows go back);
 * `dispatched` settles once every row is in a signing thread's hands or done.
 */
function signChunk(chunk: ChunkToSign): {
  dispatched: Promise<void>;
  signing: Promise<SignedRow[] | undefined>;
} {
  const { work } = chunk;
  let handedOver = 0;
  let allHandedOver = () => {};
  const dispatched = new Promise<void>((resolve) => {
    allHandedOver = resolve;
  });
  const handOver = () => {
    if (++handedOver >= work.length) allHandedOver();
  };
  if (work.length === 0) allHandedOver();
  const signing = signRows(chunk, handOver);
  return { dispatched, signing };
}

/** A claimed chunk of a run, to sign. */
interface ChunkToSign {
  ctx: IssuerContext;
  org: OrganisationRow;
  batch: BatchRow;
  work: readonly RowWork[];
  leaseToken: string;
  signal: AbortSignal | undefined;
}

async function signRows(
  { ctx, org, batch, work, leaseToken, signal }: ChunkToSign,
  handOver: () => void,
): Promise<SignedRow[] | undefined> {
  if (work.length === 0) return [];
  const prepared: AwardPreparation = await prepareAwards(ctx, org);
  // One key look-up per chunk; a rotation meanwhile is picked up by the next chunk (the old key
  // stays in the DID document, so what it signed verifies).
  const key: SigningKey = await ctx.keys.signingKey(ctx.db, org.id);
  prepared.signingKey = key;
  const pool = ctx.signingPool();
  if (!pool) for (let i = 0; i < work.length; i++) handOver();
  const signer = pool
    ? (job: SignJob) => {
        const outcome = pool.sign(job);
        handOver();
        return outcome;
      }
    : undefined;
  const renewEvery = ctx.config.batches.leaseMs / 3;
  let renewedAt = Date.now();
  const signed: SignedRow[] = new Array(work.length);
  const signRow = async (i: number) => {
    const { row, achievement, slot } = work[i]!;
    let curp: string | undefined;
    if (row.learner_curp_sealed) {
      curp = ctx.secrets.pendingRows.openText(
        row.learner_curp_sealed,
        sealCurpAad(batch.id, row.line),
      );
    }
    const input = await awardIssueInput(
      ctx,
      org,
      {
        achievement,
        learner: {
          ...(row.learner_email ? { email: row.learner_email } : {}),
          ...(curp ? { curp } : {}),
          ...(row.learner_did ? { did: row.learner_did } : {}),
          ...(row.learner_name ? { name: row.learner_name } : {}),
        },
        externalId: row.external_id!,
        validFrom: row.valid_from ?? undefined,
        validUntil: row.valid_until ?? undefined,
        statusPurpose: batch.status_purpose,
        cryptosuite: batch.cryptosuite as Cryptosuite,
        batchId: batch.id,
        knownNew: true,
      },
      prepared,
    );
    let sent = false;
    const send = signer
      ? (job: SignJob) => {
          sent = true;
          return signer(job);
        }
      : undefined;
    try {
      const issue = await signIssue(ctx, input, { slot, key, now: ctx.now() }, send);
      signed[i] = { row, input, issue };
    } catch (error) {
      if (signer && !sent) handOver(); // refused before it reached a signing thread
      if (!(error instanceof CredentialRejectedError)) throw error;
      signed[i] = {
        row,
        error: rowError(row.line, "issuer.batch.row.rejected", { reason: error.message }),
      };
    }
    if (Date.now() - renewedAt > renewEvery) {
      renewedAt = Date.now();
      await renewLease(ctx.db, leaseToken, leaseEnd(ctx));
    }
  };
  // Rows in flight: with signing threads, the whole chunk, so that they have work for as long as
  // this thread is busy storing the previous chunk (SQLite is synchronous: a 200-row store
  // transaction holds this thread for a while, and with 64 rows queued the threads sat idle for
  // half of it); else one at a time.
  const lanes = pool ? work.length : 1;
  let next = 0;
  let stopped = false;
  await Promise.all(
    Array.from({ length: Math.min(lanes, work.length) }, async () => {
      while (next < work.length && !stopped) {
        if (signal?.aborted) {
          stopped = true;
          return;
        }
        try {
          await signRow(next++);
        } catch (error) {
          stopped = true;
          throw error;
        }
        // Signing here is CPU-bound and SQLite calls are synchronous: without this the HTTP
        // server (progress requests included) would wait for the whole chunk.
        await yieldToEventLoop();
      }
    }),
  );
  return stopped ? undefined : signed;
}

/** Thrown inside a chunk's transaction when a held row could not be marked done: roll back. */
class RowNotHeld extends Error {}

/**
 * Rows stored per transaction (about 20 ms of work here). The database is held for the whole of
 * one (SQLite has a single connection), so a chunk is stored in slices of this many, with the
 * event loop let through in between: other requests wait at most one slice.
 */
export const STORE_SLICE_ROWS = 20;

/**
 * Step 3: stores the chunk's credentials and finishes its rows, only those this run still holds,
 * in transactions of up to `STORE_SLICE_ROWS` rows (each row's credential, offer, e-mail and
 * state in the same one). Returns how many rows it finished.
 */
async function storeChunk(
  ctx: IssuerContext,
  batch: BatchRow,
  signed: readonly SignedRow[],
  leaseToken: string,
  hooks: ProcessHooks | undefined,
): Promise<number> {
  let finished = 0;
  for (let start = 0; start < signed.length; start += STORE_SLICE_ROWS) {
    if (start > 0) await yieldToEventLoop();
    const slice = signed.slice(start, start + STORE_SLICE_ROWS);
    finished += await storeSlice(ctx, batch, slice, leaseToken, hooks);
  }
  return finished;
}

/** One transaction of `storeChunk`. */
async function storeSlice(
  ctx: IssuerContext,
  batch: BatchRow,
  signed: readonly SignedRow[],
  leaseToken: string,
  hooks: ProcessHooks | undefined,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const held = await rowsStillHeld(
      trx,
      signed.map((s) => s.row.id),
      leaseToken,
    );
    let finished = 0;
    for (const item of signed) {
      if (!held.has(item.row.id)) continue;
      if ("error" in item) {
        await finishRow(
          trx,
          item.row.id,
          { state: "failed", errors: JSON.stringify([storedRowError(item.error)]) },
          now,
        );
        finished++;
        continue;
      }
      const stored = await storeIssue(ctx, trx, item.input, item.issue);
      if (stored) {
        const done = await finishRow(
          trx,
          item.row.id,
          { state: "issued", credential_id: stored.credential.id },
          now,
        );
        if (!done) throw new RowNotHeld();
        await hooks?.beforeCommit?.(item.row);
      } else {
        // Issued meanwhile under this external id (another batch, another process): theirs stands.
        const existing = await findCredentialByExternalId(
          trx,
          batch.organisation_id,
          item.row.external_id!,
        );
        if (!existing) throw new RowNotHeld();
        await finishRow(trx, item.row.id, { state: "skipped", credential_id: existing.id }, now);
      }
      finished++;
    }
    return finished;
  });
}

/**
 * Waits until another run's lease on a pending row of the batch ends (or a second, whichever is
 * sooner): then the rows are either done or free to take over.
 */
async function waitForLeases(
  ctx: IssuerContext,
  batchId: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const until = await earliestLeaseEnd(ctx.db, batchId);
  const wait = until ? Date.parse(until) - ctx.now().getTime() + 10 : 0;
  await sleep(Math.min(Math.max(wait, 100), 1000), undefined, { signal }).catch(() => {});
}
