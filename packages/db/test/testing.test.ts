import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { createDatabase } from "../src/index.js";
import { testDatabases } from "../src/testing.js";
import { tableNames } from "./table-names.js";

describe.each(testDatabases())("testDatabases: $name", ({ name, open }) => {
  it("gives every open() its own empty database", async () => {
    const first = await open();
    const second = await open();
    try {
      expect(first.dialect).toBe(name);
      await sql`create table only_in_first (id integer primary key)`.execute(first.db);
      await sql`insert into only_in_first (id) values (${1})`.execute(first.db);
      expect(await tableNames(first.db)).toEqual(["only_in_first"]);
      expect(await tableNames(second.db)).toEqual([]);
      await expect(sql`select * from only_in_first`.execute(second.db)).rejects.toThrow();
      // The same table name in both does not clash.
      await sql`create table only_in_first (id integer primary key)`.execute(second.db);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });
});

const url = process.env["AVALA_TEST_DATABASE_URL"];

describe("testDatabases", () => {
  it.skipIf(!url)("drops the PostgreSQL schema on destroy", async () => {
    const postgres = testDatabases().find((engine) => engine.name === "postgres")!;
    const test = await postgres.open();
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      test.db,
    );
    const schema = rows[0]!.schema;
    expect(schema).toMatch(/^avala_test_[0-9a-f]{16}$/);
    await test.destroy();

    const admin = createDatabase({ databaseUrl: url });
    try {
      const left =
        await sql`select 1 from information_schema.schemata where schema_name = ${schema}`.execute(
          admin.db,
        );
      expect(left.rows).toEqual([]);
    } finally {
      await admin.destroy();
    }
  });

  it("lists PostgreSQL only when AVALA_TEST_DATABASE_URL is set", () => {
    const engines = testDatabases({ AVALA_TEST_DATABASE_URL: "postgres://u@127.0.0.1:1/x" });
    expect(engines.map((engine) => engine.name)).toEqual(["sqlite", "postgres"]);
  });

  it("throws on CI without AVALA_TEST_DATABASE_URL", () => {
    expect(() => testDatabases({ CI: "true" })).toThrow(/AVALA_TEST_DATABASE_URL is not set/);
  });

  it("warns once when running on SQLite only", async () => {
    vi.resetModules();
    const fresh = await import("../src/testing.js");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(fresh.testDatabases({}).map((engine) => engine.name)).toEqual(["sqlite"]);
      fresh.testDatabases({});
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/AVALA_TEST_DATABASE_URL is not set/);
    } finally {
      warn.mockRestore();
    }
  });
});
