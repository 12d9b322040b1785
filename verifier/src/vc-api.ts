import type { Check, JsonObject, Verdict } from "@avala/credentials";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import type { CredentialDescription } from "./describe.js";
import { describeCredential } from "./describe.js";
import type { InputSource } from "./input.js";
import type { StatusNotice } from "./status-notice.js";
import type { TrustOutcome } from "./trust.js";
import type { CredentialVerification, Verification, VerifierCheck } from "./verify.js";
import { verifierChecks } from "./verify.js";

/** A warning or error in the VC-API response: problem-details shaped, with Avala's code. */
export interface VcApiProblem {
  type: string;
  title: string;
  check: Check["check"];
  code: Check["code"];
  outcome: Check["outcome"];
  /** For a presentation: which credential (0-based) the problem belongs to. */
  credential?: number;
}

/** The serialisable form of a verification (what the endpoints send). */
export interface VerificationReport {
  kind: Verification["kind"];
  verified: boolean;
  verdict: Verdict;
  checks: Check[];
  trust?: Omit<TrustOutcome, "check">;
  /** Revoked or suspended: since when and why, as the issuer published it (when it did). */
  statusNotice?: StatusNotice;
  signed?: boolean;
  credentials?: VerificationReport[];
  source?: InputSource;
  document?: JsonObject;
}

/** W3C VC-API verification response, plus Avala's full `results`. */
export interface VcApiVerifyResponse {
  verified: boolean;
  /**
   * The checks that were performed: with `options.checks`, the names asked for (as spelled)
   * that ran; without, every check that ran (`context`, `proof`, `issuer`, `validity`,
   * `status`, `trust`, …), whatever its outcome (the outcomes are in `warnings` and `errors`).
   */
  checks: string[];
  warnings: VcApiProblem[];
  errors: VcApiProblem[];
  verdict: Verdict;
  results: VerificationReport;
}

export function toReport(
  verification: Verification,
  options: { includeDocument?: boolean } = {},
): VerificationReport {
  const report: VerificationReport = {
    kind: verification.kind,
    verified: verification.verified,
    verdict: verification.verdict,
    checks: verification.checks,
  };
  if (verification.kind === "credential" && verification.trust) {
    const { check: _check, ...trust } = verification.trust;
    report.trust = trust;
  }
  if (verification.kind === "credential" && verification.statusNotice) {
    report.statusNotice = verification.statusNotice;
  }
  if (verification.kind === "presentation") {
    report.signed = verification.signed;
    report.credentials = verification.credentials.map((c) => toReport(c, options));
  }
  if (verification.source) report.source = verification.source;
  if (options.includeDocument && verification.document) report.document = verification.document;
  return report;
}

function problem(check: Check, locale: Locale, credential?: number): VcApiProblem {
  const out: VcApiProblem = {
    type: `urn:avala:check:${check.code}`,
    title: check.message[locale],
    check: check.check,
    code: check.code,
    outcome: check.outcome,
  };
  if (credential !== undefined) out.credential = credential;
  return out;
}

/** The VC-API option values accepted, with the check each names (`credentialStatus` is W3C's). */
const checkNames: ReadonlyMap<string, VerifierCheck> = new Map<string, VerifierCheck>([
  ...verifierChecks.map((name) => [name, name] as const),
  ["credentialStatus", "status"],
]);

export interface VcApiOptions {
  challenge?: string;
  domain?: string;
  /** The checks asked for, as the caller named them. */
  checks?: string[];
}

export type VcApiOptionsRead =
  | { ok: true; options: VcApiOptions; checks?: VerifierCheck[] }
  | { ok: false; code: MessageKey; params: MessageParams };

const MAX_OPTION_LENGTH = 1024;

/**
 * Reads a VC-API `options` object: `challenge` and `domain` (strings of at most 1024
 * characters: a challenge the verifier cannot read must not be taken for no challenge at all),
 * and `checks`, a non-empty list of check names (`proof`, `issuer`, `schema`, `validity`,
 * `status` or `credentialStatus`, `trust`); an unknown name is refused, never ignored. Other
 * options are ignored.
 */
