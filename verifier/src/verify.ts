import type {
  Check,
  CheckStatus,
  JsonObject,
  SelectableCheck,
  Verdict,
  VerificationResult,
} from "@avala/credentials";
import {
  checkContextsOffline,
  defaultInputLimits,
  embeddedCredentials,
  makeCheck,
  requiredChecks,
  selectableChecks,
  verdictOf,
  verdictOfPresentation,
  verifyCredential,
  verifyPresentation,
} from "@avala/credentials";
import { createDidResolver } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import type { FetchBudget, GuardedFetch } from "@avala/guarded-fetch";
import { budgetedFetch, createFetchBudget } from "@avala/guarded-fetch";
import { createStatusChecker } from "@avala/status-list";
import type { TrustRegistryLoad } from "@avala/trust-registry";
import type { EndorsementCache } from "./endorsement-cache.js";
import { currentEndorsementChecks } from "./endorsement-cache.js";
import { withUnheldContext } from "./generic/format-checks.js";
import type { InputSource } from "./input.js";
import { readInput } from "./input.js";
import type { Ob2Details } from "./ob2/verify-ob2.js";
import { verifyOb2 } from "./ob2/verify-ob2.js";
import { standardVersionCheck } from "./standard-version.js";
import { fetchStatusNotice, type StatusNotice } from "./status-notice.js";
import type { TrustLimits, TrustOutcome, TrustRegistryOption } from "./trust.js";
import { evaluateTrust, resolveRegistry } from "./trust.js";
import { budgetCheck, scopedRegistry } from "./verification-budget.js";
import type { JwtEnvironment, JwtInputResult } from "./verify-jwt.js";
import { verifyEnvelopedInput, verifyJwtInput } from "./verify-jwt.js";

/** Requests one verification may send when no `fetchBudget` is given (see the README). */
export const DEFAULT_FETCH_BUDGET = 16;

/** The checks a caller may choose (VC-API `options.checks`): the core's, and issuer trust. */
export type VerifierCheck = SelectableCheck | "trust";

export const verifierChecks: readonly VerifierCheck[] = [...selectableChecks, "trust"];

export interface VerifyOptions extends TrustLimits {
  /**
   * The JSON-LD document loader (contexts and DIDs). Default: the offline loader with did:key,
   * plus did:web through `guardedFetch` when that is given. One of the two is required.
   */
  documentLoader?: DocumentLoader;
  /** The only way the verifier reaches the network: links, did:web documents, status lists. */
  guardedFetch?: GuardedFetch;
  /**
   * What this verification may send: every request made through `guardedFetch` (the link, status
   * lists, did:web for the default loader) and by a registry source from
   * `createTrustRegistrySource` is charged to it; a JSON URL asked for twice is fetched once.
   * Once used up, what could not be fetched is "could not check" and the verification is
   * invalid (`verifier.fetch-budget-exhausted`). Default: a new budget of
   * `DEFAULT_FETCH_BUDGET` (16) requests per call. A `documentLoader` you pass must charge its
   * own did:web look-ups to the same budget (the service's context does).
   */
  fetchBudget?: FetchBudget;
  /** For the default loader: which scheme a did:web host is fetched with. Default: https. */
  webScheme?: (host: string) => "https" | "http";
  /** The clock. Default: the system clock. */
  now?: Date | (() => Date);
  /** The trust registry (loaded), or a source that loads it (`createTrustRegistrySource`). */
  trustRegistry?: TrustRegistryOption;
  /**
   * The challenge this verifier sent; required to accept a signed presentation. When given,
   * a presentation without a holder proof is invalid (`presentation.proof-missing`): only
   * without a challenge is an unsigned bundle (a wallet share link) accepted.
   */
  challenge?: string;
  /** The domain this verifier sent with the challenge, if any. */
  domain?: string;
  /** Status checking. Default: Bitstring Status List through `guardedFetch`, lists verified. */
  checkStatus?: CheckStatus;
  /** Fetch a link given as input (a URL string or `{ url }`). Default true. */
  fetchLinks?: boolean;
  /** Only accept this kind of document (the VC-API endpoints). */
  expect?: "credential" | "presentation";
  /** Largest input in bytes (JSON, or the file or download). Default 2 MiB. */
  maxBytes?: number;
  /** Deepest JSON nesting. Default 64. */
  maxDepth?: number;
  /** Most credentials verified in one presentation. Default 20. */
  maxCredentials?: number;
  /**
   * Only these checks (VC-API `options.checks`); the input and its contexts are always read.
   * Default: all. Asking for `issuer` runs the proof too. The verdict requires only what was
   * asked: the proof when `proof` was, the issuer binding when `issuer` was.
   */
  checks?: readonly VerifierCheck[];
  /**
   * Keeps what verifying an issuer's embedded endorsement found that does not change between
   * requests (`createEndorsementCache`); without it every endorsement is verified in full.
   */
  endorsementCache?: EndorsementCache;
  /**
   * The e-mail address an Open Badges 2.0 badge should have been awarded to (the wallet: the
   * account's); its `recipient` identity hash is then checked against it.
   */
  recipientEmail?: string;
}

