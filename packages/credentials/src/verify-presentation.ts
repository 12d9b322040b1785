import jsigs from "jsonld-signatures";
import type { Check } from "./checks.js";
import { makeCheck, type Verdict } from "./checks.js";
import { parseJsonInput } from "./json-input.js";
import type { JsonObject } from "./types.js";
import type { VerificationResult, VerifyCredentialOptions } from "./verify-credential.js";
import { checkContexts, verifyCredential, verifyProofs } from "./verify-credential.js";

export interface VerifyPresentationOptions extends VerifyCredentialOptions {
  /** The challenge the verifier sent; the presentation's proof must carry it. */
  challenge: string;
  /** The verifier's domain, when it sent one. */
  domain?: string;
}

export interface PresentationVerificationResult {
  verified: boolean;
  verdict: Verdict;
  /** Checks on the presentation itself (holder signature, challenge, domain). */
  checks: Check[];
  /** One result per credential inside, in order. */
  credentials: VerificationResult[];
  document?: JsonObject;
}

function credentialSubjectIds(credential: JsonObject): string[] {
  const subject = credential.credentialSubject;
  const list = Array.isArray(subject) ? subject : [subject];
  return list
    .map((s) => (s && typeof s === "object" ? (s as JsonObject).id : undefined))
    .filter((id): id is string => typeof id === "string");
}

/**
 * Verifies a Verifiable Presentation: the holder's proof with the expected challenge and
 * domain, that the holder signed it, and every credential inside it (each with its own result).
 */
export async function verifyPresentation(
  input: unknown,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  if (!options || typeof options.documentLoader !== "function") {
    throw new TypeError("verifyPresentation needs a documentLoader.");
  }
  if (typeof options.challenge !== "string" || !options.challenge) {
    throw new TypeError("verifyPresentation needs the challenge the verifier sent.");
  }
  const done = (checks: Check[], credentials: VerificationResult[], document?: JsonObject) => {
    const verdict = verdictOfPresentation(checks, credentials);
    const out: PresentationVerificationResult = {
      verified: verdict !== "invalid",
      verdict,
      checks,
      credentials,
    };
    if (document) out.document = document;
    return out;
  };
  const parsed = parseJsonInput(input, options);
  if (!parsed.ok) return done([parsed.check], []);
  const document = parsed.value;
  const type = Array.isArray(document.type) ? document.type : [document.type];
  if (!type.includes("VerifiablePresentation")) {
    return done([makeCheck("input", "fail", "input.not-presentation")], [], document);
  }
  const checks: Check[] = [checkContexts(document)];
  if (checks[0]?.outcome !== "pass") return done(checks, [], document);

  const purposeOptions: { challenge: string; domain?: string } = { challenge: options.challenge };
  if (options.domain) purposeOptions.domain = options.domain;
  const purpose = new jsigs.purposes.AuthenticationProofPurpose(purposeOptions);
  const proof = await verifyProofs(document, purpose, options.documentLoader);
  const holder = typeof document.holder === "string" ? document.holder : undefined;
  if (proof.checks.every((c) => c.outcome === "pass")) {
    checks.push(makeCheck("presentation", "pass", "presentation.proof-valid"));
    if (!holder || !proof.controllers.includes(holder)) {
      checks.push(makeCheck("presentation", "fail", "presentation.holder-mismatch"));
    }
  } else {
    checks.push(...proof.checks);
  }

  const embedded = document.verifiableCredential;
  const list = embedded === undefined ? [] : Array.isArray(embedded) ? embedded : [embedded];
  const credentials: VerificationResult[] = [];
  for (const credential of list.slice(0, 100)) {
    credentials.push(await verifyCredential(credential, options));
  }
  if (credentials.length > 0) {
    const allValid = credentials.every((c) => c.verified);
    checks.push(
      makeCheck(
        "presentation",
        allValid ? "pass" : "fail",
        allValid ? "presentation.credentials-valid" : "presentation.credential-invalid",
      ),
    );
    const foreign = list.some(
      (c) =>
        c &&
        typeof c === "object" &&
        credentialSubjectIds(c as JsonObject).length > 0 &&
        holder !== undefined &&
        !credentialSubjectIds(c as JsonObject).includes(holder),
    );
    if (foreign)
      checks.push(makeCheck("presentation", "warning", "presentation.subject-not-holder"));
  }
  return done(checks, credentials, document);
}

/** Invalid unless the holder's proof verified, nothing failed and every credential is valid. */
function verdictOfPresentation(checks: Check[], credentials: VerificationResult[]): Verdict {
  const signed = checks.some((c) => c.code === "presentation.proof-valid");
  if (!signed || checks.some((c) => c.outcome === "fail")) return "invalid";
  if (credentials.some((c) => c.verdict === "invalid")) return "invalid";
  if (checks.some((c) => c.outcome !== "pass") || credentials.some((c) => c.verdict !== "valid")) {
    return "valid-with-warnings";
  }
  return "valid";
}
