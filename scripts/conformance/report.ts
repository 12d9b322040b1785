/**
 * Results of one suite from mocha's built-in `json` reporter: the dry run lists every test the
 * suite defines for Avala, the real run says which passed, failed or were skipped; a test in the
 * list but in neither is "not run" (its `before` hook failed, or the run was stopped). A failed
 * or not-run test listed in not-applicable.ts counts as "n/a" instead.
 */
import { readFileSync } from "node:fs";

interface MochaTest {
  title: string;
  fullTitle: string;
  err?: { message?: string; stack?: string };
}

interface MochaReport {
  stats: { tests: number; passes: number; pending: number; failures: number };
  tests: MochaTest[];
  passes: MochaTest[];
  pending: MochaTest[];
  failures: MochaTest[];
}

/** A request the suite sent to Avala and the answer (from the https front). */
export interface Exchange {
  method: string;
  path: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

export interface Failure {
  title: string;
  message: string;
  /** What the test (or hook) sent to Avala and what Avala answered, in order. */
  exchanges: Exchange[];
}

/** The traffic file, cut into the exchanges of each test or hook (by its full title). */
export function readTraffic(file: string): Map<string, Exchange[]> {
  const byTitle = new Map<string, Exchange[]>();
  let current: Exchange[] | undefined;
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return byTitle;
  }
  for (const line of text.split("\n")) {
    if (!line) continue;
    const entry = JSON.parse(line) as { mark?: string } & Partial<Exchange>;
    if (entry.mark !== undefined) {
      current = byTitle.get(entry.mark) ?? [];
      byTitle.set(entry.mark, current);
    } else if (current) {
      const { method = "", path = "", requestBody = "", status = 0, responseBody = "" } = entry;
      current.push({ method, path, requestBody, status, responseBody });
    }
  }
  return byTitle;
}

export interface SuiteResult {
  suite: string;
  /** Commit of the suite's clone. */
  commit: string;
  /** Tests the suite defines for Avala (dry run). */
  total: number;
  passed: number;
  failed: number;
  pending: number;
  notRun: number;
  /** Failed or not run, but listed in not-applicable.ts (not counted in `failed`/`notRun`). */
  notApplicable: number;
  /** Why the run ended early, if it did (time-out, crash). */
  incomplete?: string;
  failures: Failure[];
  /** `before`/`after` hooks that failed; the tests they guard are in `notRunTitles`. */
  hookFailures: Failure[];
  notRunTitles: string[];
  pendingTitles: string[];
  /** Tests in not-applicable.ts that failed or did not run, with the reason. */
  notApplicableTitles: Array<{ title: string; reason: string }>;
  /** Tests in not-applicable.ts that passed: take them off the list. */
  passedButListed: string[];
  /** Remote hosts the suite tried to reach (refused by the loopback guard). */
  blocked: string[];
}

const HOOK = /^"(before|after) (all|each)" hook/;
const MAX_MESSAGE = 600;

export function readMochaReport(file: string): MochaReport | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as MochaReport;
  } catch {
    return undefined;
  }
}

function message(test: MochaTest): string {
  const text = (test.err?.message ?? "").replace(/\s+/g, " ").trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function counts(titles: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const title of titles) map.set(title, (map.get(title) ?? 0) + 1);
  return map;
}

const HOOK_MARK = / "before (all|each)" hook/;

/**
 * The exchanges of a test; when it sent nothing itself, those of the nearest `before` hooks
 * around it (most suites issue the credential a test examines in a `before all` hook).
 */
