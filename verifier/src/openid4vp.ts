/**
 * OpenID4VP 1.0, verifier side: the authorization request an employer's page shows (unsigned, by
 * value, client identifier prefix `redirect_uri:`, response mode `direct_post`, a DCQL query for
 * `ldp_vc`) and the checks on the wallet's answer. The formats are in docs/openid4vp.md.
 */
import { randomBytes } from "node:crypto";
import type { Check } from "@avala/credentials";
import { makeCheck } from "@avala/credentials";
import { nestingExceeds } from "@avala/http-middleware";
import type { Locale } from "@avala/i18n";
import { localize, t } from "@avala/i18n";
import type { Ask } from "./openid4vp-query.js";
import {
  CREDENTIAL_QUERY_ID,
  dcqlQueryFor,
  describeAsk,
  matchesCredentialQuery,
} from "./openid4vp-query.js";
import type { PresentationRequest, RequestStore } from "./openid4vp-store.js";
import type { PresentationVerification, Verification, VerifyOptions } from "./verify.js";

/** Where wallets post their answers, under the verifier's public URL. */
export const RESPONSE_PATH = "/openid4vp/response";

/** A fresh random value: 128 bits, base64url. */
export const freshToken = (): string => randomBytes(16).toString("base64url");

export function responseUri(publicUrl: string): string {
  return `${publicUrl}${RESPONSE_PATH}`;
}

/** `redirect_uri:<response_uri>`: the request is unsigned; the wallet knows us by that URL. */
export function clientIdFor(publicUrl: string): string {
  return `redirect_uri:${responseUri(publicUrl)}`;
}

/** What the verifier tells the wallet about itself (`client_metadata`). */
export function clientMetadata(locale: Locale) {
  return {
    client_name: localize("verifier.page.title")[locale],
    vp_formats_supported: {
      ldp_vc: {
        proof_type_values: ["DataIntegrityProof", "Ed25519Signature2020"],
        cryptosuite_values: ["eddsa-rdfc-2022"],
      },
    },
  };
}

/** A new request for an ask, stored; undefined when the store is full. */
export function openRequest(
  store: RequestStore,
  publicUrl: string,
  ask: Ask,
): PresentationRequest | undefined {
  const input = {
    id: freshToken(),
    state: freshToken(),
    nonce: freshToken(),
    clientId: clientIdFor(publicUrl),
    ask,
    dcql: dcqlQueryFor(ask),
  };
  if (!store.add(input)) return undefined;
  return store.byId(input.id);
}

/** The authorization request's parameters, in the order they are written in the link. */
export function authorizationRequest(
  request: Pick<PresentationRequest, "clientId" | "nonce" | "state" | "dcql">,
  publicUrl: string,
  locale: Locale,
): Record<string, string> {
  return {
    client_id: request.clientId,
    response_type: "vp_token",
    response_mode: "direct_post",
    response_uri: responseUri(publicUrl),
    nonce: request.nonce,
    state: request.state,
    dcql_query: JSON.stringify(request.dcql),
    client_metadata: JSON.stringify(clientMetadata(locale)),
  };
}

/** `openid4vp://?…` (or `<base>?…` for a web wallet) with the request passed by value. */
export function requestLink(params: Record<string, string>, base = "openid4vp://"): string {
  return `${base}?${new URLSearchParams(params).toString()}`;
}

// ---- The answer ---------------------------------------------------------------------------

/** An OpenID4VP / OAuth error for the wallet (`error`, `error_description`) and its status. */
export interface ProtocolError {
  status: 400 | 413 | 415;
  error: "invalid_request";
  description: string;
}

const protocolError = (description: string, status: ProtocolError["status"] = 400) => ({
  status,
  error: "invalid_request" as const,
  description,
});

export type ParsedAnswer =
  | { kind: "presentation"; state: string; presentation: Record<string, unknown> }
  | { kind: "error"; state: string; error: string }
  | { kind: "invalid"; state?: string; problem: ProtocolError };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a `direct_post` body (`application/x-www-form-urlencoded`, already size-limited and
 * decoded): `state` and either `vp_token` (a JSON object with exactly the key of the one
 * credential query, whose value is an array of one presentation object) or an `error`.
 */
