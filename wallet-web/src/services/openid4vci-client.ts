import { importSigningKey } from "@avala/credentials";
import {
  budgetedFetch,
  createFetchBudget,
  createGuardedFetch,
  type FetchBudget,
  type GuardedFetch,
  GuardedFetchError,
} from "@avala/guarded-fetch";
import type { Locale } from "@avala/i18n";
import type { WalletContext } from "../context.js";
import type { Account } from "../db/repositories.js";
import { createGuardedPost, type GuardedPost } from "./guarded-post.js";
import { holderSigningKey } from "./holder-key.js";
import { type ReceiveOutcome, receiveCredential } from "./holding.js";

/**
 * The wallet's OpenID4VCI 1.0 client (pre-authorized code flow), hand-written in small steps:
 *
 * 1. `offerLinkOf`: an `openid-credential-offer://?credential_offer=…` or `?credential_offer_uri=…`
 *    link (or an https link carrying either parameter) pasted, opened or scanned;
 * 2. `resolveOffer`: the offer (by value, or fetched by reference), the credential issuer's
 *    metadata (`/.well-known/openid-credential-issuer` + the issuer's path) and its
 *    authorization server's (`/.well-known/oauth-authorization-server` + path), each
 *    size-limited and checked field by field; what is offered and by whom, in plain words;
 * 3. `claimOpenid4vciOffer`: token request with the pre-authorized code (and the PIN when the
 *    offer asks for one), a fresh `c_nonce` from the nonce endpoint, a `openid4vci-proof+jwt`
 *    signed with the holder's key (its did:key), the credential request for an `ldp_vc`
 *    configuration; what arrives is verified with the verifier library and kept like any other
 *    credential, or refused and nothing is stored.
 *
 * Everything fetched or posted goes through the guarded fetcher's rules (https unless
 * allow-listed, public addresses only, time-out, size limits) and one fetch budget per offer.
 */

export const OID4VCI_CLIENT_LIMITS = {
  /** An offer link (by value, the whole offer is in it). */
  linkChars: 16 * 1024,
  /** Offers, metadata, token and nonce answers. */
  metadataBytes: 64 * 1024,
  /** The credential response. */
  credentialBytes: 1024 * 1024,
  /** Requests sent for one offer: offer, two metadata, token, nonce, credential (+ spare). */
  fetches: 8,
};

const PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
const PROOF_TYP = "openid4vci-proof+jwt";
const OFFER_SCHEME = "openid-credential-offer:";

/** Why an offer could not be read or claimed (message `wallet.oid4vci.problem.<problem>`). */
export type Oid4vciProblem =
  | "bad-offer"
  | "not-allowed"
  | "unreachable"
  | "too-large"
  | "invalid"
  | "unsupported"
  | "pin-required"
  | "pin-refused"
  | "offer-used"
  | "refused"
  | "not-verified"
  | "not-bound";

export class Oid4vciClientError extends Error {
  constructor(readonly problem: Oid4vciProblem) {
    super(`OpenID4VCI: ${problem}`);
  }
}

const fail = (problem: Oid4vciProblem): never => {
  throw new Oid4vciClientError(problem);
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): string | undefined =>
  typeof v === "string" && v.trim() && v.length <= max ? v.trim() : undefined;
const texts = (v: unknown, max: number, most: number): string[] | undefined =>
  Array.isArray(v) && v.length <= most && v.every((e) => text(e, max) === e)
    ? (v as string[])
    : undefined;

/** What a link carries: the offer itself, or where to fetch it. */
export type OfferLink = { by: "value"; offer: unknown } | { by: "reference"; uri: string };

/**
 * The offer in a pasted, opened or scanned text: `openid-credential-offer://?…` or an https
 * link carrying `credential_offer` or `credential_offer_uri` (exactly one), else undefined.
 */
