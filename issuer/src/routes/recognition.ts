import type { JsonObject } from "@avala/credentials";
import { jsonBody, rateLimit } from "@avala/http-middleware";
import { type Context, Hono } from "hono";
import { z } from "zod/v4";
import type { IssuerContext } from "../context.js";
import { findOrganisationBySlug } from "../db/repositories/organisations.js";
import {
  findRecognitionRequest,
  listRecognitionRequests,
  recognisingOrganisations,
} from "../db/repositories/recognition.js";
import { orgAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { fail, noteOf } from "../http/problems.js";
import { valid } from "../http/validation.js";
import {
  approveRecognitionRequest,
  entriesOf,
  programmesOf,
  publishRecognitionTable,
  type RecognitionEntry,
  recognitionModeOf,
  recognitionRequestView,
  recognitionTableOf,
  refuseRecognitionRequest,
  requestRecognition,
} from "../services/recognition.js";
import { issueStandardChallenge } from "../services/standard-requests.js";

const code = z.string().trim().min(1).max(100);
const name = z
  .object({
    es: z.string().trim().min(1).max(200),
    en: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const recognitionEntrySchema = z
  .object({
    programme: z.object({ id: code, name }).strict(),
    module: z.object({ code, name }).strict(),
    credits: z.number().positive().max(1000),
    counts: z.union([
      z.object({ unit: code }).strict(),
      z.object({ standard: code }).strict(),
      z
        .object({
          issuer: z.string().min(1).max(500).describe("The issuer's id (a DID)"),
          achievement: z
            .string()
            .min(1)
            .max(500)
            .describe("The achievement's id, code (humanCode) or name"),
        })
        .strict(),
    ]),
  })
  .strict();

export const recognitionTableSchema = z
  .object({
    entries: z.array(recognitionEntrySchema).max(500),
    mode: z
      .enum(["automatic", "review"])
      .optional()
      .describe("Issue at once (default) or after a clerk's review"),
  })
  .strict();

export const recognitionListQuerySchema = z
  .object({ state: z.enum(["pending", "issued", "refused"]).optional() })
  .strict();

export const recognitionRequestSchema = z
  .object({
    programmeId: code.describe("The programme of the school's recognition table"),
    presentation: z
      .record(z.string(), z.unknown())
      .describe("The credentials in a presentation signed by the holder over the challenge"),
  })
  .strict();

/**
 * Certificates to credits (issue 15, part 2): a school publishes its recognition table; a
 * holder's wallet presents credentials and takes the recognition credential.
 */
export function recognitionRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const admin = orgAccess(ctx, "admin");
  const operator = orgAccess(ctx, "operator");
  const tableBody = jsonBody({ maxBytes: 256 * 1024 });
  const requestBody = jsonBody({ maxBytes: 512 * 1024 });
  const limited = rateLimit({
    windowMs: 60_000,
    max: ctx.config.limits.claimRequestsPerMinute,
    store: ctx.rateLimitStore("recognition-requests"),
  });

  async function organisation(c: Context<IssuerEnv>) {
    const slug = c.req.param("slug") ?? "";
    const org = await findOrganisationBySlug(ctx.db, slug);
    if (!org) throw fail(c, 404, "issuer.organisation.not-found", { slug: slug.slice(0, 100) });
    return org;
  }

  const urlsOf = (slug: string) => {
    const base = `${ctx.config.publicUrl}/orgs/${encodeURIComponent(slug)}`;
    return {
      tableUrl: `${base}/recognition-table`,
      challengeUrl: `${base}/recognition-requests/challenge`,
      requestUrl: `${base}/recognition-requests`,
    };
  };

  // The schools of this issuer that publish a recognition table, with their programmes.
  app.get("/recognition-tables", async (c) => {
    const rows = await recognisingOrganisations(ctx.db);
    const schools = rows.map((row) => ({
      slug: row.slug,
      name: { es: row.name_es, ...(row.name_en ? { en: row.name_en } : {}) },
      programmes: programmesOf(entriesOf(row.entries)),
      mode: row.mode,
      ...urlsOf(row.slug),
    }));
    c.header("cache-control", "public, max-age=60");
    return c.json({ schools: schools.filter((s) => s.programmes.length > 0) });
  });

  app.get("/orgs/:slug/recognition-table", async (c) => {
    const org = await organisation(c);
    const entries = await recognitionTableOf(ctx, org);
    c.header("cache-control", "public, max-age=60");
    return c.json({
      organisation: { slug: org.slug, name: org.name_es },
      entries,
      programmes: programmesOf(entries),
      mode: await recognitionModeOf(ctx, org),
      ...urlsOf(org.slug),
    });
  });

  app.put(
    "/orgs/:slug/recognition-table",
    admin,
    tableBody,
    valid("json", recognitionTableSchema),
    async (c) => {
      const org = c.get("organisation");
      const { entries, mode } = c.req.valid("json");
      await publishRecognitionTable(ctx, org, entries as RecognitionEntry[], mode);
      return c.json({
        entries,
        programmes: programmesOf(entries as RecognitionEntry[]),
        mode: await recognitionModeOf(ctx, org),
      });
    },
  );

  app.get("/orgs/:slug/recognition-requests/challenge", limited, async (c) => {
    const org = await organisation(c);
    c.header("cache-control", "no-store");
    return c.json(await issueStandardChallenge(ctx, org));
  });

  app.post(
    "/orgs/:slug/recognition-requests",
    limited,
    requestBody,
    valid("json", recognitionRequestSchema),
    async (c) => {
      const org = await organisation(c);
      const { programmeId, presentation } = c.req.valid("json");
      const outcome = await requestRecognition(ctx, org, programmeId, presentation as JsonObject);
      if (!outcome.ok) {
        throw fail(c, outcome.status, outcome.code, outcome.params, {
          ...(outcome.credential ? { extra: { credential: outcome.credential } } : {}),
        });
      }
      const view = await recognitionRequestView(ctx, outcome.request);
      const issued = outcome.request.state === "issued";
      const names = view.notRecognised.map((n) => n.name).join(", ");
      c.header("cache-control", "no-store");
      return c.json(
        {
          ...view,
          statusUrl: `${ctx.config.publicUrl}/orgs/${encodeURIComponent(org.slug)}/recognition-requests/${view.id}`,
          note: issued
            ? noteOf(c, "issuer.recognition-request.issued", {
                credits: String(view.creditsEarned),
                programme: view.programme.name.es,
              })
            : noteOf(c, "issuer.recognition-request.pending"),
          ...(names
            ? {
                notRecognisedNote: noteOf(c, "issuer.recognition-request.not-recognised", {
                  credentials: names,
                }),
              }
            : {}),
        },
        issued ? 201 : 202,
      );
    },
  );

  async function request(c: Context<IssuerEnv>, org: { id: number }) {
    const id = (c.req.param("id") ?? "").slice(0, 64);
    const found = await findRecognitionRequest(ctx.db, org.id, id);
    if (!found) throw fail(c, 404, "issuer.recognition-request.not-found");
    return found;
  }

  app.get(
    "/orgs/:slug/recognition-requests",
    operator,
    valid("query", recognitionListQuerySchema),
    async (c) => {
      const { state } = c.req.valid("query");
      const rows = await listRecognitionRequests(ctx.db, c.get("organisation").id, state);
      const items = [];
      for (const row of rows) items.push(await recognitionRequestView(ctx, row));
      return c.json({ requests: items });
    },
  );

  // The holder's handle: the random request id is the capability.
  app.get("/orgs/:slug/recognition-requests/:id", async (c) => {
    const org = await organisation(c);
    c.header("cache-control", "no-store");
    return c.json(await recognitionRequestView(ctx, await request(c, org)));
  });

  app.post("/orgs/:slug/recognition-requests/:id/approve", operator, async (c) => {
    const org = c.get("organisation");
    const found = await request(c, org);
    if (found.state !== "pending") throw fail(c, 409, "issuer.recognition-request.decided");
    const decided = await approveRecognitionRequest(ctx, org, found, c.get("principal").actor);
    if (decided.state !== "issued") throw fail(c, 409, "issuer.recognition-request.decided");
    return c.json(await recognitionRequestView(ctx, decided));
  });

  app.post("/orgs/:slug/recognition-requests/:id/refuse", operator, async (c) => {
    const found = await request(c, c.get("organisation"));
    if (!(await refuseRecognitionRequest(ctx, found, c.get("principal").actor))) {
      throw fail(c, 409, "issuer.recognition-request.decided");
    }
    return c.json(await recognitionRequestView(ctx, { ...found, state: "refused" }));
  });

  return app;
}
