import { jsonBody, rateLimit } from "@avala/http-middleware";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import QRCode from "qrcode";
import { z } from "zod/v4";
import type { IssuerContext } from "../context.js";
import { setOid4vciTxCodeRequired } from "../db/repositories/openid4vci.js";
import { findOrganisationBySlug } from "../db/repositories/organisations.js";
import { orgAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { valid } from "../http/validation.js";
import {
  authorizationServerMetadata,
  credentialIssuerMetadata,
  credentialOffer,
  credentialOfferUri,
  exchangePreAuthorizedCode,
  issueToHolder,
  newNonce,
  OB_LDP_VC,
  Oid4vciError,
  offerLinkByReference,
  offerLinkByValue,
  openOffer,
  PRE_AUTHORIZED_GRANT,
  txCodeFor,
} from "../services/openid4vci.js";

const MAX_BODY_BYTES = 16 * 1024;
const short = z.string().min(1).max(512);

const tokenRequestSchema = z
  .object({
    grant_type: short,
    "pre-authorized_code": short.optional(),
    tx_code: z.string().max(64).optional(),
    client_id: short.optional(),
    authorization_details: z.string().max(4096).optional(),
  })
  // Unknown parameters are ignored (RFC 6749 §3.2); each value is still size-limited.
  .catchall(z.string().max(4096));

const jwtSchema = z.string().min(1).max(8192);
const credentialRequestSchema = z
  .object({
    credential_configuration_id: short.optional(),
    credential_identifier: short.optional(),
    format: short.optional(),
    proof: z
      .object({ proof_type: z.literal("jwt"), jwt: jwtSchema })
      .strict()
      .optional(),
    proofs: z
      .object({ jwt: z.array(jwtSchema).min(1).max(1) })
      .strict()
      .optional(),
  })
  .passthrough();

/** The protocol's own error JSON (RFC 6749 §5.2, OpenID4VCI §8.3.1), never problem+json. */
function oauthError(c: Context<IssuerEnv>, error: Oid4vciError) {
  c.header("cache-control", "no-store");
  if (error.status === 401) c.header("www-authenticate", `Bearer error="${error.error}"`);
  return c.json({ error: error.error, error_description: error.description }, error.status);
}

function mediaType(c: Context<IssuerEnv>): string {
  return (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Reads a size-checked body of the given media type. */
async function bodyOf(c: Context<IssuerEnv>, type: string): Promise<string> {
  if (mediaType(c) !== type) {
    throw new Oid4vciError(400, "invalid_request", `The request body must be ${type}.`);
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new Oid4vciError(413, "invalid_request", "The request body is too large.");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Oid4vciError(400, "invalid_request", "The request body is not UTF-8.");
  }
}

function invalid(issues: readonly z.core.$ZodIssue[]): Oid4vciError {
  const first = issues[0];
  const where = first?.path.map(String).join(".") || "body";
  return new Oid4vciError(400, "invalid_request", `Invalid ${where}.`.replace(/[^\x20-\x7e]/g, ""));
}

/**
 * The well-known metadata, inserted before the issuer identifier's path (RFC 8414 §3.1):
 * `/.well-known/openid-credential-issuer/orgs/:slug`, `/.well-known/oauth-authorization-server/orgs/:slug`.
 */
export function openid4vciWellKnownRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  app.use("*", cors({ origin: "*", allowMethods: ["GET"], maxAge: 600 }));
  app.onError((error, c) => {
    if (error instanceof Oid4vciError) return oauthError(c, error);
    throw error;
  });
  async function org(slug: string) {
    const row = await findOrganisationBySlug(ctx.db, slug);
    if (!row) throw new Oid4vciError(404, "invalid_request", "Unknown credential issuer.");
    return row;
  }
  app.get("/openid-credential-issuer/orgs/:slug", async (c) =>
    c.json(credentialIssuerMetadata(ctx, await org(c.req.param("slug")))),
  );
  app.get("/oauth-authorization-server/orgs/:slug", async (c) =>
    c.json(authorizationServerMetadata(ctx, await org(c.req.param("slug")))),
  );
  return app;
}

/** OpenID4VCI endpoints of one organisation (mounted at `/orgs/:slug/openid4vci`). */
export function openid4vciRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  app.use(
    "*",
    cors({
      origin: "*",
      allowMethods: ["GET", "POST"],
      allowHeaders: ["Content-Type", "Authorization", "Accept", "Accept-Language"],
      maxAge: 600,
    }),
  );
  // Each offer fetch, token and nonce writes a row: the claim limit per client applies.
  app.use(
    "*",
    rateLimit({
      windowMs: 60_000,
      max: ctx.config.limits.claimRequestsPerMinute,
      store: ctx.rateLimitStore("openid4vci"),
    }),
  );
  app.use("*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        oauthError(c, new Oid4vciError(413, "invalid_request", "The request body is too large.")),
    }),
  );
  app.onError((error, c) => {
    if (error instanceof Oid4vciError) return oauthError(c, error);
    throw error;
  });

  async function org(c: Context<IssuerEnv>) {
    const row = await findOrganisationBySlug(ctx.db, c.req.param("slug") ?? "");
    if (!row) throw new Oid4vciError(404, "invalid_request", "Unknown credential issuer.");
    return row;
  }

  // The credential offer behind `credential_offer_uri` (a fresh pre-authorized code each time).
  app.get("/offers/:token", async (c) => {
    const loaded = await openOffer(ctx, c.req.param("slug") ?? "", c.req.param("token"));
    return c.json(await credentialOffer(ctx, loaded, c.get("locale")));
  });

  // For API callers and pages: both links (by reference and by value) and whether a PIN is asked.
  app.get("/offers/:token/links", async (c) => {
    const loaded = await openOffer(ctx, c.req.param("slug") ?? "", c.req.param("token"));
    const offer = await credentialOffer(ctx, loaded, c.get("locale"));
    return c.json({
      credentialOfferUri: credentialOfferUri(ctx, loaded.organisation.slug, loaded.offer.offer_id),
      byReference: offerLinkByReference(ctx, loaded.organisation.slug, loaded.offer.offer_id),
      byValue: offerLinkByValue(offer),
      txCodeRequired: (await txCodeFor(ctx, loaded.offer)) !== undefined,
    });
  });

  app.get("/offers/:token/qr.svg", async (c) => {
    const loaded = await openOffer(ctx, c.req.param("slug") ?? "", c.req.param("token"));
    // `?by=value`: the whole offer in the code (a fresh pre-authorized code, valid minutes).
    const link =
      c.req.query("by") === "value"
        ? offerLinkByValue(await credentialOffer(ctx, loaded, c.get("locale")))
        : offerLinkByReference(ctx, loaded.organisation.slug, loaded.offer.offer_id);
    const svg = await QRCode.toString(link, { errorCorrectionLevel: "M", margin: 2, type: "svg" });
    return c.body(svg, 200, { "content-type": "image/svg+xml" });
  });

  app.post("/token", async (c) => {
    const organisation = await org(c);
    const params = new URLSearchParams(await bodyOf(c, "application/x-www-form-urlencoded"));
    const fields: Record<string, string> = {};
    for (const [name, value] of params) {
      if (name in fields) throw new Oid4vciError(400, "invalid_request", `Repeated ${name}.`);
      fields[name] = value;
    }
    const parsed = tokenRequestSchema.safeParse(fields);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const input = parsed.data;
    if (input.grant_type !== PRE_AUTHORIZED_GRANT) {
      throw new Oid4vciError(400, "unsupported_grant_type", "Only the pre-authorized code grant.");
    }
    const code = input["pre-authorized_code"];
    if (!code) throw new Oid4vciError(400, "invalid_request", "pre-authorized_code is required.");
    return c.json(await exchangePreAuthorizedCode(ctx, organisation, code, input.tx_code));
  });

  app.post("/nonce", async (c) => c.json(await newNonce(ctx, await org(c))));

  app.post("/credential", async (c) => {
    const organisation = await org(c);
    const authorization = c.req.header("authorization") ?? "";
    const bearer = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization)?.[1];
    if (!bearer) throw new Oid4vciError(401, "invalid_token", "A Bearer access token is required.");
    let json: unknown;
    try {
      json = JSON.parse(await bodyOf(c, "application/json"));
    } catch (error) {
      if (error instanceof Oid4vciError) throw error;
      throw new Oid4vciError(400, "invalid_credential_request", "The body is not JSON.");
    }
    const parsed = credentialRequestSchema.safeParse(json);
    if (!parsed.success) {
      const e = invalid(parsed.error.issues);
      throw new Oid4vciError(400, "invalid_credential_request", e.description);
    }
    const input = parsed.data;
    if (input.credential_identifier !== undefined) {
      throw new Oid4vciError(
        400,
        "unknown_credential_identifier",
        "No credential identifiers are issued.",
      );
    }
    if (input.credential_configuration_id === undefined) {
      throw new Oid4vciError(
        400,
        input.format !== undefined ? "unsupported_credential_format" : "invalid_credential_request",
        "credential_configuration_id is required.",
      );
    }
    if (input.credential_configuration_id !== OB_LDP_VC) {
      throw new Oid4vciError(
        400,
        "unknown_credential_configuration",
        "Unknown credential configuration.",
      );
    }
    if ((input.proof === undefined) === (input.proofs === undefined)) {
      throw new Oid4vciError(400, "invalid_proof", "Exactly one jwt proof is required.");
    }
    const jwt = input.proof?.jwt ?? input.proofs?.jwt[0] ?? "";
    const credential = await issueToHolder(ctx, organisation, bearer, jwt);
    return c.json({ credentials: [{ credential }] });
  });

  // The organisation's choice: whether its offers ask for a PIN (admin only).
  app.patch(
    "/settings",
    orgAccess(ctx, "admin"),
    jsonBody({ maxBytes: 1024 }),
    valid("json", z.object({ txCode: z.boolean() }).strict()),
    async (c) => {
      const { txCode } = c.req.valid("json");
      const now = ctx.now().toISOString();
      await setOid4vciTxCodeRequired(ctx.db, c.get("organisation").id, txCode, now);
      return c.json({ txCode });
    },
  );

  return app;
}