export function readVcApiOptions(options: unknown): VcApiOptionsRead {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return { ok: true, options: {} };
  }
  const given = options as Record<string, unknown>;
  const out: VcApiOptions = {};
  for (const name of ["challenge", "domain"] as const) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.length > MAX_OPTION_LENGTH) {
      return { ok: false, code: "verifier.problem.options", params: { max: MAX_OPTION_LENGTH } };
    }
    out[name] = value;
  }
  if (given.checks === undefined) return { ok: true, options: out };
  const known = [...checkNames.keys()].join(", ");
  const list = given.checks;
  if (!Array.isArray(list) || list.length === 0 || list.length > 16) {
    return { ok: false, code: "verifier.problem.checks", params: { name: "?", known } };
  }
  const checks: VerifierCheck[] = [];
  for (const name of list) {
    const check = typeof name === "string" ? checkNames.get(name) : undefined;
    if (!check) {
      return {
        ok: false,
        code: "verifier.problem.checks",
        params: { name: JSON.stringify(name ?? null).slice(0, 60), known },
      };
    }
    if (!checks.includes(check)) checks.push(check);
  }
  out.checks = list as string[];
  return { ok: true, options: out, checks };
}

/** Which check ids a verification ran, with `proof` for a presentation's own proof. */
function performedChecks(verification: Verification): Set<string> {
  const ran = new Set<string>();
  const add = (checks: Check[]) => {
    for (const check of checks) {
      ran.add(check.check);
      if (/^presentation\.(proof|challenge|holder-mismatch|unsigned)/.test(check.code)) {
        ran.add("proof");
      }
    }
  };
  add(verification.checks);
  if (verification.kind === "presentation") for (const c of verification.credentials) add(c.checks);
  return ran;
}

/**
 * Builds the VC-API response: the checks performed (`asked`: the names the caller gave in
 * `options.checks`), warnings, errors, and the full results.
 */
export function toVcApiResponse(
  verification: Verification,
  locale: Locale,
  asked?: readonly string[],
): VcApiVerifyResponse {
  const ran = performedChecks(verification);
  const warnings: VcApiProblem[] = [];
  const errors: VcApiProblem[] = [];
  const collect = (checks: Check[], credential?: number) => {
    for (const check of checks) {
      if (check.outcome === "pass") continue;
      if (check.outcome === "fail") errors.push(problem(check, locale, credential));
      else warnings.push(problem(check, locale, credential));
    }
  };
  collect(verification.checks);
  if (verification.kind === "presentation") {
    for (const [index, credential] of verification.credentials.entries()) {
      collect(credential.checks, index);
    }
  }
  if (!verification.verified && errors.length === 0) {
    // Invalid without a failed check: an essential check could not be done (the issuer's key
    // could not be fetched, say). The reason is among the warnings; say it is what failed.
    const index = warnings.findIndex((w) => ["proof", "issuer", "input"].includes(w.check));
    if (index >= 0) errors.push(...warnings.splice(index, 1));
  }
  const checks = asked
    ? asked.filter((name, i) => asked.indexOf(name) === i && ran.has(checkNames.get(name) ?? name))
    : [...ran];
  return {
    verified: verification.verified,
    checks,
    warnings,
    errors,
    verdict: verification.verdict,
    results: toReport(verification),
  };
}

/** The display models of every credential in a verification, in one language. */
export function describeVerification(
  verification: Verification,
  locale: Locale,
): CredentialDescription[] {
  const credentials: CredentialVerification[] =
    verification.kind === "credential"
      ? [verification]
      : verification.kind === "presentation"
        ? verification.credentials
        : [];
  return credentials
    .filter((c) => c.document !== undefined)
    .map((c) => describeCredential(c.document, locale, c.trust));
}
