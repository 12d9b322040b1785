import { randomUUID } from "node:crypto";
import type { Cryptosuite } from "@avala/credentials";
import { isValidCurp } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import { isMessageKey, type Locale, type MessageKey, type MessageParams, t } from "@avala/i18n";
import { CsvError, parse as parseCsv } from "csv-parse/sync";
import type { Insertable, Kysely } from "kysely";
import { z } from "zod/v4";
import type { IssuerContext } from "../context.js";
import { type AchievementRow, findAchievementsByCodes } from "../db/repositories/achievements.js";
import {
  type BatchRow,
  deleteDraftBatch,
  findBatch,
  insertBatch,
  insertBatchRows,
  moveBatchState,
  rowCounts,
  staleDraftBatchIds,
} from "../db/repositories/batches.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { BatchState, IssuerTables, StatusPurpose } from "../db/schema.js";
import type { BatchRowTable } from "../db/tables/batch.js";
import { replaceControlCharacters } from "../text.js";

type Db = Kysely<IssuerTables>;

/**
 * One problem with one row of an upload: a message of the catalogue (`code`, `params`), so it
 * is said in the reader's language (`localizeRowError`); `reason` is its English text.
 */
export interface RowError {
  line: number;
  field?: string;
  code?: RowErrorCode;
  params?: MessageParams;
  reason: string;
}

export type RowErrorCode = Extract<MessageKey, `issuer.batch.row.${string}`>;

/** A row error with its message (and its English text as `reason`). */
export function rowError(
  line: number,
  code: RowErrorCode,
  params?: MessageParams,
  field?: string,
): RowError {
  return {
    line,
    ...(field !== undefined ? { field } : {}),
    code,
    ...(params ? { params } : {}),
    reason: t(code, "en", params),
  };
}

/** A row error as a reader sees it: its reason in `locale`, its stable code, no parameters. */
export function localizeRowError(
  error: RowError,
  locale: Locale,
): { line: number; field?: string; code?: string; reason: string } {
  return {
    line: error.line,
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(error.code ? { code: error.code } : {}),
    reason: error.code ? t(error.code, locale, error.params) : error.reason,
  };
}

/** The CSV columns, in the documented order. `externalId` and `achievementCode` are required. */
export const batchColumns = [
  "externalId",
  "achievementCode",
  "email",
  "curp",
  "name",
  "validFrom",
  "validUntil",
  "did",
] as const;
const requiredColumns = ["externalId", "achievementCode"] as const;

/** A row as received, before validation: its line and its fields. */
export interface RawRow {
  line: number;
  fields: unknown;
}

export type ParsedUpload =
  | { ok: true; rows: RawRow[] }
  | { ok: false; errors: RowError[]; kind: "csv-malformed" | "csv-header" };

