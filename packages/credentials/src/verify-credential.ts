import type { DocumentLoader } from "@avala/document-loader";
import { isKnownContextUrl } from "@avala/document-loader";
import jsigs from "jsonld-signatures";
import type { Check } from "./checks.js";
import { makeCheck, type Verdict, verdictOf } from "./checks.js";
import type { InputLimits } from "./json-input.js";
import { parseJsonInput } from "./json-input.js";
import { classifyProofError } from "./proof-errors.js";
import { verifyingSuites } from "./proof-suites.js";
import { checkOpenBadgesSchema } from "./schema-validation.js";
import type { JsonObject } from "./types.js";
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from "./vocabulary.js";

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
}

export interface VerificationResult {
  verified: boolean;
  verdict: Verdict;
  checks: Check[];
  /** The parsed document, when the input could be parsed. */
  document?: JsonObject;
}

function result(checks: Check[], document?: JsonObject): VerificationResult {
  const verdict = verdictOf(checks);
  const out: VerificationResult = { verified: verdict !== "invalid", verdict, checks };
  if (document) out.document = document;
  return out;
}

function typesOf(document: JsonObject): unknown[] {
  return Array.isArray(document.type) ? document.type : [document.type];
}

/**
 * Every `@context` in the document (nested ones too) must be the URL of a context Avala knows.
 * Inline context objects are refused: they can redefine or add terms that the signature then
 * covers in a meaning no published context gives, and an empty one changes the JSON a person
 * reads without changing what was signed.
 */
export function checkContexts(document: JsonObject): Check {
  const top = document["@context"];
  const list = Array.isArray(top) ? top : [top];
  if (list[0] !== VC_V2_CONTEXT && list[0] !== VC_V1_CONTEXT) {
    return makeCheck("context", "fail", "context.invalid", {
      reason: "the first context must be the W3C credentials context",
    });
  }
  const stack: unknown[] = [document];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (!Array.isArray(node) && "@context" in node) {
      const ctx = (node as JsonObject)["@context"];
      for (const entry of Array.isArray(ctx) ? ctx : [ctx]) {
        if (typeof entry === "string") {
          if (!isKnownContextUrl(entry))
            return makeCheck("context", "fail", "context.unknown", { url: entry.slice(0, 300) });
        } else {
          return makeCheck("context", "fail", "context.invalid", {
            reason: "only the URLs of published contexts are accepted, not inline contexts",
          });
        }
      }
    }
    for (const child of Object.values(node))
      if (child && typeof child === "object") stack.push(child);
  }
  return makeCheck("context", "pass", "context.known");
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

/** The validity window (`validFrom`/`validUntil`, or VC 1.1's dates) at the given instant. */
export function checkValidity(document: JsonObject, now: Date, skewSeconds = 60): Check {
  const fromField = "validFrom" in document ? "validFrom" : "issuanceDate";
  const untilField = "validUntil" in document ? "validUntil" : "expirationDate";
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

/**
 * Verifies every proof on a document with the given purpose, and reports one proof check.
 * Each proof in a set is verified on its own; the document is authentic only when every proof
 * verifies (W3C Data Integrity: a proof set is valid when all its proofs are). jsonld-signatures
 * calls a set verified when some proof is, so the results are counted here.
 */
export async function verifyProofs(
  document: JsonObject,
  purpose: unknown,
  documentLoader: DocumentLoader,
): Promise<ProofVerification> {
  if (!document.proof)
    return { checks: [makeCheck("proof", "fail", "proof.missing")], controllers: [] };
  let outcome: Awaited<ReturnType<typeof jsigs.verify>>;
  try {
    outcome = await jsigs.verify(document, { suite: verifyingSuites(), purpose, documentLoader });
  } catch (error) {
    outcome = { verified: false, results: [], error };
  }
  const controllers: string[] = [];
  for (const r of outcome.results ?? []) {
    const id = r.purposeResult?.controller?.id;
    if (r.verified && typeof id === "string") controllers.push(id);
  }
  const proofs = Array.isArray(document.proof) ? document.proof : [document.proof];
  const results = outcome.results ?? [];
  const everyProofVerified = results.length === proofs.length && results.every((r) => r.verified);
  if (outcome.verified && everyProofVerified && controllers.length > 0) {
    return { checks: [makeCheck("proof", "pass", "proof.valid")], controllers };
  }
  const failed = results.find((r) => !r.verified);
  const failure =
    outcome.verified && !failed
      ? ({ kind: "unsupported", type: "?" } as const) // a proof no suite or purpose matched
      : classifyProofError(failed?.error ?? failed?.purposeResult?.error ?? outcome.error);
  switch (failure.kind) {
    case "jsonld":
      return {
        checks: [makeCheck("jsonld", "fail", "jsonld.malformed", { reason: failure.reason })],
        controllers,
      };
    case "key-unresolved":
      return {
        checks: [
          makeCheck("proof", "could-not-check", "proof.key-unresolved", { reason: failure.reason }),
        ],
        controllers,
      };
    case "unsupported": {
      const type = proofs
        .map((p) => (p as JsonObject)?.cryptosuite ?? (p as JsonObject)?.type)
        .join(", ");
      return {
        checks: [
          makeCheck("proof", "fail", "proof.unsupported", { type: String(type).slice(0, 100) }),
        ],
        controllers,
      };
    }
    case "challenge":
      return {
        checks: [makeCheck("presentation", "fail", "presentation.challenge-mismatch")],
        controllers,
      };
    default:
      return { checks: [makeCheck("proof", "fail", "proof.invalid")], controllers };
  }
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

/**
 * Verifies a credential: input limits, known contexts, the OB 3.0 schema, every proof, that
 * the issuer signed it, the validity window at `now`, and its status through `checkStatus`.
 * A bad credential is a result with reasons; only misuse (no document loader) throws.
 */
export async function verifyCredential(
  input: unknown,
  options: VerifyCredentialOptions,
): Promise<VerificationResult> {
  if (!options || typeof options.documentLoader !== "function") {
    throw new TypeError("verifyCredential needs a documentLoader.");
  }
  const parsed = parseJsonInput(input, options);
  if (!parsed.ok) return result([parsed.check]);
  const document = parsed.value;
  if (!typesOf(document).includes("VerifiableCredential")) {
    return result([makeCheck("input", "fail", "input.not-credential")], document);
  }
  const checks: Check[] = [];
  const contextCheck = checkContexts(document);
  checks.push(contextCheck);
  checks.push(checkOpenBadgesSchema(document));
  checks.push(checkValidity(document, instant(options.now), options.clockSkewSeconds));
  if (contextCheck.outcome !== "pass") return result(checks, document);

  const purpose = new jsigs.purposes.AssertionProofPurpose();
  const proof = await verifyProofs(document, purpose, options.documentLoader);
  checks.push(...proof.checks);
  if (proof.checks.every((c) => c.outcome === "pass")) {
    checks.unshift(makeCheck("jsonld", "pass", "jsonld.well-formed"));
    const issuer = issuerIdOf(document);
    if (issuer && proof.controllers.includes(issuer)) {
      checks.push(makeCheck("issuer", "pass", "issuer.bound", { issuer }));
    } else {
      checks.push(
        makeCheck("issuer", "fail", "issuer.binding-mismatch", {
          issuer: String(issuer ?? "?").slice(0, 200),
          signer: proof.controllers.join(", ").slice(0, 200),
        }),
      );
    }
  }
  const status = await runStatusCheck(document, options.checkStatus);
  if (status) checks.push(status);
  return result(checks, document);
}
