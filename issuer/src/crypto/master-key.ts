import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/** The key file's name in its default directory (`$XDG_CONFIG_HOME/avala`). */
export const MASTER_KEY_FILE_NAME = "issuer-master.key";
/** Where versions before 0.2 kept the generated key: inside the data directory. */
export const LEGACY_MASTER_KEY_FILE = "master.key";

/** What the issuer needs to find its master key (see `IssuerConfig`). */
export interface MasterKeySettings {
  /** Base64 of 32 bytes (AVALA_MASTER_KEY): when set, no file is read or written. */
  masterKey?: string | undefined;
  /** The key file (ISSUER_MASTER_KEY_FILE), when the operator chose one. */
  masterKeyFile?: string | undefined;
  /** The key file when none was chosen: `$XDG_CONFIG_HOME/avala/issuer-master.key`. */
  defaultMasterKeyFile: string;
  dataDir: string;
}

/** Where the master key came from: what start-up prints. Never the key itself. */
export type MasterKeySource =
  | { kind: "environment" }
  | { kind: "file"; path: string; created: boolean }
  /** `$AVALA_DATA_DIR/master.key` of an older deployment; `target` is where it belongs. */
  | { kind: "legacy-file"; path: string; target: string };

export interface LoadedMasterKey {
  key: Buffer;
  source: MasterKeySource;
  /** What the operator must act on (a legacy key file, loose permissions). Never the key. */
  warnings: string[];
}

/** The key file the settings name (chosen or default), absolute. */
export function masterKeyFileOf(settings: MasterKeySettings): string {
  return resolve(settings.masterKeyFile ?? settings.defaultMasterKeyFile);
}

/** Where a rotation writes the new key before it commits (see `rotateMasterKey`). */
export function pendingMasterKeyFile(keyFile: string): string {
  return `${keyFile}.new`;
}

export class MasterKeyError extends Error {
  override name = "MasterKeyError";
}

/** Whether `path` is `dir` or lies below it (symbolic links of existing parts resolved). */
export function isInside(path: string, dir: string): boolean {
  const child = realPathOfExisting(resolve(path));
  const parent = realPathOfExisting(resolve(dir));
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The real path of the longest existing prefix of `path`, followed by the rest. */
function realPathOfExisting(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      rest.push(current.slice(parent.length).replace(/^[/\\]/, ""));
      current = parent;
    }
  }
}

/**
 * Refuses a key file inside the data directory: whoever copies the data directory (a backup, a
 * volume snapshot) would hold the key to every secret in it.
 */
export function assertKeyFileOutsideDataDir(keyFile: string, dataDir: string, name: string) {
  if (isInside(keyFile, dataDir)) {
    throw new MasterKeyError(
      `[avala/issuer] the master key file ${resolve(keyFile)} lies inside AVALA_DATA_DIR ` +
        `(${resolve(dataDir)}): a copy of the data directory would decrypt every signing key. ` +
        `Set ${name} to a path outside it.`,
    );
  }
}

/**
 * The 32-byte master key, in this order:
 * 1. `AVALA_MASTER_KEY` (base64), when set;
 * 2. the chosen key file (ISSUER_MASTER_KEY_FILE), created when missing;
 * 3. without a chosen file, a legacy `$AVALA_DATA_DIR/master.key` (read, with a warning: it
 *    must move out of the data directory), else the default key file, created when missing.
 * A created file holds 32 random bytes (base64), mode 0600, in a directory created 0700, by
 * exclusive create: two processes starting together use the same key. A key file left by an
 * unfinished rotation (`<file>.new`) stops start-up until `master-key:rotate` finishes it.
 */