export function offerLinkOf(input: string): OfferLink | undefined {
  const trimmed = input.trim();
  if (trimmed.length > OID4VCI_CLIENT_LIMITS.linkChars) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== OFFER_SCHEME && url.protocol !== "https:" && url.protocol !== "http:") {
    return undefined;
  }
  const byValue = url.searchParams.getAll("credential_offer");
  const byReference = url.searchParams.getAll("credential_offer_uri");
  if (byValue.length + byReference.length !== 1) return undefined;
  if (byValue[0] !== undefined) {
    try {
      return { by: "value", offer: JSON.parse(byValue[0]) };
    } catch {
      return undefined;
    }
  }
  const uri = byReference[0] ?? "";
  try {
    const target = new URL(uri);
    if (target.protocol !== "https:" && target.protocol !== "http:") return undefined;
  } catch {
    return undefined;
  }
  return { by: "reference", uri };
}

/** True when the text is an OpenID4VCI offer link. */
export const isOpenid4vciOffer = (input: string) => offerLinkOf(input) !== undefined;

/** The PIN an offer asks for (`tx_code`): how to type it, as the issuer describes it. */
export interface TxCode {
  length?: number;
  numeric: boolean;
  description?: string;
}

/** An offer read and understood: what to show the holder and what to claim it with. */
export interface ResolvedOffer {
  credentialIssuer: string;
  /** The issuer's name in the page's language (else its site). */
  issuerName: string;
  /** The offered credential's name in the page's language, when the issuer gives one. */
  credentialName?: string;
  configurationId: string;
  preAuthorizedCode: string;
  txCode?: TxCode;
  tokenEndpoint: string;
  credentialEndpoint: string;
  nonceEndpoint?: string;
}

/** One offer's fetchers: budgeted and size-limited, built once per wallet context. */
interface Transport {
  /** The wallet's own origin: never fetched or posted to. */
  own: string;
  get: GuardedFetch;
  post: GuardedPost;
  postLarge: GuardedPost;
  budget: FetchBudget;
}

const transports = new WeakMap<WalletContext, Omit<Transport, "budget">>();

function transportFor(ctx: WalletContext): Transport {
  let held = transports.get(ctx);
  if (!held) {
    const allowHosts = ctx.config.fetchAllowHosts;
    const small = OID4VCI_CLIENT_LIMITS.metadataBytes;
    held = {
      own: new URL(ctx.config.publicUrl).origin,
      get: createGuardedFetch({
        allowHosts,
        refuseOrigins: [ctx.config.publicUrl],
        timeoutMs: 10_000,
        maxBytes: small,
        maxRedirects: 0,
      }),
      post: createGuardedPost({ allowHosts, timeoutMs: 10_000, maxBytes: small }),
      postLarge: createGuardedPost({
        allowHosts,
        timeoutMs: 15_000,
        maxBytes: OID4VCI_CLIENT_LIMITS.credentialBytes,
      }),
    };
    transports.set(ctx, held);
  }
  const budget = createFetchBudget(OID4VCI_CLIENT_LIMITS.fetches);
  return { ...held, get: budgetedFetch(held.get, budget), budget };
}

function problemOfFetch(error: unknown): Oid4vciProblem {
  if (error instanceof Oid4vciClientError) return error.problem;
  if (error instanceof GuardedFetchError) {
    if (error.code === "too-large") return "too-large";
    if (error.code === "invalid-json") return "invalid";
    if (error.code === "http-status") {
      // An offer behind `credential_offer_uri` that is used up or withdrawn (409) or expired (410).
      if (error.status === 409 || error.status === 410) return "offer-used";
      return error.status === 404 ? "invalid" : "unreachable";
    }
    if (
      error.code === "origin-refused" ||
      error.code === "scheme-not-allowed" ||
      error.code === "host-not-allowed" ||
      error.code === "url-invalid"
    ) {
      return "not-allowed";
    }
  }
  return "unreachable";
}

async function getJson(transport: Transport, url: string): Promise<Json> {
  let body: unknown;
  try {
    body = await transport.get.fetchJson(url, { accept: "application/json" });
  } catch (error) {
    return fail(problemOfFetch(error));
  }
  return isObject(body) ? body : fail("invalid");
}