function exchangesOf(test: MochaTest, traffic: Map<string, Exchange[]>): Exchange[] {
  const own = traffic.get(test.fullTitle) ?? [];
  if (own.length || HOOK.test(test.title)) return own;
  const parent = test.fullTitle.slice(0, test.fullTitle.length - test.title.length).trim();
  let best: Exchange[] = [];
  let bestPrefix = -1;
  for (const [mark, exchanges] of traffic) {
    const at = mark.search(HOOK_MARK);
    if (at < 0 || exchanges.length === 0) continue;
    const prefix = mark.slice(0, at);
    const forOther =
      mark.includes('"before each" hook for') && !mark.endsWith(`for "${test.title}"`);
    if (!parent.startsWith(prefix) || forOther || prefix.length < bestPrefix) continue;
    best = prefix.length > bestPrefix ? [...exchanges] : [...best, ...exchanges];
    bestPrefix = prefix.length;
  }
  return best;
}

export function summarise(input: {
  suite: string;
  commit: string;
  listed: MochaReport | undefined;
  run: MochaReport | undefined;
  incomplete?: string | undefined;
  blocked: string[];
  traffic: Map<string, Exchange[]>;
  /** Not-applicable titles of this suite, with the reason. */
  notApplicable: Map<string, string>;
}): SuiteResult {
  const na = input.notApplicable;
  const failure = (t: MochaTest): Failure => ({
    title: t.fullTitle,
    message: message(t),
    exchanges: exchangesOf(t, input.traffic),
  });
  const listed = input.listed?.tests ?? [];
  const run = input.run;
  const testFailures = (run?.failures ?? []).filter((t) => !HOOK.test(t.title));
  const failures = testFailures.filter((t) => !na.has(t.fullTitle));
  const hookFailures = (run?.failures ?? []).filter((t) => HOOK.test(t.title));
  const seen = counts([
    ...(run?.passes ?? []).map((t) => t.fullTitle),
    ...testFailures.map((t) => t.fullTitle),
    ...(run?.pending ?? []).map((t) => t.fullTitle),
  ]);
  const notRunTitles: string[] = [];
  const notApplicableTitles = testFailures
    .filter((t) => na.has(t.fullTitle))
    .map((t) => ({ title: t.fullTitle, reason: na.get(t.fullTitle)! }));
  for (const test of listed) {
    const left = seen.get(test.fullTitle) ?? 0;
    if (left > 0) seen.set(test.fullTitle, left - 1);
    else if (na.has(test.fullTitle)) {
      notApplicableTitles.push({ title: test.fullTitle, reason: na.get(test.fullTitle)! });
    } else notRunTitles.push(test.fullTitle);
  }
  const passedButListed = (run?.passes ?? [])
    .map((t) => t.fullTitle)
    .filter((title) => na.has(title));
  const result: SuiteResult = {
    suite: input.suite,
    commit: input.commit,
    total: listed.length,
    passed: run?.passes.length ?? 0,
    failed: failures.length,
    pending: run?.pending.length ?? 0,
    notRun: notRunTitles.length,
    notApplicable: notApplicableTitles.length,
    failures: failures.map(failure),
    hookFailures: hookFailures.map(failure),
    notRunTitles,
    pendingTitles: (run?.pending ?? []).map((t) => t.fullTitle),
    notApplicableTitles,
    passedButListed,
    blocked: input.blocked,
  };
  const incomplete = input.incomplete ?? (run ? undefined : "no report (mocha did not finish)");
  if (incomplete) result.incomplete = incomplete;
  return result;
}

/** True when every applicable test passed (pending ones are the suite's own skips). */
export function allApplicablePassed(results: readonly SuiteResult[]): boolean {
  return results.every((r) => !r.incomplete && r.failed === 0 && r.notRun === 0);
}

/** The table, as Markdown (it reads well in a terminal too). */
export function table(results: readonly SuiteResult[]): string {
  const rows = [
    "| suite | passed | failed | not run | pending | n/a | total |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.suite}${r.incomplete ? ` (${r.incomplete})` : ""} | ${r.passed} | ${r.failed} | ${r.notRun} | ${r.pending} | ${r.notApplicable} | ${r.total} |`,
    ),
  ];
  return rows.join("\n");
}
