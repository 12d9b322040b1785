import type { Selectable } from "kysely";
import type { OAuthClientTable, OAuthGrantTable } from "./ob3-api-tables.js";
import type { WalletDb } from "./repositories.js";

/** The Open Badges API's OAuth rows (see `ob3-api-tables.ts`): functions of `db`. */
export type OAuthClient = Selectable<OAuthClientTable>;
export type OAuthGrant = Selectable<OAuthGrantTable>;

// ---------- clients ----------

export async function insertClient(db: WalletDb, client: Omit<OAuthClient, "id">): Promise<void> {
  await db.insertInto("wallet_oauth_client").values(client).execute();
}

export function findClient(db: WalletDb, clientId: string) {
  return db
    .selectFrom("wallet_oauth_client")
    .selectAll()
    .where("client_id", "=", clientId)
    .executeTakeFirst();
}

// ---------- grants ----------

/** The grant of `account` to `client`, created or widened to `scope` (space-separated). */
export async function upsertGrant(
  db: WalletDb,
  input: { accountId: number; clientRowId: number; scope: string; publicId: string; at: string },
): Promise<OAuthGrant> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("wallet_oauth_grant")
      .selectAll()
      .where("account_id", "=", input.accountId)
      .where("client_id", "=", input.clientRowId)
      .executeTakeFirst();
    if (existing) {
      const scope = [...new Set([...existing.scope.split(" "), ...input.scope.split(" ")])]
        .filter(Boolean)
        .join(" ");
      await trx
        .updateTable("wallet_oauth_grant")
        .set({ scope, updated_at: input.at })
        .where("id", "=", existing.id)
        .execute();
      return { ...existing, scope, updated_at: input.at };
    }
    await trx
      .insertInto("wallet_oauth_grant")
      .values({
        public_id: input.publicId,
        account_id: input.accountId,
        client_id: input.clientRowId,
        scope: input.scope,
        created_at: input.at,
        updated_at: input.at,
      })
      .execute();
    return trx
      .selectFrom("wallet_oauth_grant")
      .selectAll()
      .where("public_id", "=", input.publicId)
      .executeTakeFirstOrThrow();
  });
}

/** An account's grants with their clients' metadata, newest first. */
export function listGrants(db: WalletDb, accountId: number) {
  return db
    .selectFrom("wallet_oauth_grant")
    .innerJoin("wallet_oauth_client", "wallet_oauth_client.id", "wallet_oauth_grant.client_id")
    .select([
      "wallet_oauth_grant.public_id",
      "wallet_oauth_grant.scope",
      "wallet_oauth_grant.created_at",
      "wallet_oauth_client.metadata",
    ])
    .where("wallet_oauth_grant.account_id", "=", accountId)
    .orderBy("wallet_oauth_grant.created_at", "desc")
    .execute();
}

/**
 * Deletes a grant of `accountId` with its codes and tokens, in one transaction: every token of
 * it stops working at once. `false` when the account has no such grant.
 */
export async function deleteGrant(
  db: WalletDb,
  accountId: number,
  publicId: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom("wallet_oauth_grant")
      .select("id")
      .where("account_id", "=", accountId)
      .where("public_id", "=", publicId)
      .executeTakeFirst();
    if (!grant) return false;
    await trx.deleteFrom("wallet_oauth_token").where("grant_id", "=", grant.id).execute();
    await trx.deleteFrom("wallet_oauth_code").where("grant_id", "=", grant.id).execute();
    await trx.deleteFrom("wallet_oauth_grant").where("id", "=", grant.id).execute();
    return true;
  });
}

// ---------- codes ----------

export async function insertCode(
  db: WalletDb,
  code: {
    code_hash: string;
    grant_id: number;
    redirect_uri: string;
    code_challenge: string;
    scope: string;
    expires_at: string;
  },
): Promise<void> {
  await db.insertInto("wallet_oauth_code").values(code).execute();
}

/**
 * Takes a code: deletes it and returns it with its grant, so that it is used at most once even
 * when two requests race (only one deletes the row). Undefined when unknown or already used.
 */
export async function takeCode(db: WalletDb, codeHash: string) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("wallet_oauth_code")
      .innerJoin("wallet_oauth_grant", "wallet_oauth_grant.id", "wallet_oauth_code.grant_id")
      .select([
        "wallet_oauth_code.grant_id",
        "wallet_oauth_code.redirect_uri",
        "wallet_oauth_code.code_challenge",
        "wallet_oauth_code.scope",
        "wallet_oauth_code.expires_at",
        "wallet_oauth_grant.client_id",
      ])
      .where("wallet_oauth_code.code_hash", "=", codeHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const deleted = await trx
      .deleteFrom("wallet_oauth_code")
      .where("code_hash", "=", codeHash)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1 ? row : undefined;
  });
}

export async function deleteExpiredCodesAndTokens(db: WalletDb, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.deleteFrom("wallet_oauth_code").where("expires_at", "<=", at).execute();
  await db.deleteFrom("wallet_oauth_token").where("expires_at", "<=", at).execute();
}

