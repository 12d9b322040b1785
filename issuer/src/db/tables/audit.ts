import type { Generated } from "kysely";

/**
 * `issuer_audit_event`: every action taken in the console, who took it and when. Append-only:
 * nothing updates or deletes a row. `organisation_id` null is a platform action (an organisation
 * created).
 */
export interface AuditEventTable {
  id: Generated<number>;
  organisation_id: number | null;
  /** The staff member's public id, or `platform`. */
  actor: string;
  /** Their name and e-mail at the time (kept even if the account is removed later). */
  actor_label: string;
  /** What was done: `credential.revoke`, `batch.confirm`, `staff.invite`… */
  action: string;
  /** What it was done to: a credential's or batch's public id, an achievement code… */
  subject: string | null;
  /** JSON object with the particulars (a reason, a role); never secrets or a CURP. */
  details: string;
  created_at: string;
}
