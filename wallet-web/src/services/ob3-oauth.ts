import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { parseJsonText, toJsonText } from "@avala/db";
import type { MessageKey, MessageParams } from "@avala/i18n";
import type { WalletContext } from "../context.js";
import {
  deleteExpiredCodesAndTokens,
  deleteGrantTokens,
  deleteToken,
  endReusedGrant,
  findAnyToken,
  findClient,
  findToken,
  insertClient,
  insertCode,
  insertTokens,
  type OAuthClient,
  takeCode,
  upsertGrant,
  useRefreshToken,
} from "../db/ob3-api.js";
import type { Account } from "../db/repositories.js";
import { randomToken, tokenHash } from "../security/keys.js";

/**
 * The wallet as an OAuth 2.0 authorization server for the Open Badges 3.0 API (1EdTech):
 * dynamic client registration (RFC 7591, with the metadata the Open Badges spec requires), the
 * authorization code grant with PKCE S256 only, refresh tokens (rotated on use; a used one
 * presented again ends every token of its grant, RFC 9700 §4.14.2) and token revocation
 * (RFC 7009). Codes, tokens and client secrets are kept only as SHA-256 hashes; codes
 * are single-use and live a minute; redirect URIs must match a registered one exactly.
 */

export const OB3_SCOPE_BASE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";
export const OB3_SCOPES = [
  `${OB3_SCOPE_BASE}credential.readonly`,
  `${OB3_SCOPE_BASE}credential.upsert`,
  `${OB3_SCOPE_BASE}profile.readonly`,
  `${OB3_SCOPE_BASE}profile.update`,
] as const;
export type Ob3Scope = (typeof OB3_SCOPES)[number];

/** The plain words of a scope (consent page, connected apps). */
export function scopeWords(scope: string): MessageKey | undefined {
  const name = scope.startsWith(OB3_SCOPE_BASE) ? scope.slice(OB3_SCOPE_BASE.length) : "";
  switch (name) {
    case "credential.readonly":
    case "credential.upsert":
    case "profile.readonly":
    case "profile.update":
      return `wallet.ob3.scope.${name}`;
    default:
      return undefined;
  }
}

export const CODE_TTL_MS = 60_000;
export const ACCESS_TTL_MS = 3600_000;
export const REFRESH_TTL_MS = 30 * 86400_000;
/** Largest registration, token or revocation request body. */
export const OAUTH_BODY_LIMIT = 16 * 1024;

/** An OAuth error, answered as `{ error, error_description }` in the caller's language. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly key: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(error);
  }
}

const invalidMetadata = (field: string) =>
  new OAuthError(400, "invalid_client_metadata", "wallet.ob3.oauth.metadata", { field });

/** The metadata of a registered client, as the wallet checked and keeps it. */
export interface ClientMetadata {
  client_name: string;
  client_uri: string;
  logo_uri: string;
  tos_uri: string;
  policy_uri: string;
  software_id: string;
  software_version: string;
  redirect_uris: string[];
  token_endpoint_auth_method: "client_secret_basic" | "client_secret_post";
  grant_types: string[];
  response_types: string[];
  scope: string;
  contacts?: string[];
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** An https URL (or http on the loopback interface), without credentials, at most 2048 long. */
function webUrl(value: unknown, { fragment }: { fragment: boolean }): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const secure =
    url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password || (!fragment && url.hash)) return undefined;
  return value;
}

function text(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (typeof value !== "string" || value.trim().length === 0 || value.length > max) {
    throw invalidMetadata(field);
  }
  return value;
}

function stringList(value: unknown, field: string, max: number): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > max ||
    !value.every((v) => typeof v === "string" && v.length > 0 && v.length <= 2048)
  ) {
    throw invalidMetadata(field);
  }
  return value as string[];
}

