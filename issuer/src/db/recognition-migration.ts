import { autoIncrementId, type Migration } from "@avala/db";
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: schema builders are untyped by design.
type AnyDb = Kysely<any>;

const orgRef = "issuer_organisation.id";

/** Certificates to credits (issue 15, part 2): schools' recognition tables and requests. */
export const recognitionMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("issuer_recognition_table")
      .addColumn("organisation_id", "bigint", (c) => c.primaryKey().references(orgRef))
      .addColumn("entries", "text", (c) => c.notNull())
      .addColumn("mode", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("issuer_recognition_request")
      .$call(autoIncrementId(db))
      .addColumn("public_id", "text", (c) => c.notNull().unique())
      .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
      .addColumn("programme_id", "text", (c) => c.notNull())
      .addColumn("holder_did", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("recognition", "text", (c) => c.notNull())
      .addColumn("credential_id", "bigint", (c) => c.references("issuer_credential.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("decided_at", "text")
      .addColumn("decided_by", "text")
      .execute();
    await db.schema
      .createIndex("issuer_recognition_request_org_state")
      .on("issuer_recognition_request")
      .columns(["organisation_id", "state"])
      .execute();
  },
};
