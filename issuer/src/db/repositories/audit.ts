import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { AuditEventTable } from "../tables/audit.js";

export type AuditEventRow = Selectable<AuditEventTable>;
type Db = Kysely<IssuerTables>;

export async function insertAuditEvent(db: Db, row: Insertable<AuditEventTable>) {
  await db.insertInto("issuer_audit_event").values(row).execute();
}

/** An organisation's events, newest first, `before` an id for paging. */
export async function listAuditEvents(
  db: Db,
  organisationId: number,
  options: { before?: number; limit: number; subject?: string },
): Promise<AuditEventRow[]> {
  let query = db
    .selectFrom("issuer_audit_event")
    .selectAll()
    .where("organisation_id", "=", organisationId);
  if (options.before !== undefined) query = query.where("id", "<", options.before);
  if (options.subject !== undefined) query = query.where("subject", "=", options.subject);
  return query.orderBy("id", "desc").limit(options.limit).execute();
}
