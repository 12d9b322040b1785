import type { DocumentLoader } from "@avala/document-loader";
import jsigs from "jsonld-signatures";
import type { Check, CheckId, SelectableCheck } from "./checks.js";
import { makeCheck, selectedChecks, type Verdict, verdictOf } from "./checks.js";
import { checkContextsOffline, dataModelOf } from "./contexts-check.js";
import { verifyProofSetDirectly } from "./direct-proofs.js";
import type { InputLimits } from "./json-input.js";
import { parseJsonInput } from "./json-input.js";
import { chainFailure, previousProofIds } from "./proof-chain.js";
import type { ProofFailure } from "./proof-errors.js";
import { classifyProofError } from "./proof-errors.js";
import { preflightProof } from "./proof-preflight.js";
import { proofTypeName, verifyingSuites } from "./proof-suites.js";
import { checkOpenBadgesSchema } from "./schema-validation.js";
import type { JsonObject } from "./types.js";

/** What a status check function reports (see `@avala/status-list`). */
export interface StatusCheckResult {
  outcome: "pass" | "fail" | "could-not-check";
  code:
    | "status.active"
    | "status.revoked"
    | "status.suspended"
    | "status.unavailable"
    | "status.unsupported";
  params?: Record<string, string | number>;
}

export type CheckStatus = (credential: JsonObject) => Promise<StatusCheckResult>;

export interface VerifyCredentialOptions extends InputLimits {
  documentLoader: DocumentLoader;
  /** The clock; validity is judged at this instant. Default: the system clock. */
  now?: Date | (() => Date);
  /** Checks `credentialStatus`; without it a credential with status is "could not check". */
  checkStatus?: CheckStatus;
  /** Tolerated clock difference for `validFrom`, in seconds. Default 60. */
  clockSkewSeconds?: number;
  /**
   * Only these checks (VC-API `options.checks`); the input and its contexts are always read.
   * Default: all. The verdict then requires only what was asked: the proof when `proof` was,
   * the issuer binding when `issuer` was.
   */
  checks?: readonly SelectableCheck[];
}

export interface VerificationResult {
  verified: boolean;
  verdict: Verdict;
  checks: Check[];
  /** The parsed document, when the input could be parsed. */
  document?: JsonObject;
}

/** The checks a selection requires to pass (by default the proof and the issuer binding). */
export function requiredChecks(selection: readonly SelectableCheck[] | undefined): CheckId[] {
  const chosen = selectedChecks(selection);
  return (["proof", "issuer"] as const).filter((id) => chosen.has(id));
}

function result(
  checks: Check[],
  document?: JsonObject,
  required?: readonly CheckId[],
): VerificationResult {
  const verdict = verdictOf(checks, required);
  const out: VerificationResult = { verified: verdict !== "invalid", verdict, checks };
  if (document) out.document = document;
  return out;
}

function typesOf(document: JsonObject): unknown[] {
  return Array.isArray(document.type) ? document.type : [document.type];
}