/** A POST's answer: status and JSON body (undefined when it is not JSON). */
async function postJson(
  transport: Transport,
  url: string,
  body: unknown,
  options: { authorization?: string; large?: boolean } = {},
): Promise<{ status: number; body: Json | undefined }> {
  try {
    if (new URL(url).origin === transport.own) return fail("not-allowed");
    transport.budget.charge(url);
    const send = options.large ? transport.postLarge : transport.post;
    const response = await send(url, body, {
      accept: "application/json",
      ...(options.authorization ? { authorization: options.authorization } : {}),
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(response.bytes));
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: isObject(parsed) ? parsed : undefined };
  } catch (error) {
    return fail(problemOfFetch(error));
  }
}

/**
 * An http(s) URL from outside, as given (identifiers are compared as strings), or the problem
 * `invalid`.
 */
function endpoint(value: unknown): string {
  const url = text(value, 2048);
  if (!url || url !== value) return fail("invalid");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail("invalid");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return fail("not-allowed");
  return url;
}

/** `<origin>/.well-known/<name><path>` (RFC 8414 §3.1; OpenID4VCI 1.0 §12.2.2). */
export function wellKnownOf(identifier: string, name: string): string {
  const url = new URL(identifier);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return `${url.origin}/.well-known/${name}${path}`;
}

interface OfferObject {
  credentialIssuer: string;
  configurationIds: string[];
  preAuthorizedCode: string;
  txCode?: TxCode;
  authorizationServer?: string;
}

/** Checks a credential offer object (OpenID4VCI 1.0 §4.1.1): pre-authorized code grant only. */
export function readOfferObject(value: unknown): OfferObject {
  if (!isObject(value)) return fail("bad-offer");
  const credentialIssuer = endpoint(value["credential_issuer"]);
  const configurationIds = texts(value["credential_configuration_ids"], 200, 20);
  if (!configurationIds || configurationIds.length === 0) return fail("bad-offer");
  const grants = isObject(value["grants"]) ? value["grants"] : {};
  const grant = grants[PRE_AUTHORIZED_GRANT];
  // Only the pre-authorized code flow: an offer for the authorization code flow needs a browser
  // sign-in at the issuer, which this wallet does not do yet.
  if (!isObject(grant)) return fail("unsupported");
  const preAuthorizedCode = text(grant["pre-authorized_code"], 1024);
  if (!preAuthorizedCode) return fail("bad-offer");
  const offer: OfferObject = { credentialIssuer, configurationIds, preAuthorizedCode };
  if (grant["tx_code"] !== undefined) {
    const tx = isObject(grant["tx_code"]) ? grant["tx_code"] : fail("bad-offer");
    const length = tx["length"];
    const mode = tx["input_mode"] ?? "numeric";
    if (mode !== "numeric" && mode !== "text") return fail("bad-offer");
    offer.txCode = { numeric: mode === "numeric" };
    if (typeof length === "number" && Number.isInteger(length) && length > 0 && length <= 64) {
      offer.txCode.length = length;
    }
    const description = text(tx["description"], 300);
    if (description) offer.txCode.description = description;
  }
  const server = grant["authorization_server"];
  if (server !== undefined) offer.authorizationServer = endpoint(server);
  return offer;
}

/** A display name in the page's language (`display: [{ name, locale }]`), else the first. */
function displayName(value: unknown, locale: Locale): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = value.filter(isObject).slice(0, 20);
  const mine = entries.find(
    (e) => typeof e["locale"] === "string" && e["locale"].startsWith(locale),
  );
  return text(
    (mine ?? entries.find((e) => e["locale"] === undefined) ?? entries[0])?.["name"],
    200,
  );
}

/** The configuration this wallet can keep: `ldp_vc`, a Verifiable Credential, bound by DID. */
function usableConfiguration(configuration: unknown): boolean {
  if (!isObject(configuration) || configuration["format"] !== "ldp_vc") return false;
  const definition = configuration["credential_definition"];
  const types = isObject(definition) ? texts(definition["type"], 200, 20) : undefined;
  if (!types?.includes("VerifiableCredential")) return false;
  const binding = configuration["cryptographic_binding_methods_supported"];
  if (binding !== undefined && !(texts(binding, 100, 50) ?? []).some((m) => m === "did:key")) {
    return false;
  }
  const proofs = configuration["proof_types_supported"];
  if (proofs !== undefined) {
    const jwt = isObject(proofs) ? proofs["jwt"] : undefined;
    const algs = isObject(jwt) ? texts(jwt["proof_signing_alg_values_supported"], 50, 50) : [];
    if (!algs?.some((alg) => alg === "EdDSA" || alg === "Ed25519")) return false;
  }
  return true;
}

