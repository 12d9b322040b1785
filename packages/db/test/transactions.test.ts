import type { Generated, Kysely, Transaction } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { autoIncrementId, type Database, runMigrations } from "../src/index.js";
import { testDatabases } from "../src/testing.js";

type Tables = { award: { id: Generated<number>; learner: string; revoked: number } };

/** A repository function: works the same given the database or a transaction. */
async function insertAward(db: Kysely<Tables> | Transaction<Tables>, learner: string) {
  const { id } = await db
    .insertInto("award")
    .values({ learner, revoked: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function countAwards(db: Kysely<Tables>): Promise<number> {
  const row = await db
    .selectFrom("award")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return row.count;
}

describe.each(testDatabases())("transactions on $name", ({ open }) => {
  let database: Database<Tables>;
  beforeEach(async () => {
    database = await open<Tables>();
    await runMigrations(
      database.db,
      {
        "0001-init": {
          up: async (db) => {
            await db.schema
              .createTable("award")
              .$call(autoIncrementId(db))
              .addColumn("learner", "text", (col) => col.notNull())
              .addColumn("revoked", "integer", (col) => col.notNull().defaultTo(0))
              .execute();
          },
        },
      },
      { tableName: "test_migration" },
    );
  });
  afterEach(() => database.destroy());

  it("rolls back every write when the callback throws", async () => {
    const { db } = database;
    await insertAward(db, "outside");
    const failure = db.transaction().execute(async (trx) => {
      await insertAward(trx, "a");
      await insertAward(trx, "b");
      throw new Error("boom");
    });
    await expect(failure).rejects.toThrow("boom");
    expect(await countAwards(db)).toBe(1);
  });

  it("rolls back when a statement fails inside the transaction", async () => {
    const { db } = database;
    const failure = db.transaction().execute(async (trx) => {
      await insertAward(trx, "a");
      await trx
        .insertInto("award")
        .values({ learner: null as unknown as string, revoked: 0 })
        .execute();
    });
    await expect(failure).rejects.toThrow();
    expect(await countAwards(db)).toBe(0);
  });

  it("commits when the callback succeeds", async () => {
    const { db } = database;
    const ids = await db
      .transaction()
      .execute(async (trx) => [await insertAward(trx, "a"), await insertAward(trx, "b")]);
    expect(ids).toEqual([1, 2]);
    expect(await countAwards(db)).toBe(2);
  });
});