/** The result for one credential, with who vouches for its issuer. */
export interface CredentialVerification {
  kind: "credential";
  verified: boolean;
  verdict: Verdict;
  checks: Check[];
  /** Present when the credential verified far enough to ask (proof and issuer passed). */
  trust?: TrustOutcome;
  document?: JsonObject;
  source?: InputSource;
  /** The compact JWT as received, when the credential came as one (`source.jwt`: its format). */
  jwt?: string;
  /**
   * Revoked or suspended: since when and why, as the issuer published it at the status entry's
   * `statusReference` (same origin as its status list). Absent when there is none or it could
   * not be read; it never changes the verdict, which the signed status list alone decides.
   */
  statusNotice?: StatusNotice;
  /**
   * An Open Badges 2.0 badge (not a Verifiable Credential): how it was verified, the assurance
   * that gives in plain words, whether it was awarded to `recipientEmail`, and what was given.
   * Its `document` is then the assertion with the badge class and issuer profile embedded.
   */
  ob2?: Ob2Details;
}

export interface PresentationVerification {
  kind: "presentation";
  verified: boolean;
  verdict: Verdict;
  /** Checks on the input and the presentation itself. */
  checks: Check[];
  /** Whether the presentation carried a holder's proof (otherwise it is a plain bundle). */
  signed: boolean;
  credentials: CredentialVerification[];
  document?: JsonObject;
  source?: InputSource;
}

/** An input that could not be read as a credential or a presentation. */
export interface UnreadableVerification {
  kind: "unknown";
  verified: false;
  verdict: "invalid";
  checks: Check[];
  document?: JsonObject;
  source?: InputSource;
}

export type Verification =
  | CredentialVerification
  | PresentationVerification
  | UnreadableVerification;

interface Environment {
  documentLoader: DocumentLoader;
  now: () => Date;
  checkStatus: CheckStatus | undefined;
  registry: TrustRegistryLoad | undefined;
  options: VerifyOptions;
  maxBytes: number;
  maxDepth: number;
  /** Where a revoked or suspended credential's notice is fetched from, within the budget. */
  notices: { guardedFetch: GuardedFetch; budget: FetchBudget } | undefined;
}

function typesOf(document: JsonObject): unknown[] {
  return Array.isArray(document.type) ? document.type : [document.type];
}

/** The core's share of a selection (all when there is none); trust needs the issuer binding. */
function coreChecks(options: VerifyOptions): SelectableCheck[] | undefined {
  if (!options.checks) return undefined;
  const core = options.checks.filter((c): c is SelectableCheck => c !== "trust");
  if (options.checks.includes("trust") && !core.includes("issuer")) core.push("issuer");
  return core;
}

/** What a JWT credential's verification takes from the environment, checks included. */
function jwtEnv(env: Environment): JwtEnvironment {
  return { ...env, checks: coreChecks(env.options) };
}

function trustAsked(options: VerifyOptions): boolean {
  return options.checks === undefined || options.checks.includes("trust");
}

