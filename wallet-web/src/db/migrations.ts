import { autoIncrementId, type Migration } from "@avala/db";
import { ob3ApiMigration } from "./ob3-api-migration.js";
import { presentationRequestMigration } from "./presentation-request-migration.js";

/** The wallet's migrations, applied in key order with `runMigrations(…, { tableName: "wallet_migration" })`. */
export const walletMigrations: Record<string, Migration> = {
  "0001-init": {
    async up(db) {
      await db.schema
        .createTable("wallet_account")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (col) => col.notNull().unique())
        .addColumn("email", "text", (col) => col.notNull().unique())
        .addColumn("display_name", "text", (col) => col.notNull())
        .addColumn("password_hash", "text", (col) => col.notNull())
        .addColumn("holder_did", "text", (col) => col.notNull().unique())
        .addColumn("holder_key_id", "text", (col) => col.notNull())
        .addColumn("holder_public_key", "text", (col) => col.notNull())
        .addColumn("holder_secret_sealed", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .execute();

      await db.schema
        .createTable("wallet_session")
        .addColumn("id_hash", "text", (col) => col.primaryKey())
        .addColumn("account_id", "bigint", (col) =>
          col.notNull().references("wallet_account.id").onDelete("cascade"),
        )
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("expires_at", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("wallet_session_account_idx")
        .on("wallet_session")
        .column("account_id")
        .execute();

      await db.schema
        .createTable("wallet_credential")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (col) => col.notNull().unique())
        .addColumn("account_id", "bigint", (col) =>
          col.notNull().references("wallet_account.id").onDelete("cascade"),
        )
        .addColumn("credential_key", "text", (col) => col.notNull())
        .addColumn("document", "text", (col) => col.notNull())
        .addColumn("source", "text", (col) => col.notNull())
        .addColumn("source_url", "text")
        .addColumn("issuer_id", "text", (col) => col.notNull())
        .addColumn("issued_at", "text")
        .addColumn("verdict", "text", (col) => col.notNull())
        .addColumn("trust", "text", (col) => col.notNull())
        .addColumn("checked_at", "text", (col) => col.notNull())
        .addColumn("added_at", "text", (col) => col.notNull())
        .addUniqueConstraint("wallet_credential_account_key_uq", ["account_id", "credential_key"])
        .execute();

      await db.schema
        .createTable("wallet_share")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (col) => col.notNull().unique())
        .addColumn("account_id", "bigint", (col) =>
          col.notNull().references("wallet_account.id").onDelete("cascade"),
        )
        .addColumn("token_hash", "text", (col) => col.notNull().unique())
        .addColumn("token_sealed", "text", (col) => col.notNull())
        .addColumn("label", "text", (col) => col.notNull())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("expires_at", "text", (col) => col.notNull())
        .addColumn("revoked_at", "text")
        .addColumn("view_count", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("last_viewed_at", "text")
        .execute();
      await db.schema
        .createIndex("wallet_share_account_idx")
        .on("wallet_share")
        .column("account_id")
        .execute();

      await db.schema
        .createTable("wallet_share_credential")
        .addColumn("share_id", "bigint", (col) =>
          col.notNull().references("wallet_share.id").onDelete("cascade"),
        )
        .addColumn("credential_id", "bigint", (col) =>
          col.notNull().references("wallet_credential.id").onDelete("cascade"),
        )
        .addColumn("position", "integer", (col) => col.notNull())
        .addPrimaryKeyConstraint("wallet_share_credential_pk", ["share_id", "credential_id"])
        .execute();
      await db.schema
        .createIndex("wallet_share_credential_credential_idx")
        .on("wallet_share_credential")
        .column("credential_id")
        .execute();
    },
  },
  "0002-account-locale-and-password-reset": {
    async up(db) {
      // The language of the account's e-mail (password resets); existing accounts get Spanish.
      await db.schema
        .alterTable("wallet_account")
        .addColumn("locale", "text", (col) => col.notNull().defaultTo("es"))
        .execute();

      await db.schema
        .createTable("wallet_password_reset")
        .$call(autoIncrementId(db))
        .addColumn("account_id", "bigint", (col) =>
          col.notNull().references("wallet_account.id").onDelete("cascade"),
        )
        .addColumn("token_hash", "text", (col) => col.notNull().unique())
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("expires_at", "text", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("wallet_password_reset_account_idx")
        .on("wallet_password_reset")
        .column("account_id")
        .execute();
    },
  },
  "0003-public-page": {
    async up(db) {
      // A credential's permanent public page: one per credential, until the holder withdraws it.
      await db.schema
        .createTable("wallet_public_page")
        .$call(autoIncrementId(db))
        .addColumn("slug", "text", (col) => col.notNull().unique())
        .addColumn("account_id", "bigint", (col) =>
          col.notNull().references("wallet_account.id").onDelete("cascade"),
        )
        .addColumn("credential_id", "bigint", (col) =>
          col.notNull().unique().references("wallet_credential.id").onDelete("cascade"),
        )
        .addColumn("created_at", "text", (col) => col.notNull())
        .addColumn("withdrawn_at", "text")
        .execute();
      await db.schema
        .createIndex("wallet_public_page_account_idx")
        .on("wallet_public_page")
        .column("account_id")
        .execute();
    },
  },
  "0004-compact-credential": {
    async up(db) {
      // The credential's compact QR edition, as the issuer delivered it with the claim (JSON),
      // printed on the certificate PDF and the print page; null when there is none.
      await db.schema
        .alterTable("wallet_credential")
        .addColumn("compact_document", "text")
        .execute();
    },
  },
  "0005-ob2-badge": {
    async up(db) {
      // An Open Badges 2.0 badge's class and issuer profile (JSON) as fetched when it was
      // imported: shown when the issuer's site no longer answers. Null for other credentials.
      await db.schema.alterTable("wallet_credential").addColumn("ob2_badge", "text").execute();
    },
  },
  "0006-ob3-api": { up: ob3ApiMigration },
  "0007-presentation-request": { up: presentationRequestMigration },
  "0008-oauth-refresh-used": {
    async up(db) {
      // When a refresh token was rotated away (RFC 9700 §4.14.2): its row is kept, marked used,
      // until it expires, so that presenting it again is recognised and ends the whole grant.
      await db.schema.alterTable("wallet_oauth_token").addColumn("used_at", "text").execute();
    },
  },
};
