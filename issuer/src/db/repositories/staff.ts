import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type {
  StaffInvitationTable,
  StaffRole,
  StaffSessionTable,
  StaffTable,
} from "../tables/staff.js";

export type StaffRow = Selectable<StaffTable>;
export type StaffInvitationRow = Selectable<StaffInvitationTable>;
type Db = Kysely<IssuerTables>;

/** Inserts a staff member; undefined when the e-mail is already someone's. */
export async function insertStaff(db: Db, row: Insertable<StaffTable>) {
  return db
    .insertInto("issuer_staff")
    .values(row)
    .onConflict((oc) => oc.column("email").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findStaffByEmail(db: Db, email: string) {
  return db.selectFrom("issuer_staff").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function findStaffById(db: Db, id: number) {
  return db.selectFrom("issuer_staff").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A staff member of this organisation by public id (another organisation's: undefined). */
export async function findStaffOfOrganisation(db: Db, organisationId: number, publicId: string) {
  return db
    .selectFrom("issuer_staff")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export async function listStaff(db: Db, organisationId: number): Promise<StaffRow[]> {
  return db
    .selectFrom("issuer_staff")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("name")
    .execute();
}

/** Active admins of an organisation who can sign in (to keep at least one). */
export async function countActiveAdmins(db: Db, organisationId: number): Promise<number> {
  const row = await db
    .selectFrom("issuer_staff")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .where("password_hash", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateStaff(
  db: Db,
  id: number,
  changes: Partial<{
    role: StaffRole;
    name: string;
    password_hash: string;
    disabled_at: string | null;
    last_sign_in_at: string;
  }>,
) {
  return db
    .updateTable("issuer_staff")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

export async function insertStaffSession(db: Db, row: Insertable<StaffSessionTable>) {
  await db.insertInto("issuer_staff_session").values(row).execute();
}

/** The live session with this id hash (with its staff member, unless it is the platform's). */
export async function findLiveSession(db: Db, idHash: string, now: string) {
  return db
    .selectFrom("issuer_staff_session")
    .selectAll()
    .where("id_hash", "=", idHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom("issuer_staff_session").where("id_hash", "=", idHash).execute();
}

export async function deleteSessionsOfStaff(db: Db, staffId: number) {
  await db.deleteFrom("issuer_staff_session").where("staff_id", "=", staffId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom("issuer_staff_session").where("expires_at", "<=", now).execute();
}

export async function insertInvitation(db: Db, row: Insertable<StaffInvitationTable>) {
  return db
    .insertInto("issuer_staff_invitation")
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An invitation that can still be used, by the hash of its token. */
export async function findOpenInvitation(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom("issuer_staff_invitation")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/** Marks every open invitation of a person used (accepted, or replaced by a newer one). */
export async function closeInvitationsOf(db: Db, staffId: number, now: string) {
  await db
    .updateTable("issuer_staff_invitation")
    .set({ used_at: now })
    .where("staff_id", "=", staffId)
    .where("used_at", "is", null)
    .execute();
}

/** Uses one invitation once: false when someone used it first. */
export async function useInvitation(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable("issuer_staff_invitation")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The newest invitation of each of these people (to show "invited, not yet accepted"). */
export async function latestInvitations(db: Db, staffIds: readonly number[]) {
  if (staffIds.length === 0) return new Map<number, StaffInvitationRow>();
  const rows = await db
    .selectFrom("issuer_staff_invitation")
    .selectAll()
    .where("staff_id", "in", [...staffIds])
    .orderBy("id")
    .execute();
  return new Map(rows.map((r) => [r.staff_id, r]));
}
