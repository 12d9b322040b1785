import type { WalletDb } from "./repositories.js";
import type { WalletTables } from "./tables.js";

/**
 * What happens to an account over its life besides holding credentials: its language, password
 * resets, and its deletion. Functions of `db` (a Kysely instance or a transaction), like the
 * other repositories.
 */

// ---------- language ----------

export async function updateAccountLocale(db: WalletDb, accountId: number, locale: string) {
  await db.updateTable("wallet_account").set({ locale }).where("id", "=", accountId).execute();
}

// ---------- password resets ----------

export async function insertPasswordReset(
  db: WalletDb,
  reset: { account_id: number; token_hash: string; created_at: string; expires_at: string },
) {
  await db.insertInto("wallet_password_reset").values(reset).execute();
}

/** The account a reset token hash opens, if the token exists and has not expired at `now`. */
export async function findPasswordResetAccount(db: WalletDb, tokenHash: string, now: Date) {
  return db
    .selectFrom("wallet_password_reset")
    .innerJoin("wallet_account", "wallet_account.id", "wallet_password_reset.account_id")
    .selectAll("wallet_account")
    .where("wallet_password_reset.token_hash", "=", tokenHash)
    .where("wallet_password_reset.expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

export async function deleteExpiredPasswordResets(db: WalletDb, now: Date) {
  await db
    .deleteFrom("wallet_password_reset")
    .where("expires_at", "<=", now.toISOString())
    .execute();
}

/**
 * Sets a new password hash, in one transaction with what a password change voids: every reset
 * link of the account (the one used and any older one) and every session (signed out
 * everywhere). Only if the token hash still opens this account: `false` when it was used or
 * replaced in the meantime (two tabs, a double click), and then nothing changes.
 */
export async function replacePassword(
  db: WalletDb,
  input: { accountId: number; tokenHash: string; passwordHash: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .deleteFrom("wallet_password_reset")
      .where("token_hash", "=", input.tokenHash)
      .where("account_id", "=", input.accountId)
      .executeTakeFirst();
    if (Number(used.numDeletedRows) !== 1) return false;
    await trx
      .updateTable("wallet_account")
      .set({ password_hash: input.passwordHash })
      .where("id", "=", input.accountId)
      .execute();
    await trx
      .deleteFrom("wallet_password_reset")
      .where("account_id", "=", input.accountId)
      .execute();
    await trx.deleteFrom("wallet_session").where("account_id", "=", input.accountId).execute();
    return true;
  });
}

// ---------- deletion ----------

type AccountRows = (db: WalletDb, accountId: number) => Promise<unknown>;

const sharesOf = (db: WalletDb, accountId: number) =>
  db.selectFrom("wallet_share").select("id").where("account_id", "=", accountId);
const grantsOf = (db: WalletDb, accountId: number) =>
  db.selectFrom("wallet_oauth_grant").select("id").where("account_id", "=", accountId);
const credentialsOf = (db: WalletDb, accountId: number) =>
  db.selectFrom("wallet_credential").select("id").where("account_id", "=", accountId);

/**
 * Every table that holds an account's data, and how its rows of one account are deleted, in the
 * order they are deleted (rows that point at others first). The one list: deleting an account
 * empties exactly these, and `test/account-deletion.test.ts` checks it against the database's
 * foreign keys, so a new table that refers to an account, or to anything of an account, fails
 * that test until it is added here.
 */
export const accountDataTables = {
  wallet_share_credential: (db, accountId) =>
    db
      .deleteFrom("wallet_share_credential")
      .where((eb) =>
        eb.or([
          eb("share_id", "in", sharesOf(db, accountId)),
          eb("credential_id", "in", credentialsOf(db, accountId)),
        ]),
      )
      .execute(),
  // Public pages of credentials (`/p/<slug>`): they stop opening.
  wallet_public_page: (db, accountId) =>
    db
      .deleteFrom("wallet_public_page")
      .where((eb) =>
        eb.or([
          eb("account_id", "=", accountId),
          eb("credential_id", "in", credentialsOf(db, accountId)),
        ]),
      )
      .execute(),
  wallet_share: (db, accountId) =>
    db.deleteFrom("wallet_share").where("account_id", "=", accountId).execute(),
  wallet_credential: (db, accountId) =>
    db.deleteFrom("wallet_credential").where("account_id", "=", accountId).execute(),
  wallet_session: (db, accountId) =>
    db.deleteFrom("wallet_session").where("account_id", "=", accountId).execute(),
  wallet_password_reset: (db, accountId) =>
    db.deleteFrom("wallet_password_reset").where("account_id", "=", accountId).execute(),
  // Open Badges API grants to other hosts, with their codes and tokens (ob3-api.ts).
  wallet_oauth_token: (db, accountId) =>
    db.deleteFrom("wallet_oauth_token").where("grant_id", "in", grantsOf(db, accountId)).execute(),
  wallet_oauth_code: (db, accountId) =>
    db.deleteFrom("wallet_oauth_code").where("grant_id", "in", grantsOf(db, accountId)).execute(),
  wallet_oauth_grant: (db, accountId) =>
    db.deleteFrom("wallet_oauth_grant").where("account_id", "=", accountId).execute(),
  wallet_ob3_profile: (db, accountId) =>
    db.deleteFrom("wallet_ob3_profile").where("account_id", "=", accountId).execute(),
  // OpenID4VP requests the holder opened (answered or not).
  wallet_presentation_request: (db, accountId) =>
    db.deleteFrom("wallet_presentation_request").where("account_id", "=", accountId).execute(),
  // Last: the account itself, with its holder key (sealed in the row).
  wallet_account: (db, accountId) =>
    db.deleteFrom("wallet_account").where("id", "=", accountId).execute(),
} satisfies Partial<Record<keyof WalletTables, AccountRows>>;

/**
 * Deletes an account and everything it holds (see `accountDataTables`), in one transaction:
 * either all of it goes, or nothing does. Returns the ids of the credentials deleted (to drop
 * them from caches).
 */
export async function deleteAccountData(db: WalletDb, accountId: number): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const credentials = await credentialsOf(trx, accountId).execute();
    for (const remove of Object.values(accountDataTables) as AccountRows[]) {
      await remove(trx, accountId);
    }
    return credentials.map((row) => Number(row.id));
  });
}
