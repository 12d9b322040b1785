import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import type { WalletDb } from "../db/repositories.js";
import { deriveWalletKeys, open, seal, type WalletKeys } from "../security/keys.js";
import {
  type LoadedMasterKey,
  loadMasterKey,
  MasterKeyError,
  type MasterKeySettings,
  type MasterKeySource,
  masterKeyFileOf,
  pendingMasterKeyFile,
  readKeyFile,
  removeKeyFile,
  replaceKeyFile,
  writeKeyFile,
} from "../security/master-key.js";
import { holderKeyContext } from "./holder-key.js";
import { tokenContext } from "./shares.js";

/**
 * Operators' master key commands (`master-key:check`, `master-key:rotate`; the CLI is
 * `src/cli/master-key.ts`). What the master key protects at rest: every account's holder key
 * and every share link's token, sealed under a key derived from it. (It also keys the CSRF
 * tokens, which are not stored: a rotation makes forms open at that moment send again.)
 */

/** A stored secret that the key in use does not open. */
export interface StoredSecretFailure {
  kind: "holder-key" | "share-token";
  /** The account's public id (holder keys) or the share's public id. */
  id: string;
}

export interface StoredSecretsCheck {
  holderKeys: number;
  shareTokens: number;
  failures: StoredSecretFailure[];
}

const CHUNK = 500;

/** Opens every stored secret with `keys`; lists those that do not open. */
export async function checkStoredSecrets(
  db: WalletDb,
  keys: WalletKeys,
): Promise<StoredSecretsCheck> {
  const result: StoredSecretsCheck = { holderKeys: 0, shareTokens: 0, failures: [] };
  await forEachSealed(db, (item) => {
    if (item.kind === "holder-key") result.holderKeys++;
    else result.shareTokens++;
    try {
      open(keys.sealKey, item.sealed, item.context);
    } catch {
      result.failures.push({ kind: item.kind, id: item.publicId });
    }
  });
  return result;
}

export interface MasterKeyCheck extends StoredSecretsCheck {
  ok: boolean;
  source: MasterKeySource;
  /** A key file left by a rotation that did not finish (`master-key:rotate` finishes it). */
  pendingRotation: string | undefined;
  warnings: string[];
}

/** `master-key:check`: whether the configured master key opens every stored secret. */
export async function checkMasterKey(options: {
  settings: MasterKeySettings;
  db: WalletDb;
}): Promise<MasterKeyCheck> {
  const loaded = loadMasterKey(options.settings, { allowPendingRotation: true, create: false });
  const result = await checkStoredSecrets(options.db, deriveWalletKeys(loaded.key));
  const pendingRotation = pendingFileOf(options.settings, loaded);
  return {
    ...result,
    ok: result.failures.length === 0 && pendingRotation === undefined,
    source: loaded.source,
    pendingRotation,
    warnings: loaded.warnings,
  };
}

/**
 * At start-up: the master key must open the stored holder keys. A lost key file (a home
 * directory that did not survive a redeploy) would otherwise be replaced by a new key silently
 * and no holder could sign again. One key is opened: the newest account's.
 */
export async function assertMasterKeyOpensStoredKeys(
  db: WalletDb,
  keys: WalletKeys,
  source: MasterKeySource | undefined,
): Promise<void> {
  const newest = await db
    .selectFrom("wallet_account")
    .select(["public_id", "holder_secret_sealed"])
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!newest) return;
  try {
    open(keys.sealKey, newest.holder_secret_sealed, holderKeyContext(newest.public_id));
  } catch {
    const where =
      source === undefined || source.kind === "environment"
        ? "AVALA_MASTER_KEY"
        : `the key file ${source.path}`;
    throw new MasterKeyError(
      `[avala/wallet] the master key (${where}) does not open the stored holder keys: this ` +
        "database was sealed under another key. Restore its key file (or AVALA_MASTER_KEY, or " +
        "WALLET_MASTER_KEY_FILE); `pnpm --filter @avala/wallet-web master-key:check` lists what opens.",
    );
  }
}

export interface RotateMasterKeyOptions {
  settings: MasterKeySettings;
  db: WalletDb;
  /** The new key (32 bytes): default random. With AVALA_MASTER_KEY, e.g. AVALA_NEW_MASTER_KEY. */
  newKey?: Buffer;
  /**
   * Receives the new key (base64) when the current one comes from AVALA_MASTER_KEY: called
   * before anything changes. Required then, unless `newKey` is given.
   */
  announceNewKey?: (base64: string) => void;
}

export interface MasterKeyRotation {
  /** The rotation finished one that a crash interrupted (its key was installed, none made). */
  resumed: boolean;
  holderKeys: number;
  shareTokens: number;
  /** Where the new key is (file keys); undefined when it must go into AVALA_MASTER_KEY. */
  keyFile: string | undefined;
  /** The older version's `$AVALA_DATA_DIR/wallet-master.key`, deleted after the move. */
  removedLegacyFile: string | undefined;
}

export class MasterKeyRotationError extends MasterKeyError {
  override name = "MasterKeyRotationError";
  constructor(
    message: string,
    readonly failures: StoredSecretFailure[] = [],
  ) {
    super(message);
  }
}

/**
 * `master-key:rotate`: re-seals every holder key and share token under a new master key in one
 * transaction (all or nothing, on SQLite and PostgreSQL), then installs the new key: first
 * written beside the key file (`<file>.new`, 0600, synced), then the commit, then one rename.
 * A crash before the commit leaves the old key working (a rerun discards `<file>.new`); after
 * it, start-up refuses until a rerun installs `<file>.new`. A key read from the data directory
 * (older versions) moves out: the new key goes to the configured key file, the old file is
 * deleted. With AVALA_MASTER_KEY, `announceNewKey` gets the new key before the transaction.
 *
 * Share links and holder DIDs do not change (the tokens and keys are the same, sealed anew).
 * Run it with the wallet stopped: a running wallet keeps the old key in memory.
 */
