import jsigs from "jsonld-signatures";
import type { Check, CheckId } from "./checks.js";
import { makeCheck, selectedChecks, type Verdict, verdictOf } from "./checks.js";
import { checkContextsOffline } from "./contexts-check.js";
import { parseJsonInput } from "./json-input.js";
import type { JsonObject } from "./types.js";
import type { VerificationResult, VerifyCredentialOptions } from "./verify-credential.js";
import { verifyCredential, verifyProofs } from "./verify-credential.js";

export interface VerifyPresentationOptions extends VerifyCredentialOptions {
  /**
   * The challenge the verifier sent; a signed presentation's proof must carry it, and an
   * unsigned one is refused (`presentation.proof-missing`; an empty string is a challenge too).
   * `null` says the verifier sent none: an unsigned presentation (a bundle, such as a wallet's
   * share link) is accepted, a signed one is refused (`presentation.challenge-required`: it was
   * signed for another request, and accepting it would accept a replay).
   */
  challenge: string | null;
  /** The verifier's domain, when it sent one. */
  domain?: string;
  /**
   * Verifies an `EnvelopedVerifiableCredential` inside the presentation (VC DM 2.0 §4.13: a
   * credential secured by an enveloping proof, such as VC-JOSE-COSE's `data:application/vc+jwt,…`),
   * which the core cannot: its result (with the credential it carries as `document`), or
   * undefined for an envelope it does not read either. Without it, or when it returns undefined,
   * the envelope is `proof.unsupported` (could not check).
   */
  verifyEnveloped?: (envelope: JsonObject) => Promise<VerificationResult | undefined>;
}

export interface PresentationVerificationResult {
  verified: boolean;
  verdict: Verdict;
  /** Checks on the presentation itself (holder signature, challenge, domain). */
  checks: Check[];
  /** One result per credential inside, in order (entries that are not objects are skipped). */
  credentials: VerificationResult[];
  /** Whether the presentation carries a proof (otherwise it is a plain bundle). */
  signed: boolean;
  document?: JsonObject;
}

/** Most credentials the core verifies in one presentation. */
const MAX_CREDENTIALS = 100;

function credentialSubjectIds(credential: JsonObject): string[] {
  const subject = credential.credentialSubject;
  const list = Array.isArray(subject) ? subject : [subject];
  return list
    .map((s) => (s && typeof s === "object" ? (s as JsonObject).id : undefined))
    .filter((id): id is string => typeof id === "string");
}

const isUrl = (value: unknown): value is string =>
  typeof value === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(value);

/**
 * The holder a presentation claims (VC DM 2.0: a URL, or an object whose `id` is one), `null`
 * when it claims none, `undefined` when `holder` is there but is neither.
 */
export function holderOf(presentation: JsonObject): string | null | undefined {
  const holder = presentation.holder;
  if (holder === undefined) return null;
  if (isUrl(holder)) return holder;
  if (holder && typeof holder === "object" && !Array.isArray(holder)) {
    const id = (holder as JsonObject).id;
    if (isUrl(id)) return id;
  }
  return undefined;
}

