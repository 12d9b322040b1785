import { autoIncrementId } from "@avala/db";
import type { Kysely } from "kysely";

/**
 * The Open Badges 3.0 API's OAuth 2.0 state (migration `0006-ob3-api`): clients registered by
 * other hosts (RFC 7591), the learner's grants to them, single-use authorization codes, access
 * and refresh tokens (only SHA-256 hashes of secrets, codes and tokens are kept), and the
 * Profile another host may put (`putProfile`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables' types exist
export async function ob3ApiMigration(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("wallet_oauth_client")
    .$call(autoIncrementId(db))
    .addColumn("client_id", "text", (col) => col.notNull().unique())
    .addColumn("secret_hash", "text", (col) => col.notNull())
    .addColumn("metadata", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("wallet_oauth_grant")
    .$call(autoIncrementId(db))
    .addColumn("public_id", "text", (col) => col.notNull().unique())
    .addColumn("account_id", "bigint", (col) =>
      col.notNull().references("wallet_account.id").onDelete("cascade"),
    )
    .addColumn("client_id", "bigint", (col) =>
      col.notNull().references("wallet_oauth_client.id").onDelete("cascade"),
    )
    .addColumn("scope", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addUniqueConstraint("wallet_oauth_grant_account_client_uq", ["account_id", "client_id"])
    .execute();

  await db.schema
    .createTable("wallet_oauth_code")
    .addColumn("code_hash", "text", (col) => col.primaryKey())
    .addColumn("grant_id", "bigint", (col) =>
      col.notNull().references("wallet_oauth_grant.id").onDelete("cascade"),
    )
    .addColumn("redirect_uri", "text", (col) => col.notNull())
    .addColumn("code_challenge", "text", (col) => col.notNull())
    .addColumn("scope", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("wallet_oauth_code_grant_idx")
    .on("wallet_oauth_code")
    .column("grant_id")
    .execute();

  await db.schema
    .createTable("wallet_oauth_token")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("grant_id", "bigint", (col) =>
      col.notNull().references("wallet_oauth_grant.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("scope", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("wallet_oauth_token_grant_idx")
    .on("wallet_oauth_token")
    .column("grant_id")
    .execute();

  // The Profile a host put for the learner (`putProfile`), one per account.
  await db.schema
    .createTable("wallet_ob3_profile")
    .addColumn("account_id", "bigint", (col) =>
      col.primaryKey().references("wallet_account.id").onDelete("cascade"),
    )
    .addColumn("document", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
}
