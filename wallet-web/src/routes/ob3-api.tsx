import type { JsonObject } from "@avala/credentials";
import { decodeUtf8, ProblemError, rateLimit, readBodyLimited } from "@avala/http-middleware";
import { t } from "@avala/i18n";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import { deleteGrant, listGrants } from "../db/ob3-api.js";
import { findAccountById } from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { walletProblem } from "../http/problems.js";
import { requestLocale } from "../http/session.js";
import {
  credentialPage,
  ImsxError,
  MAX_PROFILE_BYTES,
  MAX_UPSERT_BYTES,
  OB3_API_BASE,
  pageLinks,
  profileOf,
  putProfile,
  readPaging,
  statusInfo,
  upsertCredential,
} from "../services/ob3-api.js";
import {
  allowAuthorization,
  authenticateClient,
  bearerOf,
  checkClientMetadata,
  exchangeTokens,
  issuerOf,
  metadataOf,
  OAUTH_BODY_LIMIT,
  OAuthError,
  OB3_SCOPES,
  type Ob3Scope,
  readAuthorizationRequest,
  redirectBack,
  registerClient,
  revokeToken,
  scopeWords,
} from "../services/ob3-oauth.js";
import { ConnectedAppsPage, ConsentErrorPage, ConsentPage } from "../views/ob3-api.js";
import { viewOf } from "../views/view.js";

const SCOPE_TEXT: Record<Ob3Scope, string> = {
  [OB3_SCOPES[0]]: "Permission to read AchievementCredentials for the authenticated entity.",
  [OB3_SCOPES[1]]:
    "Permission to create or update AchievementCredentials for the authenticated entity.",
  [OB3_SCOPES[2]]: "Permission to read the profile for the authenticated entity.",
  [OB3_SCOPES[3]]: "Permission to update the profile for the authenticated entity.",
};

const endpoints = (ctx: WalletContext) => {
  const base = `${ctx.config.publicUrl}${OB3_API_BASE}`;
  return {
    base,
    authorize: `${base}/oauth/authorize`,
    token: `${base}/oauth/token`,
    register: `${base}/oauth/register`,
    revoke: `${base}/oauth/revoke`,
  };
};

/** The Open Badges API's Service Description Document (an OpenAPI 3.0 document). */
function serviceDescription(ctx: WalletContext) {
  const e = endpoints(ctx);
  const home = `${ctx.config.publicUrl}/`;
  const secured = (scope: Ob3Scope) => [{ OAuth2ACG: [scope] }];
  return {
    openapi: "3.0.1",
    info: {
      title: "Avala · Cartera / Wallet",
      description: "The Open Badges 3.0 API of a learner's Avala wallet.",
      version: "3.0",
      termsOfService: home,
      "x-imssf-image": `${ctx.config.publicUrl}/assets/icon.svg`,
      "x-imssf-privacyPolicyUrl": home,
    },
    servers: [{ url: e.base }],
    paths: {
      "/credentials": {
        get: { operationId: "getCredentials", security: secured(OB3_SCOPES[0]) },
        post: { operationId: "upsertCredential", security: secured(OB3_SCOPES[1]) },
      },
      "/profile": {
        get: { operationId: "getProfile", security: secured(OB3_SCOPES[2]) },
        put: { operationId: "putProfile", security: secured(OB3_SCOPES[3]) },
      },
      "/discovery": { get: { operationId: "getServiceDescription" } },
    },
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: "oauth2",
          description: "OAuth 2.0 Authorization Code Grant authorization",
          "x-imssf-name": "Avala",
          "x-imssf-privacyPolicyUrl": home,
          "x-imssf-registrationUrl": e.register,
          "x-imssf-termsOfServiceUrl": home,
          flows: {
            authorizationCode: {
              authorizationUrl: e.authorize,
              tokenUrl: e.token,
              refreshUrl: e.token,
              scopes: SCOPE_TEXT,
            },
          },
        },
      },
      schemas: {},
    },
  };
}

/** The same endpoints as OAuth 2.0 Authorization Server Metadata (RFC 8414), for OAuth clients. */
function serverMetadata(ctx: WalletContext) {
  const e = endpoints(ctx);
  return {
    issuer: issuerOf(ctx),
    authorization_endpoint: e.authorize,
    token_endpoint: e.token,
    registration_endpoint: e.register,
    revocation_endpoint: e.revoke,
    scopes_supported: [...OB3_SCOPES],
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    service_documentation: `${e.base}/discovery`,
  };
}

const NO_STORE = { "Cache-Control": "no-store" };