function clock(now: VerifyOptions["now"]): () => Date {
  if (typeof now === "function") return now;
  if (now instanceof Date) return () => now;
  return () => new Date();
}

function defaultLoader(
  guardedFetch: GuardedFetch | undefined,
  options: VerifyOptions,
): DocumentLoader {
  const fetchJson = guardedFetch
    ? (url: string) =>
        guardedFetch.fetchJson(url, {
          accept: "application/did+json, application/did+ld+json, application/json;q=0.9",
        })
    : undefined;
  const resolverOptions: Parameters<typeof createDidResolver>[0] = {};
  if (fetchJson) resolverOptions.fetchJson = fetchJson;
  if (options.webScheme) resolverOptions.webScheme = options.webScheme;
  return createDocumentLoader({ resolveDid: createDidResolver(resolverOptions) });
}

function defaultStatusChecker(
  guardedFetch: GuardedFetch,
  documentLoader: DocumentLoader,
  now: () => Date,
  maxBytes: number,
): CheckStatus {
  return createStatusChecker({
    fetchCredential: (url) => guardedFetch.fetchJson(url),
    verifyListCredential: (list) =>
      verifyCredential(list, { documentLoader, now: now(), maxBytes: Math.max(maxBytes, 1 << 21) }),
  });
}

/**
 * Stricter than JSON-LD, so that the JSON a person reads is the JSON that was signed: no `null`
 * outside `@context`. JSON-LD drops nulls without a trace (in a language map safe mode does not
 * object), so one added after signing leaves the signature intact. (`@context` values are the
 * core's `checkContexts`: known URLs, or inline contexts without nulls whose terms cannot
 * change what a signed term means, which is why they are skipped here.)
 * Returns the failing check, with a JSON pointer to the place, or undefined.
 */
