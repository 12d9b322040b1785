import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { MasterKeyError } from "./errors.js";
import { readKeyFile, writeKeyFile } from "./key-file.js";
import { assertKeyFileOutsideDataDir, pendingMasterKeyFile } from "./paths.js";
import type { MasterKeyProfile } from "./profile.js";

/** What a service needs to find its master key. */
export interface MasterKeySettings {
  /** The key's text (AVALA_MASTER_KEY): when set, no file is read or written. */
  masterKey?: string | undefined;
  /** The key file the operator chose (the profile's key file variable), if any. */
  masterKeyFile?: string | undefined;
  /** The key file when none was chosen, e.g. `$XDG_CONFIG_HOME/avala/<service>-master.key`. */
  defaultMasterKeyFile: string;
  dataDir: string;
}

/** Where the master key came from: what start-up prints. Never the key itself. */
export type MasterKeySource =
  | { kind: "environment" }
  | { kind: "file"; path: string; created: boolean }
  /** The legacy file in the data directory of an older deployment; `target` is where it belongs. */
  | { kind: "legacy-file"; path: string; target: string };

export interface LoadedMasterKey {
  key: Buffer;
  source: MasterKeySource;
  /** What the operator must act on (a legacy key file, loose permissions). Never the key. */
  warnings: string[];
}

export interface LoadMasterKeyOptions {
  /** Read the key although `<file>.new` exists (the master key commands). */
  allowPendingRotation?: boolean;
  /** Create a missing key file (default true; the master key commands never do). */
  create?: boolean;
}

/** The key file the settings name (chosen or default), absolute. */
export function masterKeyFileOf(settings: MasterKeySettings): string {
  return resolve(settings.masterKeyFile ?? settings.defaultMasterKeyFile);
}

/**
 * The 32-byte master key, in this order:
 * 1. `AVALA_MASTER_KEY`, when set (not undefined);
 * 2. the chosen key file, created when missing;
 * 3. without a chosen file, a legacy `$AVALA_DATA_DIR/<legacyFileName>` (read, with a warning:
 *    it must move out of the data directory), else the default key file, created when missing.
 * A created file holds 32 random bytes (base64), mode 0600, in a directory created 0700, by
 * exclusive create: two processes starting together use the same key. A key file left by an
 * unfinished rotation (`<file>.new`) stops start-up until `master-key:rotate` finishes it.
 */
export function loadMasterKey(
  profile: MasterKeyProfile,
  settings: MasterKeySettings,
  options: LoadMasterKeyOptions = {},
): LoadedMasterKey {
  const { tag, packageName, keyFileVariable } = profile;
  const legacy = join(resolve(settings.dataDir), profile.legacyFileName);
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
    const key = profile.decode(settings.masterKey, "AVALA_MASTER_KEY");
    return { key, source: { kind: "environment" }, warnings };
  }
  const keyFile = masterKeyFileOf(settings);
  assertKeyFileOutsideDataDir(profile, keyFile, settings.dataDir);
  const pending = pendingMasterKeyFile(keyFile);
  if (!options.allowPendingRotation && existsSync(pending)) {
    throw new MasterKeyError(
      `${tag} a master key rotation did not finish (${pending} exists): run ` +
        `\`pnpm --filter ${packageName} master-key:rotate\` to finish it before starting the ` +
        `${profile.serviceName}.`,
    );
  }
  const read = (path: string) => readKeyFile(path, profile.decode, warnings);
  const keyFileExists = existsSync(keyFile);
  if (existsSync(legacy)) {
    if (settings.masterKeyFile === undefined && !keyFileExists) {
      warnings.push(
        legacyWarning(
          `any copy of the data directory decrypts every ${profile.protects}. Move it out with ` +
            `\`pnpm --filter ${packageName} master-key:rotate\` (it writes a new key to ` +
            `${keyFile} and deletes the old file), or set ${keyFileVariable} to a path ` +
            "outside the data directory and move the file there.",
        ),
      );
      return {
        key: read(legacy),
        source: { kind: "legacy-file", path: legacy, target: keyFile },
        warnings,
      };
    }
    if (!keyFileExists) {
      throw new MasterKeyError(
        `${tag} ${keyFileVariable} (${keyFile}) does not exist, but the data ` +
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
      key: read(keyFile),
      source: { kind: "file", path: keyFile, created: false },
      warnings,
    };
  }
  if (options.create === false) {
    throw new MasterKeyError(
      `${tag} there is no master key file at ${keyFile} (and AVALA_MASTER_KEY is not set)`,
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
        `${tag} cannot create the master key file ${keyFile} (${code ?? "error"}): set ` +
          `${keyFileVariable} to a writable path outside the data directory, or AVALA_MASTER_KEY`,
        { cause: error },
      );
    }
  }
  return { key: read(keyFile), source: { kind: "file", path: keyFile, created }, warnings };
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
