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

/**
 * Empty since 2026-11-29: the three vc-di-ed25519signature2020 "create" tests once listed here
 * (as a context the suite's map lacked) failed because the issuer added the Bitstring Status List
 * context to VC 1.1 input nobody had asked a status entry for; they pass now.
 */
export const NOT_APPLICABLE: readonly NotApplicable[] = [];

export function notApplicableIn(suite: string): Map<string, string> {
  return new Map(NOT_APPLICABLE.filter((n) => n.suite === suite).map((n) => [n.title, n.reason]));
}
