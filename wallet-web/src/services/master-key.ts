import {
  checkMasterKeyWith,
  type MasterKeyCheckReport,
  MasterKeyRotationError,
  masterKeyMismatchError,
  rotateKeyFile,
  unopenedSecretsError,
} from "@avala/master-key";
import type { WalletDb } from "../db/repositories.js";
import { deriveWalletKeys, open, seal, type WalletKeys } from "../security/keys.js";
import {
  type MasterKeySettings,
  type MasterKeySource,
  WALLET_MASTER_KEY,
} from "../security/master-key.js";
import { holderKeyContext } from "./holder-key.js";
import { tokenContext } from "./shares.js";

export { MasterKeyRotationError };

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

export type MasterKeyCheck = MasterKeyCheckReport<StoredSecretsCheck>;

/** `master-key:check`: whether the configured master key opens every stored secret. */
export async function checkMasterKey(options: {
  settings: MasterKeySettings;
  db: WalletDb;
}): Promise<MasterKeyCheck> {
  return checkMasterKeyWith(WALLET_MASTER_KEY, walletSettings(options.settings), (key) =>
    checkStoredSecrets(options.db, deriveWalletKeys(key)),
  );
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
    throw masterKeyMismatchError(WALLET_MASTER_KEY, source);
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

/**
 * `master-key:rotate`: re-seals every holder key and share token under a new master key in one
 * transaction (all or nothing, on SQLite and PostgreSQL), then installs the new key: first
 * written beside the key file (`<file>.new`, 0600, synced), then the commit, then one rename.
 * A crash before the commit leaves the old key working (a rerun discards `<file>.new`); after
 * it, start-up refuses until a rerun installs `<file>.new`. A key read from the data directory
 * (older versions) moves out: the new key goes to the configured key file, the old file is
 * deleted. With AVALA_MASTER_KEY, `announceNewKey` gets the new key before the transaction.
 * (The key file steps are `rotateKeyFile` of `@avala/master-key`.)
 *
 * Share links and holder DIDs do not change (the tokens and keys are the same, sealed anew).
 * Run it with the wallet stopped: a running wallet keeps the old key in memory.
 */
export async function rotateMasterKey(options: RotateMasterKeyOptions): Promise<MasterKeyRotation> {
  const { db } = options;
  const outcome = await rotateKeyFile({
    profile: WALLET_MASTER_KEY,
    settings: walletSettings(options.settings),
    newKey: options.newKey,
    announceNewKey: options.announceNewKey,
    check: (key) => checkStoredSecrets(db, deriveWalletKeys(key)),
    reseal: (from, to) => resealAll(db, deriveWalletKeys(from), deriveWalletKeys(to)),
  });
  const { keyFile, removedLegacyFile } = outcome;
  if (outcome.resumed) {
    const { holderKeys, shareTokens } = outcome.check;
    return { resumed: true, holderKeys, shareTokens, keyFile, removedLegacyFile };
  }
  return { resumed: false, ...outcome.result, keyFile, removedLegacyFile };
}

/** The wallet treats an empty AVALA_MASTER_KEY as unset. */
function walletSettings(settings: MasterKeySettings): MasterKeySettings {
  return { ...settings, masterKey: settings.masterKey || undefined };
}

/** Re-seals every stored secret from `from` to `to` in one transaction (rolled back on failure). */
function resealAll(
  db: WalletDb,
  from: WalletKeys,
  to: WalletKeys,
): Promise<{ holderKeys: number; shareTokens: number }> {
  return db.transaction().execute(async (trx) => {
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
    // Rolls the whole transaction back: a secret that does not open now never will.
    if (failures.length > 0) throw unopenedSecretsError(WALLET_MASTER_KEY, failures);
    return { holderKeys, shareTokens };
  });
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
