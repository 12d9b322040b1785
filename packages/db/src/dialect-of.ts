import { type Kysely, PostgresIntrospector, SqliteIntrospector } from "kysely";
import type { DatabaseDialect } from "./create-database.js";

/** Which engine a Kysely instance (or a transaction of one) talks to. */
export function dialectOf<DB>(db: Kysely<DB>): DatabaseDialect {
  const introspector = db.introspection;
  if (introspector instanceof PostgresIntrospector) return "postgres";
  if (introspector instanceof SqliteIntrospector) return "sqlite";
  throw new TypeError("[avala/db] only SQLite and PostgreSQL Kysely instances are supported");
}
