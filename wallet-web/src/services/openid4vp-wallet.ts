import {
  createHash,
  createPublicKey,
  type JsonWebKey as NodeJwk,
  randomUUID,
  verify as verifySignature,
} from "node:crypto";
import {
  buildPresentation,
  type Credential,
  type JsonObject,
  signPresentation,
} from "@avala/credentials";
import { parseJsonText, toJsonText } from "@avala/db";
import { createDidResolver } from "@avala/did";
import {
  budgetedFetch,
  createFetchBudget,
  type GuardedFetch,
  GuardedFetchError,
} from "@avala/guarded-fetch";
import { resolveJwtKey } from "@avala/vc-jwt";
import type { WalletContext } from "../context.js";
import type { PresentationRequestTable } from "../db/presentation-request-tables.js";
import {
  findPresentationRequest,
  findPresentationRequestByKey,
  insertPresentationRequest,
  moveRequest,
} from "../db/presentation-requests.js";
import { type Account, listCredentials, type StoredCredential } from "../db/repositories.js";
import {
  credentialMatches,
  type DcqlCredentialQuery,
  type DcqlQuery,
  isSatisfiedBy,
  readDcqlQuery,
} from "./dcql.js";
import { holderSigningKey } from "./holder-key.js";
import { heldFormOf, sharedFormOf } from "./holding.js";

/**
 * The wallet's side of OpenID for Verifiable Presentations 1.0: read a verifier's authorization
 * request (by value or by `request_uri`, fetched through the guarded fetcher within a budget),
 * check it, find which of the holder's credentials answer its DCQL query, and, once the holder
 * picks and consents, post a presentation signed with the holder key (challenge = nonce, domain
 * = client_id, Appendix B.1.3) with `direct_post`; or, when the holder declines, the error
 * `access_denied`. Each request is answered at most once.
 *
 * Supported: the client identifier prefixes `redirect_uri:` (the request unsigned, the client id
 * the response URI itself) and `decentralized_identifier:` (a request object signed with a key
 * of that DID), response mode `direct_post`, DCQL credential queries of format `ldp_vc`.
 * Anything else is refused in plain words before anything is sent.
 */

/** Why a request is refused before the holder sees it (a message key each). */
export type RequestRefusal =
  | "malformed"
  | "too-large"
  | "unreachable"
  | "response-mode"
  | "client"
  | "client-mismatch"
  | "insecure"
  | "format"
  | "expired"
  | "answered";

export interface PresentationRequest {
  clientId: string;
  responseUri: string;
  nonce: string;
  state?: string;
  query: DcqlQuery;
}

/** The longest request link (or query string) read, and the longest request object fetched. */
export const MAX_REQUEST_CHARS = 16_384;
const MAX_REQUEST_OBJECT_BYTES = 65_536;
/** Requests sent to read one authorization request: the `request_uri`, a did:web document. */
const REQUEST_FETCH_BUDGET = 4;

const SCHEMES = /^(openid4vp|haip-vp|eudi-openid4vp):/i;
const CLIENT_PREFIX = "redirect_uri:";
const DID_PREFIX = "decentralized_identifier:";
/** Marks a request object whose signature was checked (never a parameter name). */
const SIGNED = Symbol("signed");
const TOKEN = /^[\x21-\x7e]{1,512}$/;

/**
 * The parameters of an authorization request in `text`: an `openid4vp://?…` link (or the
 * `haip-vp:` and `eudi-openid4vp:` schemes), or a link to this wallet's `/openid4vp?…`.
 */
export function presentationRequestParams(
  text: string,
  walletUrl: string,
): URLSearchParams | undefined {
  const value = text.trim();
  if (value.length > MAX_REQUEST_CHARS) return undefined;
  const own = `${walletUrl.replace(/\/+$/, "")}/openid4vp?`;
  if (!SCHEMES.test(value) && !value.startsWith(own)) return undefined;
  const query = value.indexOf("?");
  if (query < 0) return undefined;
  const params = new URLSearchParams(value.slice(query + 1));
  return params.has("client_id") ? params : undefined;
}

