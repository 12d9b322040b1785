import { randomUUID } from "node:crypto";
import { toFlag } from "@avala/db";
import { jsonBody } from "@avala/http-middleware";
import { Hono } from "hono";
import type { IssuerContext } from "../context.js";
import { generateApiToken, hashToken } from "../crypto/tokens.js";
import { listOrganisations, updateOrganisation } from "../db/repositories/organisations.js";
import { insertToken } from "../db/repositories/tokens.js";
import { orgAccess, platformAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { fail } from "../http/problems.js";
import { createOrganisationSchema, updateOrganisationSchema } from "../http/schemas.js";
import { valid } from "../http/validation.js";
import { createOrganisation, organisationView } from "../services/organisations.js";

function entries(list: Array<{ identifier: string; identifierType: string }> | undefined) {
  return list?.map((e) => ({ type: "IdentifierEntry" as const, ...e }));
}

/** The deployment's own administration: organisations and authorities. */
export function platformRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const body = jsonBody({ maxBytes: ctx.config.limits.jsonBodyBytes });

  app.post(
    "/orgs",
    platformAccess(ctx),
    body,
    valid("json", createOrganisationSchema),
    async (c) => {
      const input = c.req.valid("json");
      const org = await createOrganisation(ctx, {
        ...input,
        otherIdentifiers: entries(input.otherIdentifiers),
      });
      if (!org) throw fail(c, 409, "issuer.organisation.exists", { slug: input.slug });
      const token = generateApiToken();
      const row = await insertToken(ctx.db, {
        token_id: randomUUID(),
        organisation_id: org.id,
        token_hash: hashToken(token),
        role: "admin",
        label: "initial admin token",
        created_at: ctx.now().toISOString(),
        revoked_at: null,
      });
      return c.json(
        {
          organisation: organisationView(ctx, org),
          token: { id: row.token_id, role: row.role, label: row.label, token },
        },
        201,
      );
    },
  );

  app.get("/orgs", platformAccess(ctx), async (c) => {
    const orgs = await listOrganisations(ctx.db);
    return c.json({ organisations: orgs.map((o) => organisationView(ctx, o)) });
  });

  app.patch(
    "/orgs/:slug",
    orgAccess(ctx, "admin", { platform: true }),
    body,
    valid("json", updateOrganisationSchema),
    async (c) => {
      const input = c.req.valid("json");
      const principal = c.get("principal");
      if (input.authority !== undefined && principal.kind !== "platform") {
        throw fail(c, 403, "issuer.organisation.authority-platform-only");
      }
      const org = c.get("organisation");
      const changes = {
        ...(input.authority !== undefined ? { authority: toFlag(input.authority) } : {}),
        ...(input.name ? { name_es: input.name.es, name_en: input.name.en ?? null } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.otherIdentifiers
          ? { other_identifiers: JSON.stringify(entries(input.otherIdentifiers)) }
          : {}),
        ...(input.learnerNameInCredentials !== undefined
          ? { learner_name_in_credentials: toFlag(input.learnerNameInCredentials) }
          : {}),
      };
      const updated =
        Object.keys(changes).length > 0
          ? await updateOrganisation(ctx.db, org.id, changes)
          : undefined;
      return c.json({ organisation: organisationView(ctx, updated ?? org) });
    },
  );

  return app;
}
