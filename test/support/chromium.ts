import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createBrotliDecompress } from "node:zlib";

/** A Chromium to launch: the binary, and what its environment needs. */
export interface ChromiumBinary {
  executablePath: string;
  /** Where it came from: AVALA_CHROMIUM, the system, or the npm package. */
  source: "env" | "system" | "bundled";
  /** Extra environment (libraries, fonts) for the bundled one; empty otherwise. */
  env: Record<string, string>;
}

/** Debian's and other distributions' Chromium and Chrome. */
export const systemChromiumPaths = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
];

/** The npm package whose tarball carries a headless Chromium (brotli-compressed). */
const BUNDLED_PACKAGE = "@sparticuz/chromium";

/** The bundled Chromium, unpacked once per test process. */
let bundled: Promise<ChromiumBinary> | undefined;

const cacheRoot = fileURLToPath(new URL("../node_modules/.cache/avala-chromium/", import.meta.url));

/**
 * Which Chromium the browser tests use. AVALA_CHROMIUM decides when set: a path to a binary,
 * `system` (only a system Chromium), or `bundled` (only the npm one). Unset: a system Chromium
 * when there is one that starts, else the headless Chromium inside the `@sparticuz/chromium` package that
 * `pnpm install` brought (no download at install or run time: the browser is in the package).
 */
export async function findChromium(
  choice: string | undefined = process.env["AVALA_CHROMIUM"],
): Promise<ChromiumBinary> {
  const wanted = choice?.trim() || "auto";
  if (wanted !== "auto" && wanted !== "system" && wanted !== "bundled") {
    if (!existsSync(wanted)) throw new Error(`AVALA_CHROMIUM names no file: ${wanted}`);
    return { executablePath: wanted, source: "env", env: {} };
  }
  if (wanted !== "bundled") {
    const system = systemChromiumPaths.find((path) => existsSync(path));
    // One that is there but does not start (a library missing) counts as none.
    if (system && (wanted === "system" || versionCheck(system, {}).ok)) {
      return { executablePath: system, source: "system", env: {} };
    }
    if (wanted === "system") {
      throw new Error(`No system Chromium (looked at ${systemChromiumPaths.join(", ")}).`);
    }
  }
  bundled ??= unpackBundledChromium();
  return bundled;
}

/** The directory of the package's compressed files, and its version. */
function bundledPackage(): { bin: string; version: string } {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
  } catch {
    throw new Error(
      `No Chromium: no system Chromium (${systemChromiumPaths.join(", ")}), AVALA_CHROMIUM is not set, and ${BUNDLED_PACKAGE} is not installed (run pnpm install).`,
    );
  }
  const root = join(dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  return { bin: join(root, "bin"), version };
}

/**
 * Unpacks a brotli file to `target` once: into a temporary name, then renamed, so that test
 * workers unpacking at the same time never see half a file.
 */
async function unpackFile(source: string, target: string, mode: number): Promise<void> {
  if (existsSync(target)) return;
  const partial = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  try {
    await pipeline(
      createReadStream(source),
      createBrotliDecompress(),
      createWriteStream(partial, { mode }),
    );
    await chmod(partial, mode);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}

/** Unpacks a `.tar.br` into `target` once (with the system `tar`), atomically. */
async function unpackTar(source: string, target: string): Promise<void> {
  if (existsSync(target)) return;
  const partial = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  try {
    await mkdir(partial, { recursive: true });
    await unpackFile(source, join(partial, "archive.tar"), 0o600);
    const tar = spawnSync("tar", ["-xf", "archive.tar"], { cwd: partial, encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar could not unpack ${source}: ${tar.stderr}`);
    await rm(join(partial, "archive.tar"));
    await rename(partial, target).catch((error: NodeJS.ErrnoException) => {
      // Another worker got there first: theirs is the same.
      if (!existsSync(target)) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** Runs `binary --version`; the loader's complaint when a shared library is missing. */
function versionCheck(binary: string, env: Record<string, string>) {
  const run = spawnSync(binary, ["--version"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { ok: run.status === 0, output: `${run.stdout ?? ""}${run.stderr ?? ""}`.trim() };
}

/**
 * The package's Chromium, unpacked into `test/node_modules/.cache/avala-chromium/<version>/`.
 * It needs only glibc, expat, NSS and NSPR from the system; when NSS or NSPR are missing (a
 * bare machine), the copies the package ships (built for Amazon Linux 2023, glibc ≥ 2.34) are
 * put on LD_LIBRARY_PATH. Without system fonts, the package's fonts are used.
 */
async function unpackBundledChromium(): Promise<ChromiumBinary> {
  const { bin, version } = bundledPackage();
  const dir = join(cacheRoot, version);
  await mkdir(dir, { recursive: true });
  const executablePath = join(dir, "chromium");
  await unpackFile(join(bin, "chromium.br"), executablePath, 0o755);
  const env: Record<string, string> = {};
  let check = versionCheck(executablePath, env);
  if (!check.ok && /error while loading shared libraries/.test(check.output)) {
    const libs = join(dir, "al2023");
    await unpackTar(join(bin, "al2023.tar.br"), libs);
    const current = process.env["LD_LIBRARY_PATH"];
    env["LD_LIBRARY_PATH"] = [join(libs, "lib"), ...(current ? [current] : [])].join(":");
    check = versionCheck(executablePath, env);
  }
  if (!check.ok) {
    throw new Error(
      `The Chromium of ${BUNDLED_PACKAGE} ${version} does not run here: ${check.output.slice(0, 500)}`,
    );
  }
  if (!existsSync("/etc/fonts/fonts.conf")) {
    const fonts = join(dir, "fonts");
    await unpackTar(join(bin, "fonts.tar.br"), fonts);
    const config = join(dir, "fonts.conf");
    if (!existsSync(config)) {
      await writeFile(
        config,
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fonts}</dir><cachedir>${join(dir, "fontconfig-cache")}</cachedir></fontconfig>\n`,
      );
    }
    env["FONTCONFIG_FILE"] = config;
  }
  return { executablePath, source: "bundled", env };
}
