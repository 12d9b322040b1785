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
