import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { MasterKeyError, MasterKeyRotationError } from "./errors.js";
import { readKeyFile, removeKeyFile, replaceKeyFile, writeKeyFile } from "./key-file.js";
import {
  type LoadedMasterKey,
  loadMasterKey,
  type MasterKeySettings,
  type MasterKeySource,
  masterKeyFileOf,
} from "./load.js";
import { pendingMasterKeyFile } from "./paths.js";
import type { MasterKeyProfile } from "./profile.js";

/** What a service's check of its stored secrets reports: at least the ones that did not open. */
export interface SecretsCheck<F> {
  failures: F[];
}

export type MasterKeyCheckReport<C> = C & {
  ok: boolean;
  source: MasterKeySource;
  /** A key file left by a rotation that did not finish (`master-key:rotate` finishes it). */
  pendingRotation: string | undefined;
  warnings: string[];
};

/** The rotation file left by an unfinished rotation, if any (never for AVALA_MASTER_KEY). */
export function pendingRotationOf(
  settings: MasterKeySettings,
  loaded: LoadedMasterKey,
): string | undefined {
  if (loaded.source.kind === "environment") return undefined;
  const pending = pendingMasterKeyFile(masterKeyFileOf(settings));
  return existsSync(pending) ? pending : undefined;
}

/**
 * `master-key:check`: opens the stored secrets with the configured key (`check`). Not ok when
 * one does not open, or when a rotation did not finish. Never creates a key file.
 */
export async function checkMasterKeyWith<F, C extends SecretsCheck<F>>(
  profile: MasterKeyProfile,
  settings: MasterKeySettings,
  check: (key: Buffer) => Promise<C>,
): Promise<MasterKeyCheckReport<C>> {
  const loaded = loadMasterKey(profile, settings, { allowPendingRotation: true, create: false });
  const result = await check(loaded.key);
  const pendingRotation = pendingRotationOf(settings, loaded);
  return {
    ...result,
    ok: result.failures.length === 0 && pendingRotation === undefined,
    source: loaded.source,
    pendingRotation,
    warnings: loaded.warnings,
  };
}

/** The start-up error when the master key does not open what the database holds. */
export function masterKeyMismatchError(
  profile: MasterKeyProfile,
  source: MasterKeySource | undefined,
): MasterKeyError {
  const where =
    source === undefined || source.kind === "environment"
      ? "AVALA_MASTER_KEY"
      : `the key file ${source.path}`;
  return new MasterKeyError(
    `${profile.tag} the master key (${where}) does not open the stored ${profile.protects}s: ` +
      "this database was sealed under another key. Restore its key file (or AVALA_MASTER_KEY, " +
      `or ${profile.keyFileVariable}); \`pnpm --filter ${profile.packageName} master-key:check\` ` +
      "lists what opens.",
  );
}

/** The error that rolls a re-sealing transaction back: some secrets do not open now. */
export function unopenedSecretsError<F>(
  profile: MasterKeyProfile,
  failures: F[],
): MasterKeyRotationError<F> {
  return new MasterKeyRotationError(
    `${profile.tag} ${failures.length} stored secret(s) do not open with the current ` +
      "master key: nothing was changed (see `master-key:check`).",
    failures,
  );
}

export interface KeyRotationSteps<F, C extends SecretsCheck<F>, R> {
  profile: MasterKeyProfile;
  settings: MasterKeySettings;
  /** The new key (32 bytes): default random. */
  newKey?: Buffer | undefined;
  /** Receives the new key (base64) when it comes from AVALA_MASTER_KEY; see the README. */
  announceNewKey?: ((base64: string) => void) | undefined;
  /** Opens every stored secret with `key`; lists those that do not open. */
  check(key: Buffer): Promise<C>;
  /** Re-seals every stored secret from `from` to `to` in one transaction; throws to roll back. */
  reseal(from: Buffer, to: Buffer): Promise<R>;
}

export type KeyRotationOutcome<C, R> = {
  /** Where the new key is (file keys); undefined when it must go into AVALA_MASTER_KEY. */
  keyFile: string | undefined;
  /** The older version's key file in the data directory, deleted after the move. */
  removedLegacyFile: string | undefined;
} & ({ resumed: true; check: C } | { resumed: false; result: R });

/**
 * A rotation's key handling around the service's re-sealing transaction: finishes or discards
 * an unfinished one (`<file>.new`), writes the new key to `<file>.new` (or announces it), runs
 * `reseal`, then installs the new key in one rename and deletes a legacy key file.
 */
export async function rotateKeyFile<F, C extends SecretsCheck<F>, R>(
  steps: KeyRotationSteps<F, C, R>,
): Promise<KeyRotationOutcome<C, R>> {
  const { profile, settings } = steps;
  const { tag } = profile;
  const current = loadMasterKey(profile, settings, { allowPendingRotation: true, create: false });
  const keyFile = current.source.kind === "environment" ? undefined : masterKeyFileOf(settings);
  const legacy = current.source.kind === "legacy-file" ? current.source.path : undefined;
  const pending = keyFile === undefined ? undefined : pendingMasterKeyFile(keyFile);

  if (keyFile !== undefined && pending !== undefined && existsSync(pending)) {
    const underPending = await steps.check(readKeyFile(pending, profile.decode));
    if (underPending.failures.length === 0) {
      // The transaction committed, the rename did not happen: finish.
      replaceKeyFile(pending, keyFile);
      if (legacy) removeKeyFile(legacy);
      return { resumed: true, check: underPending, keyFile, removedLegacyFile: legacy };
    }
    const underCurrent = await steps.check(current.key);
    if (underCurrent.failures.length > 0) {
      throw new MasterKeyRotationError(
        `${tag} neither ${keyFile} nor ${pending} opens every stored secret: nothing ` +
          "was changed. Find the key that opens them (`master-key:check`) before rotating.",
        underCurrent.failures,
      );
    }
    // The transaction never committed: the old key still opens everything.
    removeKeyFile(pending);
  }

  const newKey = steps.newKey ?? randomBytes(32);
  if (newKey.length !== 32) throw new MasterKeyError(`${tag} a master key is 32 bytes`);
  if (newKey.equals(current.key)) {
    throw new MasterKeyError(`${tag} the new master key is the current one`);
  }
  if (pending !== undefined) {
    writeKeyFile(pending, newKey);
  } else if (steps.newKey === undefined) {
    if (!steps.announceNewKey) {
      throw new MasterKeyError(
        `${tag} the master key comes from AVALA_MASTER_KEY: give the new key, or a way ` +
          "to hand it to the operator",
      );
    }
    steps.announceNewKey(newKey.toString("base64"));
  }

  let result: R;
  try {
    result = await steps.reseal(current.key, newKey);
  } catch (error) {
    if (pending !== undefined) removeKeyFile(pending);
    throw error;
  }
  if (keyFile !== undefined && pending !== undefined) {
    replaceKeyFile(pending, keyFile);
    if (legacy) removeKeyFile(legacy);
  }
  return { resumed: false, result, keyFile, removedLegacyFile: legacy };
}
