/**
 * The accounting of a suite's results. Run with
 * `node --import tsx --test scripts/conformance/report.test.ts` (the scripts are not a
 * workspace package, so `pnpm test` does not see this file).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allApplicablePassed, type Exchange, summarise, table } from "./report.js";

const t = (parent: string, title: string, message?: string) => ({
  title,
  fullTitle: `${parent} ${title}`,
  ...(message ? { err: { message } } : {}),
});

function report(tests: {
  passes?: ReturnType<typeof t>[];
  failures?: ReturnType<typeof t>[];
  pending?: ReturnType<typeof t>[];
}) {
  const passes = tests.passes ?? [];
  const failures = tests.failures ?? [];
  const pending = tests.pending ?? [];
  return {
    stats: {
      tests: passes.length + failures.length + pending.length,
      passes: passes.length,
      pending: pending.length,
      failures: failures.length,
    },
    tests: [...passes, ...failures, ...pending],
    passes,
    failures,
    pending,
  };
}

const exchange = (path: string, status: number): Exchange => ({
  method: "POST",
  path,
  requestBody: "{}",
  status,
  responseBody: "{}",
});

describe("summarise", () => {
  const listed = report({
    passes: [
      t("Issuer Avala", "issues"),
      t("Issuer Avala", "refuses"),
      t("Create Avala", "has a proof"),
      t("Create Avala", "maps to a URL"),
    ],
  });

  it("counts tests whose before hook failed as not run, and keeps the hook's exchanges", () => {
    const run = report({
      passes: [t("Issuer Avala", "issues")],
      failures: [
        t("Issuer Avala", "refuses", "expected 422"),
        t("Create Avala", '"before all" hook for "has a proof"', "422 from issuer"),
      ],
    });
    const hook = 'Create Avala "before all" hook for "has a proof"';
    const traffic = new Map([
      [hook, [exchange("/credentials/issue", 422)]],
      ["Issuer Avala refuses", [exchange("/credentials/issue", 201)]],
    ]);
    const result = summarise({
      suite: "s",
      commit: "c",
      listed,
      run,
      blocked: [],
      traffic,
      notApplicable: new Map(),
    });
    assert.equal(result.total, 4);
    assert.equal(result.passed, 1);
    assert.equal(result.failed, 1);
    assert.equal(result.notRun, 2);
    assert.deepEqual(result.notRunTitles, [
      "Create Avala has a proof",
      "Create Avala maps to a URL",
    ]);
    assert.equal(result.hookFailures[0]?.exchanges[0]?.status, 422);
    assert.equal(result.failures[0]?.exchanges[0]?.status, 201);
    assert.equal(allApplicablePassed([result]), false);
  });

  it("attributes a before-all hook's exchanges to a failing test that sent nothing", () => {
    const run = report({
      passes: [t("Issuer Avala", "issues"), t("Issuer Avala", "refuses")],
      failures: [
        t("Create Avala", "has a proof", "no proof"),
        t("Create Avala", "maps to a URL", "no URL"),
      ],
    });
    const traffic = new Map([
      ['Create Avala "before all" hook for "has a proof"', [exchange("/credentials/issue", 201)]],
      ['Issuer Avala "before all" hook for "issues"', [exchange("/other", 500)]],
    ]);
    const result = summarise({
      suite: "s",
      commit: "c",
      listed,
      run,
      blocked: [],
      traffic,
      notApplicable: new Map(),
    });
    assert.deepEqual(
      result.failures.map((f) => f.exchanges.map((e) => e.path)),
      [["/credentials/issue"], ["/credentials/issue"]],
    );
  });

  it("counts listed tests as n/a, not failed, and reports listed tests that pass", () => {
    const run = report({
      passes: [
        t("Issuer Avala", "issues"),
        t("Issuer Avala", "refuses"),
        t("Create Avala", "has a proof"),
      ],
      failures: [t("Create Avala", "maps to a URL", "context missing")],
    });
    const notApplicable = new Map([
      ["Create Avala maps to a URL", "suite defect"],
      ["Issuer Avala refuses", "stale reason"],
    ]);
    const result = summarise({
      suite: "s",
      commit: "c",
      listed,
      run,
      blocked: [],
      traffic: new Map(),
      notApplicable,
    });
    assert.equal(result.failed, 0);
    assert.equal(result.notApplicable, 1);
    assert.deepEqual(result.passedButListed, ["Issuer Avala refuses"]);
    assert.equal(allApplicablePassed([result]), true);
    assert.match(table([result]), /\| s \| 3 \| 0 \| 0 \| 0 \| 1 \| 4 \|/);
  });

  it("marks a run without a report as incomplete, every test not run", () => {
    const result = summarise({
      suite: "s",
      commit: "c",
      listed,
      run: undefined,
      incomplete: "stopped after 15 min",
      blocked: [],
      traffic: new Map(),
      notApplicable: new Map(),
    });
    assert.equal(result.notRun, 4);
    assert.equal(result.incomplete, "stopped after 15 min");
    assert.equal(allApplicablePassed([result]), false);
  });
});
