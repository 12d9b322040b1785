import { invalidUtf8Offset, jsonBody, readJsonBody } from "@avala/http-middleware";
import { type Context, Hono } from "hono";
import type { IssuerContext } from "../context.js";
import {
  failedRows,
  findBatch,
  listBatches,
  rowsWithCredentials,
} from "../db/repositories/batches.js";
import { latestOffer, offersOfCredentials } from "../db/repositories/claims.js";
import {
  findCredential,
  listCredentials,
  listStatusEvents,
  publicIdsOf,
} from "../db/repositories/credentials.js";
import { listStatusLists } from "../db/repositories/status-lists.js";
import { orgAccess } from "../http/auth.js";
import { intParam, mediaType, readTextBody } from "../http/body.js";
import type { IssuerEnv } from "../http/env.js";
import { fail, noteOf } from "../http/problems.js";
import {
  batchQuerySchema,
  issueAwardSchema,
  listQuerySchema,
  pageQuerySchema,
  statusChangeSchema,
} from "../http/schemas.js";
import { valid } from "../http/validation.js";
import { checkAwardRequest, issueAward, prepareAwards } from "../services/awards.js";
import { claimLinksCsv, prefersCsv } from "../services/batch-reports.js";
import {
  batchProgress,
  createBatch,
  localizeRowError,
  locateInvalidCsvByte,
  parseCsvUpload,
  type RawRow,
  rowErrorsOf,
  validateRows,
} from "../services/batches.js";
import { createOffer } from "../services/claims.js";
import { CredentialRejectedError } from "../services/issuance.js";
import { changeCredentialStatus } from "../services/status.js";
import { credentialSummary, documentOf, historyView, offerView } from "./views.js";