/** A request body of at most `max` bytes as text; `undefined` when it is not UTF-8. */
async function bodyText(c: Context, max: number): Promise<string | undefined> {
  return decodeUtf8(await readBodyLimited(c.req.raw, max));
}

const mediaType = (c: Context) =>
  (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/** A form (application/x-www-form-urlencoded) whose parameters each appear once. */
async function oauthForm(c: Context): Promise<URLSearchParams> {
  const bad = (field: string) =>
    new OAuthError(400, "invalid_request", "wallet.ob3.oauth.invalid-request", { field });
  if (mediaType(c) !== "application/x-www-form-urlencoded") throw bad("Content-Type");
  const text = await bodyText(c, OAUTH_BODY_LIMIT);
  if (text === undefined) throw bad("body");
  const form = new URLSearchParams(text);
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) throw bad(name);
  }
  return form;
}

/** Runs an OAuth endpoint: its errors in OAuth's own format, in the caller's language. */
async function oauth(
  ctx: WalletContext,
  c: Context<WalletEnv>,
  run: () => Promise<Response>,
): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const locale = requestLocale(c);
    if (error instanceof OAuthError) {
      return c.json(
        { error: error.error, error_description: t(error.key, locale, error.params) },
        error.status,
        error.status === 401
          ? { ...NO_STORE, "WWW-Authenticate": 'Basic realm="avala-wallet"' }
          : NO_STORE,
      );
    }
    if (error instanceof ProblemError && error.status < 500) {
      return c.json(
        { error: "invalid_request", error_description: t("wallet.ob3.oauth.body", locale) },
        400,
        NO_STORE,
      );
    }
    ctx.log.error("Open Badges API: OAuth endpoint failed", { path: c.req.path });
    return c.json({ error: "server_error" }, 500, NO_STORE);
  }
}

/**
 * Runs an API operation for the account of a bearer token holding `scope`; its errors as
 * Imsx_StatusInfo, in the caller's language.
 */
async function api(
  ctx: WalletContext,
  c: Context<WalletEnv>,
  scope: Ob3Scope,
  run: (account: NonNullable<Awaited<ReturnType<typeof findAccountById>>>) => Promise<Response>,
): Promise<Response> {
  const locale = requestLocale(c);
  try {
    const bearer = await bearerOf(ctx, c.req.header("authorization"));
    const account = bearer ? await findAccountById(ctx.db, bearer.accountId) : undefined;
    if (!bearer || !account) {
      throw new ImsxError(401, "unauthorizedrequest", "wallet.ob3.api.unauthorized");
    }
    if (!bearer.scopes.includes(scope)) {
      throw new ImsxError(403, "forbidden", "wallet.ob3.api.forbidden", { scope });
    }
    return await run(account);
  } catch (caught) {
    let error = caught;
    if (error instanceof ProblemError && error.status === 413) {
      error = new ImsxError(413, "invalid_data", "wallet.ob3.api.too-large", {
        max: c.req.method === "PUT" ? MAX_PROFILE_BYTES : MAX_UPSERT_BYTES,
      });
    } else if (error instanceof ProblemError && error.status < 500) {
      error = new ImsxError(400, "invalid_data", "wallet.ob3.api.invalid-data", {
        reason: "body",
      });
    }
    if (!(error instanceof ImsxError)) {
      ctx.log.error("Open Badges API: operation failed", { path: c.req.path });
      error = new ImsxError(500, "internal_server_error", "wallet.ob3.api.server");
    }
    const e = error as ImsxError;
    const challenge: Record<string, string> =
      e.status === 401
        ? { "WWW-Authenticate": 'Bearer realm="avala-wallet", error="invalid_token"' }
        : e.status === 403
          ? {
              "WWW-Authenticate": `Bearer realm="avala-wallet", error="insufficient_scope", scope="${scope}"`,
            }
          : {};
    return c.json(statusInfo(e, locale), e.status, { ...NO_STORE, ...challenge });
  }
}

/** A JSON body of at most `max` bytes, or an ImsxError. */
async function jsonOf(c: Context, max: number): Promise<unknown> {
  const text = await bodyText(c, max);
  try {
    if (text === undefined) throw new Error("not UTF-8");
    return JSON.parse(text);
  } catch {
    throw new ImsxError(400, "invalid_data", "wallet.ob3.api.invalid-data", { reason: "JSON" });
  }
}

/**
 * The Open Badges API's public endpoints: discovery, registration, token, revocation and the
 * resources behind bearer tokens. Registered before the session middleware (no cookies, no
 * CSRF: clients authenticate themselves).
 */