type Read<T> = { ok: true; value: T } | { ok: false; refusal: RequestRefusal };
const refuse = (refusal: RequestRefusal) => ({ ok: false as const, refusal });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function base64urlJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

interface RequestObject {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The JWS signing input and signature; an empty signature for `alg: none`. */
  signingInput: string;
  signature: string;
}

/** A request object (RFC 9101 JWT), read but not yet trusted: its structure and expiry. */
function readRequestObject(jwt: string, now: Date): Read<RequestObject> {
  const parts = jwt.trim().split(".");
  if (parts.length !== 3) return refuse("malformed");
  const header = base64urlJson(parts[0]!);
  const payload = base64urlJson(parts[1]!);
  if (!isObject(header) || !isObject(payload)) return refuse("malformed");
  if (header["typ"] !== undefined && header["typ"] !== "oauth-authz-req+jwt") {
    return refuse("malformed");
  }
  const exp = payload["exp"];
  if (exp !== undefined && (typeof exp !== "number" || exp * 1000 <= now.getTime())) {
    return refuse("expired");
  }
  return {
    ok: true,
    value: { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2]! },
  };
}

/**
 * Whether the request object was signed by the verifier its client id names:
 * - `redirect_uri:` requests are never signed (1.0, 5.9.3): only `alg: none`, empty signature;
 * - `decentralized_identifier:<DID>` requests are signed (EdDSA or ES256) with a key of that DID
 *   named by the header's `kid` (did:key offline, did:web through the guarded fetcher, within
 *   the same budget as the request).
 * Other prefixes are not supported.
 */
async function isSignedByClient(
  ctx: WalletContext,
  fetch: GuardedFetch,
  clientId: string,
  object: RequestObject,
): Promise<boolean> {
  const alg = object.header["alg"];
  if (clientId.startsWith(CLIENT_PREFIX)) return alg === "none" && object.signature === "";
  if (!clientId.startsWith(DID_PREFIX) || (alg !== "EdDSA" && alg !== "ES256")) return false;
  const did = clientId.slice(DID_PREFIX.length);
  const kid = object.header["kid"];
  if (typeof kid !== "string" || kid.split("#")[0] !== did) return false;
  const resolveDid = createDidResolver({
    fetchJson: (url) => fetch.fetchJson(url, { accept: "application/did+json, application/json" }),
    webScheme: (host) => (isAllowListed(ctx, new URL(`http://${host}`)) ? "http" : "https"),
  });
  let key: Awaited<ReturnType<typeof resolveJwtKey>>;
  try {
    key = await resolveJwtKey(object.header as JsonObject, did, resolveDid);
  } catch {
    return false;
  }
  if (!key.ok || key.controller !== did) return false;
  try {
    const publicKey = createPublicKey({ key: key.jwk as NodeJwk, format: "jwk" });
    const data = Buffer.from(object.signingInput, "ascii");
    const signature = Buffer.from(object.signature, "base64url");
    return alg === "EdDSA"
      ? verifySignature(null, data, publicKey, signature)
      : verifySignature("sha256", data, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature);
  } catch {
    return false;
  }
}

