import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import { createDatabase, type Database, type DatabaseDialect } from "./create-database.js";
import { createPostgresPool } from "./postgres-pool.js";
import { SCHEMA_DROP_LOCK } from "./run-migrations.js";

export type TestDatabase = {
  name: DatabaseDialect;
  /** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL schema. */
  open<DB>(): Promise<Database<DB>>;
};

let warned = false;

/**
 * The engines every database test runs on, for `describe.each(testDatabases())("$name", ...)`:
 * SQLite always, PostgreSQL when `AVALA_TEST_DATABASE_URL` is set. With `CI=true` and no URL it
 * throws, so a CI run cannot silently skip PostgreSQL.
 */
export function testDatabases(
  env: Record<string, string | undefined> = process.env,
): TestDatabase[] {
  const sqlite: TestDatabase = { name: "sqlite", open: openTestSqlite };
  const url = env["AVALA_TEST_DATABASE_URL"];
  if (url) {
    return [sqlite, { name: "postgres", open: () => openTestPostgres(url) }];
  }
  if (env["CI"] === "true") {
    throw new Error(
      "[avala/db] AVALA_TEST_DATABASE_URL is not set but CI=true: database tests must also run on PostgreSQL",
    );
  }
  if (!warned) {
    warned = true;
    console.warn(
      "[avala/db] AVALA_TEST_DATABASE_URL is not set: database tests run on SQLite only",
    );
  }
  return [sqlite];
}

async function openTestSqlite<DB>(): Promise<Database<DB>> {
  const dataDir = mkdtempSync(join(tmpdir(), "avala-db-test-"));
  const database = createDatabase<DB>({ dataDir, fileName: "test.sqlite" });
  return {
    ...database,
    destroy: async () => {
      try {
        await database.destroy();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Every connection of the pool uses a new schema, so parallel test files never meet. The schema
 * is created on a connection of its own before the pool opens any: a connection whose
 * `search_path` named a schema that did not exist yet when it started could fail later with
 * "schema … does not exist" (seen now and then in migrations).
 */
async function openTestPostgres<DB>(url: string): Promise<Database<DB>> {
  const schema = `avala_test_${randomBytes(8).toString("hex")}`;
  const setup = createPostgresPool({ connectionString: url, max: 1 });
  try {
    await setup.query(`create schema "${schema}"`);
  } finally {
    await setup.end();
  }
  const pool = createPostgresPool({
    connectionString: url,
    max: 4,
    // No parallel query: a parallel worker restores search_path from the leader.
    serverOptions: `-c search_path=${schema} -c max_parallel_workers_per_gather=0`,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    destroy: async () => {
      try {
        // Exclusive against migrations elsewhere, whose introspection reads every schema.
        await db.connection().execute(async (connection) => {
          await sql`select pg_advisory_lock(${SCHEMA_DROP_LOCK})`.execute(connection);
          try {
            await sql`drop schema ${sql.id(schema)} cascade`.execute(connection);
          } finally {
            await sql`select pg_advisory_unlock(${SCHEMA_DROP_LOCK})`.execute(connection);
          }
        });
      } finally {
        await db.destroy();
      }
    },
  };
}
