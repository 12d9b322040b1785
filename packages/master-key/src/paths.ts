import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { MasterKeyError } from "./errors.js";
import type { MasterKeyProfile } from "./profile.js";

/** Where a rotation writes the new key before it commits. */
export function pendingMasterKeyFile(keyFile: string): string {
  return `${keyFile}.new`;
}

/** Whether `path` is `dir` or lies below it (symbolic links of existing parts resolved). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(realPathOfExisting(resolve(dir)), realPathOfExisting(resolve(path)));
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
 * volume snapshot) would hold the key to every secret in it. `variable` is what the operator
 * sets instead (default: the profile's key file variable).
 */
export function assertKeyFileOutsideDataDir(
  profile: MasterKeyProfile,
  keyFile: string,
  dataDir: string,
  variable: string = profile.keyFileVariable,
): void {
  if (isInside(keyFile, dataDir)) {
    throw new MasterKeyError(
      `${profile.tag} the master key file ${resolve(keyFile)} lies inside AVALA_DATA_DIR ` +
        `(${resolve(dataDir)}): a copy of the data directory would decrypt every ` +
        `${profile.protects}. Set ${variable} to a path outside it.`,
    );
  }
}
