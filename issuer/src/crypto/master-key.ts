import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEY_FILE = "master.key";

/**
 * The 32-byte master key: from `AVALA_MASTER_KEY` (base64) when set, else `$dataDir/master.key`,
 * created once with mode 0600 (exclusive create, so two processes cannot both write one).
 */
export function loadMasterKey(options: { masterKey?: string; dataDir: string }): Buffer {
  if (options.masterKey !== undefined) return decode(options.masterKey, "AVALA_MASTER_KEY");
  const path = join(options.dataDir, KEY_FILE);
  try {
    return decode(readFileSync(path, "utf8").trim(), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return decode(readFileSync(path, "utf8").trim(), path);
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new TypeError(`[avala/issuer] the master key in ${where} is not the base64 of 32 bytes`);
  }
  return key;
}
