import type { IdentifierEntry } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { OrganisationTable } from "../tables/organisation.js";

export type OrganisationRow = Selectable<OrganisationTable>;
type Db = Kysely<IssuerTables>;

export async function insertOrganisation(
  db: Db,
  row: Insertable<OrganisationTable>,
): Promise<OrganisationRow> {
  return db.insertInto("issuer_organisation").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganisationBySlug(db: Db, slug: string) {
  return db
    .selectFrom("issuer_organisation")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export async function findOrganisationById(db: Db, id: number) {
  return db.selectFrom("issuer_organisation").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findOrganisationByDid(db: Db, did: string) {
  return db.selectFrom("issuer_organisation").selectAll().where("did", "=", did).executeTakeFirst();
}

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return db.selectFrom("issuer_organisation").selectAll().orderBy("id").execute();
}

export async function updateOrganisation(
  db: Db,
  id: number,
  changes: Updateable<OrganisationTable>,
): Promise<OrganisationRow | undefined> {
  return db
    .updateTable("issuer_organisation")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom("issuer_organisation")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function identifiersOf(row: { other_identifiers: string }): IdentifierEntry[] {
  const value = parseJsonText(row.other_identifiers);
  return Array.isArray(value) ? (value as IdentifierEntry[]) : [];
}