function instant(now: VerifyCredentialOptions["now"]): Date {
  return typeof now === "function" ? now() : (now ?? new Date());
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The validity window at the given instant: `validFrom`/`validUntil` for VC 2.0, and for VC 1.1
 * (the credentials/v1 context) `issuanceDate`/`expirationDate`, the only dates that model has.
 */
export function checkValidity(document: JsonObject, now: Date, skewSeconds = 60): Check {
  const v1 = dataModelOf(document) === "1.1";
  const fromField = v1 ? "issuanceDate" : "validFrom";
  const untilField = v1 ? "expirationDate" : "validUntil";
  const from = document[fromField];
  const until = document[untilField];
  const fromDate = from === undefined ? undefined : parseDate(from);
  const untilDate = until === undefined ? undefined : parseDate(until);
  if (from !== undefined && !fromDate)
    return makeCheck("validity", "fail", "validity.invalid-date", { field: fromField });
  if (until !== undefined && !untilDate)
    return makeCheck("validity", "fail", "validity.invalid-date", { field: untilField });
  if (fromDate && fromDate.getTime() - skewSeconds * 1000 > now.getTime()) {
    return makeCheck("validity", "fail", "validity.not-yet-valid", { date: String(from) });
  }
  if (untilDate && untilDate.getTime() < now.getTime()) {
    return makeCheck("validity", "fail", "validity.expired", { date: String(until) });
  }
  return makeCheck("validity", "pass", "validity.current");
}

export interface ProofVerification {
  checks: Check[];
  /** Controllers (DIDs) of the proofs that verified. */
  controllers: string[];
}

/** How bad a proof failure is: a real failure beats "could not check". */
const couldNotCheck: ReadonlySet<ProofFailure["kind"]> = new Set(["key-unresolved", "unsupported"]);

/** The check that reports a proof failure. */
function failureCheck(failure: ProofFailure): Check {
  switch (failure.kind) {
    case "jsonld":
      return makeCheck("jsonld", "fail", "jsonld.malformed", { reason: failure.reason });
    case "context-protected":
      return makeCheck("context", "fail", "context.protected-redefinition", {
        term: failure.term,
      });
    case "key-unresolved":
      return makeCheck("proof", "could-not-check", "proof.key-unresolved", {
        reason: failure.reason,
      });
    case "unsupported":
      return makeCheck("proof", "could-not-check", "proof.unsupported", { type: failure.type });
    case "malformed":
      return makeCheck("proof", "fail", "proof.malformed", { reason: failure.reason });
    case "purpose":
      return makeCheck("proof", "fail", "proof.not-authorized", { reason: failure.reason });
    case "challenge":
      return makeCheck("presentation", "fail", "presentation.challenge-mismatch");
    case "previous-missing":
      return makeCheck("proof", "fail", "proof.previous-missing", { id: failure.id });
    case "previous-cyclic":
      return makeCheck("proof", "fail", "proof.previous-cyclic", { id: failure.id });
    default:
      return makeCheck("proof", "fail", "proof.invalid");
  }
}

/** The purpose's term (`assertionMethod`, `authentication`), as jsonld-signatures names it. */
function purposeTerm(purpose: unknown): string | undefined {
  const term = (purpose as { term?: unknown } | null)?.term;
  return typeof term === "string" ? term : undefined;
}

/**
 * Verifies every proof on a document with the given purpose, and reports one proof check.
 * Each proof in a set is verified on its own; the document is authentic only when every proof
 * verifies (W3C Data Integrity: a proof set is valid when all its proofs are). jsonld-signatures
 * calls a set verified when some proof is, so the results are counted here.
 *
 * A proof that names earlier proofs (`previousProof`, a proof chain) is verified over the
 * document with those proofs; one that names a proof the document does not hold
 * (`proof.previous-missing`) or whose chain leads back to it (`proof.previous-cyclic`) fails.
 *
 * Honest codes: a suite Avala does not implement is `proof.unsupported` and a verificationMethod
 * that does not lead to a key `proof.key-unresolved` (both "could not check": nothing says the
 * signature is false); `proof.invalid` ("altered") only when a signature was checked and failed.
 */
export async function verifyProofs(
  document: JsonObject,
  purpose: unknown,
  documentLoader: DocumentLoader,
): Promise<ProofVerification> {
  const proofs =
    document.proof === undefined
      ? []
      : Array.isArray(document.proof)
        ? document.proof
        : [document.proof];
  if (proofs.length === 0) {
    return { checks: [makeCheck("proof", "fail", "proof.missing")], controllers: [] };
  }
  const failures: ProofFailure[] = [];
  const checkable: unknown[] = [];
  const term = purposeTerm(purpose);
  for (const proof of proofs) {
    const refused = preflightProof(proof) ?? chainFailure(proof, proofs);
    const stated = (proof as JsonObject | null)?.proofPurpose;
    if (refused) failures.push(refused);
    else if (term && stated !== term) {
      failures.push({
        kind: "purpose",
        reason: `the proof is for ${String(stated).slice(0, 40)}, not ${term}`,
      });
    } else checkable.push(proof);
  }
  const controllers: string[] = [];
  if (checkable.length > 0) {
    // Each proof of a set signs the document without the set, so the others can be left out.
    const subject = { ...document, proof: checkable.length === 1 ? checkable[0] : checkable };
    const suite = verifyingSuites(documentLoader, proofs);
    // Proof chains go through jsonld-signatures (and the chain-aware suite) as they did.
    const direct = proofs.some((p) => (previousProofIds(p) ?? []).length > 0)
      ? undefined
      : await verifyProofSetDirectly(subject, suite, purpose, documentLoader);
    const outcome: VerifyOutcome = direct
      ? { verified: direct.some((r) => r.verified), results: direct }
      : await verifyThroughJsigs(subject, suite, purpose, documentLoader);
    const failure = outcomeFailure(outcome, checkable, controllers);
    if (failure) failures.push(failure);
  }
  const failure = failures.find((f) => !couldNotCheck.has(f.kind)) ?? failures[0];
  if (!failure) return { checks: [makeCheck("proof", "pass", "proof.valid")], controllers };
  return { checks: [failureCheck(failure)], controllers };
}

type VerifyOutcome = Awaited<ReturnType<typeof jsigs.verify>>;

/** jsonld-signatures' verification of a proof set (for the sets the direct verifier leaves). */
async function verifyThroughJsigs(
  subject: JsonObject,
  suite: unknown[],
  purpose: unknown,
  documentLoader: DocumentLoader,
): Promise<VerifyOutcome> {
  try {
    return await jsigs.verify(subject, { suite, purpose, documentLoader });
  } catch (error) {
    return { verified: false, results: [], error };
  }
}

/**
 * What a proof set's verification says: undefined when every proof verified, else why not; the
 * controllers whose proofs verified are added to `controllers`. jsonld-signatures calls a set
 * verified when some proof is, so the results are counted here.
 */
function outcomeFailure(
  outcome: VerifyOutcome,
  checkable: readonly unknown[],
  controllers: string[],
): ProofFailure | undefined {
  const results = outcome.results ?? [];
  for (const r of results) {
    const id = r.purposeResult?.controller?.id;
    if (r.verified && typeof id === "string") controllers.push(id);
  }
  const everyVerified =
    outcome.verified &&
    results.length === checkable.length &&
    results.every((r) => r.verified) &&
    controllers.length > 0;
  if (everyVerified) return undefined;
  const failed = results.find((r) => !r.verified);
  const failure: ProofFailure =
    failed || !outcome.verified
      ? classifyProofError(failed?.error ?? failed?.purposeResult?.error ?? outcome.error)
      : { kind: "unsupported", type: "?" }; // a proof no suite or purpose matched
  if (failure.kind === "unsupported" && failure.type === "?") {
    failure.type = checkable.map((p) => proofTypeName(p as JsonObject)).join(", ");
  }
  return failure;
}

function issuerIdOf(document: JsonObject): string | undefined {
  const issuer = document.issuer;
  if (typeof issuer === "string") return issuer;
  if (issuer && typeof issuer === "object" && typeof (issuer as JsonObject).id === "string") {
    return (issuer as JsonObject).id as string;
  }
  return undefined;
}

async function runStatusCheck(
  document: JsonObject,
  checkStatus: CheckStatus | undefined,
): Promise<Check | undefined> {
  if (!document.credentialStatus) return undefined;
  if (!checkStatus) return makeCheck("status", "could-not-check", "status.not-checked");
  try {
    const status = await checkStatus(document);
    return makeCheck("status", status.outcome, status.code, status.params);
  } catch (error) {
    return makeCheck("status", "could-not-check", "status.unavailable", {
      reason: String((error as Error)?.message ?? error).slice(0, 200),
    });
  }
}

/** Whether the issuer named in the credential is among those whose proofs verified. */
function issuerCheck(document: JsonObject, controllers: string[]): Check {
  const issuer = issuerIdOf(document);
  if (issuer && controllers.includes(issuer)) {
    return makeCheck("issuer", "pass", "issuer.bound", { issuer });
  }
  return makeCheck("issuer", "fail", "issuer.binding-mismatch", {
    issuer: String(issuer ?? "?").slice(0, 200),
    signer: controllers.join(", ").slice(0, 200),
  });
}

/**
 * Verifies a credential (VC 2.0, or VC 1.1 with its dates): input limits, known or offline
 * processable contexts, the OB 3.0 schema, every proof, that the issuer signed it, the validity
 * window at `now`, and its status through `checkStatus`; only the `checks` asked for, when
 * given. A bad credential is a result with reasons; only misuse (no document loader) throws.
 */
export async function verifyCredential(
  input: unknown,
  options: VerifyCredentialOptions,
): Promise<VerificationResult> {
  if (!options || typeof options.documentLoader !== "function") {
    throw new TypeError("verifyCredential needs a documentLoader.");
  }
  const chosen = selectedChecks(options.checks);
  const required = requiredChecks(options.checks);
  const parsed = parseJsonInput(input, options);
  if (!parsed.ok) return result([parsed.check], undefined, required);
  const document = parsed.value;
  if (!typesOf(document).includes("VerifiableCredential")) {
    return result([makeCheck("input", "fail", "input.not-credential")], document, required);
  }
  const checks: Check[] = [];
  const contextCheck = await checkContextsOffline(document);
  checks.push(contextCheck);
  if (chosen.has("schema")) checks.push(checkOpenBadgesSchema(document));
  if (chosen.has("validity")) {
    checks.push(checkValidity(document, instant(options.now), options.clockSkewSeconds));
  }
  if (contextCheck.outcome !== "pass") return result(checks, document, required);

  if (chosen.has("proof")) {
    const purpose = new jsigs.purposes.AssertionProofPurpose();
    const proof = await verifyProofs(document, purpose, options.documentLoader);
    checks.push(...proof.checks);
    if (proof.checks.every((c) => c.outcome === "pass")) {
      checks.unshift(makeCheck("jsonld", "pass", "jsonld.well-formed"));
      if (chosen.has("issuer")) checks.push(issuerCheck(document, proof.controllers));
    }
  }
  if (chosen.has("status")) {
    const status = await runStatusCheck(document, options.checkStatus);
    if (status) checks.push(status);
  }
  return result(checks, document, required);
}