/** Reads the offer behind a link, then the issuer's and its authorization server's metadata. */
export async function resolveOffer(
  ctx: WalletContext,
  input: string,
  locale: Locale,
  transport: Transport = transportFor(ctx),
): Promise<ResolvedOffer> {
  const link = offerLinkOf(input) ?? fail("bad-offer");
  const offer = readOfferObject(
    link.by === "value" ? link.offer : await getJson(transport, link.uri),
  );
  const metadata = await getJson(
    transport,
    wellKnownOf(offer.credentialIssuer, "openid-credential-issuer"),
  );
  // The metadata must be the offering issuer's own (OpenID4VCI 1.0 §12.2.3).
  if (metadata["credential_issuer"] !== offer.credentialIssuer) return fail("invalid");
  const configurations = isObject(metadata["credential_configurations_supported"])
    ? metadata["credential_configurations_supported"]
    : fail("invalid");
  const configurationId =
    offer.configurationIds.find((id) => usableConfiguration(configurations[id])) ??
    fail("unsupported");
  const configuration = configurations[configurationId] as Json;
  const servers = texts(metadata["authorization_servers"], 2048, 10);
  const server = endpoint(offer.authorizationServer ?? servers?.[0] ?? offer.credentialIssuer);
  if (servers && !servers.includes(server)) return fail("invalid");
  const authorization = await getJson(transport, wellKnownOf(server, "oauth-authorization-server"));
  if (authorization["issuer"] !== server) return fail("invalid");
  const grants = authorization["grant_types_supported"];
  if (grants !== undefined && !(texts(grants, 200, 20) ?? []).includes(PRE_AUTHORIZED_GRANT)) {
    return fail("unsupported");
  }
  const credentialMetadata = isObject(configuration["credential_metadata"])
    ? configuration["credential_metadata"]
    : {};
  const credentialName =
    displayName(credentialMetadata["display"], locale) ??
    displayName(configuration["display"], locale);
  const resolved: ResolvedOffer = {
    credentialIssuer: offer.credentialIssuer,
    issuerName: displayName(metadata["display"], locale) ?? new URL(offer.credentialIssuer).host,
    configurationId,
    preAuthorizedCode: offer.preAuthorizedCode,
    tokenEndpoint: endpoint(authorization["token_endpoint"]),
    credentialEndpoint: endpoint(metadata["credential_endpoint"]),
  };
  if (credentialName) resolved.credentialName = credentialName;
  if (offer.txCode) resolved.txCode = offer.txCode;
  if (metadata["nonce_endpoint"] !== undefined) {
    resolved.nonceEndpoint = endpoint(metadata["nonce_endpoint"]);
  }
  return resolved;
}

/** The PIN as typed: digits only for a numeric one, of the length asked, at most 64 chars. */
export function pinOf(offer: ResolvedOffer, typed: string): string | undefined {
  const pin = typed.trim();
  if (!offer.txCode) return undefined;
  if (!pin) return fail("pin-required");
  if (pin.length > 64) return fail("pin-refused");
  if (offer.txCode.numeric && !/^\d+$/.test(pin)) return fail("pin-refused");
  if (offer.txCode.length !== undefined && pin.length !== offer.txCode.length) {
    return fail("pin-refused");
  }
  return pin;
}

/** Token endpoint: the pre-authorized code (and PIN) for an access token. */
async function requestToken(
  transport: Transport,
  offer: ResolvedOffer,
  pin: string | undefined,
): Promise<{ accessToken: string; nonce?: string }> {
  const form = new URLSearchParams({
    grant_type: PRE_AUTHORIZED_GRANT,
    "pre-authorized_code": offer.preAuthorizedCode,
  });
  if (pin !== undefined) form.set("tx_code", pin);
  const { status, body } = await postJson(transport, offer.tokenEndpoint, form);
  if (status !== 200) {
    const error = body?.["error"];
    if (error === "invalid_grant") return fail(offer.txCode ? "pin-refused" : "offer-used");
    return fail(status >= 500 || !body ? "unreachable" : "refused");
  }
  const accessToken = text(body?.["access_token"], 4096);
  const type = text(body?.["token_type"], 20)?.toLowerCase();
  if (!accessToken || !/^[\x21-\x7e]+$/.test(accessToken)) return fail("invalid");
  // DPoP-bound tokens are not supported: only a Bearer token is sent.
  if (type !== "bearer") return fail("unsupported");
  const nonce = text(body?.["c_nonce"], 1024);
  return nonce ? { accessToken, nonce } : { accessToken };
}

