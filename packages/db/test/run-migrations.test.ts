import { type Generated, type Kysely, type Migration, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { autoIncrementId, type Database, runMigrations } from "../src/index.js";
import { SCHEMA_DROP_LOCK } from "../src/run-migrations.js";
import { testDatabases } from "../src/testing.js";
import { tableNames } from "./table-names.js";

type IssuerTables = { badge: { id: Generated<number>; name: string } };
type WalletTables = { credential: { id: Generated<number>; json: string } };

const issuerMigrations: Record<string, Migration> = {
  "0001-init": {
    up: async (db) => {
      await db.schema
        .createTable("badge")
        .$call(autoIncrementId(db))
        .addColumn("name", "text", (col) => col.notNull())
        .execute();
    },
  },
  "0002-badge-name-unique": {
    up: async (db) => {
      await db.schema
        .createIndex("badge_name_unique")
        .on("badge")
        .column("name")
        .unique()
        .execute();
    },
  },
};

const walletMigrations: Record<string, Migration> = {
  "0001-init": {
    up: async (db) => {
      await db.schema
        .createTable("credential")
        .$call(autoIncrementId(db))
        .addColumn("json", "text", (col) => col.notNull())
        .execute();
    },
  },
};

async function appliedNames<DB>(db: Kysely<DB>, table: string): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select name from ${sql.table(table)} order by name`.execute(db);
  return rows.map((row) => row.name);
}

async function tableExists<DB>(db: Kysely<DB>, name: string): Promise<boolean> {
  return (await tableNames(db)).includes(name);
}

describe.each(testDatabases())("runMigrations on $name", ({ open }) => {
  let database: Database<IssuerTables & WalletTables>;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(() => database.destroy());

  it("applies migrations once and is idempotent", async () => {
    const { db } = database;
    const options = { tableName: "issuer_migration" };
    expect(await runMigrations(db, issuerMigrations, options)).toEqual([
      "0001-init",
      "0002-badge-name-unique",
    ]);
    expect(await runMigrations(db, issuerMigrations, options)).toEqual([]);
    expect(await appliedNames(db, "issuer_migration")).toEqual([
      "0001-init",
      "0002-badge-name-unique",
    ]);

    const inserted = await db
      .insertInto("badge")
      .values([{ name: "Soldadura" }, { name: "Electricidad" }])
      .returning("id")
      .execute();
    expect(inserted).toEqual([{ id: 1 }, { id: 2 }]);
    await db.insertInto("badge").values({ id: 10, name: "Carpintería" }).execute();
    const next = await db
      .insertInto("badge")
      .values({ name: "Mecánica" })
      .returning("id")
      .execute();
    expect(next[0]!.id).toBeGreaterThan(2);
  });

  it("applies only the new migrations of a longer map", async () => {
    const { db } = database;
    const first = { "0001-init": issuerMigrations["0001-init"]! };
    expect(await runMigrations(db, first, { tableName: "issuer_migration" })).toEqual([
      "0001-init",
    ]);
    expect(await runMigrations(db, issuerMigrations, { tableName: "issuer_migration" })).toEqual([
      "0002-badge-name-unique",
    ]);
  });

  it("keeps two services' migrations apart in one database", async () => {
    const { db } = database;
    await runMigrations(db, issuerMigrations, { tableName: "issuer_migration" });
    expect(await runMigrations(db, walletMigrations, { tableName: "wallet_migration" })).toEqual([
      "0001-init",
    ]);
    expect(await appliedNames(db, "issuer_migration")).toEqual([
      "0001-init",
      "0002-badge-name-unique",
    ]);
    expect(await appliedNames(db, "wallet_migration")).toEqual(["0001-init"]);
    for (const table of ["issuer_migration_lock", "wallet_migration_lock", "badge", "credential"]) {
      expect(await tableExists(db, table)).toBe(true);
    }
    expect(await tableExists(db, "kysely_migration")).toBe(false);
  });

  it("throws an error naming the failed migration and leaves no trace of it", async () => {
    const { db } = database;
    await runMigrations(db, walletMigrations, { tableName: "wallet_migration" });
    const broken: Record<string, Migration> = {
      ...walletMigrations,
      "0002-broken": {
        up: async (db) => {
          await db.schema.createTable("half_done").addColumn("id", "integer").execute();
          await sql`select * from no_such_table`.execute(db);
        },
      },
    };
    const failure = runMigrations(db, broken, { tableName: "wallet_migration" });
    await expect(failure).rejects.toThrow(/migration "0002-broken" \(wallet_migration\) failed/);
    await expect(failure).rejects.toHaveProperty("cause");
    expect(await tableExists(db, "half_done")).toBe(false);
    expect(await appliedNames(db, "wallet_migration")).toEqual(["0001-init"]);
  });

  it("rejects badly named migrations and tables", async () => {
    const { db } = database;
    await expect(
      runMigrations(
        db,
        { init: walletMigrations["0001-init"]! },
        { tableName: "wallet_migration" },
      ),
    ).rejects.toThrow(/must be named like "0001-init"/);
    await expect(
      runMigrations(db, walletMigrations, { tableName: "wallet-migration; drop" }),
    ).rejects.toThrow(/invalid migration table name/);
  });
});

describe.each(testDatabases().filter((engine) => engine.name === "postgres"))(
  "migrations and schema drops on $name",
  (engine) => {
    it("wait while a schema is being dropped (their introspection reads every schema)", async () => {
      const database = await engine.open<IssuerTables>();
      const dropper = await engine.open<IssuerTables>();
      try {
        // Hold the drop lock as a test database's teardown does, then start migrating.
        await dropper.db.connection().execute(async (connection) => {
          await sql`select pg_advisory_lock(${SCHEMA_DROP_LOCK})`.execute(connection);
          let settled = false;
          const migrating = runMigrations(database.db, issuerMigrations, {
            tableName: "lock_migration",
          }).finally(() => {
            settled = true;
          });
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(settled).toBe(false);
          await sql`select pg_advisory_unlock(${SCHEMA_DROP_LOCK})`.execute(connection);
          expect(await migrating).toEqual(["0001-init", "0002-badge-name-unique"]);
        });
      } finally {
        await database.destroy();
        await dropper.destroy();
      }
    });
  },
);