/** Parses a CSV upload with a header row. Rows with the wrong number of cells are row errors. */
export function parseCsvUpload(text: string): ParsedUpload {
  // Each record becomes its row as it is read (the header is the first): a 100,000-row upload
  // never holds the parser's records and the rows at once.
  let header: { record: string[]; info: { lines: number } } | undefined;
  let rows: RawRow[];
  try {
    rows = (parseCsv as unknown as (input: string, options: object) => RawRow[])(text, {
      bom: true,
      on_record: (record: string[], context: { lines: number }): RawRow | null => {
        if (!header) {
          header = { record, info: { lines: context.lines } };
          return null;
        }
        return rawRowOf(header.record, record, context.lines);
      },
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    const line =
      error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    return {
      ok: false,
      kind: "csv-malformed",
      errors: [
        {
          ...rowError(line, "issuer.batch.row.csv-malformed"),
          // The parser's own words (English) stay available to programs.
          reason: String((error as Error).message).slice(0, 200),
        },
      ],
    };
  }
  if (!header) return { ok: true, rows: [] };
  const errors: RowError[] = [];
  const columns = header.record;
  const seen = new Set<string>();
  columns.forEach((name) => {
    if (!(batchColumns as readonly string[]).includes(name)) {
      errors.push(
        rowError(
          header!.info.lines,
          "issuer.batch.row.unknown-column",
          { columns: batchColumns.join(", ") },
          name,
        ),
      );
    } else if (seen.has(name)) {
      errors.push(
        rowError(header!.info.lines, "issuer.batch.row.duplicate-column", undefined, name),
      );
    }
    seen.add(name);
  });
  for (const name of requiredColumns) {
    if (!seen.has(name))
      errors.push(rowError(header.info.lines, "issuer.batch.row.missing-column", undefined, name));
  }
  if (errors.length) return { ok: false, kind: "csv-header", errors };
  return { ok: true, rows };
}

/** A CSV record as a row: its non-empty cells by column, or how many cells it has. */
function rawRowOf(columns: readonly string[], record: readonly string[], line: number): RawRow {
  if (record.length !== columns.length) {
    return { line, fields: { __cells: record.length, __expected: columns.length } };
  }
  const fields: Record<string, string> = {};
  columns.forEach((name, i) => {
    const value = record[i] ?? "";
    if (value !== "") fields[name] = value;
  });
  return { line, fields };
}

/**
 * Where the first byte that is not UTF-8 sits in a CSV upload (`invalidAt`, its offset): its line
 * and, for a data row, its column. The byte is replaced by a mark no text before it holds and the
 * upload is parsed as usual to find the cell that has the mark; when that fails (the header row,
 * a malformed CSV), the line alone.
 */
export function locateInvalidCsvByte(bytes: Uint8Array, invalidAt: number): RowError {
  const lenient = new TextDecoder("utf-8");
  const before = lenient.decode(bytes.subarray(0, invalidAt));
  const line = before.split("\n").length;
  const code = "issuer.batch.row.not-utf8";
  // Noncharacters U+FDD0..U+FDEF: one of them is surely not in the text before the byte.
  let mark = "";
  for (let code = 0xfdd0; code <= 0xfdef && mark === ""; code++) {
    if (!before.includes(String.fromCharCode(code))) mark = String.fromCharCode(code);
  }
  if (mark === "") return rowError(line, code);
  const parsed = parseCsvUpload(before + mark + lenient.decode(bytes.subarray(invalidAt + 1)));
  if (!parsed.ok) return rowError(line, code);
  for (const row of parsed.rows) {
    for (const [field, value] of Object.entries(row.fields as Record<string, unknown>)) {
      if (typeof value === "string" && value.includes(mark))
        return rowError(row.line, code, undefined, field);
    }
  }
  return rowError(line, code);
}

const isoDate = z
  .string()
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    {
      message: "not an ISO 8601 date (YYYY-MM-DD or a date-time with zone)",
    },
  );

/** One batch row (CSV cells or a JSON object). Unknown fields are errors. */
export const batchRowSchema = z
  .object({
    externalId: z.string().trim().min(1).max(200),
    achievementCode: z.string().trim().min(1).max(100),
    email: z.string().trim().email().max(254).optional(),
    curp: z
      .string()
      .trim()
      .refine((s) => isValidCurp(s), { message: "not a valid CURP" })
      .optional(),
    name: z.string().trim().min(1).max(200).optional(),
    did: z
      .string()
      .trim()
      .max(500)
      .regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/, "not a DID")
      .optional(),
    validFrom: isoDate.optional(),
    validUntil: isoDate.optional(),
  })
  .strict();
export type BatchRowInput = z.infer<typeof batchRowSchema>;

export type ValidatedRow =
  | { line: number; ok: true; row: BatchRowInput; achievement: AchievementRow }
  | { line: number; ok: false; externalId: string | null; code: string | null; errors: RowError[] };

/** A raw cell for the error report: trimmed, bounded, control characters replaced. */
function text(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  return replaceControlCharacters(value.trim().slice(0, 200));
}

/**
 * Validates every row on its own: its fields, its achievement against the catalogue, that it
 * names a learner, and that its external id is not repeated earlier in the same upload.
 */
