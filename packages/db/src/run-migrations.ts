import { type Kysely, type Migration, Migrator, sql } from "kysely";
import { dialectOf } from "./dialect-of.js";

export type { Migration } from "kysely";

export type RunMigrationsOptions = {
  /**
   * The service's migration table, e.g. `issuer_migration`; its lock table is `<tableName>_lock`.
   * Distinct names let several services share one PostgreSQL database.
   */
  tableName: string;
};

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,57}$/;
const MIGRATION_NAME = /^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Applies the pending migrations of a static map (keys like `0001-init`, applied in key order)
 * and returns the names it applied. A failing migration leaves no trace of itself and is thrown
 * as an Error naming it, with the database error as `cause`.
 */
export async function runMigrations<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  options: RunMigrationsOptions,
): Promise<string[]> {
  const { tableName } = options;
  if (!TABLE_NAME.test(tableName)) {
    throw new TypeError(`[avala/db] invalid migration table name "${tableName}"`);
  }
  for (const name of Object.keys(migrations)) {
    if (!MIGRATION_NAME.test(name)) {
      throw new TypeError(`[avala/db] migration "${name}" must be named like "0001-init"`);
    }
  }
  const dialect = dialectOf(db);
  if (dialect === "postgres") {
    // Kysely's migrator looks the migration table up with an introspection query over every
    // schema of the database, which fails ("schema … does not exist") if another process drops
    // a schema meanwhile. Schema drops (test databases) take this lock exclusively.
    return db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock_shared(${SCHEMA_DROP_LOCK})`.execute(connection);
      try {
        return await migrate(connection, migrations, tableName, "postgres");
      } finally {
        await sql`select pg_advisory_unlock_shared(${SCHEMA_DROP_LOCK})`.execute(connection);
      }
    });
  }
  return migrate(db, migrations, tableName, dialect);
}

/**
 * The advisory lock that schema drops take exclusively and migrations take shared (PostgreSQL):
 * see `runMigrations`.
 */
export const SCHEMA_DROP_LOCK = 0x61766c61; // "avla"

async function migrate<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  tableName: string,
  dialect: "sqlite" | "postgres",
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () =>
        dialect === "sqlite" ? inTransactions(migrations) : { ...migrations },
    },
    migrationTableName: tableName,
    migrationLockTableName: `${tableName}_lock`,
    // Kysely looks for an unqualified migration table in every schema; pin it to ours.
    ...(dialect === "postgres" ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error");
    const what = failed ? `migration "${failed.migrationName}"` : "migrations";
    throw new Error(`[avala/db] ${what} (${tableName}) failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return results.filter((result) => result.status === "Success").map((r) => r.migrationName);
}

/** PostgreSQL runs all pending migrations in one transaction; on SQLite, wrap each one. */
function inTransactions(migrations: Record<string, Migration>): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, migration]) => [
      name,
      { up: (db) => db.transaction().execute((trx) => migration.up(trx)) } satisfies Migration,
    ]),
  );
}

async function currentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new Error("[avala/db] PostgreSQL has no current schema: check the search_path");
  }
  return schema;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
