import {
  assertKeyFileOutsideDataDir as assertOutside,
  type LoadedMasterKey,
  type LoadMasterKeyOptions,
  loadMasterKey as loadKey,
  MasterKeyError,
  type MasterKeyProfile,
  type MasterKeySettings,
  parseMasterKey,
  readKeyFile as readKey,
} from "@avala/master-key";

export {
  describeMasterKeySource,
  isInside,
  type LoadedMasterKey,
  MasterKeyError,
  type MasterKeySettings,
  type MasterKeySource,
  masterKeyFileOf,
  pendingMasterKeyFile,
  removeKeyFile,
  replaceKeyFile,
  writeKeyFile,
} from "@avala/master-key";

/** The key file's name in its default directory (`$XDG_CONFIG_HOME/avala`). */
export const MASTER_KEY_FILE_NAME = "issuer-master.key";
/** Where versions before 0.2 kept the generated key: inside the data directory. */
export const LEGACY_MASTER_KEY_FILE = "master.key";

/** 32 bytes from their base64; the error names where the value came from, never the value. */
export function decodeMasterKey(text: string, where: string): Buffer {
  const key = parseMasterKey(text, "base64");
  if (!key) {
    throw new MasterKeyError(
      `[avala/issuer] the master key in ${where} is not the base64 of 32 bytes`,
    );
  }
  return key;
}

/** The issuer's names and wording for `@avala/master-key`. */
export const ISSUER_MASTER_KEY: MasterKeyProfile = {
  tag: "[avala/issuer]",
  packageName: "@avala/issuer",
  serviceName: "issuer",
  keyFileVariable: "ISSUER_MASTER_KEY_FILE",
  legacyFileName: LEGACY_MASTER_KEY_FILE,
  protects: "signing key",
  decode: decodeMasterKey,
};

/** Refuses a key file inside the data directory (`name`: the variable to set instead). */
export function assertKeyFileOutsideDataDir(keyFile: string, dataDir: string, name: string) {
  assertOutside(ISSUER_MASTER_KEY, keyFile, dataDir, name);
}

/**
 * The 32-byte master key: `AVALA_MASTER_KEY` (base64), else ISSUER_MASTER_KEY_FILE, else a
 * legacy `$AVALA_DATA_DIR/master.key` (with a warning), else the default key file, created
 * 0600 when missing. See `loadMasterKey` in `@avala/master-key`.
 */
export function loadMasterKey(
  settings: MasterKeySettings,
  options: LoadMasterKeyOptions = {},
): LoadedMasterKey {
  return loadKey(ISSUER_MASTER_KEY, settings, options);
}

/** Reads a key file; a file that others may read is used, with a warning. */
export function readKeyFile(path: string, warnings: string[] = []): Buffer {
  return readKey(path, decodeMasterKey, warnings);
}