/** Checks a registration request (RFC 7591 and the Open Badges API's required metadata). */
export function checkClientMetadata(body: unknown): ClientMetadata {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidMetadata("body");
  const input = body as Record<string, unknown>;
  const uri = (field: string) => {
    const value = webUrl(input[field], { fragment: true });
    if (!value) throw invalidMetadata(field);
    return value;
  };
  const redirectUris = stringList(input["redirect_uris"], "redirect_uris", 10).map((value) => {
    const checked = webUrl(value, { fragment: false });
    if (!checked) {
      throw new OAuthError(400, "invalid_redirect_uri", "wallet.ob3.oauth.redirect-uri");
    }
    return checked;
  });
  const method = input["token_endpoint_auth_method"] ?? "client_secret_basic";
  if (method !== "client_secret_basic" && method !== "client_secret_post") {
    throw invalidMetadata("token_endpoint_auth_method");
  }
  const grantTypes =
    input["grant_types"] === undefined
      ? ["authorization_code", "refresh_token"]
      : stringList(input["grant_types"], "grant_types", 2);
  if (
    !grantTypes.includes("authorization_code") ||
    !grantTypes.every((g) => g === "authorization_code" || g === "refresh_token")
  ) {
    throw invalidMetadata("grant_types");
  }
  const responseTypes =
    input["response_types"] === undefined
      ? ["code"]
      : stringList(input["response_types"], "response_types", 1);
  if (responseTypes.join() !== "code") throw invalidMetadata("response_types");
  let scope: string = OB3_SCOPES.join(" ");
  if (input["scope"] !== undefined) {
    const asked = typeof input["scope"] === "string" ? parseScope(input["scope"]) : undefined;
    if (!asked || asked.length === 0) throw invalidMetadata("scope");
    scope = asked.join(" ");
  }
  const metadata: ClientMetadata = {
    client_name: text(input, "client_name", 200),
    client_uri: uri("client_uri"),
    logo_uri: uri("logo_uri"),
    tos_uri: uri("tos_uri"),
    policy_uri: uri("policy_uri"),
    software_id: text(input, "software_id", 200),
    software_version: text(input, "software_version", 100),
    redirect_uris: [...new Set(redirectUris)],
    token_endpoint_auth_method: method,
    grant_types: grantTypes,
    response_types: responseTypes,
    scope,
  };
  if (input["contacts"] !== undefined) {
    metadata.contacts = stringList(input["contacts"], "contacts", 5);
  }
  return metadata;
}

/** Space-separated scopes, every one an Open Badges scope; undefined otherwise. */
export function parseScope(value: string): Ob3Scope[] | undefined {
  if (value.length > 1024) return undefined;
  const scopes = [...new Set(value.split(" ").filter(Boolean))];
  return scopes.every((s): s is Ob3Scope => (OB3_SCOPES as readonly string[]).includes(s))
    ? scopes
    : undefined;
}

/** Registers a client: its id and secret (shown once, kept as a hash) and its metadata. */
export async function registerClient(ctx: WalletContext, metadata: ClientMetadata) {
  const clientId = randomUUID();
  const secret = randomToken();
  const issuedAt = ctx.now();
  await insertClient(ctx.db, {
    client_id: clientId,
    secret_hash: tokenHash(secret),
    metadata: toJsonText(metadata),
    created_at: issuedAt.toISOString(),
  });
  return {
    client_id: clientId,
    client_secret: secret,
    client_id_issued_at: Math.floor(issuedAt.getTime() / 1000),
    client_secret_expires_at: 0,
    ...metadata,
  };
}

export function metadataOf(client: Pick<OAuthClient, "metadata">): ClientMetadata {
  return parseJsonText(client.metadata) as unknown as ClientMetadata;
}

/** What an authorization request asks, once its client and redirect URI are known to be good. */
export interface AuthorizationRequest {
  client: OAuthClient;
  metadata: ClientMetadata;
  redirectUri: string;
  state: string | undefined;
  scope: Ob3Scope[];
  codeChallenge: string;
}

/**
 * Reads an authorization request. `page` errors (unknown client, unregistered redirect URI) are
 * shown to the learner and never redirected; `redirect` errors go back to the client.
 */
export async function readAuthorizationRequest(
  ctx: WalletContext,
  params: (name: string) => string | undefined,
): Promise<
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; page: MessageKey }
  | { ok: false; redirect: string; error: string; key: MessageKey; field?: string }
