import type { LocalizedText, MessageKey, MessageParams } from "@avala/i18n";
import { localize } from "@avala/i18n";

/** What was checked. */
export type CheckId =
  | "input"
  | "context"
  | "jsonld"
  | "schema"
  | "proof"
  | "issuer"
  | "validity"
  | "status"
  | "trust"
  | "presentation"
  /** The file around a credential (a PDF's printed text): informative, never essential. */
  | "document"
  /** The standard a credential names: superseded or expired since (a warning, never a failure). */
  | "standard";

export type CheckOutcome = "pass" | "fail" | "warning" | "could-not-check";

/**
 * The checks a caller may ask for by name (VC-API `options.checks`). The input, its contexts and
 * its JSON-LD are always read; `issuer` needs the proof, so asking for it runs the proof too.
 */
export type SelectableCheck = "schema" | "proof" | "issuer" | "validity" | "status";

export const selectableChecks: readonly SelectableCheck[] = [
  "schema",
  "proof",
  "issuer",
  "validity",
  "status",
];

/** The checks that run for a selection (all of them when there is none). */
export function selectedChecks(
  selection: readonly SelectableCheck[] | undefined,
): ReadonlySet<SelectableCheck> {
  const chosen = new Set<SelectableCheck>(selection ?? selectableChecks);
  if (chosen.has("issuer")) chosen.add("proof");
  return chosen;
}

/**
 * One verification check: what was checked, how it came out, a stable code (also the key of
 * its message in the catalogue) and the message in Spanish and English.
 */
export interface Check {
  check: CheckId;
  outcome: CheckOutcome;
  code: MessageKey;
  message: LocalizedText;
  params?: MessageParams;
}

export type Verdict = "valid" | "valid-with-warnings" | "invalid";

export function makeCheck(
  check: CheckId,
  outcome: CheckOutcome,
  code: MessageKey,
  params?: MessageParams,
): Check {
  const result: Check = { check, outcome, code, message: localize(code, params) };
  if (params) result.params = params;
  return result;
}

/** Checks without whose pass nothing about a credential can be believed. */
const essential: ReadonlySet<CheckId> = new Set(["input", "context", "jsonld", "proof", "issuer"]);

/**
 * The overall verdict: invalid when any check failed or a required check (by default the proof
 * and whose it is; only those asked for when the caller chose the checks) did not pass or did
 * not run, or an essential check that ran did not pass; valid with warnings when something
 * could not be checked or deserves a warning; valid only when every check passed.
 */
export function verdictOf(
  checks: readonly Check[],
  required: readonly CheckId[] = ["proof", "issuer"],
): Verdict {
  if (checks.some((c) => c.outcome === "fail")) return "invalid";
  for (const id of required) {
    if (!checks.some((c) => c.check === id && c.outcome === "pass")) return "invalid";
  }
  if (checks.some((c) => essential.has(c.check) && c.outcome !== "pass")) return "invalid";
  if (checks.some((c) => c.outcome !== "pass")) return "valid-with-warnings";
  return "valid";
}
