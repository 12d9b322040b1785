/**
 * The W3C test suites the conformance run measures, and the GitHub-only packages they depend on.
 * Each lives in its own clone under SUITES_DIR (default /work/conformance), outside this
 * repository; nothing of theirs is committed here.
 */

export interface Suite {
  /** Short name, used in the table and for the results file. */
  name: string;
  /** GitHub owner/name of its repository. */
  repo: string;
  /** Folder of the clone under SUITES_DIR. */
  dir: string;
  /** What mocha runs, relative to the clone (as in the suite's own `npm test`). */
  spec: string;
  /** Per-test time-out in ms (as in the suite's own `npm test`). */
  testTimeoutMs: number;
}

export interface GithubDependency {
  /** The package name the suites depend on. */
  name: string;
  repo: string;
  dir: string;
}

export const SUITES: readonly Suite[] = [
  {
    name: "vc-data-model-2.0",
    repo: "w3c/vc-data-model-2.0-test-suite",
    dir: "vc-data-model-2.0-test-suite",
    spec: "tests/",
    testTimeoutMs: 15_000,
  },
  {
    name: "vc-di-eddsa",
    repo: "w3c/vc-di-eddsa-test-suite",
    dir: "vc-di-eddsa-test-suite",
    spec: "tests/",
    testTimeoutMs: 15_000,
  },
  {
    name: "vc-bitstring-status-list",
    repo: "w3c/vc-bitstring-status-list-test-suite",
    dir: "vc-bitstring-status-list-test-suite",
    spec: "tests",
    testTimeoutMs: 15_000,
  },
  {
    name: "vc-di-ed25519signature2020",
    repo: "w3c/vc-di-ed25519signature2020-test-suite",
    dir: "vc-di-ed25519signature2020-test-suite",
    spec: "tests/",
    testTimeoutMs: 15_000,
  },
  {
    name: "vc-api-issuer",
    repo: "w3c-ccg/vc-api-issuer-test-suite",
    dir: "vc-api-issuer-test-suite",
    spec: "tests/",
    testTimeoutMs: 15_000,
  },
  {
    name: "vc-api-verifier",
    repo: "w3c-ccg/vc-api-verifier-test-suite",
    dir: "vc-api-verifier-test-suite",
    spec: "tests/",
    testTimeoutMs: 15_000,
  },
];

/** Not on the npm registry: packed from their clones and installed from the tarballs. */
export const GITHUB_DEPENDENCIES: readonly GithubDependency[] = [
  {
    name: "vc-test-suite-implementations",
    repo: "w3c/vc-test-suite-implementations",
    dir: "vc-test-suite-implementations",
  },
  {
    name: "data-integrity-test-suite-assertion",
    repo: "w3c-ccg/data-integrity-test-suite-assertion",
    dir: "data-integrity-test-suite-assertion",
  },
];

/** The suites named on the command line (all when none), or an error naming the unknown ones. */
export function selectSuites(names: readonly string[]): Suite[] {
  if (names.length === 0) return [...SUITES];
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n || s.dir === n));
  if (unknown.length) {
    throw new Error(
      `unknown suite(s): ${unknown.join(", ")}; known: ${SUITES.map((s) => s.name).join(", ")}`,
    );
  }
  return SUITES.filter((s) => names.includes(s.name) || names.includes(s.dir));
}