export async function validateRows(
  db: Db,
  org: OrganisationRow,
  rows: RawRow[],
): Promise<ValidatedRow[]> {
  const codes = new Set<string>();
  for (const raw of rows) {
    const code = text((raw.fields as Record<string, unknown> | null)?.["achievementCode"]);
    if (code) codes.add(code);
  }
  const catalogue = new Map(
    (await findAchievementsByCodes(db, org.id, [...codes])).map((a) => [a.code, a]),
  );
  const firstLine = new Map<string, number>();
  return rows.map((raw): ValidatedRow => {
    const fields = raw.fields as Record<string, unknown> | null;
    const externalId = text(fields?.["externalId"]);
    const code = text(fields?.["achievementCode"]);
    const fail = (errors: RowError[]): ValidatedRow => ({
      line: raw.line,
      ok: false,
      externalId,
      code,
      errors,
    });
    if (fields && typeof fields === "object" && "__cells" in fields) {
      return fail([
        rowError(raw.line, "issuer.batch.row.cells", {
          cells: String(fields["__cells"]),
          expected: String(fields["__expected"]),
        }),
      ]);
    }
    if (JSON.stringify(raw.fields ?? null).includes("\\u0000")) {
      return fail([rowError(raw.line, "issuer.batch.row.nul")]);
    }
    const parsed = batchRowSchema.safeParse(raw.fields);
    if (!parsed.success) {
      return fail(
        parsed.error.issues.slice(0, 20).map((issue) => issueToRowError(raw.line, issue)),
      );
    }
    const row = parsed.data;
    const errors: RowError[] = [];
    const achievement = catalogue.get(row.achievementCode);
    if (!achievement) {
      errors.push(
        rowError(
          raw.line,
          "issuer.batch.row.not-in-catalogue",
          { code: row.achievementCode },
          "achievementCode",
        ),
      );
    }
    if (!row.email && !row.curp && !row.did) {
      errors.push(rowError(raw.line, "issuer.batch.row.learner-missing", undefined, "email"));
    }
    if (
      row.validFrom &&
      row.validUntil &&
      Date.parse(row.validUntil) <= Date.parse(row.validFrom)
    ) {
      errors.push(rowError(raw.line, "issuer.batch.row.dates-order", undefined, "validUntil"));
    }
    const earlier = firstLine.get(row.externalId);
    if (earlier !== undefined) {
      errors.push(
        rowError(raw.line, "issuer.batch.row.duplicate-line", { line: earlier }, "externalId"),
      );
    } else {
      firstLine.set(row.externalId, raw.line);
    }
    if (errors.length || !achievement) return fail(errors);
    return { line: raw.line, ok: true, row, achievement };
  });
}

export interface BatchOptions {
  source: "csv" | "json";
  statusPurpose: StatusPurpose;
  cryptosuite: Cryptosuite;
  createdBy: string;
  /**
   * Store it as a `draft`: validated and kept (CURPs sealed), but nothing is signed until
   * `confirmDraftBatch` (the console's preview before confirming).
   */
  draft?: boolean;
}

/** What a pending row's sealed CURP is bound to (also used by the master key rotation). */
export function sealCurpAad(batchId: number, line: number): string {
  return `issuer_batch_row:${batchId}:${line}`;
}

/**
 * Stores a batch and all its rows in one transaction, before issuing anything: valid rows as
 * `pending`, invalid ones as `failed` with their errors. A CURP is stored sealed (AES-GCM) until
 * its row is processed, then erased.
 */
export async function createBatch(
  ctx: IssuerContext,
  org: OrganisationRow,
  rows: ValidatedRow[],
  options: BatchOptions,
): Promise<BatchRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    const batch = await insertBatch(trx, {
      public_id: randomUUID(),
      organisation_id: org.id,
      source: options.source,
      total: rows.length,
      state: options.draft ? "draft" : "processing",
      status_purpose: options.statusPurpose,
      cryptosuite: options.cryptosuite,
      created_by: options.createdBy,
      created_at: now,
      completed_at: null,
    });
    const valuesOf = (r: ValidatedRow): Insertable<BatchRowTable> => {
      if (!r.ok) {
        return {
          batch_id: batch.id,
          line: r.line,
          external_id: r.externalId,
          achievement_code: r.code,
          learner_email: null,
          learner_name: null,
          learner_curp_sealed: null,
          learner_did: null,
          valid_from: null,
          valid_until: null,
          state: "failed",
          credential_id: null,
          errors: JSON.stringify(r.errors.map(storedRowError)),
          updated_at: now,
        };
      }
      const row = r.row;
      return {
        batch_id: batch.id,
        line: r.line,
        external_id: row.externalId,
        achievement_code: row.achievementCode,
        learner_email: row.email ?? null,
        learner_name: row.name ?? null,
        learner_curp_sealed: row.curp
          ? ctx.secrets.pendingRows.sealText(row.curp, sealCurpAad(batch.id, r.line))
          : null,
        learner_did: row.did ?? null,
        valid_from: row.validFrom ?? null,
        valid_until: row.validUntil ?? null,
        state: "pending",
        credential_id: null,
        errors: null,
        updated_at: now,
      };
    };
    // A slice at a time: a 100,000-row upload never holds all its insert values at once.
    for (let i = 0; i < rows.length; i += 1000) {
      await insertBatchRows(trx, rows.slice(i, i + 1000).map(valuesOf));
    }
    return batch;
  });
}