export function ob3ApiRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  const base = OB3_API_BASE;
  const proxy = ctx.config.trustedProxyHeader
    ? { trustedProxyHeader: ctx.config.trustedProxyHeader }
    : {};

  app.get(`${base}/discovery`, (c) => c.json(serviceDescription(ctx), 200, NO_STORE));
  app.get("/.well-known/oauth-authorization-server", (c) =>
    c.json(serverMetadata(ctx), 200, NO_STORE),
  );

  app.post(`${base}/oauth/register`, rateLimit({ windowMs: 60 * 60_000, max: 30, ...proxy }));
  app.post(`${base}/oauth/register`, (c) =>
    oauth(ctx, c, async () => {
      if (!/^application\/(.+\+)?json$/.test(mediaType(c))) {
        throw new OAuthError(400, "invalid_client_metadata", "wallet.ob3.oauth.metadata", {
          field: "Content-Type",
        });
      }
      const text = await bodyText(c, OAUTH_BODY_LIMIT);
      let body: unknown;
      try {
        body = JSON.parse(text ?? "");
      } catch {
        body = undefined;
      }
      const registered = await registerClient(ctx, checkClientMetadata(body));
      return c.json(registered, 201, NO_STORE);
    }),
  );

  const tokenLimit = rateLimit({ windowMs: 60_000, max: 120, ...proxy });
  app.post(`${base}/oauth/token`, tokenLimit);
  app.post(`${base}/oauth/token`, (c) =>
    oauth(ctx, c, async () => {
      const form = await oauthForm(c);
      const client = await authenticateClient(ctx, c.req.header("authorization"), form);
      return c.json(await exchangeTokens(ctx, client, form), 200, {
        ...NO_STORE,
        Pragma: "no-cache",
      });
    }),
  );
  app.post(`${base}/oauth/revoke`, tokenLimit);
  app.post(`${base}/oauth/revoke`, (c) =>
    oauth(ctx, c, async () => {
      const form = await oauthForm(c);
      const client = await authenticateClient(ctx, c.req.header("authorization"), form);
      await revokeToken(ctx, client, form.get("token") ?? "");
      return c.body(null, 200, NO_STORE);
    }),
  );

  app.get(`${base}/credentials`, (c) =>
    api(ctx, c, OB3_SCOPES[0], async (account) => {
      const paging = readPaging((name) => c.req.query(name));
      const page = await credentialPage(ctx, account.id, paging);
      return c.json(page.body, 200, {
        ...NO_STORE,
        "X-Total-Count": String(page.total),
        Link: pageLinks(ctx, page, paging.since),
      });
    }),
  );
  app.post(`${base}/credentials`, (c) =>
    api(ctx, c, OB3_SCOPES[1], async (account) => {
      const type = mediaType(c);
      let input: JsonObject | string;
      if (type === "text/plain") {
        const text = ((await bodyText(c, MAX_UPSERT_BYTES)) ?? "").trim();
        if (!/^[\w-]+\.[\w-]*\.[\w-]+$/.test(text)) {
          throw new ImsxError(400, "invalid_data", "wallet.ob3.api.invalid-data", {
            reason: "CompactJws",
          });
        }
        input = text;
      } else if (type === "application/json" || type === "application/vc+ld+json") {
        const body = await jsonOf(c, MAX_UPSERT_BYTES);
        if (!body || typeof body !== "object" || Array.isArray(body)) {
          throw new ImsxError(400, "invalid_data", "wallet.ob3.api.not-open-badge");
        }
        input = body as JsonObject;
      } else {
        throw new ImsxError(415, "invalid_data", "wallet.ob3.api.media-type");
      }
      const { created } = await upsertCredential(ctx, account, input);
      const status = created ? 201 : 200;
      return typeof input === "string"
        ? c.text(input, status, NO_STORE)
        : c.json(input, status, NO_STORE);
    }),
  );
  app.get(`${base}/profile`, (c) =>
    api(ctx, c, OB3_SCOPES[2], async (account) =>
      c.json(await profileOf(ctx, account), 200, NO_STORE),
    ),
  );
  app.put(`${base}/profile`, (c) =>
    api(ctx, c, OB3_SCOPES[3], async (account) => {
      if (!/^application\/(.+\+)?json$/.test(mediaType(c))) {
        throw new ImsxError(415, "invalid_data", "wallet.ob3.api.media-type");
      }
      const profile = await putProfile(ctx, account, await jsonOf(c, MAX_PROFILE_BYTES));
      return c.json(profile, 200, NO_STORE);
    }),
  );
  // Other methods on the OAuth endpoints: 405 in OAuth's format.
  for (const path of ["register", "token", "revoke"]) {
    app.all(`${base}/oauth/${path}`, (c) =>
      c.json(
        {
          error: "invalid_request",
          error_description: t("wallet.ob3.api.not-allowed", requestLocale(c)),
        },
        405,
        { ...NO_STORE, Allow: "POST" },
      ),
    );
  }
  // Other methods on the API's resources: 405 as Imsx_StatusInfo.
  for (const path of ["/credentials", "/profile", "/discovery"]) {
    app.all(`${base}${path}`, (c) =>
      c.json(
        statusInfo(
          new ImsxError(405, "not_allowed", "wallet.ob3.api.not-allowed"),
          requestLocale(c),
        ),
        405,
        NO_STORE,
      ),
    );
  }
}

