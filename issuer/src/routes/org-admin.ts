import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@avala/db";
import { jsonBody } from "@avala/http-middleware";
import { Hono } from "hono";
import type { IssuerContext } from "../context.js";
import { generateApiToken, hashToken } from "../crypto/tokens.js";
import { findToken, insertToken, listTokens, revokeToken } from "../db/repositories/tokens.js";
import { orgAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { fail } from "../http/problems.js";
import { createAchievementSchema, createTokenSchema, endorsementSchema } from "../http/schemas.js";
import { valid } from "../http/validation.js";
import { achievementView, addAchievement } from "../services/catalogue.js";
import {
  endorsementView,
  endorseOrganisation,
  withdrawEndorsementOf,
} from "../services/endorsements.js";
import { didDocumentOf } from "../services/organisations.js";

/** An organisation's administration: API tokens, signing keys, catalogue, endorsements. */
export function organisationAdminRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const admin = orgAccess(ctx, "admin");
  const adminOrPlatform = orgAccess(ctx, "admin", { platform: true });
  const body = jsonBody({ maxBytes: ctx.config.limits.jsonBodyBytes });

  app.get("/tokens", adminOrPlatform, async (c) => {
    const rows = await listTokens(ctx.db, c.get("organisation").id);
    return c.json({
      tokens: rows.map((t) => ({
        id: t.token_id,
        role: t.role,
        label: t.label,
        createdAt: t.created_at,
        revokedAt: t.revoked_at,
      })),
    });
  });

  app.post("/tokens", adminOrPlatform, body, valid("json", createTokenSchema), async (c) => {
    const input = c.req.valid("json");
    const token = generateApiToken();
    const row = await insertToken(ctx.db, {
      token_id: randomUUID(),
      organisation_id: c.get("organisation").id,
      token_hash: hashToken(token),
      role: input.role,
      label: input.label,
      created_at: ctx.now().toISOString(),
      revoked_at: null,
    });
    c.header("cache-control", "no-store");
    return c.json(
      { id: row.token_id, role: row.role, label: row.label, createdAt: row.created_at, token },
      201,
    );
  });

  app.delete("/tokens/:tokenId", adminOrPlatform, async (c) => {
    const org = c.get("organisation");
    const tokenId = c.req.param("tokenId");
    const existing = await findToken(ctx.db, org.id, tokenId);
    if (!existing) throw fail(c, 404, "issuer.token.not-found", { id: tokenId.slice(0, 64) });
    await revokeToken(ctx.db, org.id, tokenId, ctx.now().toISOString());
    return c.body(null, 204);
  });

  app.get("/keys", admin, async (c) => {
    const org = c.get("organisation");
    return c.json({ did: org.did, keys: await ctx.keys.list(ctx.db, org.id) });
  });

  app.post("/keys/rotate", admin, async (c) => {
    const org = c.get("organisation");
    if (org.did_method !== "web") throw fail(c, 409, "issuer.key.did-key-rotation");
    try {
      await ctx.db.transaction().execute((trx) => ctx.keys.generateNext(trx, org));
    } catch (error) {
      // A concurrent rotation took the same key number: theirs stands.
      if (!isUniqueViolation(error)) throw error;
    }
    const keys = await ctx.keys.list(ctx.db, org.id);
    return c.json(
      {
        key: keys.find((k) => k.current),
        keys,
        didDocument: await didDocumentOf(ctx, ctx.db, org),
      },
      201,
    );
  });

  app.post("/achievements", admin, body, valid("json", createAchievementSchema), async (c) => {
    const org = c.get("organisation");
    const input = c.req.valid("json");
    const outcome = await addAchievement(
      ctx.db,
      org,
      {
        ...input,
        otherIdentifiers: input.otherIdentifiers?.map((e) => ({
          type: "IdentifierEntry" as const,
          ...e,
        })),
      },
      ctx.now().toISOString(),
    );
    if (!outcome.ok) {
      if (outcome.reason === "exists") {
        throw fail(c, 409, "issuer.achievement.exists", { code: outcome.code });
      }
      if (outcome.reason === "unknown-unit") {
        throw fail(
          c,
          422,
          "issuer.achievement.unknown-unit",
          { code: outcome.code },
          {
            errors: [{ field: "units", reason: `${outcome.code} is not a unit in the catalogue` }],
          },
        );
      }
      throw fail(c, 422, "issuer.achievement.invalid", { reason: outcome.detail ?? "invalid" });
    }
    return c.json(await achievementView(ctx.config, ctx.db, org, outcome.achievement), 201);
  });

  app.post("/endorsements", admin, body, valid("json", endorsementSchema), async (c) => {
    const org = c.get("organisation");
    const outcome = await endorseOrganisation(ctx, org, c.req.valid("json"));
    if (!outcome.ok) {
      throw fail(c, outcome.status, outcome.code, outcome.params, {
        ...(outcome.code === "issuer.organisation.not-found"
          ? { errors: [{ field: "subjectOrg", reason: "no such organisation" }] }
          : {}),
      });
    }
    return c.json(
      endorsementView(outcome.endorsement, org.slug, c.req.valid("json").subjectOrg),
      201,
    );
  });

  app.delete("/endorsements/:id", admin, async (c) => {
    const org = c.get("organisation");
    const id = c.req.param("id");
    if (!(await withdrawEndorsementOf(ctx, org, id))) {
      throw fail(c, 404, "issuer.endorsement.not-found", { id: id.slice(0, 64) });
    }
    return c.body(null, 204);
  });

  return app;
}