/** Drafts older than this are deleted by `sweepDraftBatches` (never confirmed). */
export const DRAFT_BATCH_MS = 24 * 3600_000;

/**
 * Confirms a draft batch of the organisation: it becomes `processing` and is queued. False when
 * there is no such draft (already confirmed or discarded, or another organisation's).
 */
export async function confirmDraftBatch(
  ctx: IssuerContext,
  organisationId: number,
  publicId: string,
): Promise<BatchRow | undefined> {
  const batch = await findBatch(ctx.db, organisationId, publicId);
  if (batch?.state !== "draft") return undefined;
  if (!(await moveBatchState(ctx.db, batch.id, "draft", "processing"))) return undefined;
  ctx.batches.schedule(batch.id);
  return { ...batch, state: "processing" };
}

/** Discards a draft batch of the organisation: its rows (and sealed CURPs) are deleted. */
export async function discardDraftBatch(
  ctx: IssuerContext,
  organisationId: number,
  publicId: string,
): Promise<boolean> {
  const batch = await findBatch(ctx.db, organisationId, publicId);
  if (batch?.state !== "draft") return false;
  return deleteDraftBatch(ctx.db, batch.id);
}

/** Deletes drafts nobody confirmed within a day (their CURPs go with them). */
export async function sweepDraftBatches(ctx: IssuerContext): Promise<void> {
  const before = new Date(ctx.now().getTime() - DRAFT_BATCH_MS).toISOString();
  for (const id of await staleDraftBatchIds(ctx.db, before)) await deleteDraftBatch(ctx.db, id);
}

export interface BatchProgress {
  id: string;
  state: BatchState;
  source: "csv" | "json";
  statusPurpose: StatusPurpose;
  total: number;
  issued: number;
  skipped: number;
  failed: number;
  pending: number;
  createdAt: string;
  completedAt: string | null;
}

export async function batchProgress(ctx: IssuerContext, batch: BatchRow): Promise<BatchProgress> {
  const counts = await rowCounts(ctx.db, batch.id);
  return {
    id: batch.public_id,
    state: batch.state,
    source: batch.source,
    statusPurpose: batch.status_purpose,
    total: batch.total,
    issued: counts.issued,
    skipped: counts.skipped,
    failed: counts.failed,
    pending: counts.pending,
    createdAt: batch.created_at,
    completedAt: batch.completed_at,
  };
}

/** How a row error is stored in `issuer_batch_row.errors`: its field, message and English text. */
export function storedRowError(error: RowError) {
  return {
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(error.code ? { code: error.code } : {}),
    ...(error.params ? { params: error.params } : {}),
    reason: error.reason,
  };
}

/** The errors stored with a failed row (rows stored before messages had codes: their text). */
export function rowErrorsOf(row: { line: number; errors: string | null }): RowError[] {
  if (!row.errors) return [];
  const list = parseJsonText(row.errors);
  if (!Array.isArray(list)) return [];
  return list.map(
    (e: { field?: string; reason?: string; code?: string; params?: MessageParams }) => ({
      line: row.line,
      ...(e.field ? { field: e.field } : {}),
      ...(e.code && isMessageKey(e.code) && e.code.startsWith("issuer.batch.row.")
        ? { code: e.code as RowErrorCode, ...(e.params ? { params: e.params } : {}) }
        : {}),
      reason: String(e.reason ?? ""),
    }),
  );
}

/** A zod issue of a row as a row error in the catalogue's words. */
function issueToRowError(line: number, issue: z.core.$ZodIssue): RowError {
  const field = issue.path.map(String).join(".") || undefined;
  switch (issue.code) {
    case "unrecognized_keys":
      return rowError(line, "issuer.batch.row.unknown-field", undefined, issue.keys.join(", "));
    case "too_small":
      return rowError(line, "issuer.batch.row.required", undefined, field);
    case "too_big":
      return rowError(line, "issuer.batch.row.too-long", { max: Number(issue.maximum) }, field);
    case "invalid_type":
      return issue.input === undefined
        ? rowError(line, "issuer.batch.row.required", undefined, field)
        : rowError(line, "issuer.batch.row.text", undefined, field);
    case "invalid_format":
      return rowError(
        line,
        field === "email" ? "issuer.batch.row.email" : "issuer.batch.row.did",
        undefined,
        field,
      );
    case "custom":
      return rowError(
        line,
        field === "curp" ? "issuer.batch.row.curp" : "issuer.batch.row.date",
        undefined,
        field,
      );
    default:
      return rowError(line, "issuer.batch.row.invalid", undefined, field);
  }
}
