/**
 * Tests judged not applicable to Avala, each with the reason (docs/conformance.md explains them
 * at length). A test listed here that fails is counted "n/a", not "failed"; one that passes is
 * reported so that it can be taken off the list. Keep this list short and every reason
 * checkable: a test belongs here only when no conforming implementation could pass it offline,
 * or when it tests something Avala deliberately does not offer.
 */
export interface NotApplicable {
  suite: string;
  /** The test's full mocha title, exactly as in `<suite>.json`. */
  title: string;
  reason: string;
}

const ED25519_CONTEXT_MISSING =
  "The suite checks the issued credential by expanding it with the static context map of " +
  "data-integrity-test-suite-assertion, which lacks https://w3id.org/security/suites/ed25519-2020/v1; " +
  "an Ed25519Signature2020 proof on the suite's VC 1.1 input needs that context (no other " +
  "context defines the proof type), so expansion fails for any issuer (suite defect, offline or not).";

export const NOT_APPLICABLE: readonly NotApplicable[] = [
  {
    suite: "vc-di-ed25519signature2020",
    title:
      "Ed25519Signature2020 (create) Data Integrity (issuer) Avala The specific type of proof MUST be specified as a string that maps to a URL.",
    reason: ED25519_CONTEXT_MISSING,
  },
  {
    suite: "vc-di-ed25519signature2020",
    title:
      "Ed25519Signature2020 (create) Data Integrity (issuer) Avala A verification method is the means and information needed to verify the proof. If included, the value MUST be a string that maps to a [URL].",
    reason: ED25519_CONTEXT_MISSING,
  },
  {
    suite: "vc-di-ed25519signature2020",
    title:
      'Ed25519Signature2020 (create) Data Integrity (issuer) Avala The reason the proof was created ("proof.proofPurpose") MUST be specified as a string that maps to a URL.',
    reason: ED25519_CONTEXT_MISSING,
  },
];

export function notApplicableIn(suite: string): Map<string, string> {
  return new Map(NOT_APPLICABLE.filter((n) => n.suite === suite).map((n) => [n.title, n.reason]));
}
