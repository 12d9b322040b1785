import { decodeUtf8, invalidUtf8Offset } from "@avala/http-middleware";
import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { Context, Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { failedRows, findBatch, listBatches } from "../../db/repositories/batches.js";
import { findStaffOfOrganisation } from "../../db/repositories/staff.js";
import { recordAudit } from "../../services/audit.js";
import { batchResultsCsv, claimLinksCsv, toCsv } from "../../services/batch-reports.js";
import {
  batchColumns,
  batchProgress,
  confirmDraftBatch,
  createBatch,
  discardDraftBatch,
  localizeRowError,
  locateInvalidCsvByte,
  parseCsvUpload,
  type RowError,
  rowErrorsOf,
  sweepDraftBatches,
  validateRows,
} from "../../services/batches.js";
import { actorOf } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { notFound, orgOf, requireStaff, staffOf } from "../guards.js";
import { viewOf } from "../view.js";
import { BatchListPage, BatchPage, NewBatchPage, type ShownRowError } from "../views/batches.js";

function shown(
  errors: RowError[],
  locale: Locale,
  externalId: string | null = null,
): ShownRowError[] {
  return errors.map((e) => {
    const local = localizeRowError(e, locale);
    return { line: local.line, column: local.field ?? "", reason: local.reason, externalId };
  });
}

/** The template's example row: every column filled, a valid (made-up) CURP. */
function templateCsv(exampleCode: string): string {
  return toCsv(batchColumns, [
    [
      "2026-0001",
      exampleCode,
      "ana.lopez@example.mx",
      "LOGA040315MDFPRNA3",
      "Ana López García",
      "2026-01-15",
      "",
      "",
    ],
  ]);
}

/**
 * Cohorts: a CSV template, an upload that is validated and kept as a draft (nothing signed),
 * a preview of its errors per line and column, confirmation, live progress, and the results.
 * The upload goes through the same parser, row rules and batch service as `POST /batches`.
 */
export function batchRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const viewer = requireStaff("viewer");
  const operator = requireStaff("operator");

  async function batchOf(c: Context<ConsoleEnv>) {
    const batch = await findBatch(ctx.db, orgOf(c).id, c.req.param("id") ?? "");
    if (!batch) throw notFound(c);
    return batch;
  }

  app.get("/batches", viewer, async (c) => {
    const items = [];
    for (const b of await listBatches(ctx.db, orgOf(c).id, 50))
      items.push(await batchProgress(ctx, b));
    return c.html(<BatchListPage v={viewOf(c)} batches={items} />);
  });

  app.get("/batches/new", operator, (c) => c.html(<NewBatchPage v={viewOf(c)} />));

  app.get("/batches/template.csv", viewer, async (c) => {
    const first = await ctx.db
      .selectFrom("issuer_achievement")
      .select("code")
      .where("organisation_id", "=", orgOf(c).id)
      .orderBy("code")
      .limit(1)
      .executeTakeFirst();
    c.header("content-disposition", 'attachment; filename="avala-plantilla.csv"');
    return c.body(templateCsv(first?.code ?? "EC0217.01"), 200, {
      "content-type": "text/csv; charset=utf-8",
    });
  });

  app.post("/batches", operator, async (c) => {
    const org = orgOf(c);
    const staff = staffOf(c);
    const locale = c.get("locale");
    const form = c.get("form");
    const again = (problem: string | undefined, errors: RowError[] = []) =>
      c.html(<NewBatchPage v={viewOf(c)} problem={problem} errors={shown(errors, locale)} />, 422);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return again(t("console.batches.no-file", locale));
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      const at = locateInvalidCsvByte(bytes, invalidUtf8Offset(bytes));
      return again(
        t("issuer.batch.csv-not-utf8", locale, { line: at.line, column: at.field ?? "—" }),
        [at],
      );
    }
    if (text.includes("\u0000")) return again(t("console.batches.not-text", locale));
    const parsed = parseCsvUpload(text);
    if (!parsed.ok) {
      return again(
        t(
          parsed.kind === "csv-header" ? "issuer.batch.csv-header" : "console.batches.malformed",
          locale,
        ),
        parsed.errors,
      );
    }
    if (parsed.rows.length === 0) return again(t("issuer.batch.empty", locale));
    if (parsed.rows.length > ctx.config.limits.batchRows) {
      return again(t("issuer.batch.too-many-rows", locale, { max: ctx.config.limits.batchRows }));
    }
    await sweepDraftBatches(ctx);
    const validated = await validateRows(ctx.db, org, parsed.rows);
    const batch = await createBatch(ctx, org, validated, {
      source: "csv",
      statusPurpose: form.get("statusPurpose") === "suspension" ? "suspension" : "revocation",
      cryptosuite: "eddsa-rdfc-2022",
      createdBy: staff.public_id,
      draft: true,
    });
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staff),
        action: "batch.upload",
        subject: batch.public_id,
        details: { rows: validated.length, invalid: validated.filter((r) => !r.ok).length },
      },
      ctx.now(),
    );
    return c.redirect(`/console/batches/${batch.public_id}`, 303);
  });

  app.get("/batches/:id", viewer, async (c) => {
    const batch = await batchOf(c);
    const locale = c.get("locale");
    const rows = await failedRows(ctx.db, batch.id, 0, 1000);
    const errors = rows.flatMap((r) => shown(rowErrorsOf(r), locale, r.external_id));
    const uploader = await findStaffOfOrganisation(ctx.db, orgOf(c).id, batch.created_by);
    const m = c.req.query("m");
    return c.html(
      <BatchPage
        v={viewOf(c)}
        batch={await batchProgress(ctx, batch)}
        errors={errors}
        uploadedBy={uploader ? uploader.name : "API"}
        notice={m === "confirmed" ? t("console.batches.confirmed", locale) : undefined}
      />,
    );
  });

  app.get("/batches/:id/progress.json", viewer, async (c) => {
    const progress = await batchProgress(ctx, await batchOf(c));
    const done = progress.issued + progress.skipped + progress.failed;
    c.header("cache-control", "no-store");
    return c.json({
      ...progress,
      percent: progress.total ? Math.floor((done * 100) / progress.total) : 100,
    });
  });

  app.post("/batches/:id/confirm", operator, async (c) => {
    const org = orgOf(c);
    const batch = await confirmDraftBatch(ctx, org.id, c.req.param("id"));
    if (!batch) throw notFound(c);
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "batch.confirm",
        subject: batch.public_id,
      },
      ctx.now(),
    );
    return c.redirect(`/console/batches/${batch.public_id}?m=confirmed`, 303);
  });

  app.post("/batches/:id/discard", operator, async (c) => {
    const org = orgOf(c);
    const id = c.req.param("id");
    if (!(await discardDraftBatch(ctx, org.id, id))) throw notFound(c);
    await recordAudit(
      ctx.db,
      { organisationId: org.id, actor: actorOf(staffOf(c)), action: "batch.discard", subject: id },
      ctx.now(),
    );
    return c.redirect("/console/batches", 303);
  });

  app.get("/batches/:id/results.csv", viewer, async (c) => {
    const batch = await batchOf(c);
    c.header("content-disposition", `attachment; filename="resultados-${batch.public_id}.csv"`);
    return c.body(await batchResultsCsv(ctx, batch, c.get("locale")), 200, {
      "content-type": "text/csv; charset=utf-8",
    });
  });

  app.get("/batches/:id/claims.csv", viewer, async (c) => {
    const batch = await batchOf(c);
    c.header("content-disposition", `attachment; filename="enlaces-${batch.public_id}.csv"`);
    return c.body(await claimLinksCsv(ctx, batch), 200, {
      "content-type": "text/csv; charset=utf-8",
    });
  });
}
