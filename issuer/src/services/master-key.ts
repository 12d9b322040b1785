import {
  checkMasterKeyWith,
  type MasterKeyCheckReport,
  MasterKeyRotationError,
  masterKeyMismatchError,
  rotateKeyFile,
  unopenedSecretsError,
} from "@avala/master-key";
import type { Kysely } from "kysely";
import type { IssuerConfig } from "../config.js";
import { ISSUER_MASTER_KEY, type MasterKeySource } from "../crypto/master-key.js";
import { deriveIssuerSecrets, type IssuerSecrets } from "../crypto/secret-box.js";
import { hashToken } from "../crypto/tokens.js";
import type { IssuerTables } from "../db/schema.js";
import { sealCurpAad } from "./batches.js";
import { signingKeyAssociatedData } from "./keys.js";

export { MasterKeyRotationError };

type Db = Kysely<IssuerTables>;

/**
 * Operators' master key commands (`master-key:check`, `master-key:rotate`; the CLI is
 * `src/cli/master-key.ts`). What the master key protects at rest: every organisation's signing
 * key and the CURPs of batch rows not yet processed. Both are sealed under keys derived from
 * it, so both are what a check opens and what a rotation re-encrypts.
 */

/** A stored secret that the key in use does not open. */
export interface StoredSecretFailure {
  kind: "signing-key" | "batch-row";
  /** The signing key's id (as `GET /orgs/:slug/keys` lists it), or `<batch id>:<line>`. */
  id: string;
  /** The organisation (signing keys) or the batch (rows). */
  owner: string;
}

export interface StoredSecretsCheck {
  signingKeys: number;
  batchRows: number;
  failures: StoredSecretFailure[];
}

const CHUNK = 500;

/** Opens every stored secret with `secrets`; lists those that do not open. */
export async function checkStoredSecrets(
  db: Db,
  secrets: IssuerSecrets,
): Promise<StoredSecretsCheck> {
  const result: StoredSecretsCheck = { signingKeys: 0, batchRows: 0, failures: [] };
  await forEachSealed(db, {
    signingKey(row) {
      result.signingKeys++;
      try {
        openSigningKey(secrets, row);
      } catch {
        result.failures.push({ kind: "signing-key", id: row.key_id, owner: row.slug });
      }
    },
    batchRow(row) {
      result.batchRows++;
      try {
        openBatchRow(secrets, row);
      } catch {
        result.failures.push(batchRowFailure(row));
      }
    },
  });
  return result;
}

export type MasterKeyCheck = MasterKeyCheckReport<StoredSecretsCheck>;

/**
 * `master-key:check`: whether the configured master key opens every stored secret. Not ok when
 * one does not open, or when a rotation did not finish.
 */
export async function checkMasterKey(options: {
  config: IssuerConfig;
  db: Db;
}): Promise<MasterKeyCheck> {
  return checkMasterKeyWith(ISSUER_MASTER_KEY, options.config, (key) =>
    checkStoredSecrets(options.db, deriveIssuerSecrets(key)),
  );
}

/**
 * At start-up: the master key must open the stored signing keys. A key file that was lost (a
 * home directory that did not survive a redeploy) would otherwise be replaced by a new key
 * silently, and every signature would fail. One key is opened: the newest.
 */
export async function assertMasterKeyOpensStoredKeys(
  db: Db,
  secrets: IssuerSecrets,
  source: MasterKeySource,
): Promise<void> {
  const newest = await signingKeyQuery(db).orderBy("k.id", "desc").limit(1).executeTakeFirst();
  if (!newest) return;
  try {
    openSigningKey(secrets, newest);
  } catch {
    throw masterKeyMismatchError(ISSUER_MASTER_KEY, source);
  }
}

export interface RotateMasterKeyOptions {
  config: IssuerConfig;
  db: Db;
  /** The new key (32 bytes): default random. With AVALA_MASTER_KEY, e.g. AVALA_NEW_MASTER_KEY. */
  newKey?: Buffer;
  /**
   * Receives the new key (base64) when it cannot be written to a file because the current one
   * comes from AVALA_MASTER_KEY: called before anything changes, so a crash never leaves the
   * database sealed under a key nobody has. Required then, unless `newKey` is given.
   */
  announceNewKey?: (base64: string) => void;
  now?: () => Date;
}