/** The request's parameters as an object: by value, `request`, or `request_uri` fetched. */
async function requestPayload(
  ctx: WalletContext,
  params: URLSearchParams,
): Promise<Read<Record<string | symbol, unknown>>> {
  if (params.toString().length > MAX_REQUEST_CHARS) return refuse("too-large");
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) return refuse("malformed");
  const requestUri = params.get("request_uri");
  const request = params.get("request");
  const clientId = params.get("client_id") ?? "";
  // One budget for everything read for this request: the request_uri, a did:web document.
  const fetch = budgetedFetch(ctx.fetch, createFetchBudget(REQUEST_FETCH_BUDGET));
  let object: Read<RequestObject> | undefined;
  if (requestUri !== null) {
    // Only GET: a wallet that does not send its metadata uses GET (request_uri_method=post too).
    let text: string;
    try {
      const fetched = await fetch.fetchBytes(requestUri, {
        accept: "application/oauth-authz-req+jwt",
      });
      if (fetched.bytes.byteLength > MAX_REQUEST_OBJECT_BYTES) return refuse("too-large");
      text = new TextDecoder("utf-8", { fatal: true }).decode(fetched.bytes);
    } catch (error) {
      if (error instanceof GuardedFetchError && error.code === "too-large") {
        return refuse("too-large");
      }
      if (error instanceof GuardedFetchError && error.code === "scheme-not-allowed") {
        return refuse("insecure");
      }
      return refuse(error instanceof GuardedFetchError ? "unreachable" : "malformed");
    }
    object = readRequestObject(text, ctx.now());
  } else if (request !== null) {
    object = readRequestObject(request, ctx.now());
  }
  if (object) {
    if (!object.ok) return object;
    // RFC 9101: the client_id outside must be the request object's.
    if (object.value.payload["client_id"] !== clientId) return refuse("client-mismatch");
    if (!(await isSignedByClient(ctx, fetch, clientId, object.value))) return refuse("client");
    return { ok: true, value: { ...object.value.payload, [SIGNED]: true } };
  }
  // A request passed in the link itself is unsigned: only for the redirect_uri: prefix.
  if (clientId.startsWith(DID_PREFIX)) return refuse("client");
  const value: Record<string | symbol, unknown> = {};
  for (const [name, text] of params) {
    if (["dcql_query", "client_metadata", "presentation_definition"].includes(name)) {
      try {
        value[name] = JSON.parse(text);
      } catch {
        return refuse("malformed");
      }
    } else value[name] = text;
  }
  return { ok: true, value };
}

function isAllowListed(ctx: WalletContext, url: URL): boolean {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return ctx.config.fetchAllowHosts.some((entry) => {
    const [host, entryPort] = entry
      .trim()
      .toLowerCase()
      .split(/:(?=\d+$)/);
    return host === url.hostname && (!entryPort || entryPort === port);
  });
}

/** Whether the wallet may send to `text`: https, or http to a host its operator allow-listed. */
export function isSendableUrl(ctx: WalletContext, text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  if (url.username || url.password) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && isAllowListed(ctx, url));
}

/** Reads and checks an authorization request (section 5). Sends nothing to the verifier. */
export async function readPresentationRequest(
  ctx: WalletContext,
  params: URLSearchParams,
): Promise<Read<PresentationRequest>> {
  const read = await requestPayload(ctx, params);
  if (!read.ok) return read;
  const p = read.value;
  const text = (name: string) => (typeof p[name] === "string" ? (p[name] as string) : undefined);
  if (text("response_type") !== "vp_token") return refuse("malformed");
  if (text("response_mode") !== "direct_post") return refuse("response-mode");
  const clientId = text("client_id");
  if (!clientId || clientId.length > 2048) return refuse("malformed");
  const signed = p[SIGNED] === true;
  if (!clientId.startsWith(CLIENT_PREFIX) && !(clientId.startsWith(DID_PREFIX) && signed)) {
    return refuse("client");
  }
  const responseUri = text("response_uri");
  if (!responseUri || !URL.canParse(responseUri) || p["redirect_uri"] !== undefined) {
    return refuse("malformed");
  }
  // redirect_uri: the client id is the response URI itself (section 5.9.3).
  if (clientId.startsWith(CLIENT_PREFIX) && clientId.slice(CLIENT_PREFIX.length) !== responseUri) {
    return refuse("client-mismatch");
  }
  if (!isSendableUrl(ctx, responseUri)) return refuse("insecure");
  const nonce = text("nonce");
  if (!nonce || !TOKEN.test(nonce)) return refuse("malformed");
  const state = p["state"];
  if (state !== undefined && (typeof state !== "string" || !TOKEN.test(state))) {
    return refuse("malformed");
  }
  if (
    p["presentation_definition"] !== undefined ||
    p["presentation_definition_uri"] !== undefined ||
    p["transaction_data"] !== undefined ||
    (p["scope"] !== undefined && p["dcql_query"] === undefined)
  ) {
    return refuse("format");
  }
  const query = readDcqlQuery(p["dcql_query"]);
  if (!query) return refuse("malformed");
  if (!query.credentials.some((c) => c.format === "ldp_vc")) return refuse("format");
  return {
    ok: true,
    value: { clientId, responseUri, nonce, ...(typeof state === "string" ? { state } : {}), query },
  };
}

