import { autoIncrementId, type Migration } from "@avala/db";
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: schema builders are untyped by design.
type AnyDb = Kysely<any>;

/** OpenID4VCI: hashed codes, tokens and nonces; the per-organisation PIN setting. */
export const openid4vciMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("issuer_oid4vci_secret")
      .$call(autoIncrementId(db))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("secret_hash", "text", (c) => c.notNull().unique())
      .addColumn("organisation_id", "bigint", (c) =>
        c.notNull().references("issuer_organisation.id"),
      )
      .addColumn("offer_id", "bigint", (c) => c.references("issuer_claim_offer.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_at", "text")
      .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex("issuer_oid4vci_secret_offer")
      .on("issuer_oid4vci_secret")
      .columns(["offer_id"])
      .execute();
    await db.schema
      .createIndex("issuer_oid4vci_secret_expires")
      .on("issuer_oid4vci_secret")
      .columns(["expires_at"])
      .execute();
    await db.schema
      .createTable("issuer_oid4vci_setting")
      .addColumn("organisation_id", "bigint", (c) =>
        c.primaryKey().references("issuer_organisation.id"),
      )
      .addColumn("tx_code", "integer", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};