/** Issuing, listing and changing the status of an organisation's credentials; cohort batches. */
export function credentialRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();

  /** The caller's organisation's batch named by `:id`, or a 404 problem. */
  async function batchOfRequest(c: Context<IssuerEnv>) {
    const id = c.req.param("id") ?? "";
    const batch = await findBatch(ctx.db, c.get("organisation").id, id);
    if (!batch) throw fail(c, 404, "issuer.batch.not-found", { id: id.slice(0, 64) });
    return batch;
  }
  const operator = orgAccess(ctx, "operator");
  const body = jsonBody({ maxBytes: ctx.config.limits.jsonBodyBytes });

  async function listsOf(orgId: number) {
    return new Map((await listStatusLists(ctx.db, orgId)).map((l) => [l.id, l]));
  }

  app.post("/credentials", operator, body, valid("json", issueAwardSchema), async (c) => {
    const org = c.get("organisation");
    const input = c.req.valid("json");
    const checked = await checkAwardRequest(ctx.db, org, input);
    if (!checked.ok) {
      throw fail(c, checked.status, checked.code, checked.params, { errors: checked.errors });
    }
    const achievement = checked.achievement;
    let outcome: Awaited<ReturnType<typeof issueAward>>;
    try {
      outcome = await issueAward(
        ctx,
        org,
        {
          achievement,
          learner: input.learner,
          externalId: input.externalId,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          evidence: input.evidence,
          statusPurpose: input.statusPurpose ?? "revocation",
          cryptosuite: input.cryptosuite ?? "eddsa-rdfc-2022",
        },
        await prepareAwards(ctx, org),
      );
    } catch (error) {
      if (error instanceof CredentialRejectedError) {
        throw fail(c, 422, "issuer.credential.invalid", { reason: error.message });
      }
      throw error;
    }
    if (outcome.kind !== "issued") {
      const existing = outcome.kind === "duplicate-external-id" ? outcome.existing : undefined;
      throw fail(
        c,
        409,
        "issuer.credential.duplicate-external-id",
        { externalId: input.externalId },
        {
          errors: [{ field: "externalId", reason: "already used" }],
          ...(existing ? { extra: { credential: existing.public_id } } : {}),
        },
      );
    }
    const lists = await listsOf(org.id);
    const offer = offerView(ctx, outcome.offer);
    return c.json(
      {
        ...credentialSummary(
          ctx,
          org,
          outcome.credential,
          lists.get(outcome.credential.status_list_id),
        ),
        claimUrl: offer?.url,
        claimExpiresAt: offer?.expiresAt,
        verifiableCredential: outcome.signed,
      },
      201,
    );
  });

  app.get("/credentials", operator, valid("query", listQuerySchema), async (c) => {
    const org = c.get("organisation");
    const query = c.req.valid("query");
    const limit = intParam(query.limit, 50, 200);
    const rows = await listCredentials(ctx.db, org.id, {
      limit,
      ...(query.externalId !== undefined ? { externalId: query.externalId } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.before !== undefined ? { before: Number(query.before) } : {}),
    });
    const last = rows.at(-1);
    return c.json({
      credentials: rows.map((r) => credentialSummary(ctx, org, r)),
      next: rows.length === limit && last ? String(last.id) : null,
    });
  });

  app.get("/credentials/:id", operator, async (c) => {
    const org = c.get("organisation");
    const id = c.req.param("id");
    const row = await findCredential(ctx.db, org.id, id);
    if (!row) throw fail(c, 404, "issuer.credential.not-found", { id: id.slice(0, 64) });
    const lists = await listsOf(org.id);
    return c.json({
      ...credentialSummary(ctx, org, row, lists.get(row.status_list_id)),
      claim: offerView(ctx, await latestOffer(ctx.db, row.id)),
      history: historyView(await listStatusEvents(ctx.db, row.id)),
      verifiableCredential: documentOf(row),
    });
  });

  app.post(
    "/credentials/:id/status",
    operator,
    body,
    valid("json", statusChangeSchema),
    async (c) => {
      const org = c.get("organisation");
      const principal = c.get("principal");
      const input = c.req.valid("json");
      const outcome = await changeCredentialStatus(ctx, org, c.req.param("id"), {
        action: input.action,
        reason: input.reason,
        actor: principal.actor,
        actorLabel: principal.label,
        publicReason: input.publicReason === true,
      });
      if (!outcome.ok) {
        throw fail(c, outcome.status, outcome.code, { id: c.req.param("id").slice(0, 64) });
      }
      // A credential whose one entry is a suspension entry cannot show "revoked": its bit is set
      // for good, and verifiers see "suspended". Say so to whoever revoked it.
      const note =
        outcome.status === "revoked" && outcome.credential.status_purpose === "suspension"
          ? noteOf(c, "issuer.status.revoked-suspension-only")
          : undefined;
      return c.json({
        id: outcome.credential.public_id,
        previous: outcome.previous,
        status: outcome.status,
        ...(note ? { note } : {}),
        history: historyView(await listStatusEvents(ctx.db, outcome.credential.id)),
      });
    },
  );

  app.post("/credentials/:id/offer", operator, async (c) => {
    const org = c.get("organisation");
    const id = c.req.param("id");
    const row = await findCredential(ctx.db, org.id, id);
    if (!row) throw fail(c, 404, "issuer.credential.not-found", { id: id.slice(0, 64) });
    if (row.status === "revoked") throw fail(c, 409, "issuer.claim.revoked");
    const previous = await latestOffer(ctx.db, row.id);
    if (previous?.claimed_at) throw fail(c, 409, "issuer.claim.claimed");
    const offer = await createOffer(ctx, ctx.db, row);
    return c.json(offerView(ctx, offer), 201);
  });

  app.post("/batches", operator, valid("query", batchQuerySchema), async (c) => {
    const org = c.get("organisation");
    const principal = c.get("principal");
    const query = c.req.valid("query");
    const type = mediaType(c.req.header("content-type"));
    const limits = ctx.config.limits;
    let rows: RawRow[];
    let source: "csv" | "json";
    if (type === "text/csv") {
      const { bytes, text } = await readTextBody(c.req.raw, limits.batchBodyBytes);
      if (text === undefined) {
        // Refused, not read with U+FFFD in place of what the file meant.
        const at = locateInvalidCsvByte(bytes, invalidUtf8Offset(bytes));
        throw fail(
          c,
          422,
          "issuer.batch.csv-not-utf8",
          { line: at.line, column: at.field ?? "—" },
          { errors: [localizeRowError(at, c.get("locale"))] },
        );
      }
      if (text.includes("\u0000")) {
        throw fail(c, 400, "issuer.batch.csv-malformed", { line: 0, reason: "NUL characters" });
      }
      const parsed = parseCsvUpload(text);
      if (!parsed.ok) {
        const first = parsed.errors[0];
        const errors = parsed.errors.map((e) => localizeRowError(e, c.get("locale")));
        throw parsed.kind === "csv-header"
          ? fail(c, 400, "issuer.batch.csv-header", undefined, { errors })
          : fail(
              c,
              400,
              "issuer.batch.csv-malformed",
              {
                line: first?.line ?? 0,
                reason: first?.reason ?? "",
              },
              { errors },
            );
      }
      rows = parsed.rows;
      source = "csv";
    } else if (type === "application/json") {
      const parseJson = jsonBody({ maxBytes: limits.batchBodyBytes, maxDepth: 8 });
      await parseJson(c as unknown as Parameters<typeof parseJson>[0], async () => {});
      const value = readJsonBody(c);
      if (!Array.isArray(value)) throw fail(c, 400, "issuer.batch.not-array");
      rows = value.map((fields, i) => ({ line: i + 1, fields }));
      source = "json";
    } else {
      throw fail(c, 415, "issuer.batch.unsupported-type");
    }
    if (rows.length === 0) throw fail(c, 422, "issuer.batch.empty");
    if (rows.length > limits.batchRows) {
      throw fail(c, 422, "issuer.batch.too-many-rows", { max: limits.batchRows });
    }
    const validated = await validateRows(ctx.db, org, rows);
    // Validated: the parsed rows of a large upload need not stay in memory while it is stored.
    rows = [];
    const batch = await createBatch(ctx, org, validated, {
      source,
      statusPurpose: query.statusPurpose ?? "revocation",
      cryptosuite: query.cryptosuite ?? "eddsa-rdfc-2022",
      createdBy: principal.actor,
    });
    ctx.batches.schedule(batch.id);
    const location = `${ctx.config.publicUrl}/orgs/${org.slug}/batches/${batch.public_id}`;
    c.header("location", location);
    return c.json(
      {
        ...(await batchProgress(ctx, batch)),
        links: {
          self: location,
          errors: `${location}/errors`,
          credentials: `${location}/credentials`,
        },
      },
      202,
    );
  });

  app.get("/batches", operator, async (c) => {
    const org = c.get("organisation");
    const batches = await listBatches(ctx.db, org.id, 50);
    const items = [];
    for (const b of batches) items.push(await batchProgress(ctx, b));
    return c.json({ batches: items });
  });

  app.get("/batches/:id", operator, async (c) => {
    const batch = await batchOfRequest(c);
    return c.json(await batchProgress(ctx, batch));
  });

  app.get("/batches/:id/errors", operator, valid("query", pageQuerySchema), async (c) => {
    const batch = await batchOfRequest(c);
    const query = c.req.valid("query");
    const limit = intParam(query.limit, 200, 1000);
    const rows = await failedRows(ctx.db, batch.id, Number(query.after ?? 0), limit);
    return c.json({
      batch: batch.public_id,
      errors: rows.flatMap((r) =>
        rowErrorsOf(r).map((e) => ({
          ...localizeRowError(e, c.get("locale")),
          externalId: r.external_id,
        })),
      ),
      next: rows.length === limit ? String(rows.at(-1)!.line) : null,
    });
  });

  app.get("/batches/:id/credentials", operator, valid("query", pageQuerySchema), async (c) => {
    const batch = await batchOfRequest(c);
    const query = c.req.valid("query");
    if (prefersCsv(c.req.header("accept"))) {
      // The whole list at once, as a spreadsheet (no paging): what a clerk mail-merges.
      c.header("cache-control", "no-store");
      c.header("content-disposition", `attachment; filename="claims-${batch.public_id}.csv"`);
      return c.body(await claimLinksCsv(ctx, batch), 200, {
        "content-type": "text/csv; charset=utf-8",
      });
    }
    const limit = intParam(query.limit, 200, 1000);
    const rows = await rowsWithCredentials(ctx.db, batch.id, Number(query.after ?? 0), limit);
    const ids = rows.map((r) => r.credential_id).filter((id): id is number => id !== null);
    const offers = new Map<number, Awaited<ReturnType<typeof offersOfCredentials>>[number]>();
    for (const offer of await offersOfCredentials(ctx.db, ids))
      offers.set(offer.credential_id, offer);
    const publicIds = await publicIdsOf(ctx.db, ids);
    c.header("cache-control", "no-store");
    return c.json({
      batch: batch.public_id,
      credentials: rows.map((r) => ({
        line: r.line,
        externalId: r.external_id,
        state: r.state,
        credential: r.credential_id !== null ? (publicIds.get(r.credential_id) ?? null) : null,
        email: r.learner_email,
        claim: r.credential_id !== null ? offerView(ctx, offers.get(r.credential_id)) : null,
      })),
      next: rows.length === limit ? String(rows.at(-1)!.line) : null,
    });
  });

  return app;
}
