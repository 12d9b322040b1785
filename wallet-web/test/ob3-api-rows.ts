import type { Database } from "@avala/db";
import type { WalletTables } from "../src/db/tables.js";

/**
 * Rows of every Open Badges API table for one account (a client, its grant, a code, a token
 * and a put Profile), written directly: for tests that need data in every table.
 */
export async function insertOb3ApiRows(
  database: Database<WalletTables>,
  accountId: number,
): Promise<void> {
  const tag = crypto.randomUUID();
  const at = new Date().toISOString();
  await database.db
    .insertInto("wallet_oauth_client")
    .values({
      client_id: `client-${tag}`,
      secret_hash: `secret-${tag}`,
      metadata: "{}",
      created_at: at,
    })
    .execute();
  const client = await database.db
    .selectFrom("wallet_oauth_client")
    .select("id")
    .where("client_id", "=", `client-${tag}`)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto("wallet_oauth_grant")
    .values({
      public_id: `grant-${tag}`,
      account_id: accountId,
      client_id: Number(client.id),
      scope: "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly",
      created_at: at,
      updated_at: at,
    })
    .execute();
  const grant = await database.db
    .selectFrom("wallet_oauth_grant")
    .select("id")
    .where("public_id", "=", `grant-${tag}`)
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto("wallet_oauth_code")
    .values({
      code_hash: `code-${tag}`,
      grant_id: Number(grant.id),
      redirect_uri: "https://host.example/cb",
      code_challenge: "x".repeat(43),
      scope: "",
      expires_at: at,
    })
    .execute();
  await database.db
    .insertInto("wallet_oauth_token")
    .values({
      token_hash: `token-${tag}`,
      grant_id: Number(grant.id),
      kind: "access",
      scope: "",
      expires_at: at,
    })
    .execute();
  await database.db
    .insertInto("wallet_ob3_profile")
    .values({ account_id: accountId, document: "{}", updated_at: at })
    .execute();
}
