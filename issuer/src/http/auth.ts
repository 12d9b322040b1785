import type { MiddlewareHandler } from "hono";
import type { IssuerContext } from "../context.js";
import { constantTimeEquals, hashToken } from "../crypto/tokens.js";
import { findOrganisationBySlug } from "../db/repositories/organisations.js";
import { findLiveToken } from "../db/repositories/tokens.js";
import type { IssuerEnv, Principal } from "./env.js";
import { fail } from "./problems.js";

const challengeHeader = { "www-authenticate": 'Bearer realm="avala-issuer"' };
const invalidHeader = {
  "www-authenticate": 'Bearer realm="avala-issuer", error="invalid_token"',
};

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([\x21-\x7e]{1,512})\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** Who the bearer token names; a 401 problem when it is missing, unknown or revoked. */
async function principalOf(
  ctx: IssuerContext,
  c: Parameters<MiddlewareHandler<IssuerEnv>>[0],
): Promise<Principal> {
  const token = bearer(c.req.header("authorization"));
  if (!token) throw fail(c, 401, "issuer.auth.missing", undefined, { headers: challengeHeader });
  const platform = ctx.config.platformAdminToken;
  if (platform !== undefined && constantTimeEquals(token, platform)) {
    return { kind: "platform", actor: "platform", label: "platform" };
  }
  const found = await findLiveToken(ctx.db, hashToken(token));
  if (!found) throw fail(c, 401, "issuer.auth.invalid", undefined, { headers: invalidHeader });
  return {
    kind: "organisation",
    organisationId: found.organisation_id,
    slug: found.slug,
    role: found.role,
    actor: found.token_id,
    label: found.label,
  };
}

/** Requires the platform admin token. */
export function platformAccess(ctx: IssuerContext): MiddlewareHandler<IssuerEnv> {
  return async (c, next) => {
    if (ctx.config.platformAdminToken === undefined) {
      throw fail(c, 401, "issuer.auth.platform-off", undefined, { headers: challengeHeader });
    }
    const principal = await principalOf(ctx, c);
    if (principal.kind !== "platform") throw fail(c, 403, "issuer.auth.platform-only");
    c.set("principal", principal);
    await next();
  };
}

/**
 * Requires a token of the organisation named by `:slug` with at least `role` (operators issue
 * and revoke; admins also manage tokens, keys and the catalogue). A token of another
 * organisation gets the same 404 as a slug that does not exist: nothing is revealed. With
 * `platform: true` the platform admin is let in too (to hand out an organisation's tokens).
 */
export function orgAccess(
  ctx: IssuerContext,
  role: "operator" | "admin",
  options: { platform?: boolean } = {},
): MiddlewareHandler<IssuerEnv> {
  return async (c, next) => {
    const principal = await principalOf(ctx, c);
    const slug = c.req.param("slug") ?? "";
    const platformAllowed = principal.kind === "platform" && options.platform === true;
    if (!platformAllowed && (principal.kind !== "organisation" || principal.slug !== slug)) {
      throw fail(c, 404, "issuer.organisation.not-found", { slug: slug.slice(0, 100) });
    }
    if (principal.kind === "organisation" && role === "admin" && principal.role !== "admin") {
      throw fail(c, 403, "issuer.auth.role", { role: "admin" });
    }
    const organisation = await findOrganisationBySlug(ctx.db, slug);
    if (!organisation) {
      throw fail(c, 404, "issuer.organisation.not-found", { slug: slug.slice(0, 100) });
    }
    c.set("principal", principal);
    c.set("organisation", organisation);
    await next();
  };
}

/** Requires any organisation token (the VC-API endpoints, which carry no slug). */
export function tokenAccess(ctx: IssuerContext): MiddlewareHandler<IssuerEnv> {
  return async (c, next) => {
    const principal = await principalOf(ctx, c);
    if (principal.kind !== "organisation")
      throw fail(c, 403, "issuer.auth.role", { role: "operator" });
    const organisation = await findOrganisationBySlug(ctx.db, principal.slug);
    if (!organisation)
      throw fail(c, 401, "issuer.auth.invalid", undefined, { headers: invalidHeader });
    c.set("principal", principal);
    c.set("organisation", organisation);
    await next();
  };
}