export function loadMasterKey(
  settings: MasterKeySettings,
  options: {
    /** Read the key although `<file>.new` exists (the master key commands). */
    allowPendingRotation?: boolean;
    /** Create a missing key file (default true; the master key commands never do). */
    create?: boolean;
  } = {},
): LoadedMasterKey {
  const legacy = join(resolve(settings.dataDir), LEGACY_MASTER_KEY_FILE);
  const warnings: string[] = [];
  const legacyWarning = (use: string) =>
    `a master key file from an older version sits in the data directory (${legacy}): ${use}`;
  if (settings.masterKey !== undefined) {
    if (existsSync(legacy)) {
      warnings.push(
        legacyWarning(
          "AVALA_MASTER_KEY is used instead. Delete that file once `master-key:check` passes.",
        ),
      );
    }
    return {
      key: decodeMasterKey(settings.masterKey, "AVALA_MASTER_KEY"),
      source: { kind: "environment" },
      warnings,
    };
  }
  const keyFile = masterKeyFileOf(settings);
  assertKeyFileOutsideDataDir(keyFile, settings.dataDir, "ISSUER_MASTER_KEY_FILE");
  const pending = pendingMasterKeyFile(keyFile);
  if (!options.allowPendingRotation && existsSync(pending)) {
    throw new MasterKeyError(
      `[avala/issuer] a master key rotation did not finish (${pending} exists): run ` +
        "`pnpm --filter @avala/issuer master-key:rotate` to finish it before starting the issuer.",
    );
  }
  const keyFileExists = existsSync(keyFile);
  if (existsSync(legacy)) {
    if (settings.masterKeyFile === undefined && !keyFileExists) {
      warnings.push(
        legacyWarning(
          `any copy of the data directory decrypts every signing key. Move it out with ` +
            `\`pnpm --filter @avala/issuer master-key:rotate\` (it writes a new key to ${keyFile} ` +
            "and deletes the old file), or set ISSUER_MASTER_KEY_FILE to a path outside the data " +
            "directory and move the file there.",
        ),
      );
      return {
        key: readKeyFile(legacy, warnings),
        source: { kind: "legacy-file", path: legacy, target: keyFile },
        warnings,
      };
    }
    if (!keyFileExists) {
      throw new MasterKeyError(
        `[avala/issuer] ISSUER_MASTER_KEY_FILE (${keyFile}) does not exist, but the data ` +
          `directory holds the master key of an older version (${legacy}): move that file to ` +
          `${keyFile} (mode 0600) rather than start with a new key that opens nothing stored.`,
      );
    }
    warnings.push(
      legacyWarning(`${keyFile} is used instead. Delete it once \`master-key:check\` passes.`),
    );
  }
  if (keyFileExists) {
    return {
      key: readKeyFile(keyFile, warnings),
      source: { kind: "file", path: keyFile, created: false },
      warnings,
    };
  }
  if (options.create === false) {
    throw new MasterKeyError(
      `[avala/issuer] there is no master key file at ${keyFile} (and AVALA_MASTER_KEY is not set)`,
    );
  }
  let created = false;
  try {
    writeKeyFile(keyFile, randomBytes(32));
    created = true;
  } catch (error) {
    // Another process created it first: use theirs.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") {
      throw new MasterKeyError(
        `[avala/issuer] cannot create the master key file ${keyFile} (${code ?? "error"}): set ` +
          "ISSUER_MASTER_KEY_FILE to a writable path outside the data directory, or AVALA_MASTER_KEY",
        { cause: error },
      );
    }
  }
  return {
    key: readKeyFile(keyFile, warnings),
    source: { kind: "file", path: keyFile, created },
    warnings,
  };
}

/** The one start-up line about the master key: where it is, never what it is. */
export function describeMasterKeySource(source: MasterKeySource): string {
  switch (source.kind) {
    case "environment":
      return "master key: from AVALA_MASTER_KEY";
    case "file":
      return `master key: ${source.path}${source.created ? " (created, mode 0600: back it up, apart from the data)" : ""}`;
    case "legacy-file":
      return `master key: ${source.path} (INSIDE the data directory: move it, see the warning)`;
  }
}

/**
 * Writes a key file: base64 and a newline, mode 0600, exclusive create (fails with EEXIST), synced
 * to disk with its directory; the directory is created 0700 when missing.
 */
export function writeKeyFile(path: string, key: Buffer): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(dir);
}

/** Moves `from` over `to` in one step (same directory), synced to disk. */
export function replaceKeyFile(from: string, to: string): void {
  renameSync(from, to);
  syncDirectory(dirname(to));
}

/** Deletes a key file if it exists, synced to disk. */
export function removeKeyFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return;
  }
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string) {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot sync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a key file; a file that others may read is used, with a warning. */
export function readKeyFile(path: string, warnings: string[] = []): Buffer {
  if ((statSync(path).mode & 0o077) !== 0) {
    warnings.push(`the master key file ${path} can be read by other users: chmod 600 it`);
  }
  return decodeMasterKey(readFileSync(path, "utf8").trim(), path);
}

/** 32 bytes from their base64; the error names where the value came from, never the value. */
export function decodeMasterKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new MasterKeyError(
      `[avala/issuer] the master key in ${where} is not the base64 of 32 bytes`,
    );
  }
  return key;
}