> {
  const clientId = params("client_id") ?? "";
  const client = clientId.length <= 100 ? await findClient(ctx.db, clientId) : undefined;
  if (!client) return { ok: false, page: "wallet.ob3.error.client" };
  const metadata = metadataOf(client);
  const redirectUri = params("redirect_uri") ?? "";
  if (!metadata.redirect_uris.includes(redirectUri)) {
    return { ok: false, page: "wallet.ob3.error.redirect" };
  }
  const state = params("state");
  const back = (error: string, key: MessageKey, field?: string) => ({
    ok: false as const,
    redirect: redirectUri,
    error,
    key,
    ...(field ? { field } : {}),
    ...(state !== undefined ? { state } : {}),
  });
  if (state !== undefined && state.length > 512) {
    return back("invalid_request", "wallet.ob3.oauth.invalid-request", "state");
  }
  if (params("response_type") !== "code") {
    return back("unsupported_response_type", "wallet.ob3.oauth.invalid-request", "response_type");
  }
  const challenge = params("code_challenge") ?? "";
  if (params("code_challenge_method") !== "S256" || !/^[\w-]{43}$/.test(challenge)) {
    return back("invalid_request", "wallet.ob3.oauth.invalid-request", "code_challenge");
  }
  const registered = metadata.scope.split(" ");
  const asked = params("scope");
  const scope = asked === undefined ? (registered as Ob3Scope[]) : parseScope(asked);
  if (!scope || scope.length === 0 || !scope.every((s) => registered.includes(s))) {
    return back("invalid_scope", "wallet.ob3.oauth.invalid-scope");
  }
  return {
    ok: true,
    request: { client, metadata, redirectUri, state, scope, codeChallenge: challenge },
  };
}

/** The learner allowed the request: the grant (created or widened) and a one-minute code. */
export async function allowAuthorization(
  ctx: WalletContext,
  account: Account,
  request: AuthorizationRequest,
): Promise<string> {
  const now = ctx.now();
  await deleteExpiredCodesAndTokens(ctx.db, now);
  const scope = request.scope.join(" ");
  const grant = await upsertGrant(ctx.db, {
    accountId: account.id,
    clientRowId: Number(request.client.id),
    scope,
    publicId: randomUUID(),
    at: now.toISOString(),
  });
  const code = randomToken();
  await insertCode(ctx.db, {
    code_hash: tokenHash(code),
    grant_id: Number(grant.id),
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    scope,
    expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
  });
  return code;
}

/** The redirect back to the client, with `params` (RFC 6749 §4.1.2, RFC 9207's `iss`). */
export function redirectBack(
  ctx: WalletContext,
  redirectUri: string,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  url.searchParams.set("iss", issuerOf(ctx));
  return url.href;
}

export function issuerOf(ctx: WalletContext): string {
  return ctx.config.publicUrl;
}

/**
 * The client of a token, revocation or similar request: HTTP Basic (client_secret_basic, the
 * Open Badges API's method) or `client_id` and `client_secret` in the form (client_secret_post).
 */
export async function authenticateClient(
  ctx: WalletContext,
  authorization: string | undefined,
  form: URLSearchParams,
): Promise<OAuthClient> {
  let id: string | undefined;
  let secret: string | undefined;
  const basic = /^Basic ([A-Za-z0-9+/=]{1,1024})$/i.exec(authorization ?? "");
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      try {
        id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
      } catch {
        id = undefined;
      }
    }
  } else if (!authorization) {
    id = form.get("client_id") ?? undefined;
    secret = form.get("client_secret") ?? undefined;
  }
  const client = id && secret && id.length <= 100 ? await findClient(ctx.db, id) : undefined;
  if (!client || !secret || !sameHash(client.secret_hash, tokenHash(secret))) {
    throw new OAuthError(401, "invalid_client", "wallet.ob3.oauth.invalid-client");
  }
  return client;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const invalidGrant = (key: MessageKey = "wallet.ob3.oauth.invalid-grant") =>
  new OAuthError(400, "invalid_grant", key);

