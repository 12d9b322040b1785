import type { Locale } from "@avala/i18n";
import { stringify } from "csv-stringify/sync";
import type { IssuerContext } from "../context.js";
import { type BatchRow, batchRowsPage, rowsWithCredentials } from "../db/repositories/batches.js";
import { offersOfCredentials } from "../db/repositories/claims.js";
import { publicIdsOf } from "../db/repositories/credentials.js";
import { localizeRowError, rowErrorsOf } from "./batches.js";
import { claimUrl } from "./claims.js";

const PAGE = 1000;

/**
 * Whether an Accept header prefers CSV to JSON: `text/csv` is named and ranks at least as high as
 * any JSON type (so `Accept: text/csv` gets a spreadsheet and `*\/*` keeps JSON).
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  let csv = -1;
  let json = -1;
  for (const part of accept.split(",").slice(0, 20)) {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number.parseFloat(q.slice(2)) : 1;
    if (!Number.isFinite(weight)) continue;
    if (type.trim() === "text/csv") csv = Math.max(csv, weight);
    if (/^application\/([\w.+-]+\+)?json$/.test(type.trim())) json = Math.max(json, weight);
  }
  return csv > 0 && csv >= json;
}

/**
 * A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe (CSV injection), everything else as it is.
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Rows as CSV (RFC 4180, CRLF), every cell made safe for spreadsheets. */
export function toCsv(
  header: readonly string[],
  rows: Array<Array<string | number | null>>,
): string {
  return stringify([[...header], ...rows.map((row) => row.map(safeCell))], {
    record_delimiter: "windows",
  });
}

/** The claim links of a batch as CSV: one line per issued (or earlier issued) row. */
export async function claimLinksCsv(ctx: IssuerContext, batch: BatchRow): Promise<string> {
  const lines: Array<Array<string | number | null>> = [];
  for (let after = 0; ; ) {
    const rows = await rowsWithCredentials(ctx.db, batch.id, after, PAGE);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.credential_id).filter((id): id is number => id !== null);
    const offers = new Map(
      (await offersOfCredentials(ctx.db, ids)).map((o) => [o.credential_id, o]),
    );
    const publicIds = await publicIdsOf(ctx.db, ids);
    for (const r of rows) {
      const offer = r.credential_id !== null ? offers.get(r.credential_id) : undefined;
      lines.push([
        r.line,
        r.external_id,
        r.state,
        r.credential_id !== null ? (publicIds.get(r.credential_id) ?? null) : null,
        r.learner_email,
        offer ? claimUrl(ctx, offer.offer_id) : null,
        offer?.expires_at ?? null,
        offer?.claimed_at ?? null,
      ]);
    }
    after = rows.at(-1)!.line;
    if (rows.length < PAGE) break;
  }
  return toCsv(
    [
      "line",
      "externalId",
      "state",
      "credential",
      "email",
      "claimUrl",
      "claimExpiresAt",
      "claimedAt",
    ],
    lines,
  );
}

/**
 * Every row of a batch with its outcome, as CSV: the claim link of what was issued, the errors
 * (in `locale`) of what was not. What the console's "download the results" gives.
 */
export async function batchResultsCsv(
  ctx: IssuerContext,
  batch: BatchRow,
  locale: Locale,
): Promise<string> {
  const lines: Array<Array<string | number | null>> = [];
  for (let after = 0; ; ) {
    const rows = await batchRowsPage(ctx.db, batch.id, after, PAGE);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.credential_id).filter((id): id is number => id !== null);
    const offers = new Map(
      (await offersOfCredentials(ctx.db, ids)).map((o) => [o.credential_id, o]),
    );
    const publicIds = await publicIdsOf(ctx.db, ids);
    for (const r of rows) {
      const offer = r.credential_id !== null ? offers.get(r.credential_id) : undefined;
      const errors = rowErrorsOf(r)
        .map((e) => localizeRowError(e, locale))
        .map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason))
        .join("; ");
      lines.push([
        r.line,
        r.external_id,
        r.achievement_code,
        r.learner_name,
        r.learner_email,
        r.state,
        r.credential_id !== null ? (publicIds.get(r.credential_id) ?? null) : null,
        offer ? claimUrl(ctx, offer.offer_id) : null,
        errors || null,
      ]);
    }
    after = rows.at(-1)!.line;
    if (rows.length < PAGE) break;
  }
  return toCsv(
    [
      "line",
      "externalId",
      "achievementCode",
      "name",
      "email",
      "state",
      "credential",
      "claimUrl",
      "errors",
    ],
    lines,
  );
}