/**
 * The authorization page's form-action source: the consent form posts here and is answered
 * with a redirect to the client, which the Content Security Policy must allow.
 */
export function ob3FormAction(c: Context): string {
  if (c.req.path !== `${OB3_API_BASE}/oauth/authorize` || c.req.method !== "GET") return "";
  try {
    const url = new URL(c.req.query("redirect_uri") ?? "");
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : "";
  } catch {
    return "";
  }
}

/**
 * The learner's side (behind the session): the consent page another host sends them to, and
 * "Connected apps" in the account, where a grant is revoked with all its tokens.
 */
export function ob3ConsentRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  const authorize = async (c: Context<WalletEnv>, params: (name: string) => string | undefined) => {
    const v = viewOf(c);
    const read = await readAuthorizationRequest(ctx, params);
    if (!read.ok && "page" in read) {
      return c.html(<ConsentErrorPage v={v} message={read.page} />, 400);
    }
    if (!read.ok) {
      return c.redirect(
        redirectBack(ctx, read.redirect, {
          error: read.error,
          error_description: t(read.key, v.locale, read.field ? { field: read.field } : {}),
          state: params("state"),
        }),
        303,
      );
    }
    return read.request;
  };

  app.get(`${OB3_API_BASE}/oauth/authorize`, async (c) => {
    const request = await authorize(c, (name) => c.req.query(name));
    if (request instanceof Response) return request;
    const { metadata } = request;
    return c.html(
      <ConsentPage
        v={viewOf(c)}
        client={{
          name: metadata.client_name,
          uri: metadata.client_uri,
          tosUri: metadata.tos_uri,
          policyUri: metadata.policy_uri,
          redirectUri: request.redirectUri,
        }}
        scopes={request.scope.map((s) => scopeWords(s) ?? s)}
        hidden={{
          response_type: "code",
          client_id: request.client.client_id,
          redirect_uri: request.redirectUri,
          scope: request.scope.join(" "),
          code_challenge: request.codeChallenge,
          code_challenge_method: "S256",
          ...(request.state !== undefined ? { state: request.state } : {}),
        }}
      />,
    );
  });

  app.post(`${OB3_API_BASE}/oauth/authorize`, async (c) => {
    const form = c.get("form");
    const params = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : undefined;
    };
    const request = await authorize(c, params);
    if (request instanceof Response) return request;
    if (params("decision") !== "allow") {
      return c.redirect(
        redirectBack(ctx, request.redirectUri, {
          error: "access_denied",
          error_description: t("wallet.ob3.oauth.access-denied", c.get("locale")),
          state: request.state,
        }),
        303,
      );
    }
    const code = await allowAuthorization(ctx, c.get("account")!, request);
    return c.redirect(redirectBack(ctx, request.redirectUri, { code, state: request.state }), 303);
  });

  app.get("/account/connected-apps", async (c) => {
    const v = viewOf(c);
    const grants = await listGrants(ctx.db, c.get("account")!.id);
    const apps = grants.map((grant) => {
      const metadata = metadataOf(grant);
      return {
        id: grant.public_id,
        name: metadata.client_name,
        uri: metadata.client_uri,
        since: grant.created_at,
        scopes: grant.scope.split(" ").map((s) => scopeWords(s) ?? s),
      };
    });
    const notice = c.req.query("m") === "revoked" ? v.t("wallet.ob3.apps.revoked") : undefined;
    return c.html(<ConnectedAppsPage v={v} apps={apps} notice={notice} />);
  });

  app.post("/account/connected-apps/:id/revoke", async (c) => {
    const id = c.req.param("id");
    const done = id.length <= 64 && (await deleteGrant(ctx.db, c.get("account")!.id, id));
    if (!done) throw walletProblem(404, "wallet.problem.not-found");
    return c.redirect("/account/connected-apps?m=revoked", 303);
  });
}
