import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { EndorsementTable } from "../tables/endorsement.js";

export type EndorsementRow = Selectable<EndorsementTable>;
type Db = Kysely<IssuerTables>;

export async function insertEndorsement(db: Db, row: Insertable<EndorsementTable>) {
  return db.insertInto("issuer_endorsement").values(row).returningAll().executeTakeFirstOrThrow();
}

/** Endorsements in force about an organisation (not withdrawn, not expired at `now`). */
export async function endorsementsReceived(db: Db, subjectId: number, now: string) {
  return db
    .selectFrom("issuer_endorsement")
    .selectAll()
    .where("subject_id", "=", subjectId)
    .where("withdrawn_at", "is", null)
    .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">", now)]))
    .orderBy("id")
    .execute();
}

/**
 * The endorsements in force by which an authority granted an organisation the right to
 * accredit others (`may_accredit`), oldest first.
 */
export async function accreditationRightsOf(db: Db, subjectId: number, now: string) {
  return db
    .selectFrom("issuer_endorsement as e")
    .innerJoin("issuer_organisation as endorser", "endorser.id", "e.endorser_id")
    .selectAll("e")
    .where("e.subject_id", "=", subjectId)
    .where("e.may_accredit", "=", 1)
    .where("endorser.authority", "=", 1)
    .where("e.withdrawn_at", "is", null)
    .where((eb) => eb.or([eb("e.valid_until", "is", null), eb("e.valid_until", ">", now)]))
    .orderBy("e.id")
    .execute();
}

export async function endorsementsGiven(db: Db, endorserId: number) {
  return db
    .selectFrom("issuer_endorsement")
    .selectAll()
    .where("endorser_id", "=", endorserId)
    .orderBy("id")
    .execute();
}

/** Every endorsement in force, with both organisations (for the trust registry). */
export async function endorsementsInForce(db: Db, now: string) {
  return db
    .selectFrom("issuer_endorsement as e")
    .innerJoin("issuer_organisation as endorser", "endorser.id", "e.endorser_id")
    .innerJoin("issuer_organisation as subject", "subject.id", "e.subject_id")
    .select([
      "e.id",
      "e.public_id",
      "e.valid_until",
      "e.may_accredit",
      "e.endorser_id",
      "endorser.did as endorser_did",
      "endorser.authority as endorser_authority",
      "subject.id as subject_id",
      "subject.did as subject_did",
      "subject.name_es as subject_name_es",
      "subject.name_en as subject_name_en",
      "subject.kind as subject_kind",
    ])
    .where("e.withdrawn_at", "is", null)
    .where((eb) => eb.or([eb("e.valid_until", "is", null), eb("e.valid_until", ">", now)]))
    .orderBy("e.id")
    .execute();
}

export async function findEndorsement(db: Db, endorserId: number, publicId: string) {
  return db
    .selectFrom("issuer_endorsement")
    .selectAll()
    .where("endorser_id", "=", endorserId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

/** Marks an endorsement withdrawn; false when it already was. */
export async function withdrawEndorsement(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable("issuer_endorsement")
    .set({ withdrawn_at: now })
    .where("id", "=", id)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countEndorsements(db: Db): Promise<number> {
  const row = await db
    .selectFrom("issuer_endorsement")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
