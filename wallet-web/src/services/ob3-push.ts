import { createHash } from "node:crypto";
import type { JsonObject } from "@avala/credentials";
import type { MessageKey } from "@avala/i18n";
import type { WalletContext } from "../context.js";
import type { Account, StoredCredential } from "../db/repositories.js";
import { open, randomToken, safeEqual, seal } from "../security/keys.js";
import { documentOf, heldFormOf } from "./holding.js";
import { OB3_API_BASE } from "./ob3-api.js";
import { OB3_SCOPES } from "./ob3-oauth.js";
import { wellKnownOf } from "./openid4vci-client.js";

/**
 * "Send to another Open Badges host": the wallet as a client of another host's Open Badges API.
 * It reads the host's Service Description Document, registers itself (RFC 7591), sends the
 * learner to approve (authorization code with PKCE S256, scope credential.upsert), takes the
 * code back on its callback (with RFC 9207's `iss` checked against the host's authorization
 * server metadata), gets a token and calls upsertCredential. Every request goes through the
 * guarded fetcher (GET) or the guarded POST: https only unless allow-listed, no private
 * addresses, time-outs and size limits. Between leaving and coming back, what the
 * wallet needs (the client's secret, the PKCE verifier, the state) is kept sealed in a cookie.
 */

export const PUSH_COOKIE = "avala_ob3_push";
export const PUSH_TTL_MS = 15 * 60_000;
export const PUSH_CALLBACK = "/ob3/send/callback";

/** A refusal shown on the send page. */
export class PushError extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

interface PendingPush {
  state: string;
  credential: string;
  site: string;
  tokenUrl: string;
  apiBase: string;
  clientId: string;
  clientSecret: string;
  verifier: string;
  /** The host's authorization server `issuer` (RFC 8414), when its metadata was found. */
  issuer: string | null;
  /** Its metadata says the answer carries `iss` (RFC 9207). */
  issuerRequired: boolean;
  expiresAt: number;
}

const sealContext = (account: Account) => `ob3-push:${account.public_id}`;

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The credential as it can be sent: an Open Badges 3.0 credential held as JSON. */
export function pushableForm(row: StoredCredential): JsonObject | undefined {
  const held = heldFormOf(row);
  if (row.ob2_badge || typeof held === "string") return undefined;
  const type = documentOf(row)["type"];
  const types = Array.isArray(type) ? type : [type];
  return types.includes("OpenBadgeCredential") || types.includes("AchievementCredential")
    ? held
    : undefined;
}