/** The token endpoint: the authorization code (with PKCE) or a refresh token, for new tokens. */
export async function exchangeTokens(
  ctx: WalletContext,
  client: OAuthClient,
  form: URLSearchParams,
) {
  const grantType = form.get("grant_type");
  const metadata = metadataOf(client);
  if (grantType === "authorization_code") {
    const code = form.get("code") ?? "";
    const taken = code.length <= 100 ? await takeCode(ctx.db, tokenHash(code)) : undefined;
    if (!taken || Number(taken.client_id) !== Number(client.id)) throw invalidGrant();
    if (taken.expires_at <= ctx.now().toISOString()) throw invalidGrant();
    if (form.get("redirect_uri") !== taken.redirect_uri) {
      throw invalidGrant("wallet.ob3.oauth.redirect-mismatch");
    }
    const verifier = form.get("code_verifier") ?? "";
    if (
      !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) ||
      createHash("sha256").update(verifier).digest("base64url") !== taken.code_challenge
    ) {
      throw invalidGrant("wallet.ob3.oauth.pkce");
    }
    return issueTokens(ctx, Number(taken.grant_id), taken.scope, metadata);
  }
  if (grantType === "refresh_token" && metadata.grant_types.includes("refresh_token")) {
    const refresh = form.get("refresh_token") ?? "";
    const hash = tokenHash(refresh);
    if (refresh.length > 100) throw invalidGrant();
    // A refresh token already rotated away, presented again, may have been stolen: the grant's
    // tokens all end, the legitimate client's too (RFC 9700 §4.14.2).
    const reused = async () => {
      await endReusedGrant(ctx.db, hash, Number(client.id));
      return invalidGrant();
    };
    const found = await findToken(ctx.db, hash, "refresh", ctx.now());
    if (!found) throw await reused();
    if (Number(found.client_id) !== Number(client.id)) throw invalidGrant();
    let scope = found.scope;
    const asked = form.get("scope");
    if (asked !== null) {
      const scopes = parseScope(asked);
      const held = found.scope.split(" ");
      if (!scopes || scopes.length === 0 || !scopes.every((s) => held.includes(s))) {
        throw new OAuthError(400, "invalid_scope", "wallet.ob3.oauth.invalid-scope");
      }
      scope = scopes.join(" ");
    }
    // Rotation: the refresh token is used up, and kept as used to recognise a second use.
    if (!(await useRefreshToken(ctx.db, hash, ctx.now().toISOString()))) throw await reused();
    return issueTokens(ctx, Number(found.grant_id), scope, metadata);
  }
  if (grantType === null) {
    throw new OAuthError(400, "invalid_request", "wallet.ob3.oauth.invalid-request", {
      field: "grant_type",
    });
  }
  throw new OAuthError(400, "unsupported_grant_type", "wallet.ob3.oauth.unsupported-grant");
}

async function issueTokens(
  ctx: WalletContext,
  grantId: number,
  scope: string,
  metadata: ClientMetadata,
) {
  const now = ctx.now().getTime();
  const access = randomToken();
  const refresh = metadata.grant_types.includes("refresh_token") ? randomToken() : undefined;
  await insertTokens(ctx.db, [
    {
      token_hash: tokenHash(access),
      grant_id: grantId,
      kind: "access",
      scope,
      expires_at: new Date(now + ACCESS_TTL_MS).toISOString(),
    },
    ...(refresh
      ? [
          {
            token_hash: tokenHash(refresh),
            grant_id: grantId,
            kind: "refresh" as const,
            scope,
            expires_at: new Date(now + REFRESH_TTL_MS).toISOString(),
          },
        ]
      : []),
  ]);
  return {
    access_token: access,
    token_type: "Bearer",
    expires_in: ACCESS_TTL_MS / 1000,
    ...(refresh ? { refresh_token: refresh } : {}),
    scope,
  };
}

/**
 * Token revocation (RFC 7009): a client's own token stops working; revoking a refresh token
 * ends every token of its grant. Unknown tokens are not an error.
 */
export async function revokeToken(
  ctx: WalletContext,
  client: OAuthClient,
  token: string,
): Promise<void> {
  if (token.length === 0 || token.length > 100) return;
  const hash = tokenHash(token);
  const found = await findAnyToken(ctx.db, hash);
  if (!found || Number(found.client_id) !== Number(client.id)) return;
  if (found.kind === "refresh") await deleteGrantTokens(ctx.db, Number(found.grant_id));
  else await deleteToken(ctx.db, hash);
}

/** The account and scopes of a bearer access token in force, or undefined. */
export async function bearerOf(ctx: WalletContext, authorization: string | undefined) {
  const match = /^Bearer ([\w-]{20,100})$/i.exec(authorization ?? "");
  if (!match) return undefined;
  const found = await findToken(ctx.db, tokenHash(match[1]!), "access", ctx.now());
  if (!found) return undefined;
  return { accountId: Number(found.account_id), scopes: found.scope.split(" ") };
}