/** What identifies a request: the verifier and its nonce (fresh for every request). */
function requestKey(request: PresentationRequest): string {
  return createHash("sha256").update(`${request.clientId}\n${request.nonce}`).digest("hex");
}

/**
 * Reads a request and keeps it for the holder to answer: the id of its page, or a refusal.
 * A request already answered (the same client and nonce) is refused with `answered`.
 */
export async function openPresentationRequest(
  ctx: WalletContext,
  account: Account,
  params: URLSearchParams,
): Promise<Read<string>> {
  const read = await readPresentationRequest(ctx, params);
  if (!read.ok) return read;
  const key = requestKey(read.value);
  const publicId = randomUUID();
  const inserted = await insertPresentationRequest(ctx.db, {
    public_id: publicId,
    account_id: account.id,
    request_key: key,
    request: toJsonText(read.value),
    created_at: ctx.now().toISOString(),
  });
  if (inserted) return { ok: true, value: publicId };
  const existing = await findPresentationRequestByKey(ctx.db, account.id, key);
  if (existing?.status !== "pending") return refuse("answered");
  return { ok: true, value: existing.public_id };
}

export interface QueryMatches {
  query: DcqlCredentialQuery;
  /** The holder's credentials that answer it (never an invalid one, a JWT one or a badge). */
  matches: StoredCredential[];
}

export interface ConsentModel {
  row: Selectable;
  request: PresentationRequest;
  /** Who asks, in plain words: the response URI's site. */
  site: string;
  queries: QueryMatches[];
  /** Whether the holder's credentials can answer the whole query. */
  answerable: boolean;
}

type Selectable = Omit<PresentationRequestTable, "id"> & { id: number };

/** The request, who asks, and which of the holder's credentials answer each query. */
export async function consentModel(
  ctx: WalletContext,
  account: Account,
  publicId: string,
): Promise<ConsentModel | undefined> {
  const row = await findPresentationRequest(ctx.db, account.id, publicId);
  if (!row) return undefined;
  const request = parseJsonText(row.request) as PresentationRequest;
  const held = (await listCredentials(ctx.db, account.id)).filter(
    (c) => !c.ob2_badge && c.verdict !== "invalid" && typeof heldFormOf(c) !== "string",
  );
  const queries = request.query.credentials.map((query) => ({
    query,
    matches: held.filter((c) => credentialMatches(query, heldFormOf(c) as Record<string, never>)),
  }));
  const answerable = isSatisfiedBy(
    request.query,
    new Set(queries.filter((q) => q.matches.length > 0).map((q) => q.query.id)),
  );
  return {
    row: row as Selectable,
    request,
    site: new URL(request.responseUri).host,
    queries,
    answerable,
  };
}

export type AnswerResult =
  | { ok: true; redirectUri?: string }
  | {
      ok: false;
      problem: "not-found" | "answered" | "choose" | "unreachable" | "refused" | "sign";
    };

/** The verifier's `redirect_uri`, when its answer has one the holder may be sent to. */
function redirectOf(ctx: WalletContext, bytes: Uint8Array): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
  const uri = isObject(body) ? body["redirect_uri"] : undefined;
  return typeof uri === "string" && uri.length <= 2048 && isSendableUrl(ctx, uri) ? uri : undefined;
}

/** Posts `fields` to the request's response URI with `direct_post` (form-encoded). */
async function directPost(
  ctx: WalletContext,
  request: PresentationRequest,
  fields: Record<string, string>,
) {
  const body = new URLSearchParams(fields);
  if (request.state) body.set("state", request.state);
  return ctx.post(request.responseUri, body, { accept: "application/json" });
}

/**
 * Answers a request with the credentials the holder picked (`picks`: credential query id →
 * the holder's credential ids). Only picked credentials that answer their query are sent, and
 * only when they answer the whole query; each is signed into its own presentation bound to the
 * nonce and client id. Sent once: a second answer (another tab) finds the request answered.
 */
