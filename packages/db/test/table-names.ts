import { type Kysely, sql } from "kysely";
import { dialectOf } from "../src/index.js";

/**
 * The tables visible to `db`, sorted. Kysely's introspection lists every PostgreSQL schema, so
 * keep only the current one (each test database has its own).
 */
export async function tableNames<DB>(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  let schema: string | undefined;
  if (dialectOf(db) === "postgres") {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    schema = rows[0]?.schema;
  }
  return tables
    .filter((table) => schema === undefined || table.schema === schema)
    .map((table) => table.name)
    .sort();
}