/** Nonce endpoint: a fresh `c_nonce` for the proof. */
async function requestNonce(transport: Transport, url: string): Promise<string> {
  const { status, body } = await postJson(transport, url, new URLSearchParams());
  if (status !== 200) return fail(status >= 500 || !body ? "unreachable" : "refused");
  return text(body?.["c_nonce"], 1024) ?? fail("invalid");
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");

/** The proof of possession: a JWT signed with the holder's key, for this issuer and nonce. */
export async function holderProofJwt(
  ctx: WalletContext,
  account: Account,
  audience: string,
  nonce: string | undefined,
): Promise<string> {
  const key = holderSigningKey(ctx.keys.sealKey, account);
  const header = { alg: "EdDSA", typ: PROOF_TYP, kid: key.id };
  const payload = {
    aud: audience,
    iat: Math.floor(ctx.now().getTime() / 1000),
    ...(nonce ? { nonce } : {}),
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signer = (await importSigningKey(key)).signer();
  const signature = await signer.sign({ data: new TextEncoder().encode(input) });
  return `${input}.${base64url(signature)}`;
}

/** Credential endpoint: the credential bound to the holder, as a JSON object (`ldp_vc`). */
async function requestCredential(
  transport: Transport,
  offer: ResolvedOffer,
  accessToken: string,
  proof: string,
): Promise<Json> {
  const { status, body } = await postJson(
    transport,
    offer.credentialEndpoint,
    { credential_configuration_id: offer.configurationId, proofs: { jwt: [proof] } },
    { authorization: `Bearer ${accessToken}`, large: true },
  );
  if (status === 202) return fail("unsupported"); // deferred issuance
  if (status !== 200) {
    const error = body?.["error"];
    if (error === "invalid_token") return fail("offer-used");
    if (error === "unsupported_credential_format") return fail("unsupported");
    return fail(status >= 500 || !body ? "unreachable" : "refused");
  }
  const list = body?.["credentials"];
  if (!Array.isArray(list) || list.length !== 1 || !isObject(list[0])) return fail("invalid");
  const credential = list[0]["credential"];
  return isObject(credential) ? credential : fail("invalid");
}

/**
 * Claims an offer for `account`: resolves it, exchanges the pre-authorized code (with `typedPin`
 * when the offer asks for one), proves possession of the holder key, verifies what arrives and
 * keeps it (`receiveCredential`: refused, duplicate or added). Throws `Oid4vciClientError`; a
 * refused credential is an outcome, never stored.
 */
export async function claimOpenid4vciOffer(
  ctx: WalletContext,
  account: Account,
  input: string,
  typedPin: string,
  locale: Locale,
): Promise<{ offer: ResolvedOffer; outcome: ReceiveOutcome }> {
  const transport = transportFor(ctx);
  const offer = await resolveOffer(ctx, input, locale, transport);
  const pin = pinOf(offer, typedPin);
  const token = await requestToken(transport, offer, pin);
  const nonce = offer.nonceEndpoint
    ? await requestNonce(transport, offer.nonceEndpoint)
    : token.nonce;
  const proof = await holderProofJwt(ctx, account, offer.credentialIssuer, nonce);
  const credential = await requestCredential(transport, offer, token.accessToken, proof);
  // What comes back must be bound to this wallet's DID, as the proof asked.
  const subject = credential["credentialSubject"];
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (!subjects.some((s) => isObject(s) && s["id"] === account.holder_did)) fail("not-bound");
  const verification = await ctx.verify(credential);
  const outcome = await receiveCredential(
    ctx,
    account,
    verification,
    "claim",
    offer.credentialIssuer,
  );
  return { offer, outcome };
}
