import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Generated, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { autoIncrementId, createDatabase, type Database, dialectOf } from "../src/index.js";
import { testDatabases } from "../src/testing.js";

type Tables = {
  counter: { id: Generated<number>; big: number; amount: number };
};

describe("createDatabase on SQLite", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), "avala-db-create-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it("creates the directory and an owner-only file, in WAL mode with foreign keys on", async () => {
    const dataDir = join(tempDir(), "nested", "data");
    const database = createDatabase({ dataDir, fileName: "issuer.sqlite" });
    cleanups.unshift(() => database.destroy());
    expect(database.dialect).toBe("sqlite");
    expect(dialectOf(database.db)).toBe("sqlite");

    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("foreign_keys")).toBe(1);
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(statSync(join(dataDir, "issuer.sqlite")).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("opens an in-memory database", async () => {
    const database = createDatabase({ fileName: ":memory:" });
    cleanups.unshift(() => database.destroy());
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("rejects a file name with directories", () => {
    for (const fileName of ["../escape.sqlite", "a/b.sqlite", "a\\b.sqlite", "..", ""]) {
      expect(() => createDatabase({ dataDir: tempDir(), fileName })).toThrow(/plain file name/);
    }
  });
});

describe("createDatabase on PostgreSQL", () => {
  it("rejects a URL of another scheme without echoing it", () => {
    const attempt = () => createDatabase({ databaseUrl: "mysql://avala:s3cret@db.example/avala" });
    expect(attempt).toThrow(/postgres:\/\/ or postgresql:\/\//);
    expect(attempt).not.toThrow(/s3cret/);
  });

  const url = process.env["AVALA_TEST_DATABASE_URL"];
  it.skipIf(!url)("opens a pool from databaseUrl", async () => {
    const database = createDatabase({ databaseUrl: url, maxConnections: 2 });
    try {
      expect(database.dialect).toBe("postgres");
      expect(dialectOf(database.db)).toBe("postgres");
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows).toEqual([{ one: 1 }]);
      // A BIGINT beyond 2^53 fails the query instead of silently losing precision.
      await expect(
        sql`select 9223372036854775807::bigint as big`.execute(database.db),
      ).rejects.toThrow(/safe integer range/);
      const after = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await database.destroy();
    }
  });
});

describe.each(testDatabases())("portable values on $name", ({ open }) => {
  let database: Database<Tables>;
  afterEach(() => database.destroy());

  it("returns BIGINT, count(*), sum() and avg() as numbers", async () => {
    database = await open<Tables>();
    const { db } = database;
    await db.schema
      .createTable("counter")
      .$call(autoIncrementId(db))
      .addColumn("big", "bigint", (col) => col.notNull())
      .addColumn("amount", "integer", (col) => col.notNull())
      .execute();
    await db
      .insertInto("counter")
      .values([
        { big: 2 ** 40, amount: 3 },
        { big: 1, amount: 4 },
      ])
      .execute();

    const rows = await db.selectFrom("counter").selectAll().orderBy("id").execute();
    expect(rows).toEqual([
      { id: 1, big: 2 ** 40, amount: 3 },
      { id: 2, big: 1, amount: 4 },
    ]);
    const totals = await db
      .selectFrom("counter")
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number>("amount").as("sumInt"),
        eb.fn.sum<number>("big").as("sumBig"),
        eb.fn.avg<number>("amount").as("average"),
      ])
      .executeTakeFirstOrThrow();
    expect(totals).toEqual({ count: 2, sumInt: 7, sumBig: 2 ** 40 + 1, average: 3.5 });
  });

  it("enforces foreign keys", async () => {
    database = await open();
    const { db } = database;
    await sql`create table parent (id integer primary key)`.execute(db);
    await sql`create table child (parent_id integer not null references parent (id))`.execute(db);
    await expect(sql`insert into child (parent_id) values (${42})`.execute(db)).rejects.toThrow();
  });
});
