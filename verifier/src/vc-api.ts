import type { Check, JsonObject, Verdict } from "@avala/credentials";
import type { Locale } from "@avala/i18n";
import type { CredentialDescription } from "./describe.js";
import { describeCredential } from "./describe.js";
import type { InputSource } from "./input.js";
import type { TrustOutcome } from "./trust.js";
import type { CredentialVerification, Verification } from "./verify.js";

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
  signed?: boolean;
  credentials?: VerificationReport[];
  source?: InputSource;
  document?: JsonObject;
}

/** W3C VC-API verification response, plus Avala's full `results`. */
export interface VcApiVerifyResponse {
  verified: boolean;
  /** Names of the checks that passed (`proof`, `issuer`, `validity`, `status`, `trust`, …). */
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

/** Builds the VC-API response: check names that passed, warnings, errors, and the full results. */
export function toVcApiResponse(verification: Verification, locale: Locale): VcApiVerifyResponse {
  const passed = new Set<string>();
  const warnings: VcApiProblem[] = [];
  const errors: VcApiProblem[] = [];
  const collect = (checks: Check[], credential?: number) => {
    for (const check of checks) {
      if (check.outcome === "pass") passed.add(check.check);
      else if (check.outcome === "fail") errors.push(problem(check, locale, credential));
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
  return {
    verified: verification.verified,
    checks: [...passed],
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