export function parseAnswer(body: string, maxDepth: number): ParsedAnswer {
  const form = new URLSearchParams(body);
  for (const name of ["state", "vp_token", "error", "error_description"]) {
    if (form.getAll(name).length > 1) {
      return { kind: "invalid", problem: protocolError(`Parameter ${name} is repeated.`) };
    }
  }
  const state = form.get("state");
  if (!state || state.length > 200) {
    return { kind: "invalid", problem: protocolError("Parameter state is missing or too long.") };
  }
  const error = form.get("error");
  if (error !== null) {
    if (!/^[\x20-\x7e]{1,100}$/.test(error) || form.has("vp_token")) {
      return { kind: "invalid", state, problem: protocolError("Parameter error is malformed.") };
    }
    return { kind: "error", state, error };
  }
  const raw = form.get("vp_token");
  if (!raw) return { kind: "invalid", state, problem: protocolError("vp_token is missing.") };
  if (nestingExceeds(raw, maxDepth)) {
    return { kind: "invalid", state, problem: protocolError("vp_token is nested too deeply.") };
  }
  let token: unknown;
  try {
    token = JSON.parse(raw);
  } catch {
    return { kind: "invalid", state, problem: protocolError("vp_token is not JSON.") };
  }
  const keys = isObject(token) ? Object.keys(token) : [];
  if (!isObject(token) || keys.length !== 1 || keys[0] !== CREDENTIAL_QUERY_ID) {
    return {
      kind: "invalid",
      state,
      problem: protocolError(
        `vp_token must be a JSON object with the one key "${CREDENTIAL_QUERY_ID}" (the DCQL credential query id).`,
      ),
    };
  }
  const presentations = token[CREDENTIAL_QUERY_ID];
  if (!Array.isArray(presentations) || presentations.length !== 1) {
    return {
      kind: "invalid",
      state,
      problem: protocolError(
        `vp_token.${CREDENTIAL_QUERY_ID} must be an array of one presentation (multiple is not allowed).`,
      ),
    };
  }
  const presentation = presentations[0];
  if (!isObject(presentation)) {
    return {
      kind: "invalid",
      state,
      problem: protocolError("An ldp_vc presentation must be a JSON object."),
    };
  }
  return { kind: "presentation", state, presentation };
}

/** The verification options for a request's answer: its nonce and client id must be signed. */
export function answerOptions(request: PresentationRequest): Partial<VerifyOptions> {
  return {
    expect: "presentation",
    fetchLinks: false,
    challenge: request.nonce,
    domain: request.clientId,
  };
}

function holderOf(document: unknown): string | undefined {
  if (!isObject(document)) return undefined;
  const holder = document.holder;
  if (typeof holder === "string") return holder;
  if (isObject(holder) && typeof holder.id === "string") return holder.id;
  return undefined;
}

function subjectIds(document: unknown): string[] {
  if (!isObject(document)) return [];
  const subjects = Array.isArray(document.credentialSubject)
    ? document.credentialSubject
    : [document.credentialSubject];
  return subjects.flatMap((s) => (isObject(s) && typeof s.id === "string" ? [s.id] : []));
}

/**
 * What OpenID4VP adds to a verified presentation: that it names its holder, that every
 * credential was issued to that holder (the core checks that the holder signed it), and that
 * every credential is what the employer asked for. A failure makes the result invalid.
 */
export function withRequestChecks(
  result: Verification,
  request: Pick<PresentationRequest, "ask" | "dcql">,
): Verification {
  if (result.kind !== "presentation") return result;
  const query = request.dcql.credentials[0]!;
  const added: Check[] = [];
  const holder = holderOf(result.document);
  if (!holder) {
    added.push(makeCheck("presentation", "fail", "openid4vp.holder-missing"));
  } else if (
    result.credentials.length > 0 &&
    result.credentials.every((c) => subjectIds(c.document).includes(holder))
  ) {
    added.push(makeCheck("presentation", "pass", "openid4vp.holder-bound"));
  } else {
    added.push(makeCheck("presentation", "fail", "openid4vp.subject-not-holder"));
  }
  const matches =
    result.credentials.length > 0 &&
    result.credentials.every((c) => matchesCredentialQuery(c.document, query));
  const code = matches ? "openid4vp.matches" : "openid4vp.no-match";
  added.push({
    check: "presentation",
    outcome: matches ? "pass" : "fail",
    code,
    message: {
      es: t(code, "es", { what: describeAsk(request.ask, "es") }),
      en: t(code, "en", { what: describeAsk(request.ask, "en") }),
    },
  });
  const failed = added.some((c) => c.outcome === "fail");
  const out: PresentationVerification = {
    ...result,
    checks: [...result.checks, ...added],
  };
  if (failed) {
    out.verified = false;
    out.verdict = "invalid";
  }
  return out;
}

/**
 * Why an answer is refused, for the wallet: `undefined` when it holds (valid, or valid with
 * warnings); else the first failure of the presentation itself (its proof, nonce, client id,
 * holder, match), or that a credential in it did not verify. The employer's page shows it all.
 */
export function refusalOf(result: Verification): ProtocolError | undefined {
  if (result.verdict !== "invalid") return undefined;
  const failed = result.checks.find(
    (c) =>
      (c.outcome === "fail" || c.outcome === "could-not-check") &&
      c.code !== "presentation.credential-invalid",
  );
  return protocolError(
    `The presentation was refused: ${failed?.message.en ?? "a credential in it did not verify."}`,
  );
}