export async function rotateMasterKey(options: RotateMasterKeyOptions): Promise<MasterKeyRotation> {
  const { settings, db } = options;
  const current = loadMasterKey(settings, { allowPendingRotation: true, create: false });
  const keyFile = current.source.kind === "environment" ? undefined : masterKeyFileOf(settings);
  const legacy = current.source.kind === "legacy-file" ? current.source.path : undefined;
  const pending = keyFile === undefined ? undefined : pendingMasterKeyFile(keyFile);

  if (keyFile !== undefined && pending !== undefined && existsSync(pending)) {
    const underPending = await checkStoredSecrets(db, deriveWalletKeys(readKeyFile(pending)));
    if (underPending.failures.length === 0) {
      // The transaction committed, the rename did not happen: finish.
      replaceKeyFile(pending, keyFile);
      if (legacy) removeKeyFile(legacy);
      return {
        resumed: true,
        holderKeys: underPending.holderKeys,
        shareTokens: underPending.shareTokens,
        keyFile,
        removedLegacyFile: legacy,
      };
    }
    const underCurrent = await checkStoredSecrets(db, deriveWalletKeys(current.key));
    if (underCurrent.failures.length > 0) {
      throw new MasterKeyRotationError(
        `[avala/wallet] neither ${keyFile} nor ${pending} opens every stored secret: nothing ` +
          "was changed. Find the key that opens them (`master-key:check`) before rotating.",
        underCurrent.failures,
      );
    }
    // The transaction never committed: the old key still opens everything.
    removeKeyFile(pending);
  }

  const newKey = options.newKey ?? randomBytes(32);
  if (newKey.length !== 32) throw new MasterKeyError("[avala/wallet] a master key is 32 bytes");
  if (newKey.equals(current.key)) {
    throw new MasterKeyError("[avala/wallet] the new master key is the current one");
  }
  if (pending !== undefined) {
    writeKeyFile(pending, newKey);
  } else if (options.newKey === undefined) {
    if (!options.announceNewKey) {
      throw new MasterKeyError(
        "[avala/wallet] the master key comes from AVALA_MASTER_KEY: give the new key, or a way " +
          "to hand it to the operator",
      );
    }
    options.announceNewKey(newKey.toString("base64"));
  }

  const from = deriveWalletKeys(current.key);
  const to = deriveWalletKeys(newKey);
  let counts: { holderKeys: number; shareTokens: number };
  try {
    counts = await db.transaction().execute(async (trx) => {
      const failures: StoredSecretFailure[] = [];
      let holderKeys = 0;
      let shareTokens = 0;
      await forEachSealed(trx, async (item) => {
        let secret: string;
        try {
          secret = open(from.sealKey, item.sealed, item.context);
        } catch {
          failures.push({ kind: item.kind, id: item.publicId });
          return;
        }
        const sealed = seal(to.sealKey, secret, item.context);
        if (item.kind === "holder-key") {
          await trx
            .updateTable("wallet_account")
            .set({ holder_secret_sealed: sealed })
            .where("id", "=", item.id)
            .execute();
          holderKeys++;
        } else {
          await trx
            .updateTable("wallet_share")
            .set({ token_sealed: sealed })
            .where("id", "=", item.id)
            .execute();
          shareTokens++;
        }
      });
      if (failures.length > 0) {
        // Rolls the whole transaction back: a secret that does not open now never will.
        throw new MasterKeyRotationError(
          `[avala/wallet] ${failures.length} stored secret(s) do not open with the current ` +
            "master key: nothing was changed (see `master-key:check`).",
          failures,
        );
      }
      return { holderKeys, shareTokens };
    });
  } catch (error) {
    if (pending !== undefined) removeKeyFile(pending);
    throw error;
  }
  if (keyFile !== undefined && pending !== undefined) {
    replaceKeyFile(pending, keyFile);
    if (legacy) removeKeyFile(legacy);
  }
  return { resumed: false, ...counts, keyFile, removedLegacyFile: legacy };
}

function pendingFileOf(settings: MasterKeySettings, loaded: LoadedMasterKey): string | undefined {
  if (loaded.source.kind === "environment") return undefined;
  const pending = pendingMasterKeyFile(masterKeyFileOf(settings));
  return existsSync(pending) ? pending : undefined;
}

interface SealedItem {
  kind: StoredSecretFailure["kind"];
  /** The row's id. */
  id: number;
  publicId: string;
  sealed: string;
  context: string;
}

/** Every sealed value, in id order and in chunks. */
async function forEachSealed(
  db: WalletDb,
  visit: (item: SealedItem) => void | Promise<void>,
): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom("wallet_account")
      .select(["id", "public_id", "holder_secret_sealed"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(CHUNK)
      .execute();
    for (const row of rows) {
      await visit({
        kind: "holder-key",
        id: row.id,
        publicId: row.public_id,
        sealed: row.holder_secret_sealed,
        context: holderKeyContext(row.public_id),
      });
    }
    if (rows.length < CHUNK) break;
    after = rows.at(-1)!.id;
  }
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom("wallet_share")
      .select(["id", "public_id", "token_sealed"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(CHUNK)
      .execute();
    for (const row of rows) {
      await visit({
        kind: "share-token",
        id: row.id,
        publicId: row.public_id,
        sealed: row.token_sealed,
        context: tokenContext(row),
      });
    }
    if (rows.length < CHUNK) break;
    after = rows.at(-1)!.id;
  }
}