export function strictnessCheck(root: unknown): Check | undefined {
  if (!holdsNull(root)) return undefined;
  const pointer = (path: string, key: string) =>
    `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  const stack: Array<[unknown, string]> = [[root, ""]];
  let visited = 0;
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (value === null) {
      return makeCheck("jsonld", "fail", "jsonld.malformed", {
        reason: `null value at ${(path || "/").slice(0, 150)}`,
      });
    }
    if (typeof value !== "object" || ++visited > 1_000_000) continue;
    for (const [key, child] of Object.entries(value)) {
      if (key !== "@context") stack.push([child, pointer(path, key)]);
    }
  }
  return undefined;
}

/** Whether a null is anywhere outside `@context` (the quick pass: no pointers made). */
function holdsNull(root: unknown): boolean {
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length) {
    const value = stack.pop();
    if (value === null) return true;
    if (typeof value !== "object" || ++visited > 1_000_000) continue;
    for (const key of Object.keys(value)) {
      if (key !== "@context") stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** An embedded endorsement's verification (proof, issuer, validity, status), cached or not. */
function verifyEndorsement(endorsement: unknown, env: Environment): Promise<VerificationResult> {
  const options = {
    documentLoader: env.documentLoader,
    now: env.now(),
    checkStatus: env.checkStatus,
    maxBytes: env.maxBytes,
    maxDepth: env.maxDepth,
  };
  const cache = env.options.endorsementCache;
  if (!cache) return verifyCredential(endorsement, options);
  return cache.verify(
    endorsement,
    () => verifyCredential(endorsement, options),
    () => verifyCredential(endorsement, { ...options, checks: currentEndorsementChecks }),
  );
}

/** Verifies one credential and, when its proof and issuer hold, asks who vouches for the issuer. */
async function verifyOneCredential(
  input: unknown,
  env: Environment,
  core?: VerificationResult,
): Promise<CredentialVerification> {
  const result =
    core ??
    (await verifyCredential(input, {
      documentLoader: env.documentLoader,
      now: env.now(),
      checkStatus: env.checkStatus,
      maxBytes: env.maxBytes,
      maxDepth: env.maxDepth,
      ...(env.options.checks ? { checks: coreChecks(env.options) } : {}),
    }));
  // A credential that is not an Open Badge, in a vocabulary Avala does not hold: "could not check".
  const checks = withUnheldContext(result.document, [...result.checks]);
  const strict = result.document ? strictnessCheck(result.document) : undefined;
  if (strict) checks.push(strict);
  let trust: TrustOutcome | undefined;
  const passed = (id: Check["check"]) => checks.some((c) => c.check === id && c.outcome === "pass");
  if (result.document && trustAsked(env.options) && passed("proof") && passed("issuer")) {
    trust = await evaluateTrust(result.document, {
      registry: env.registry,
      now: env.now(),
      maxEndorsementDepth: env.options.maxEndorsementDepth,
      maxEndorsements: env.options.maxEndorsements,
      verifyEndorsement: (endorsement) => verifyEndorsement(endorsement, env),
    });
    checks.push(trust.check);
  }
  // Superseded or expired since: a warning beside a genuine credential (issue 15).
  if (env.notices && passed("proof")) {
    const standard = await standardVersionCheck(result.document, {
      ...env.notices,
      now: env.now(),
    });
    if (standard) checks.push(standard);
  }
  const verdict = verdictOf(checks, requiredChecks(coreChecks(env.options)));
  const out: CredentialVerification = {
    kind: "credential",
    verified: verdict !== "invalid",
    verdict,
    checks,
  };
  if (trust) out.trust = trust;
  if (result.document) out.document = result.document;
  const notice = await noticeOf(result.document, checks, env);
  if (notice) out.statusNotice = notice;
  return out;
}

/**
 * The issuer's notice of a revocation or suspension (date, public reason), for a credential
 * whose signature held (a forgery's status is not worth a request) and whose list says so.
 */
async function noticeOf(
  document: JsonObject | undefined,
  checks: Check[],
  env: Environment,
): Promise<StatusNotice | undefined> {
  if (!document || !env.notices) return undefined;
  const withdrawn = checks.find(
    (c) => c.outcome === "fail" && (c.code === "status.revoked" || c.code === "status.suspended"),
  );
  if (!withdrawn) return undefined;
  const signatureFailed = checks.some(
    (c) => (c.check === "proof" || c.check === "issuer") && c.outcome !== "pass",
  );
  if (signatureFailed) return undefined;
  return fetchStatusNotice(
    document,
    withdrawn.code as "status.revoked" | "status.suspended",
    env.notices,
  );
}

/**
 * Invalid if the input could not be taken in full (the fetch budget ran out), or as the core
 * judges a presentation: any check failed, the presentation's proof (when asked for) was not
 * accepted, or any credential is invalid; with warnings if anything is less than a pass; valid
 * only when everything passed.
 */
function presentationVerdict(
  checks: Check[],
  credentials: CredentialVerification[],
  proofRequired = true,
): Verdict {
  if (checks.some((c) => c.check === "input" && c.outcome !== "pass")) return "invalid";
  return verdictOfPresentation(checks, credentials, proofRequired);
}

function summaryCheck(credentials: CredentialVerification[]): Check | undefined {
  if (credentials.length === 0) return undefined;
  const allValid = credentials.every((c) => c.verified);
  return makeCheck(
    "presentation",
    allValid ? "pass" : "fail",
    allValid ? "presentation.credentials-valid" : "presentation.credential-invalid",
  );
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A presentation: the core verifies its contexts, holder, proof (with this verifier's challenge
 * and domain, or none) and each credential; each credential is then asked who vouches for its
 * issuer. Too many credentials are refused before any is verified.
 */
async function verifyPresentationDocument(
  document: JsonObject,
  inputChecks: Check[],
  env: Environment,
): Promise<PresentationVerification> {
  const signed = document.proof !== undefined;
  const checks: Check[] = [...inputChecks];
  const proofRequired = coreChecks(env.options)?.includes("proof") ?? true;
  const done = (credentials: CredentialVerification[]): PresentationVerification => {
    const verdict = presentationVerdict(checks, credentials, proofRequired);
    return {
      kind: "presentation",
      verified: verdict !== "invalid",
      verdict,
      checks,
      signed,
      credentials,
      document,
    };
  };
  const maxCredentials = env.options.maxCredentials ?? 20;
  const list = embeddedCredentials(document);
  const context = await checkContextsOffline(document);
  if (context.outcome !== "pass") {
    checks.push(context);
    return done([]);
  }
  const { verifiableCredential: _embedded, ...presentationOnly } = document;
  const strict = strictnessCheck(presentationOnly);
  if (strict) checks.push(strict);
  if (list.length > maxCredentials) {
    checks.push(
      context,
      makeCheck("presentation", "fail", "presentation.too-many-credentials", {
        count: list.length,
        max: maxCredentials,
      }),
    );
    return done([]);
  }
  // Without a challenge a bundle (a wallet share link) is accepted and a signed presentation
  // refused (signed for some other verifier's request: a replay); its credentials are still
  // shown with their own results either way.
  const core = await verifyPresentation(document, {
    documentLoader: env.documentLoader,
    now: env.now(),
    checkStatus: env.checkStatus,
    maxBytes: env.maxBytes,
    maxDepth: env.maxDepth,
    challenge: env.options.challenge ?? null,
    ...(env.options.domain ? { domain: env.options.domain } : {}),
    ...(env.options.checks ? { checks: coreChecks(env.options) } : {}),
    // A credential secured as a JWT inside the presentation (VC-JOSE-COSE's envelope).
    verifyEnveloped: (envelope) => verifyEnvelopedInput(envelope, jwtEnv(env)),
  });
  checks.push(
    ...core.checks.filter(
      (c) =>
        c.code !== "presentation.credentials-valid" && c.code !== "presentation.credential-invalid",
    ),
  );
  const objects = list.filter(isObject);
  const credentials: CredentialVerification[] = [];
  for (const [index, result] of core.credentials.entries()) {
    const credential = await verifyOneCredential(objects[index], env, result);
    const { jwt, format } = result as Partial<JwtInputResult>;
    if (jwt !== undefined) {
      credential.jwt = jwt;
      credential.source = { form: "object", ...(format ? { jwt: format } : {}) };
    }
    credentials.push(credential);
  }
  const summary = summaryCheck(credentials);
  if (summary) checks.push(summary);
  return done(credentials);
}

function unreadable(checks: Check[], source?: InputSource, document?: JsonObject): Verification {
  const out: UnreadableVerification = {
    kind: "unknown",
    verified: false,
    verdict: "invalid",
    checks,
  };
  if (source) out.source = source;
  if (document) out.document = document;
  return out;
}

/**
 * Verifies a credential or a presentation given as an object, JSON text, a file's bytes (JSON,
 * baked PNG or SVG) or a link (a URL string or `{ url }`, fetched through `guardedFetch`).
 * Every check is reported with a stable code and its message in Spanish and English; the
 * verdict is `valid`, `valid-with-warnings` or `invalid`. A bad input is a result, never an
 * exception; only misuse (no document loader and no fetcher) throws.
 */
export async function verify(input: unknown, options: VerifyOptions): Promise<Verification> {
  if (!options || (typeof options.documentLoader !== "function" && !options.guardedFetch)) {
    throw new TypeError("verify needs a documentLoader or a guardedFetch.");
  }
  const budget = options.fetchBudget ?? createFetchBudget(DEFAULT_FETCH_BUDGET);
  const guardedFetch = options.guardedFetch && budgetedFetch(options.guardedFetch, budget);
  return withBudgetCheck(await verifyWithin(input, options, budget, guardedFetch), budget);
}

/**
 * When the budget refused a request, the verification says so and is not valid: a holder could
 * otherwise pad a bundle until the budget runs out before a revoked credential's status list.
 */
function withBudgetCheck(result: Verification, budget: FetchBudget): Verification {
  const check = budgetCheck(budget);
  if (!check) return result;
  result.checks = [...result.checks, check];
  if (result.kind === "credential") result.verdict = verdictOf(result.checks);
  if (result.kind === "presentation") {
    result.verdict = presentationVerdict(result.checks, result.credentials);
  }
  result.verified = result.verdict !== "invalid";
  return result;
}

async function verifyWithin(
  input: unknown,
  options: VerifyOptions,
  budget: FetchBudget,
  guardedFetch: GuardedFetch | undefined,
): Promise<Verification> {
  const maxBytes = options.maxBytes ?? defaultInputLimits.maxBytes;
  const maxDepth = options.maxDepth ?? defaultInputLimits.maxDepth;
  const read = await readInput(input, {
    maxBytes,
    maxDepth,
    fetchLinks: options.fetchLinks ?? true,
    ...(guardedFetch ? { guardedFetch } : {}),
  });
  if (!read.ok) return unreadable(read.checks, read.source);
  const { document, source } = read;
  if (read.ob2 && options.expect === undefined) {
    const ob2 = await verifyOb2(read.ob2, {
      guardedFetch,
      now: clock(options.now),
      ...(options.recipientEmail ? { recipientEmail: options.recipientEmail } : {}),
    });
    const result: CredentialVerification = {
      kind: "credential",
      verified: ob2.verified,
      verdict: ob2.verdict,
      checks: [...read.checks, ...ob2.checks],
      document: ob2.document ?? document,
      source,
      ob2: ob2.ob2,
    };
    return result;
  }
  const documentLoader = options.documentLoader ?? defaultLoader(guardedFetch, options);
  const now = clock(options.now);
  const checkStatus =
    options.checkStatus ??
    (guardedFetch ? defaultStatusChecker(guardedFetch, documentLoader, now, maxBytes) : undefined);
  const types = typesOf(document);
  const isPresentation = types.includes("VerifiablePresentation");
  const isCredential = types.includes("VerifiableCredential");
  if (options.expect === "credential" && !isCredential) {
    return unreadable(
      [...read.checks, makeCheck("input", "fail", "input.not-credential")],
      source,
      document,
    );
  }
  if (options.expect === "presentation" && !isPresentation) {
    return unreadable(
      [...read.checks, makeCheck("input", "fail", "input.not-presentation")],
      source,
      document,
    );
  }
  if (!isPresentation && !isCredential) {
    return unreadable(
      [...read.checks, makeCheck("input", "fail", "input.not-verifiable")],
      source,
      document,
    );
  }
  const env: Environment = {
    documentLoader,
    now,
    checkStatus,
    registry: await resolveRegistry(
      scopedRegistry(options.trustRegistry, { budget, documentLoader }),
    ),
    options,
    maxBytes,
    maxDepth,
    notices: options.guardedFetch ? { guardedFetch: options.guardedFetch, budget } : undefined,
  };
  try {
    if (isPresentation) {
      const result = await verifyPresentationDocument(document, read.checks, env);
      result.source = source;
      return result;
    }
    // A JWT credential (VC-JWT, vc+jwt) has its own proof check; the rest is shared.
    const jwtCore =
      read.jwt === undefined ? undefined : await verifyJwtInput(read.jwt, jwtEnv(env));
    const result = await verifyOneCredential(document, env, jwtCore);
    if (read.jwt !== undefined) result.jwt = read.jwt;
    if (read.checks.length > 0) {
      result.checks = [...read.checks, ...result.checks];
      // What reading found counts too (a PDF whose printed text contradicts its credential).
      if (read.checks.some((c) => c.outcome !== "pass")) {
        result.verdict = verdictOf(result.checks, requiredChecks(coreChecks(env.options)));
        result.verified = result.verdict !== "invalid";
      }
    }
    result.source = source;
    return result;
  } catch (error) {
    // The core reports bad credentials as data; anything thrown here is a fault in a
    // dependency (a JSON-LD edge case, say). It is still a result, never an escaping error.
    return unreadable(
      [
        ...read.checks,
        makeCheck("jsonld", "fail", "jsonld.malformed", {
          reason: String((error as Error)?.message ?? "error").slice(0, 200),
        }),
      ],
      source,
      document,
    );
  }
}
