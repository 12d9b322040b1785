import { randomUUID } from "node:crypto";
import { describeSendError, type MailSender, mayRetry, retryDelayMs } from "@avala/mail";
import type { IssuerContext } from "../context.js";
import {
  claimDueMessages,
  type DeliveryOutcome,
  type OutboxRow,
  recordDelivery,
  releaseMessage,
} from "../db/repositories/outbox.js";
import { prepareMail } from "./mail-delivery.js";

/** Drains the outbox in the background: its own loop, never inside an issuing transaction. */
export interface MailWorker {
  /** Starts the loop (no-op without an SMTP server, or when running). */
  start(): void;
  /** Finishes the message being sent, hands the rest of its batch back, stops the loop. */
  stop(): Promise<void>;
  /**
   * One pass: takes the due messages (at most `batchSize`) and sends them. Returns how many it
   * took. What the loop runs; tests call it directly.
   */
  runOnce(): Promise<number>;
  readonly running: boolean;
}

/**
 * The outbox worker. Each pass takes due messages with a lease (`claimDueMessages`: several
 * issuer processes on PostgreSQL share the work), sends them one by one over SMTP, and records
 * each outcome under its lease: sent; queued again after an exponential back-off (4xx replies,
 * connection failures); failed (a 5xx reply, or the last allowed attempt); cancelled (the offer
 * was claimed, revoked or expired meanwhile). A worker that dies mid-message leaves the message
 * in `sending`; when its lease ends another pass takes it again, so nothing is lost. A full
 * pass is followed at once by another (after yielding to the event loop), a partial one by a
 * pause of `pollMs`; while this process issues a cohort, every pass is followed by that pause
 * (at most `batchSize` messages per `pollMs`: the QR code and MIME message of each e-mail cost
 * CPU that signing needs).
 */
export function createMailWorker(
  getCtx: () => IssuerContext,
  sender: MailSender | undefined,
): MailWorker {
  let running = false;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function deliver(ctx: IssuerContext, row: OutboxRow, leaseToken: string) {
    const settings = ctx.config.mail;
    const policy = {
      baseMs: settings.retryBaseMs,
      maxMs: settings.retryMaxMs,
      maxAttempts: settings.maxAttempts,
    };
    let outcome: DeliveryOutcome;
    if (row.attempts > settings.maxAttempts) {
      outcome = {
        state: "failed",
        error: `gave up after ${settings.maxAttempts} attempts (the last one never reported back)`,
      };
    } else {
      const prepared = await prepareMail(ctx, row);
      if (prepared.kind === "cancel") outcome = { state: "cancelled", error: prepared.reason };
      else if (prepared.kind === "fail") outcome = { state: "failed", error: prepared.reason };
      else {
        try {
          const sent = await sender!.send(prepared.mail);
          outcome = { state: "sent", messageId: sent.messageId };
        } catch (error) {
          const failure = describeSendError(error, ctx.config.smtpUrl);
          outcome =
            failure.permanent || !mayRetry(row.attempts, policy)
              ? { state: "failed", error: failure.summary }
              : {
                  state: "queued",
                  error: failure.summary,
                  nextAttemptAt: new Date(
                    ctx.now().getTime() + retryDelayMs(row.attempts, policy),
                  ).toISOString(),
                };
        }
      }
    }
    const recorded = await recordDelivery(
      ctx.db,
      row.id,
      leaseToken,
      outcome,
      ctx.now().toISOString(),
    );
    const context = { message: row.public_id, kind: row.kind, attempt: row.attempts };
    if (!recorded) {
      ctx.log.info(
        "mail outbox: the message's lease ended before its outcome was recorded",
        context,
      );
    } else if (outcome.state !== "sent") {
      ctx.log.info(`mail outbox: message ${outcome.state}`, {
        ...context,
        reason: outcome.error,
        ...(outcome.state === "queued" ? { retryAt: outcome.nextAttemptAt } : {}),
      });
    }
  }

  async function runOnce(): Promise<number> {
    if (!sender) return 0;
    const ctx = getCtx();
    const now = ctx.now();
    const leaseToken = randomUUID();
    const rows = await claimDueMessages(ctx.db, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + ctx.config.mail.leaseMs).toISOString(),
      leaseToken,
      limit: ctx.config.mail.batchSize,
    });
    for (const [index, row] of rows.entries()) {
      if (stopping) {
        // Shutting down: what this pass took and did not start goes back to the queue now.
        for (const rest of rows.slice(index)) {
          await releaseMessage(ctx.db, rest.id, leaseToken, ctx.now().toISOString());
        }
        break;
      }
      await deliver(ctx, row, leaseToken);
    }
    return rows.length;
  }

  async function pause(ms: number) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function run() {
    while (!stopping) {
      let taken = 0;
      try {
        taken = await runOnce();
      } catch (error) {
        getCtx().log.error("mail outbox: a pass failed", {
          error: `${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 300)}`,
        });
      }
      if (stopping) break;
      const ctx = getCtx();
      // A full pass is followed at once by another, unless a cohort is being issued in this
      // process: then one pass per pollMs, so that signing keeps the CPU.
      if (taken >= ctx.config.mail.batchSize && !ctx.batches.busy) {
        await new Promise((resolve) => setImmediate(resolve));
      } else await pause(ctx.config.mail.pollMs);
    }
  }

  return {
    start() {
      if (running || !sender) return;
      running = true;
      stopping = false;
      loop = run().finally(() => {
        running = false;
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
    },
    runOnce,
    get running() {
      return running;
    },
  };
}
