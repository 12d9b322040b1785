import type { JsonObject } from "@avala/credentials";
import { jsonBody, rateLimit } from "@avala/http-middleware";
import { type Context, Hono } from "hono";
import { z } from "zod/v4";
import type { IssuerContext } from "../context.js";
import { findOrganisationBySlug } from "../db/repositories/organisations.js";
import {
  certifiersOf,
  findStandardRequest,
  listStandardRequests,
  saveStandardMode,
} from "../db/repositories/standard-requests.js";
import { orgAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { fail, noteOf } from "../http/problems.js";
import { valid } from "../http/validation.js";
import {
  approveStandardRequest,
  issueStandardChallenge,
  refuseStandardRequest,
  requestStandard,
  standardModeOf,
  standardRequestView,
} from "../services/standard-requests.js";
import { setStandardVersion, standardVersionOf } from "../services/standard-versions.js";

const codeSchema = z.string().min(1).max(100);

export const standardRequestSchema = z
  .object({
    standardCode: codeSchema.describe("The standard asked for, e.g. EC0217.01"),
    presentation: z
      .record(z.string(), z.unknown())
      .describe("The unit credentials in a presentation signed by the holder over the challenge"),
  })
  .strict();

export const standardModeSchema = z.object({ mode: z.enum(["automatic", "review"]) }).strict();

export const standardVersionSchema = z
  .object({
    validUntil: z.iso.datetime({ offset: true }).nullable().optional(),
    supersededBy: codeSchema.nullable().optional(),
    equivalences: z.record(codeSchema, z.array(codeSchema).max(50)).optional(),
  })
  .strict();

export const standardListQuerySchema = z
  .object({ state: z.enum(["pending", "issued", "refused"]).optional() })
  .strict();

/**
 * Units to a standard (issue 15): the holder's wallet asks a certification body for a
 * standard's certificate with a signed presentation of its unit credentials; clerks decide
 * pending requests; admins choose automatic issuance or review, and record standards' versions.
 */
export function standardRequestRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const operator = orgAccess(ctx, "operator");
  const admin = orgAccess(ctx, "admin");
  const body = jsonBody({ maxBytes: 512 * 1024 });
  const limited = rateLimit({
    windowMs: 60_000,
    max: ctx.config.limits.claimRequestsPerMinute,
    store: ctx.rateLimitStore("standard-requests"),
  });

  async function organisation(c: Context<IssuerEnv>) {
    const slug = c.req.param("slug") ?? "";
    const org = await findOrganisationBySlug(ctx.db, slug);
    if (!org) throw fail(c, 404, "issuer.organisation.not-found", { slug: slug.slice(0, 100) });
    return org;
  }

  async function request(c: Context<IssuerEnv>, org: { id: number }) {
    const found = await findStandardRequest(ctx.db, org.id, (c.req.param("id") ?? "").slice(0, 64));
    if (!found) throw fail(c, 404, "issuer.standard-request.not-found");
    return found;
  }

  // Who certifies a standard: every organisation of this issuer whose catalogue lists it.
  app.get("/standards/:code/certifiers", async (c) => {
    const code = c.req.param("code").slice(0, 100);
    const rows = await certifiersOf(ctx.db, code);
    const certifiers = [];
    for (const row of rows) {
      const org = await findOrganisationBySlug(ctx.db, row.slug);
      if (!org) continue;
      const base = `${ctx.config.publicUrl}/orgs/${encodeURIComponent(row.slug)}`;
      certifiers.push({
        slug: row.slug,
        name: { es: row.name_es, ...(row.name_en ? { en: row.name_en } : {}) },
        did: row.did,
        mode: await standardModeOf(ctx, org),
        version: await standardVersionOf(ctx, org, code),
        challengeUrl: `${base}/standard-requests/challenge`,
        requestUrl: `${base}/standard-requests`,
      });
    }
    c.header("cache-control", "public, max-age=60");
    return c.json({ standard: code, certifiers });
  });

  app.get("/orgs/:slug/standards/:code/version", async (c) => {
    const org = await organisation(c);
    c.header("cache-control", "public, max-age=60");
    return c.json({
      code: c.req.param("code"),
      ...(await standardVersionOf(ctx, org, c.req.param("code"))),
    });
  });

  app.patch(
    "/orgs/:slug/standards/:code/version",
    admin,
    body,
    valid("json", standardVersionSchema),
    async (c) => {
      const code = c.req.param("code").slice(0, 100);
      const saved = await setStandardVersion(ctx, c.get("organisation"), code, c.req.valid("json"));
      if (!saved) throw fail(c, 404, "issuer.standard-version.unknown-standard", { code });
      return c.json({ code, ...saved });
    },
  );

  app.patch(
    "/orgs/:slug/standard-request-settings",
    admin,
    body,
    valid("json", standardModeSchema),
    async (c) => {
      const { mode } = c.req.valid("json");
      await saveStandardMode(ctx.db, c.get("organisation").id, mode, ctx.now().toISOString());
      return c.json({ mode });
    },
  );

  app.get("/orgs/:slug/standard-request-settings", operator, async (c) =>
    c.json({ mode: await standardModeOf(ctx, c.get("organisation")) }),
  );

  app.get("/orgs/:slug/standard-requests/challenge", limited, async (c) => {
    const org = await organisation(c);
    c.header("cache-control", "no-store");
    return c.json(await issueStandardChallenge(ctx, org));
  });

  app.post(
    "/orgs/:slug/standard-requests",
    limited,
    body,
    valid("json", standardRequestSchema),
    async (c) => {
      const org = await organisation(c);
      const { standardCode, presentation } = c.req.valid("json");
      const outcome = await requestStandard(ctx, org, standardCode, presentation as JsonObject);
      if (!outcome.ok) {
        throw fail(c, outcome.status, outcome.code, outcome.params, {
          ...(outcome.unit ? { extra: { unit: outcome.unit } } : {}),
        });
      }
      const view = await standardRequestView(ctx, outcome.request);
      const issued = outcome.request.state === "issued";
      c.header("cache-control", "no-store");
      return c.json(
        {
          ...view,
          statusUrl: `${ctx.config.publicUrl}/orgs/${encodeURIComponent(org.slug)}/standard-requests/${view.id}`,
          note: issued
            ? noteOf(c, "issuer.standard-request.issued", { code: standardCode })
            : noteOf(c, "issuer.standard-request.pending"),
        },
        issued ? 201 : 202,
      );
    },
  );

  app.get(
    "/orgs/:slug/standard-requests",
    operator,
    valid("query", standardListQuerySchema),
    async (c) => {
      const { state } = c.req.valid("query");
      const rows = await listStandardRequests(ctx.db, c.get("organisation").id, state);
      const items = [];
      for (const row of rows) items.push(await standardRequestView(ctx, row));
      return c.json({ requests: items });
    },
  );

  // The holder's handle: the random request id is the capability.
  app.get("/orgs/:slug/standard-requests/:id", async (c) => {
    const org = await organisation(c);
    c.header("cache-control", "no-store");
    return c.json(await standardRequestView(ctx, await request(c, org)));
  });

  app.post("/orgs/:slug/standard-requests/:id/approve", operator, async (c) => {
    const org = c.get("organisation");
    const found = await request(c, org);
    if (found.state !== "pending") throw fail(c, 409, "issuer.standard-request.decided");
    const decided = await approveStandardRequest(ctx, org, found, principalName(c));
    if (decided.state !== "issued") throw fail(c, 409, "issuer.standard-request.decided");
    return c.json(await standardRequestView(ctx, decided));
  });

  app.post("/orgs/:slug/standard-requests/:id/refuse", operator, async (c) => {
    const found = await request(c, c.get("organisation"));
    if (!(await refuseStandardRequest(ctx, found, principalName(c)))) {
      throw fail(c, 409, "issuer.standard-request.decided");
    }
    return c.json(await standardRequestView(ctx, { ...found, state: "refused" }));
  });

  return app;
}

function principalName(c: Context<IssuerEnv>): string {
  return c.get("principal").actor;
}
