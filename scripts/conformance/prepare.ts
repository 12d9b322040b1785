/**
 * Installs the suites' dependencies in their clones: the GitHub-only packages are packed from
 * their own clones (`npm pack`) and each suite's package.json is pointed at the tarballs
 * (`npm pkg set dependencies.<name>=file:<tarball>`); everything else comes from the npm
 * registry, install scripts off. mocha, a devDependency in some suites, is made a dependency so
 * the dev tools (eslint, allure) need not be installed. All changes stay in the clones.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GITHUB_DEPENDENCIES, type GithubDependency, type Suite } from "./suites.js";

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
}

function npm(cwd: string, args: string[]): string {
  const result = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(" ")} (in ${cwd}) failed:\n${result.stderr}`);
  }
  return result.stdout;
}

/** The clones that are missing, as the commands that would bring them. */
export function missingClones(
  suitesDir: string,
  repos: ReadonlyArray<{ repo: string; dir: string }>,
): string[] {
  return repos
    .filter((r) => !existsSync(join(suitesDir, r.dir, "package.json")))
    .map((r) => `git clone https://github.com/${r.repo} ${join(suitesDir, r.dir)}`);
}

function packDependency(suitesDir: string, dependency: GithubDependency): string {
  const destination = join(suitesDir, ".tarballs");
  mkdirSync(destination, { recursive: true });
  const out = npm(join(suitesDir, dependency.dir), [
    "pack",
    "--json",
    "--ignore-scripts",
    "--pack-destination",
    destination,
  ]);
  const [packed] = JSON.parse(out) as Array<{ filename: string }>;
  if (!packed) throw new Error(`npm pack of ${dependency.name} produced nothing`);
  return join(destination, packed.filename);
}

function prepareSuite(suite: Suite, dir: string, tarballs: Map<string, string>, log: Log) {
  const pkg = readPackageJson(dir);
  const settings: string[] = [];
  for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
    const tarball = tarballs.get(name);
    if (tarball && spec !== `file:${tarball}`)
      settings.push(`dependencies.${name}=file:${tarball}`);
  }
  const mocha = pkg.devDependencies?.["mocha"];
  if (mocha && !pkg.dependencies?.["mocha"]) settings.push(`dependencies.mocha=${mocha}`);
  if (settings.length) npm(dir, ["pkg", "set", ...settings]);
  log(`  ${suite.name}: npm install (registry, --ignore-scripts --omit=dev)`);
  npm(dir, ["install", "--ignore-scripts", "--omit=dev", "--no-audit", "--no-fund"]);
}

type Log = (line: string) => void;

export function prepareSuites(suitesDir: string, suites: readonly Suite[], log: Log): void {
  const missing = missingClones(suitesDir, [...suites, ...GITHUB_DEPENDENCIES]);
  if (missing.length) {
    throw new Error(`clone these first (outside the Avala repository):\n  ${missing.join("\n  ")}`);
  }
  const tarballs = new Map<string, string>();
  for (const dependency of GITHUB_DEPENDENCIES) {
    tarballs.set(dependency.name, packDependency(suitesDir, dependency));
    log(`  packed ${dependency.name} → ${tarballs.get(dependency.name)}`);
  }
  for (const suite of suites) prepareSuite(suite, join(suitesDir, suite.dir), tarballs, log);
}
