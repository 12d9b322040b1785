/**
 * `pnpm conformance`: runs the W3C test suites against Avala on loopback.
 *
 *   pnpm conformance prepare [suite…]   pack the GitHub-only dependencies, npm install the suites
 *   pnpm conformance [suite…]           run them (all six when none is named), one at a time
 *
 * SUITES_DIR (default /work/conformance) holds the clones, outside this repository;
 * CONFORMANCE_RESULTS_DIR (default /tmp/conformance-results) receives, per suite, `<suite>.json`
 * (counts, failing tests with their messages, tests not run, hosts refused), the mocha reports,
 * the suite's output, and `<suite>.traffic.jsonl` (every request the suite sent to Avala and
 * Avala's answer, without headers). SUITE_TIMEOUT_MINUTES (default 15) bounds each suite. The
 * exit status is 0 only when every applicable test passed (not-applicable.ts lists the others).
 *
 * This process and every suite process run behind loopback-guard.cjs: no connection leaves
 * 127.0.0.0/8 or ::1, and no DNS query is sent (loopback-guard-check.cjs proves it before each
 * run). A test that needs a remote resource fails, and the host it wanted is listed in the
 * results.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const guardFile = join(here, "loopback-guard.cjs");
// Before anything else is loaded: this process (Avala itself) is held to loopback too.
createRequire(import.meta.url)(guardFile);

const { prepareSuites } = await import("./prepare.js");
const { selectSuites } = await import("./suites.js");
const { allApplicablePassed, readMochaReport, readTraffic, summarise, table } = await import(
  "./report.js"
);
const { notApplicableIn } = await import("./not-applicable.js");
const { LOCAL_CONFIG_FILE, writeLocalConfig } = await import("./implementations.js");

type Suite = import("./suites.js").Suite;
type SuiteResult = import("./report.js").SuiteResult;

const env = process.env;
const suitesDir = resolve(env["SUITES_DIR"] || "/work/conformance");
const resultsDir = resolve(env["CONFORMANCE_RESULTS_DIR"] || "/tmp/conformance-results");
const suiteTimeoutMs = Number(env["SUITE_TIMEOUT_MINUTES"] || 15) * 60_000;
const repoRoot = resolve(here, "..", "..");

function log(line: string) {
  console.log(`[conformance] ${line}`);
}

function git(dir: string, args: string[]): string {
  const result = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...env, GIT_OPTIONAL_LOCKS: "0" },
  });
  return result.status === 0 ? result.stdout.trim() : "unknown";
}

/** Runs mocha for a suite in its own process group; resolves with why it ended early, if so. */
function runMocha(
  suite: Suite,
  args: string[],
  logFile: string,
  extraEnv: Record<string, string> = {},
): Promise<string | undefined> {
  const dir = join(suitesDir, suite.dir);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(dir, "node_modules", "mocha", "bin", "mocha.js"),
      suite.spec,
      "--timeout",
      String(suite.testTimeoutMs),
      "--preserve-symlinks",
      "--exit",
      ...args,
    ],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...env,
        // Every Node process of the suite (mocha re-spawns itself for node flags) is guarded.
        NODE_OPTIONS: `--require ${guardFile}`,
        LOOPBACK_GUARD_LOG: join(resultsDir, `${suite.name}.blocked.jsonl`),
        NODE_ENV: "test",
        ...extraEnv,
      },
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => appendFileSync(logFile, chunk));
  child.stderr?.on("data", (chunk: Buffer) => appendFileSync(logFile, chunk));
  return new Promise((done) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, suiteTimeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) done(`stopped after ${suiteTimeoutMs / 60_000} min`);
      else if (signal) done(`ended by ${signal}`);
      else done(code === null ? "ended abnormally" : undefined);
    });
  });
}

function blockedHosts(suite: Suite): string[] {
  const file = join(resultsDir, `${suite.name}.blocked.jsonl`);
  if (!existsSync(file)) return [];
  const targets = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const entry = JSON.parse(line) as { kind: string; target: string };
      return `${entry.kind} ${entry.target}`;
    });
  return [...new Set(targets)].sort();
}

