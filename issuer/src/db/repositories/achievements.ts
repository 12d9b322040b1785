import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { AchievementTable } from "../tables/achievement.js";
import { chunksOf } from "./in-list.js";

export type AchievementRow = Selectable<AchievementTable>;
type Db = Kysely<IssuerTables>;

export async function insertAchievement(db: Db, row: Insertable<AchievementTable>) {
  return db
    .insertInto("issuer_achievement")
    .values(row)
    .onConflict((oc) => oc.columns(["organisation_id", "code"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAchievement(db: Db, organisationId: number, code: string) {
  return db
    .selectFrom("issuer_achievement")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function findAchievementById(db: Db, id: number) {
  return db.selectFrom("issuer_achievement").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAchievements(db: Db, organisationId: number): Promise<AchievementRow[]> {
  return db
    .selectFrom("issuer_achievement")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("code")
    .execute();
}

/** The organisation's catalogue entries with these codes (any number of codes, in chunks). */
export async function findAchievementsByCodes(
  db: Db,
  organisationId: number,
  codes: readonly string[],
): Promise<AchievementRow[]> {
  const found: AchievementRow[] = [];
  for (const chunk of chunksOf([...new Set(codes)])) {
    const rows = await db
      .selectFrom("issuer_achievement")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .where("code", "in", chunk)
      .execute();
    found.push(...rows);
  }
  return found;
}

export async function updateAchievement(
  db: Db,
  id: number,
  changes: Updateable<AchievementTable>,
): Promise<AchievementRow | undefined> {
  return db
    .updateTable("issuer_achievement")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}