// ---------- tokens ----------

export async function insertTokens(
  db: WalletDb,
  tokens: Array<{
    token_hash: string;
    grant_id: number;
    kind: "access" | "refresh";
    scope: string;
    expires_at: string;
  }>,
): Promise<void> {
  await db.insertInto("wallet_oauth_token").values(tokens).execute();
}

/** A token in force at `now` with its grant's account and client, or undefined. */
export function findToken(db: WalletDb, tokenHash: string, kind: "access" | "refresh", now: Date) {
  return db
    .selectFrom("wallet_oauth_token")
    .innerJoin("wallet_oauth_grant", "wallet_oauth_grant.id", "wallet_oauth_token.grant_id")
    .select([
      "wallet_oauth_token.grant_id",
      "wallet_oauth_token.scope",
      "wallet_oauth_grant.account_id",
      "wallet_oauth_grant.client_id",
    ])
    .where("wallet_oauth_token.token_hash", "=", tokenHash)
    .where("wallet_oauth_token.kind", "=", kind)
    .where("wallet_oauth_token.expires_at", ">", now.toISOString())
    .where("wallet_oauth_token.used_at", "is", null)
    .executeTakeFirst();
}

/** Deletes one token; `true` when it was there. */
export async function deleteToken(db: WalletDb, tokenHash: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom("wallet_oauth_token")
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}

/**
 * Marks a refresh token used (rotated away) at `at`; `true` when this call did it, so that it
 * is rotated only once even when two requests race (only one updates the row). The row stays,
 * until it expires, so that a second use is recognised (`endReusedGrant`).
 */
export async function useRefreshToken(db: WalletDb, tokenHash: string, at: string) {
  const updated = await db
    .updateTable("wallet_oauth_token")
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("kind", "=", "refresh")
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * A refresh token of `clientRowId` that was already used, presented again (RFC 9700 §4.14.2:
 * maybe stolen): deletes every token and code of its grant in one transaction. `true` when
 * `tokenHash` was such a token.
 */
export async function endReusedGrant(
  db: WalletDb,
  tokenHash: string,
  clientRowId: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .selectFrom("wallet_oauth_token")
      .innerJoin("wallet_oauth_grant", "wallet_oauth_grant.id", "wallet_oauth_token.grant_id")
      .select("wallet_oauth_token.grant_id")
      .where("wallet_oauth_token.token_hash", "=", tokenHash)
      .where("wallet_oauth_token.kind", "=", "refresh")
      .where("wallet_oauth_token.used_at", "is not", null)
      .where("wallet_oauth_grant.client_id", "=", clientRowId)
      .executeTakeFirst();
    if (!used) return false;
    await trx.deleteFrom("wallet_oauth_token").where("grant_id", "=", used.grant_id).execute();
    await trx.deleteFrom("wallet_oauth_code").where("grant_id", "=", used.grant_id).execute();
    return true;
  });
}

/** A token in force (not a used refresh token) with its grant's client (revocation, RFC 7009). */
export function findAnyToken(db: WalletDb, tokenHash: string) {
  return db
    .selectFrom("wallet_oauth_token")
    .innerJoin("wallet_oauth_grant", "wallet_oauth_grant.id", "wallet_oauth_token.grant_id")
    .select([
      "wallet_oauth_token.kind",
      "wallet_oauth_token.grant_id",
      "wallet_oauth_grant.client_id",
    ])
    .where("wallet_oauth_token.token_hash", "=", tokenHash)
    .where("wallet_oauth_token.used_at", "is", null)
    .executeTakeFirst();
}

export async function deleteGrantTokens(db: WalletDb, grantId: number): Promise<void> {
  await db.deleteFrom("wallet_oauth_token").where("grant_id", "=", grantId).execute();
}

// ---------- profile ----------

export function findProfile(db: WalletDb, accountId: number) {
  return db
    .selectFrom("wallet_ob3_profile")
    .selectAll()
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

export async function saveProfile(
  db: WalletDb,
  accountId: number,
  document: string,
  at: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("wallet_ob3_profile").where("account_id", "=", accountId).execute();
    await trx
      .insertInto("wallet_ob3_profile")
      .values({ account_id: accountId, document, updated_at: at })
      .execute();
  });
}

// ---------- credentials ----------

/** Replaces what is held of a credential the account already has (upsertCredential). */
export async function replaceCredentialDocument(
  db: WalletDb,
  accountId: number,
  id: number,
  values: { document: string; verdict: string; trust: string; checked_at: string },
): Promise<void> {
  await db
    .updateTable("wallet_credential")
    .set(values)
    .where("account_id", "=", accountId)
    .where("id", "=", id)
    .execute();
}

/** An account's credentials issued after `since` (all when undefined), oldest first. */
export function credentialsSince(db: WalletDb, accountId: number, since: string | undefined) {
  let query = db.selectFrom("wallet_credential").selectAll().where("account_id", "=", accountId);
  if (since !== undefined) query = query.where("issued_at", ">", since);
  return query.orderBy("issued_at", "asc").orderBy("id", "asc").execute();
}