export async function answerRequest(
  ctx: WalletContext,
  account: Account,
  publicId: string,
  picks: Map<string, string[]>,
): Promise<AnswerResult> {
  const model = await consentModel(ctx, account, publicId);
  if (!model) return { ok: false, problem: "not-found" };
  if (model.row.status !== "pending") return { ok: false, problem: "answered" };
  const chosen = new Map<string, StoredCredential[]>();
  for (const { query, matches } of model.queries) {
    const ids = [...new Set(picks.get(query.id) ?? [])];
    const rows = matches.filter((c) => ids.includes(c.public_id));
    if (rows.length !== ids.length || (!query.multiple && rows.length > 1)) {
      return { ok: false, problem: "choose" };
    }
    if (rows.length > 0) chosen.set(query.id, rows);
  }
  if (chosen.size === 0 || !isSatisfiedBy(model.request.query, new Set(chosen.keys()))) {
    return { ok: false, problem: "choose" };
  }
  const { request } = model;
  const vpToken: Record<string, unknown[]> = {};
  try {
    const key = holderSigningKey(ctx.keys.sealKey, account);
    for (const [queryId, rows] of chosen) {
      vpToken[queryId] = [];
      for (const row of rows) {
        vpToken[queryId].push(
          await signPresentation(
            buildPresentation({
              holder: account.holder_did,
              credentials: [sharedFormOf(row) as Credential],
            }),
            {
              key,
              challenge: request.nonce,
              domain: request.clientId,
              documentLoader: ctx.documentLoader,
              date: ctx.now(),
            },
          ),
        );
      }
    }
  } catch (error) {
    ctx.log.error("could not sign an OpenID4VP presentation", {
      reason: String((error as Error)?.message ?? error).slice(0, 200),
    });
    return { ok: false, problem: "sign" };
  }
  if (!(await moveRequest(ctx.db, account.id, publicId, "pending", "sending"))) {
    return { ok: false, problem: "answered" };
  }
  let response: Awaited<ReturnType<typeof directPost>>;
  try {
    response = await directPost(ctx, request, { vp_token: JSON.stringify(vpToken) });
  } catch {
    // Nothing reached the verifier: the holder may try again.
    await moveRequest(ctx.db, account.id, publicId, "sending", "pending");
    return { ok: false, problem: "unreachable" };
  }
  const at = ctx.now().toISOString();
  if (response.status < 200 || response.status > 299) {
    await moveRequest(ctx.db, account.id, publicId, "sending", "failed", { at });
    return { ok: false, problem: "refused" };
  }
  const redirectUri = redirectOf(ctx, response.bytes);
  await moveRequest(ctx.db, account.id, publicId, "sending", "sent", {
    at,
    redirectUri: redirectUri ?? null,
  });
  return { ok: true, ...(redirectUri ? { redirectUri } : {}) };
}

/**
 * The holder says no: the verifier is told `access_denied` (section 8.5) and nothing else.
 * The request is declined even when the verifier cannot be reached (nothing was shared).
 */
export async function declineRequest(
  ctx: WalletContext,
  account: Account,
  publicId: string,
): Promise<AnswerResult> {
  const row = await findPresentationRequest(ctx.db, account.id, publicId);
  if (!row) return { ok: false, problem: "not-found" };
  if (!(await moveRequest(ctx.db, account.id, publicId, "pending", "sending"))) {
    return { ok: false, problem: "answered" };
  }
  const request = parseJsonText(row.request) as PresentationRequest;
  let redirectUri: string | undefined;
  try {
    const response = await directPost(ctx, request, { error: "access_denied" });
    if (response.status >= 200 && response.status <= 299) {
      redirectUri = redirectOf(ctx, response.bytes);
    }
  } catch {
    // The verifier will see the request expire; the holder shared nothing.
  }
  await moveRequest(ctx.db, account.id, publicId, "sending", "declined", {
    at: ctx.now().toISOString(),
    redirectUri: redirectUri ?? null,
  });
  return { ok: true, ...(redirectUri ? { redirectUri } : {}) };
}
