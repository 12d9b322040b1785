import type { Generated } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { autoIncrementId, type Database, isUniqueViolation, runMigrations } from "../src/index.js";
import { testDatabases } from "../src/testing.js";

type Tables = {
  learner: { id: Generated<number>; curp: string; name: string };
  tag: { code: string };
};

describe.each(testDatabases())("isUniqueViolation on $name", ({ open }) => {
  let database: Database<Tables>;
  beforeEach(async () => {
    database = await open<Tables>();
    await runMigrations(
      database.db,
      {
        "0001-init": {
          up: async (db) => {
            await db.schema
              .createTable("learner")
              .$call(autoIncrementId(db))
              .addColumn("curp", "text", (col) => col.notNull().unique())
              .addColumn("name", "text", (col) => col.notNull())
              .execute();
            await db.schema
              .createTable("tag")
              .addColumn("code", "text", (col) => col.primaryKey())
              .execute();
          },
        },
      },
      { tableName: "test_migration" },
    );
  });
  afterEach(() => database.destroy());

  async function errorOf(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error("expected the query to fail");
  }

  it("recognises a unique and a primary-key violation", async () => {
    const { db } = database;
    const learner = { curp: "GOMA800101HDFRRN09", name: "Ana" };
    await db.insertInto("learner").values(learner).execute();
    const unique = await errorOf(db.insertInto("learner").values(learner).execute());
    expect(isUniqueViolation(unique)).toBe(true);

    await db.insertInto("tag").values({ code: "a" }).execute();
    const primaryKey = await errorOf(db.insertInto("tag").values({ code: "a" }).execute());
    expect(isUniqueViolation(primaryKey)).toBe(true);
    expect(isUniqueViolation(new Error("wrapped", { cause: primaryKey }))).toBe(true);
  });

  it("does not mistake other errors for a unique violation", async () => {
    const { db } = database;
    const notNull = await errorOf(
      db
        .insertInto("learner")
        .values({ curp: "X", name: null as unknown as string })
        .execute(),
    );
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation(new Error("duplicate key value"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation("23505")).toBe(false);
  });

  it("skips a duplicate with insert ... on conflict do nothing", async () => {
    const { db } = database;
    const insert = () =>
      db
        .insertInto("learner")
        .values({ curp: "GOMA800101HDFRRN09", name: "Ana" })
        .onConflict((oc) => oc.column("curp").doNothing())
        .returning("id")
        .execute();
    expect(await insert()).toEqual([{ id: 1 }]);
    expect(await insert()).toEqual([]);
    const count = await db
      .selectFrom("learner")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    expect(count).toEqual({ count: 1 });
  });
});