/** The `verifiableCredential` entries: one object, or an array; absent is none. */
export function embeddedCredentials(presentation: JsonObject): unknown[] {
  const embedded = presentation.verifiableCredential;
  if (embedded === undefined) return [];
  return Array.isArray(embedded) ? embedded : [embedded];
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether an entry of `verifiableCredential` is an `EnvelopedVerifiableCredential`. */
export function isEnvelopedCredential(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const type = Array.isArray(value.type) ? value.type : [value.type];
  return type.includes("EnvelopedVerifiableCredential");
}

/** An envelope nothing here can open: could not check, so not valid. */
function unreadEnvelope(envelope: JsonObject): VerificationResult {
  const id = typeof envelope.id === "string" ? envelope.id : "";
  const mediaType = /^data:([^;,]{1,60})/i.exec(id)?.[1] ?? "?";
  const checks = [
    makeCheck("proof", "could-not-check", "proof.unsupported", {
      type: `EnvelopedVerifiableCredential (${mediaType})`,
    }),
  ];
  return { verified: false, verdict: verdictOf(checks), checks };
}

/** Verifies one entry of `verifiableCredential`: a credential, or an envelope holding one. */
async function verifyEntry(
  entry: JsonObject,
  options: VerifyPresentationOptions,
): Promise<VerificationResult> {
  if (!isEnvelopedCredential(entry)) return verifyCredential(entry, options);
  return (await options.verifyEnveloped?.(entry)) ?? unreadEnvelope(entry);
}

/**
 * The checks on the presentation's own proof: with a challenge, the holder's proof for it (and
 * when a holder is claimed, that the holder signed it); without one, a bundle is accepted and a
 * signed presentation refused.
 */
async function proofChecks(
  document: JsonObject,
  holder: string | null,
  options: VerifyPresentationOptions,
): Promise<Check[]> {
  const signed = document.proof !== undefined;
  if (options.challenge === null) {
    return signed
      ? [makeCheck("presentation", "fail", "presentation.challenge-required")]
      : [makeCheck("presentation", "pass", "presentation.unsigned")];
  }
  if (!signed) return [makeCheck("presentation", "fail", "presentation.proof-missing")];
  const purposeOptions: { challenge: string; domain?: string } = { challenge: options.challenge };
  if (options.domain) purposeOptions.domain = options.domain;
  const purpose = new jsigs.purposes.AuthenticationProofPurpose(purposeOptions);
  const proof = await verifyProofs(document, purpose, options.documentLoader);
  if (!proof.checks.every((c) => c.outcome === "pass")) return proof.checks;
  const checks = [makeCheck("presentation", "pass", "presentation.proof-valid")];
  // The holder binding is checked only when a holder is claimed (VC DM 2.0 makes it optional).
  if (holder !== null && !proof.controllers.includes(holder)) {
    checks.push(makeCheck("presentation", "fail", "presentation.holder-mismatch"));
  }
  return checks;
}

/**
 * Verifies a Verifiable Presentation (VC DM 2.0): its contexts, its holder (a URL, an object
 * with an `id`, or none), the holder's proof with the expected challenge and domain (when a
 * holder is claimed, that it signed), and every credential inside (one object or an array;
 * an `EnvelopedVerifiableCredential` through `verifyEnveloped`), each with its own result and
 * checks. Only the `checks` asked for run, on the presentation's
 * proof (`proof`) and on each credential.
 */
export async function verifyPresentation(
  input: unknown,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  if (!options || typeof options.documentLoader !== "function") {
    throw new TypeError("verifyPresentation needs a documentLoader.");
  }
  if (typeof options.challenge !== "string" && options.challenge !== null) {
    throw new TypeError(
      "verifyPresentation needs the challenge the verifier sent (null when it sent none).",
    );
  }
  const chosen = selectedChecks(options.checks);
  const done = (
    checks: Check[],
    credentials: VerificationResult[],
    document?: JsonObject,
  ): PresentationVerificationResult => {
    const signed = document?.proof !== undefined;
    const verdict = verdictOfPresentation(checks, credentials, chosen.has("proof"));
    const out: PresentationVerificationResult = {
      verified: verdict !== "invalid",
      verdict,
      checks,
      credentials,
      signed,
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
  const checks: Check[] = [await checkContextsOffline(document)];
  if (checks[0]?.outcome !== "pass") return done(checks, [], document);

  const holder = holderOf(document);
  if (holder === undefined) {
    checks.push(makeCheck("presentation", "fail", "presentation.holder-invalid"));
  }
  if (chosen.has("proof")) checks.push(...(await proofChecks(document, holder ?? null, options)));

  const list = embeddedCredentials(document);
  if (list.some((c) => !isObject(c))) {
    checks.push(makeCheck("presentation", "fail", "presentation.credential-not-object"));
  }
  const credentials: VerificationResult[] = [];
  for (const credential of list.filter(isObject).slice(0, MAX_CREDENTIALS)) {
    credentials.push(await verifyEntry(credential, options));
  }
  if (
    options.challenge === null &&
    document.proof === undefined &&
    list.length === 0 &&
    chosen.has("proof")
  ) {
    checks.push(makeCheck("presentation", "fail", "presentation.empty"));
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
    // Judged on what each credential says (for an envelope, the credential it carries).
    const foreign =
      typeof holder === "string" &&
      credentials.some(
        ({ document: c }) =>
          c !== undefined &&
          credentialSubjectIds(c).length > 0 &&
          !credentialSubjectIds(c).includes(holder),
      );
    if (foreign) {
      checks.push(makeCheck("presentation", "warning", "presentation.subject-not-holder"));
    }
  }
  return done(checks, credentials, document);
}

/**
 * Invalid when any check failed, a signed presentation's proof did not verify (when the proof
 * was asked for), or any credential is invalid; with warnings when anything is less than a
 * pass; valid only when everything passed.
 */
export function verdictOfPresentation(
  checks: readonly Check[],
  credentials: readonly { verdict: Verdict }[],
  proofRequired = true,
): Verdict {
  if (checks.some((c) => c.outcome === "fail")) return "invalid";
  const essential: readonly CheckId[] = ["input", "context", "jsonld", "proof"];
  if (checks.some((c) => essential.includes(c.check) && c.outcome !== "pass")) return "invalid";
  const accepted = checks.some(
    (c) => c.code === "presentation.proof-valid" || c.code === "presentation.unsigned",
  );
  if (proofRequired && !accepted) return "invalid";
  if (credentials.some((c) => c.verdict === "invalid")) return "invalid";
  if (checks.some((c) => c.outcome !== "pass") || credentials.some((c) => c.verdict !== "valid")) {
    return "valid-with-warnings";
  }
  return "valid";
}