async function runSuite(
  suite: Suite,
  endpoints: import("./implementations.js").Endpoints,
  trafficFile: string,
): Promise<SuiteResult> {
  const dir = join(suitesDir, suite.dir);
  for (const ext of [".json", ".listed.json", ".mocha.json", ".log", ".blocked.jsonl"]) {
    rmSync(join(resultsDir, `${suite.name}${ext}`), { force: true });
  }
  const logFile = join(resultsDir, `${suite.name}.log`);
  const listedFile = join(resultsDir, `${suite.name}.listed.json`);
  const runFile = join(resultsDir, `${suite.name}.mocha.json`);
  writeLocalConfig(dir, endpoints);
  try {
    await runMocha(
      suite,
      ["--dry-run", "--reporter", "json", "--reporter-option", `output=${listedFile}`],
      logFile,
    );
    const started = Date.now();
    const incomplete = await runMocha(
      suite,
      [
        "--require",
        join(here, "test-marks.cjs"),
        "--reporter",
        "json",
        "--reporter-option",
        `output=${runFile}`,
      ],
      logFile,
      { CONFORMANCE_TRAFFIC_FILE: trafficFile },
    );
    log(`${suite.name}: ${Math.round((Date.now() - started) / 1000)} s`);
    const result = summarise({
      suite: suite.name,
      commit: git(dir, ["rev-parse", "HEAD"]),
      listed: readMochaReport(listedFile),
      run: readMochaReport(runFile),
      incomplete,
      blocked: blockedHosts(suite),
      traffic: readTraffic(trafficFile),
      notApplicable: notApplicableIn(suite.name),
    });
    writeFileSync(join(resultsDir, `${suite.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(join(dir, LOCAL_CONFIG_FILE), { force: true });
  }
}

/** Runs loopback-guard-check.cjs the way the suites run; throws unless the guard holds. */
function assertGuardHolds() {
  const result = spawnSync(process.execPath, [join(here, "loopback-guard-check.cjs")], {
    encoding: "utf8",
    env: { ...env, NODE_OPTIONS: `--require ${guardFile}` },
  });
  if (result.status !== 0) {
    throw new Error(`the loopback guard does not hold here, nothing was run: ${result.stdout}`);
  }
}

function assertPrepared(suites: readonly Suite[]) {
  const missing = suites.filter(
    (s) => !existsSync(join(suitesDir, s.dir, "node_modules", "mocha")),
  );
  if (missing.length) {
    throw new Error(
      `not prepared: ${missing.map((s) => s.name).join(", ")}; run \`pnpm conformance prepare\``,
    );
  }
}

/**
 * Node reads NODE_EXTRA_CA_CERTS only at start: so the runner makes the throw-away certificate,
 * then runs itself again with it (Avala's verifier then trusts the issuer's https front).
 */
async function runWithCertificate(): Promise<number> {
  const { writeSelfSignedCertificate } = await import("./tls-front.js");
  const workDir = mkdtempSync(join(tmpdir(), "avala-conformance-"));
  try {
    const certFile = writeSelfSignedCertificate(workDir);
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      {
        stdio: "inherit",
        env: { ...env, AVALA_CONFORMANCE_WORKDIR: workDir, NODE_EXTRA_CA_CERTS: certFile },
      },
    );
    return child.status ?? 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function runAll(suites: Suite[], workDir: string) {
  assertGuardHolds();
  mkdirSync(resultsDir, { recursive: true });
  // Refusals in this process (Avala itself); each suite process logs to a file of its own.
  env["LOOPBACK_GUARD_LOG"] = join(resultsDir, "avala.blocked.jsonl");
  rmSync(env["LOOPBACK_GUARD_LOG"], { force: true });
  const { freePort, startAvalaUnderTest } = await import("./avala.js");
  const { readCertificate, startTlsFront } = await import("./tls-front.js");
  const avalaLog = join(resultsDir, "avala.log");
  rmSync(avalaLog, { force: true });
  const line = (level: string, message: string, context?: Record<string, unknown>) =>
    appendFileSync(avalaLog, `${level} ${message} ${context ? JSON.stringify(context) : ""}\n`);
  let trafficFile = join(resultsDir, "setup.traffic.jsonl");
  const record = (exchange: import("./tls-front.js").Exchange) =>
    appendFileSync(trafficFile, `${JSON.stringify(exchange)}\n`);
  const certificate = readCertificate(workDir);
  const ports = { issuer: await freePort(), verifier: await freePort() };
  const issuerFront = await startTlsFront(`http://127.0.0.1:${ports.issuer}`, certificate, record);
  const verifierFront = await startTlsFront(
    `http://127.0.0.1:${ports.verifier}`,
    certificate,
    record,
  );
  const stops = [issuerFront.close, verifierFront.close];
  const results: SuiteResult[] = [];
  try {
    const avala = await startAvalaUnderTest({
      dataDir: join(workDir, "data"),
      log: { info: (m, c) => line("info", m, c), error: (m, c) => line("error", m, c) },
      issuerPort: ports.issuer,
      verifierPort: ports.verifier,
      // Credentials (status list URLs) name the https front: the suites load them over https.
      issuerPublicUrl: issuerFront.url,
      fetchAllowHosts: [new URL(issuerFront.url).host],
    });
    stops.unshift(avala.close);
    log(`issuer ${issuerFront.url} → ${avala.issuer.url}, ${avala.issuer.did}`);
    log(`verifier ${verifierFront.url} → ${avala.verifier.url}`);
    const endpoints = {
      issuerId: avala.issuer.did,
      issue: `${issuerFront.url}/credentials/issue`,
      token: avala.issuer.token,
      verifyCredential: `${verifierFront.url}/credentials/verify`,
      verifyPresentation: `${verifierFront.url}/presentations/verify`,
    };
    for (const suite of suites) {
      trafficFile = join(resultsDir, `${suite.name}.traffic.jsonl`);
      rmSync(trafficFile, { force: true });
      log(`${suite.name}: running`);
      results.push(await runSuite(suite, endpoints, trafficFile));
    }
  } finally {
    for (const stop of stops) await stop().catch(() => {});
  }
  printSummary(results);
}

function printSummary(results: readonly SuiteResult[]) {
  const avalaCommit = git(repoRoot, ["rev-parse", "HEAD"]);
  const dirty = git(repoRoot, ["status", "--porcelain", "--untracked-files=no"]) !== "";
  const summary = {
    date: new Date().toISOString(),
    avala: { commit: avalaCommit, uncommittedChanges: dirty },
    results: results.map(
      ({ failures, hookFailures, notRunTitles, pendingTitles, notApplicableTitles, ...r }) => r,
    ),
  };
  writeFileSync(join(resultsDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  const text = table(results);
  writeFileSync(join(resultsDir, "summary.md"), `${text}\n`);
  console.log(`\nAvala ${avalaCommit}${dirty ? " (with uncommitted changes)" : ""}\n\n${text}\n`);
  for (const r of results) {
    if (r.blocked.length) console.log(`${r.suite}: refused ${r.blocked.join(", ")}`);
    for (const title of r.passedButListed) {
      console.log(`${r.suite}: passes, take it off not-applicable.ts: ${title}`);
    }
  }
  const avalaBlocked = join(resultsDir, "avala.blocked.jsonl");
  if (existsSync(avalaBlocked)) {
    console.log(`Avala tried to reach remote hosts (refused): see ${avalaBlocked}`);
  }
  console.log(`\nDetails: ${resultsDir}/<suite>.json`);
  // Exit status 0 only when every applicable test passed.
  if (!allApplicablePassed(results)) process.exitCode = 1;
}

const args = process.argv.slice(2);
try {
  if (args[0] === "prepare") {
    const suites = selectSuites(args.slice(1));
    log(`preparing ${suites.map((s) => s.name).join(", ")} in ${suitesDir}`);
    prepareSuites(suitesDir, suites, log);
  } else {
    const suites = selectSuites(args);
    assertPrepared(suites);
    const workDir = env["AVALA_CONFORMANCE_WORKDIR"];
    if (workDir) await runAll(suites, workDir);
    else process.exitCode = await runWithCertificate();
  }
} catch (error) {
  console.error(`[conformance] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
