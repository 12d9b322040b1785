import { autoIncrementId } from "@avala/db";
import type { Kysely } from "kysely";

/** OpenID4VP requests the holder opened (migration `0007-presentation-request`). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables' types exist
export async function presentationRequestMigration(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("wallet_presentation_request")
    .$call(autoIncrementId(db))
    .addColumn("public_id", "text", (col) => col.notNull().unique())
    .addColumn("account_id", "bigint", (col) =>
      col.notNull().references("wallet_account.id").onDelete("cascade"),
    )
    .addColumn("request_key", "text", (col) => col.notNull())
    .addColumn("request", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("redirect_uri", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("answered_at", "text")
    .addUniqueConstraint("wallet_presentation_request_key_uq", ["account_id", "request_key"])
    .execute();
}
