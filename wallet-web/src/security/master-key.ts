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
export const MASTER_KEY_FILE_NAME = "wallet-master.key";
/** Where versions before 0.2 kept the generated key: inside the data directory. */
export const LEGACY_MASTER_KEY_FILE = "wallet-master.key";

/** 64 hex characters or base64 of 32 bytes; the error names the source, never the value. */
export function decodeMasterKey(text: string, source: string): Buffer {
  const key = parseMasterKey(text, "hex-or-base64");
  if (!key) {
    throw new MasterKeyError(
      `${source}: the master key must be 32 bytes (64 hex characters or base64)`,
    );
  }
  return key;
}

/** The wallet's names and wording for `@avala/master-key`. */
export const WALLET_MASTER_KEY: MasterKeyProfile = {
  tag: "[avala/wallet]",
  packageName: "@avala/wallet-web",
  serviceName: "wallet",
  keyFileVariable: "WALLET_MASTER_KEY_FILE",
  legacyFileName: LEGACY_MASTER_KEY_FILE,
  protects: "holder key",
  decode: decodeMasterKey,
};

/** Refuses a key file inside the data directory: a copy of the data would carry its key. */
export function assertKeyFileOutsideDataDir(keyFile: string, dataDir: string): void {
  assertOutside(WALLET_MASTER_KEY, keyFile, dataDir);
}

/**
 * The 32-byte master key: `AVALA_MASTER_KEY` (when non-empty), else WALLET_MASTER_KEY_FILE, else
 * a legacy `$AVALA_DATA_DIR/wallet-master.key` (with a warning), else the default key file,
 * created 0600 when missing. See `loadMasterKey` in `@avala/master-key`.
 */
export function loadMasterKey(
  settings: MasterKeySettings,
  options: LoadMasterKeyOptions = {},
): LoadedMasterKey {
  // The wallet treats an empty AVALA_MASTER_KEY as unset.
  return loadKey(
    WALLET_MASTER_KEY,
    { ...settings, masterKey: settings.masterKey || undefined },
    options,
  );
}

/** Reads a key file; a file that others may read is used, with a warning. */
export function readKeyFile(path: string, warnings: string[] = []): Buffer {
  return readKey(path, decodeMasterKey, warnings);
}
