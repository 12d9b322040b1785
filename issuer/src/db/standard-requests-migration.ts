import { autoIncrementId, type Migration } from "@avala/db";
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: schema builders are untyped by design.
type AnyDb = Kysely<any>;

const orgRef = "issuer_organisation.id";

/** Units to a standard: requests, their challenges, each organisation's mode, standard versions. */
export const standardRequestsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("issuer_standard_request")
      .$call(autoIncrementId(db))
      .addColumn("public_id", "text", (c) => c.notNull().unique())
      .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
      .addColumn("achievement_id", "bigint", (c) => c.notNull().references("issuer_achievement.id"))
      .addColumn("standard_code", "text", (c) => c.notNull())
      .addColumn("holder_did", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull())
      .addColumn("credential_id", "bigint", (c) => c.references("issuer_credential.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("decided_at", "text")
      .addColumn("decided_by", "text")
      .execute();
    await db.schema
      .createIndex("issuer_standard_request_org_state")
      .on("issuer_standard_request")
      .columns(["organisation_id", "state"])
      .execute();
    await db.schema
      .createTable("issuer_standard_challenge")
      .addColumn("challenge", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_at", "text")
      .execute();
    await db.schema
      .createTable("issuer_standard_setting")
      .addColumn("organisation_id", "bigint", (c) => c.primaryKey().references(orgRef))
      .addColumn("mode", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("issuer_standard_version")
      .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("valid_until", "text")
      .addColumn("superseded_by", "text")
      .addColumn("equivalences", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("issuer_standard_version_pk", ["organisation_id", "code"])
      .execute();
  },
};