export interface MasterKeyRotation {
  /** The rotation finished one that a crash interrupted (its key was installed, none made). */
  resumed: boolean;
  signingKeys: number;
  batchRows: number;
  /** Where the new key is (file keys); undefined when it must go into AVALA_MASTER_KEY. */
  keyFile: string | undefined;
  /** The older version's `$AVALA_DATA_DIR/master.key`, deleted after the move. */
  removedLegacyFile: string | undefined;
  /** Unclaimed, unexpired claim offers: their links changed (the API shows the new ones). */
  openClaimOffers: number;
  /** The demo admin token derived from the old key was revoked (it is derivable from it). */
  demoTokenRevoked: boolean;
}

/**
 * `master-key:rotate`: re-encrypts every stored secret under a new master key, in one
 * transaction (all or nothing, on SQLite and PostgreSQL), then installs the new key.
 *
 * With a key file, the new key is first written next to it (`<file>.new`, 0600, synced), then
 * the transaction commits, then `<file>.new` replaces the file in one rename. A crash before
 * the commit leaves the old key working (a rerun discards `<file>.new`); a crash after it
 * leaves the new key in `<file>.new`, which start-up refuses until a rerun installs it. A key
 * read from the data directory (older versions) moves out: the new key goes to the configured
 * key file and the old file is deleted. (The key file steps are `rotateKeyFile` of
 * `@avala/master-key`.)
 *
 * With AVALA_MASTER_KEY, `announceNewKey` receives the new key before the transaction; the
 * operator sets it in place of the old one.
 *
 * Links and values derived from the master key change with it: open claim links (the API
 * returns the new ones), the derived demo token (revoked; the demo seed makes a new one) and
 * the CURP HMACs of credentials issued before (kept as they are: the CURP itself is not stored,
 * so they cannot be recomputed; nothing looks them up today).
 *
 * Run it with the issuer stopped: a running issuer keeps the old key in memory.
 */
export async function rotateMasterKey(options: RotateMasterKeyOptions): Promise<MasterKeyRotation> {
  const { config, db } = options;
  const now = options.now ?? (() => new Date());
  const outcome = await rotateKeyFile({
    profile: ISSUER_MASTER_KEY,
    settings: config,
    newKey: options.newKey,
    announceNewKey: options.announceNewKey,
    check: (key) => checkStoredSecrets(db, deriveIssuerSecrets(key)),
    reseal: (from, to) =>
      resealAll(db, deriveIssuerSecrets(from), deriveIssuerSecrets(to), config, now),
  });
  const counts = outcome.resumed
    ? {
        signingKeys: outcome.check.signingKeys,
        batchRows: outcome.check.batchRows,
        demoTokenRevoked: false,
      }
    : outcome.result;
  return {
    resumed: outcome.resumed,
    ...counts,
    keyFile: outcome.keyFile,
    removedLegacyFile: outcome.removedLegacyFile,
    openClaimOffers: await countOpenOffers(db, now()),
  };
}

