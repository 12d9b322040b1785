import { isUniqueViolation } from "@avala/db";
import type { Insertable, Kysely, Selectable } from "kysely";
import type { AccountTable, CredentialTable, ShareTable, WalletTables } from "./tables.js";

/**
 * The wallet's repositories: functions of `db` (a Kysely instance or a transaction). Every query
 * on credentials and shares takes the owning account's id: there is no function that reads
 * another account's rows, which is how tenants stay apart.
 */
export type WalletDb = Kysely<WalletTables>;
export type Account = Selectable<AccountTable>;
export type StoredCredential = Selectable<CredentialTable>;
export type Share = Selectable<ShareTable>;

// ---------- accounts ----------

export type NewAccount = Omit<Account, "id">;

/** Inserts an account; `undefined` when the e-mail (or DID) is taken. */
export async function insertAccount(db: WalletDb, account: NewAccount) {
  try {
    return await db
      .insertInto("wallet_account")
      .values(account)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

export function findAccountByEmail(db: WalletDb, email: string) {
  return db.selectFrom("wallet_account").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findAccountById(db: WalletDb, id: number) {
  return db.selectFrom("wallet_account").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countAccounts(db: WalletDb): Promise<number> {
  const row = await db
    .selectFrom("wallet_account")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------- sessions ----------

export async function insertSession(
  db: WalletDb,
  session: { id_hash: string; account_id: number; created_at: string; expires_at: string },
) {
  await db.insertInto("wallet_session").values(session).execute();
}

/** The session's account, if the session exists and has not expired at `now`. */
export async function findSessionAccount(db: WalletDb, idHash: string, now: Date) {
  const row = await db
    .selectFrom("wallet_session")
    .innerJoin("wallet_account", "wallet_account.id", "wallet_session.account_id")
    .selectAll("wallet_account")
    .select(["wallet_session.expires_at as session_expires_at"])
    .where("wallet_session.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.session_expires_at <= now.toISOString()) {
    await deleteSession(db, idHash);
    return undefined;
  }
  const { session_expires_at, ...account } = row;
  return { account: account as Account, expiresAt: session_expires_at };
}

export async function deleteSession(db: WalletDb, idHash: string) {
  await db.deleteFrom("wallet_session").where("id_hash", "=", idHash).execute();
}

export async function deleteExpiredSessions(db: WalletDb, now: Date) {
  await db.deleteFrom("wallet_session").where("expires_at", "<=", now.toISOString()).execute();
}

// ---------- credentials ----------

export type NewCredential = Insertable<CredentialTable>;

/** Stores a credential; `undefined` when this account already holds one with the same key. */
export async function insertCredential(db: WalletDb, credential: NewCredential) {
  const row = await db
    .insertInto("wallet_credential")
    .values(credential)
    .onConflict((oc) => oc.columns(["account_id", "credential_key"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row;
}

export function findCredentialByKey(db: WalletDb, accountId: number, key: string) {
  return db
    .selectFrom("wallet_credential")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("credential_key", "=", key)
    .executeTakeFirst();
}

export function findCredential(db: WalletDb, accountId: number, publicId: string) {
  return db
    .selectFrom("wallet_credential")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export function listCredentials(db: WalletDb, accountId: number) {
  return db
    .selectFrom("wallet_credential")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("issued_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The account's credentials among `publicIds`, in the order asked for; unknown ids are dropped. */
export async function findCredentials(db: WalletDb, accountId: number, publicIds: string[]) {
  if (publicIds.length === 0) return [];
  const rows = await db
    .selectFrom("wallet_credential")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("public_id", "in", publicIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.public_id, r]));
  return publicIds.map((id) => byId.get(id)).filter((r): r is StoredCredential => !!r);
}

export async function updateCredentialCheck(
  db: WalletDb,
  accountId: number,
  id: number,
  check: { verdict: string; trust: string; checked_at: string },
) {
  await db
    .updateTable("wallet_credential")
    .set(check)
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .execute();
}

/** Keeps a credential's compact QR edition (JSON). */
export async function setCompactDocument(
  db: WalletDb,
  accountId: number,
  id: number,
  compactDocument: string,
) {
  await db
    .updateTable("wallet_credential")
    .set({ compact_document: compactDocument })
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .execute();
}

export async function deleteCredential(db: WalletDb, accountId: number, publicId: string) {
  const result = await db
    .deleteFrom("wallet_credential")
    .where("account_id", "=", accountId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---------- shares ----------

export type NewShare = Omit<Share, "id" | "view_count" | "last_viewed_at" | "revoked_at">;

/** Creates a share of the given credentials (already checked to be the account's), in order. */
export async function insertShare(db: WalletDb, share: NewShare, credentialIds: number[]) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("wallet_share")
      .values({ ...share, view_count: 0, last_viewed_at: null, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("wallet_share_credential")
      .values(
        credentialIds.map((credential_id, position) => ({
          share_id: row.id,
          credential_id,
          position,
        })),
      )
      .execute();
    return row;
  });
}

export function listShares(db: WalletDb, accountId: number) {
  return db
    .selectFrom("wallet_share")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export function findShare(db: WalletDb, accountId: number, publicId: string) {
  return db
    .selectFrom("wallet_share")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

/** For the public link: the share whose token hashes to `tokenHash`, whoever owns it. */
export function findShareByTokenHash(db: WalletDb, tokenHash: string) {
  return db
    .selectFrom("wallet_share")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** The credentials of a share, in order; only the share owner's (joined on account). */
export function shareCredentials(db: WalletDb, share: Pick<Share, "id" | "account_id">) {
  return db
    .selectFrom("wallet_share_credential")
    .innerJoin("wallet_credential", "wallet_credential.id", "wallet_share_credential.credential_id")
    .selectAll("wallet_credential")
    .where("wallet_share_credential.share_id", "=", share.id)
    .where("wallet_credential.account_id", "=", share.account_id)
    .orderBy("wallet_share_credential.position")
    .execute();
}

/** How many shares of the account include each of the account's credentials. */
export async function shareCountsByCredential(db: WalletDb, accountId: number) {
  const rows = await db
    .selectFrom("wallet_share_credential")
    .innerJoin("wallet_share", "wallet_share.id", "wallet_share_credential.share_id")
    .select(["wallet_share_credential.credential_id as credential_id"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("wallet_share.account_id", "=", accountId)
    .groupBy("wallet_share_credential.credential_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.credential_id), Number(r.n)]));
}

export async function recordShareView(db: WalletDb, shareId: number, at: Date) {
  await db
    .updateTable("wallet_share")
    .set((eb) => ({
      view_count: eb("view_count", "+", 1),
      last_viewed_at: at.toISOString(),
    }))
    .where("id", "=", shareId)
    .execute();
}

export async function revokeShare(db: WalletDb, accountId: number, publicId: string, at: Date) {
  const result = await db
    .updateTable("wallet_share")
    .set({ revoked_at: at.toISOString() })
    .where("account_id", "=", accountId)
    .where("public_id", "=", publicId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
