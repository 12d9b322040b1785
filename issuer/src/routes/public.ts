import { buildAchievement, OB_V3_CONTEXT, VC_V2_CONTEXT } from "@avala/credentials";
import { type Context, Hono } from "hono";
import { sql } from "kysely";
import type { IssuerContext } from "../context.js";
import { findAchievement, listAchievements } from "../db/repositories/achievements.js";
import { endorsementsGiven, endorsementsReceived } from "../db/repositories/endorsements.js";
import { findOrganisationById, findOrganisationBySlug } from "../db/repositories/organisations.js";
import { listStatusLists } from "../db/repositories/status-lists.js";
import type { IssuerEnv } from "../http/env.js";
import { fail } from "../http/problems.js";
import { achievementInputOf, achievementView } from "../services/catalogue.js";
import { endorsementView, signedTrustRegistry } from "../services/endorsements.js";
import { didDocumentOf, issuerProfile, organisationView } from "../services/organisations.js";
import { signedStatusList, statusListUrl, statusNotice } from "../services/status.js";

/** What anyone may read: DID documents, profiles, the catalogue, status lists, the registry. */
export function publicRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const shortCache = "public, max-age=60";

  async function organisation(c: Context<IssuerEnv>) {
    const slug = c.req.param("slug") ?? "";
    const org = await findOrganisationBySlug(ctx.db, slug);
    if (!org) throw fail(c, 404, "issuer.organisation.not-found", { slug: slug.slice(0, 100) });
    return org;
  }

  app.get("/", (c) =>
    c.json({
      service: "Avala issuer",
      openapi: `${ctx.config.publicUrl}/openapi.json`,
      docs: `${ctx.config.publicUrl}/docs`,
      trustRegistry: `${ctx.config.publicUrl}/trust-registry.json`,
    }),
  );

  app.get("/health", async (c) => {
    await sql`select 1`.execute(ctx.db);
    c.header("cache-control", "no-store");
    return c.json({ status: "ok" });
  });

  app.get("/trust-registry.json", async (c) => {
    const registry = await signedTrustRegistry(ctx);
    if (!registry) throw fail(c, 404, "issuer.organisation.not-found", { slug: "platform" });
    c.header("cache-control", "public, max-age=300");
    c.header("etag", registry.etag);
    if (c.req.header("if-none-match") === registry.etag) return c.body(null, 304);
    return c.body(registry.body, 200, { "content-type": "application/json" });
  });

  app.get("/orgs/:slug", async (c) => {
    const org = await organisation(c);
    const profile = await issuerProfile(ctx, ctx.db, org);
    c.header("cache-control", shortCache);
    return c.json({
      "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
      ...profile,
      avala: organisationView(ctx, org),
    });
  });

  app.get("/orgs/:slug/did.json", async (c) => {
    const org = await organisation(c);
    if (org.did_method !== "web") {
      throw fail(c, 404, "issuer.organisation.not-found", { slug: org.slug });
    }
    c.header("cache-control", shortCache);
    return c.json(await didDocumentOf(ctx, ctx.db, org));
  });

  app.get("/orgs/:slug/achievements", async (c) => {
    const org = await organisation(c);
    const rows = await listAchievements(ctx.db, org.id);
    const items = [];
    for (const row of rows) items.push(await achievementView(ctx.config, ctx.db, org, row));
    c.header("cache-control", shortCache);
    return c.json({ organisation: org.slug, achievements: items });
  });

  app.get("/orgs/:slug/achievements/:code", async (c) => {
    const org = await organisation(c);
    const code = c.req.param("code");
    const row = await findAchievement(ctx.db, org.id, code);
    if (!row) throw fail(c, 404, "issuer.achievement.not-found", { code: code.slice(0, 100) });
    const achievement = buildAchievement(await achievementInputOf(ctx.config, ctx.db, org, row));
    c.header("cache-control", shortCache);
    return c.json({ "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT], ...achievement });
  });

  app.get("/orgs/:slug/status", async (c) => {
    const org = await organisation(c);
    const lists = await listStatusLists(ctx.db, org.id);
    return c.json({
      lists: lists.map((l) => ({
        purpose: l.purpose,
        number: l.list_number,
        url: statusListUrl(ctx.config, org.slug, l.purpose, l.list_number),
        length: l.length,
        allocated: l.allocated,
        updatedAt: l.updated_at,
      })),
    });
  });

  app.get("/orgs/:slug/status/:purpose/:listNumber", async (c) => {
    const org = await organisation(c);
    const purpose = c.req.param("purpose");
    const number = c.req.param("listNumber");
    if ((purpose !== "revocation" && purpose !== "suspension") || !/^[1-9]\d{0,8}$/.test(number)) {
      throw fail(c, 404, "issuer.status.list-not-found");
    }
    const list = await signedStatusList(ctx, org, purpose, Number(number));
    if (!list) throw fail(c, 404, "issuer.status.list-not-found");
    // A revocation must show at once: a cache may keep the list but must revalidate it every
    // time (no-cache), which the ETag makes cheap (304).
    const headers = {
      "cache-control": "no-cache",
      etag: list.etag,
      "last-modified": list.lastModified,
    };
    if (c.req.header("if-none-match") === list.etag) return c.body(null, 304, headers);
    return c.body(list.body, 200, { ...headers, "content-type": "application/json" });
  });

  // A status entry's notice (its `statusReference`): the credential's status, since when, and
  // the reason when the clerk made it public. Never cached for long: it changes with the status.
  app.get("/orgs/:slug/status/:purpose/:listNumber/entries/:index", async (c) => {
    const org = await organisation(c);
    const purpose = c.req.param("purpose");
    const number = c.req.param("listNumber");
    const index = c.req.param("index");
    if (
      (purpose !== "revocation" && purpose !== "suspension") ||
      !/^[1-9]\d{0,8}$/.test(number) ||
      !/^(0|[1-9]\d{0,8})$/.test(index)
    ) {
      throw fail(c, 404, "issuer.status.entry-not-found");
    }
    const notice = await statusNotice(ctx, org, purpose, Number(number), Number(index));
    if (!notice) throw fail(c, 404, "issuer.status.entry-not-found");
    c.header("cache-control", "no-cache");
    return c.json(notice);
  });

  app.get("/orgs/:slug/endorsements", async (c) => {
    const org = await organisation(c);
    const now = ctx.now().toISOString();
    const slugs = new Map<number, string>();
    const slugOf = async (id: number) => {
      if (!slugs.has(id)) slugs.set(id, (await findOrganisationById(ctx.db, id))?.slug ?? "");
      return slugs.get(id)!;
    };
    const received = [];
    for (const e of await endorsementsReceived(ctx.db, org.id, now)) {
      received.push(endorsementView(e, await slugOf(e.endorser_id), org.slug));
    }
    const given = [];
    for (const e of await endorsementsGiven(ctx.db, org.id)) {
      if (e.withdrawn_at !== null) continue;
      given.push(endorsementView(e, org.slug, await slugOf(e.subject_id)));
    }
    c.header("cache-control", shortCache);
    return c.json({ received, given });
  });

  return app;
}