function json(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(bytes).toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The host's endpoints, from its Service Description Document. */
async function discover(ctx: WalletContext, host: string) {
  const sdd = (await ctx.fetch.fetchJson(`${host}${OB3_API_BASE}/discovery`)) as {
    servers?: Array<{ url?: unknown }>;
    components?: { securitySchemes?: Record<string, Record<string, unknown>> };
  };
  const schemes = Object.values(sdd?.components?.securitySchemes ?? {});
  const scheme = schemes.find((s) => s && s["type"] === "oauth2");
  const flow = (scheme?.["flows"] as { authorizationCode?: Record<string, unknown> } | undefined)
    ?.authorizationCode;
  const endpoints = {
    registration: httpUrl(scheme?.["x-imssf-registrationUrl"]),
    authorization: httpUrl(flow?.["authorizationUrl"]),
    token: httpUrl(flow?.["tokenUrl"]),
    api: httpUrl(sdd?.servers?.[0]?.url)?.replace(/\/+$/, ""),
  };
  if (!endpoints.registration || !endpoints.authorization || !endpoints.token || !endpoints.api) {
    throw new PushError("wallet.ob3.send.error.host");
  }
  return endpoints as { [K in keyof typeof endpoints]: string };
}

/**
 * The host's authorization server metadata (RFC 8414), looked for under the host's address,
 * then under its authorization endpoint's origin. Kept only when its `issuer` is the address
 * it was found under (RFC 8414 §3.3) and it names the Service Description Document's own
 * authorization and token endpoints, so that another server's metadata cannot vouch for this
 * flow. Undefined when there is none.
 */
async function serverMetadataOf(
  ctx: WalletContext,
  host: string,
  endpoints: { authorization: string; token: string },
): Promise<{ issuer: string; issuerRequired: boolean } | undefined> {
  for (const candidate of new Set([host, new URL(endpoints.authorization).origin])) {
    let metadata: Record<string, unknown>;
    try {
      const value = await ctx.fetch.fetchJson(wellKnownOf(candidate, "oauth-authorization-server"));
      if (!value || typeof value !== "object" || Array.isArray(value)) continue;
      metadata = value as Record<string, unknown>;
    } catch {
      continue; // none there (404, not JSON, or refused by the guarded fetcher)
    }
    const issuer = metadata["issuer"];
    if (
      typeof issuer === "string" &&
      httpUrl(issuer) !== undefined &&
      issuer.replace(/\/+$/, "") === candidate &&
      httpUrl(metadata["authorization_endpoint"]) === endpoints.authorization &&
      httpUrl(metadata["token_endpoint"]) === endpoints.token
    ) {
      return {
        issuer,
        issuerRequired: metadata["authorization_response_iss_parameter_supported"] === true,
      };
    }
  }
  return undefined;
}

/**
 * The mix-up defence (RFC 9207): `iss` must be there when the host's metadata says it sends
 * one, and whenever it is there it must be that metadata's `issuer` (with no metadata, an
 * `iss` cannot be checked, and is refused).
 */
function issuerMatches(pending: PendingPush, iss: string | undefined): boolean {
  if (iss === undefined) return !pending.issuerRequired;
  return typeof pending.issuer === "string" && iss === pending.issuer;
}

/**
 * Starts sending `row` to the host at `hostInput`: discovery, registration, and where the
 * learner goes to approve. Returns that address and the sealed cookie to set.
 */
export async function startPush(
  ctx: WalletContext,
  account: Account,
  row: StoredCredential,
  hostInput: string,
): Promise<{ authorizeUrl: string; site: string; cookie: string }> {
  if (!pushableForm(row)) throw new PushError("wallet.ob3.send.error.format");
  const parsed = httpUrl(hostInput.trim());
  if (!parsed) throw new PushError("wallet.ob3.send.error.host");
  const url = new URL(parsed);
  const host = `${url.origin}${url.pathname.replace(/\/+$/, "").replace(new RegExp(`${OB3_API_BASE}(/discovery)?$`), "")}`;
  try {
    const endpoints = await discover(ctx, host);
    const metadata = await serverMetadataOf(ctx, host, endpoints);
    const self = ctx.config.publicUrl;
    const redirectUri = `${self}${PUSH_CALLBACK}`;
    const registered = await ctx.post(endpoints.registration, {
      client_name: "Avala · Cartera / Wallet",
      client_uri: `${self}/`,
      logo_uri: `${self}/assets/icon.svg`,
      tos_uri: `${self}/`,
      policy_uri: `${self}/`,
      software_id: "avala-wallet",
      software_version: "0.1.0",
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      scope: OB3_SCOPES[1],
    });
    const client = json(registered.bytes);
    const clientId = client?.["client_id"];
    const clientSecret = client?.["client_secret"];
    if (
      registered.status !== 201 ||
      typeof clientId !== "string" ||
      typeof clientSecret !== "string"
    ) {
      throw new PushError("wallet.ob3.send.error.refused");
    }
    const verifier = randomToken(48);
    const state = randomToken();
    const authorize = new URL(endpoints.authorization);
    authorize.searchParams.set("response_type", "code");
    authorize.searchParams.set("client_id", clientId);
    authorize.searchParams.set("redirect_uri", redirectUri);
    authorize.searchParams.set("scope", OB3_SCOPES[1]);
    authorize.searchParams.set("state", state);
    authorize.searchParams.set(
      "code_challenge",
      createHash("sha256").update(verifier).digest("base64url"),
    );
    authorize.searchParams.set("code_challenge_method", "S256");
    const site = url.host;
    const pending: PendingPush = {
      state,
      credential: row.public_id,
      site,
      tokenUrl: endpoints.token,
      apiBase: endpoints.api,
      clientId,
      clientSecret,
      verifier,
      issuer: metadata?.issuer ?? null,
      issuerRequired: metadata?.issuerRequired ?? false,
      expiresAt: ctx.now().getTime() + PUSH_TTL_MS,
    };
    return {
      authorizeUrl: authorize.href,
      site,
      cookie: seal(ctx.keys.sealKey, JSON.stringify(pending), sealContext(account)),
    };
  } catch (error) {
    if (error instanceof PushError) throw error;
    // The guarded fetcher's refusals (not https, private address, time-out, too large, bad JSON).
    throw new PushError("wallet.ob3.send.error.host");
  }
}

/**
 * The learner is back from the other host: checks the state against the sealed cookie and the
 * `iss` against the host's issuer (before anything is sent), takes a token with the code (and
 * the PKCE verifier) and sends the credential. Returns the credential's public id (to go back
 * to it).
 */
export async function finishPush(
  ctx: WalletContext,
  account: Account,
  cookie: string | undefined,
  params: {
    state?: string | undefined;
    code?: string | undefined;
    error?: string | undefined;
    iss?: string | undefined;
  },
  credentialOf: (publicId: string) => Promise<StoredCredential | undefined>,
): Promise<string> {
  let pending: PendingPush;
  try {
    pending = JSON.parse(open(ctx.keys.sealKey, cookie ?? "", sealContext(account)));
  } catch {
    throw new PushError("wallet.ob3.send.error.expired");
  }
  if (
    !params.state ||
    !safeEqual(params.state, pending.state) ||
    pending.expiresAt <= ctx.now().getTime()
  ) {
    throw new PushError("wallet.ob3.send.error.expired");
  }
  // Not from the server the learner was sent to: the code (and the verifier) go nowhere.
  if (!issuerMatches(pending, params.iss)) throw new PushError("wallet.ob3.send.error.issuer");
  if (params.error || !params.code) throw new PushError("wallet.ob3.send.error.denied");
  const row = await credentialOf(pending.credential);
  const credential = row ? pushableForm(row) : undefined;
  if (!credential) throw new PushError("wallet.ob3.send.error.expired");
  try {
    const basic = Buffer.from(
      `${encodeURIComponent(pending.clientId)}:${encodeURIComponent(pending.clientSecret)}`,
    ).toString("base64");
    const token = await ctx.post(
      pending.tokenUrl,
      new URLSearchParams({
        grant_type: "authorization_code",
        code: params.code,
        redirect_uri: `${ctx.config.publicUrl}${PUSH_CALLBACK}`,
        code_verifier: pending.verifier,
      }),
      { authorization: `Basic ${basic}` },
    );
    const accessToken = json(token.bytes)?.["access_token"];
    if (token.status !== 200 || typeof accessToken !== "string") {
      throw new PushError("wallet.ob3.send.error.refused");
    }
    const sent = await ctx.post(`${pending.apiBase}/credentials`, credential, {
      authorization: `Bearer ${accessToken}`,
    });
    if (sent.status !== 200 && sent.status !== 201) {
      throw new PushError("wallet.ob3.send.error.refused");
    }
    return pending.credential;
  } catch (error) {
    if (error instanceof PushError) throw error;
    throw new PushError("wallet.ob3.send.error.refused");
  }
}