/** Re-seals every stored secret from `from` to `to` in one transaction (rolled back on failure). */
function resealAll(
  db: Db,
  from: IssuerSecrets,
  to: IssuerSecrets,
  config: IssuerConfig,
  now: () => Date,
): Promise<{ signingKeys: number; batchRows: number; demoTokenRevoked: boolean }> {
  return db.transaction().execute(async (trx) => {
    const failures: StoredSecretFailure[] = [];
    let signingKeys = 0;
    let batchRows = 0;
    await forEachSealed(trx, {
      async signingKey(row) {
        let secret: string;
        try {
          secret = openSigningKey(from, row);
        } catch {
          failures.push({ kind: "signing-key", id: row.key_id, owner: row.slug });
          return;
        }
        const sealed = to.signingKeys.seal(
          secret,
          signingKeyAssociatedData(row.organisation_id, row.key_id),
        );
        await trx
          .updateTable("issuer_signing_key")
          .set({ secret_ciphertext: sealed.ciphertext, secret_iv: sealed.iv })
          .where("id", "=", row.id)
          .execute();
        signingKeys++;
      },
      async batchRow(row) {
        let curp: string;
        try {
          curp = openBatchRow(from, row);
        } catch {
          failures.push(batchRowFailure(row));
          return;
        }
        await trx
          .updateTable("issuer_batch_row")
          .set({
            learner_curp_sealed: to.pendingRows.sealText(curp, sealCurpAad(row.batch_id, row.line)),
          })
          .where("id", "=", row.id)
          .execute();
        batchRows++;
      },
    });
    // Rolls the whole transaction back: a secret that does not open now never will.
    if (failures.length > 0) throw unopenedSecretsError(ISSUER_MASTER_KEY, failures);
    let demoTokenRevoked = false;
    if (config.demoToken === undefined) {
      const revoked = await trx
        .updateTable("issuer_api_token")
        .set({ revoked_at: now().toISOString() })
        .where("token_hash", "=", hashToken(from.derivedDemoToken()))
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      demoTokenRevoked = Number(revoked.numUpdatedRows) > 0;
    }
    return { signingKeys, batchRows, demoTokenRevoked };
  });
}

interface SealedSigningKey {
  id: number;
  key_id: string;
  organisation_id: number;
  slug: string;
  secret_ciphertext: string;
  secret_iv: string;
}

interface SealedBatchRow {
  id: number;
  batch_id: number;
  batch: string;
  line: number;
  learner_curp_sealed: string;
}

function openSigningKey(secrets: IssuerSecrets, row: SealedSigningKey): string {
  return secrets.signingKeys.open(
    { ciphertext: row.secret_ciphertext, iv: row.secret_iv },
    signingKeyAssociatedData(row.organisation_id, row.key_id),
  );
}

function openBatchRow(secrets: IssuerSecrets, row: SealedBatchRow): string {
  return secrets.pendingRows.openText(row.learner_curp_sealed, sealCurpAad(row.batch_id, row.line));
}

function batchRowFailure(row: SealedBatchRow): StoredSecretFailure {
  return { kind: "batch-row", id: `${row.batch}:${row.line}`, owner: row.batch };
}

function signingKeyQuery(db: Db) {
  return db
    .selectFrom("issuer_signing_key as k")
    .innerJoin("issuer_organisation as o", "o.id", "k.organisation_id")
    .select([
      "k.id",
      "k.key_id",
      "k.organisation_id",
      "o.slug",
      "k.secret_ciphertext",
      "k.secret_iv",
    ]);
}

/** Every sealed value, in id order and in chunks (a batch may hold 100,000 pending rows). */
async function forEachSealed(
  db: Db,
  visit: {
    signingKey(row: SealedSigningKey): void | Promise<void>;
    batchRow(row: SealedBatchRow): void | Promise<void>;
  },
): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await signingKeyQuery(db)
      .where("k.id", ">", after)
      .orderBy("k.id")
      .limit(CHUNK)
      .execute();
    for (const row of rows) await visit.signingKey(row);
    if (rows.length < CHUNK) break;
    after = rows.at(-1)!.id;
  }
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom("issuer_batch_row as r")
      .innerJoin("issuer_batch as b", "b.id", "r.batch_id")
      .select(["r.id", "r.batch_id", "b.public_id as batch", "r.line", "r.learner_curp_sealed"])
      .where("r.learner_curp_sealed", "is not", null)
      .where("r.id", ">", after)
      .orderBy("r.id")
      .limit(CHUNK)
      .execute();
    for (const row of rows) {
      await visit.batchRow({ ...row, learner_curp_sealed: row.learner_curp_sealed! });
    }
    if (rows.length < CHUNK) break;
    after = rows.at(-1)!.id;
  }
}

async function countOpenOffers(db: Db, now: Date): Promise<number> {
  const row = await db
    .selectFrom("issuer_claim_offer")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("claimed_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
