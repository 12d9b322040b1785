import type { Kysely } from "kysely";
import { type AuditEventRow, insertAuditEvent, listAuditEvents } from "../db/repositories/audit.js";
import type { IssuerTables } from "../db/schema.js";

type Db = Kysely<IssuerTables>;

/** Who acted: a staff member (public id, "name <e-mail>") or the platform admin. */
export interface Actor {
  id: string;
  label: string;
}

export const platformActor: Actor = { id: "platform", label: "platform" };

/** The audited actions. Each names what it was done to in `subject`. */
export type AuditAction =
  | "organisation.create"
  | "organisation.settings"
  | "staff.invite"
  | "staff.accept"
  | "staff.role"
  | "staff.disable"
  | "staff.enable"
  | "token.create"
  | "token.revoke"
  | "key.rotate"
  | "achievement.create"
  | "achievement.update"
  | "credential.issue"
  | "credential.revoke"
  | "credential.suspend"
  | "credential.reinstate"
  | "credential.resend"
  | "batch.upload"
  | "batch.confirm"
  | "batch.discard"
  | "endorsement.create"
  | "endorsement.withdraw"
  | "standard-request.approve"
  | "standard-request.refuse"
  | "standard-request.mode"
  | "recognition-request.approve"
  | "recognition-request.refuse"
  | "recognition-request.mode";

export interface AuditEntry {
  organisationId: number | null;
  actor: Actor;
  action: AuditAction;
  subject?: string | null;
  /** Particulars worth keeping (a reason, a role, a count); never a secret or a CURP. */
  details?: Record<string, string | number | boolean | null>;
}

/** Appends one event to the audit log (in the caller's transaction when given one). */
export async function recordAudit(db: Db, entry: AuditEntry, now: Date): Promise<void> {
  await insertAuditEvent(db, {
    organisation_id: entry.organisationId,
    actor: entry.actor.id,
    actor_label: entry.actor.label.slice(0, 400),
    action: entry.action,
    subject: entry.subject ?? null,
    details: JSON.stringify(entry.details ?? {}),
    created_at: now.toISOString(),
  });
}

export interface AuditView {
  id: number;
  at: string;
  actor: string;
  actorLabel: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

function detailsOf(row: AuditEventRow): Record<string, unknown> {
  try {
    const value = JSON.parse(row.details) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** A page of an organisation's audit log, newest first; `next` is the cursor of the next page. */
export async function auditPage(
  db: Db,
  organisationId: number,
  options: { before?: number; limit?: number; subject?: string } = {},
): Promise<{ events: AuditView[]; next: number | null }> {
  const limit = options.limit ?? 50;
  const rows = await listAuditEvents(db, organisationId, { ...options, limit });
  return {
    events: rows.map((row) => ({
      id: row.id,
      at: row.created_at,
      actor: row.actor,
      actorLabel: row.actor_label,
      action: row.action,
      subject: row.subject,
      details: detailsOf(row),
    })),
    next: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
  };
}
