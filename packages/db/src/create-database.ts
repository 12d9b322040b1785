import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type LogConfig, PostgresDialect, SqliteDialect } from "kysely";
import { createPostgresPool } from "./postgres-pool.js";

export type DatabaseDialect = "sqlite" | "postgres";

export type Database<DB> = {
  db: Kysely<DB>;
  dialect: DatabaseDialect;
  /** Closes the SQLite file or ends the PostgreSQL pool. */
  destroy(): Promise<void>;
};

export type CreateDatabaseOptions = {
  /** `postgres://` or `postgresql://` URL; when absent or empty, SQLite is used. A secret. */
  databaseUrl?: string;
  /** Directory of the SQLite file, created when missing (mode 0700). Default `./data`. */
  dataDir?: string;
  /** SQLite file name inside `dataDir` (no path separators), or `:memory:`. Default `avala.sqlite`. */
  fileName?: string;
  /** Kysely's query log: levels to print or a function receiving every `LogEvent`. */
  log?: LogConfig;
  /** Maximum PostgreSQL pool size. Default 10. */
  maxConnections?: number;
  /** Called when an idle PostgreSQL connection fails. Default: one line on stderr. */
  onIdleConnectionError?: (error: Error) => void;
};

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Opens one Kysely instance on PostgreSQL (`databaseUrl`) or SQLite (`dataDir`/`fileName`). */
export function createDatabase<DB>(options: CreateDatabaseOptions = {}): Database<DB> {
  const { databaseUrl } = options;
  if (databaseUrl !== undefined && databaseUrl !== "") {
    return openPostgres<DB>(databaseUrl, options);
  }
  return openSqlite<DB>(options);
}

function openPostgres<DB>(databaseUrl: string, options: CreateDatabaseOptions): Database<DB> {
  const pool = createPostgresPool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    onIdleError: options.onIdleConnectionError,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return { db, dialect: "postgres", destroy: () => db.destroy() };
}

function openSqlite<DB>(options: CreateDatabaseOptions): Database<DB> {
  const fileName = options.fileName ?? "avala.sqlite";
  let location = ":memory:";
  if (fileName !== ":memory:") {
    if (fileName === "" || fileName === "." || fileName === ".." || /[/\\]/.test(fileName)) {
      throw new TypeError("[avala/db] fileName must be a plain file name, without directories");
    }
    const dataDir = options.dataDir ?? "./data";
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    location = join(dataDir, fileName);
    // Create the file owner-only before SQLite does; its -wal and -shm files copy this mode.
    closeSync(openSync(location, "a", 0o600));
  }
  const sqlite = new SqliteDatabase(location);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: options.log,
  });
  return { db, dialect: "sqlite", destroy: () => db.destroy() };
}

/** Prepared statements kept per SQL text (at most this many; then the cache starts over). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite database as Kysely sees it, with its prepared statements reused: Kysely prepares
 * every query it runs, which cost a cohort's issuing thread more than running most of them.
 * A statement still busy (an unfinished iteration) is not shared: a new one is prepared.
 * SQLite prepares a statement again by itself when the schema changes under it.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): {
  close(): void;
  prepare(sql: string): SqliteDatabase.Statement;
} {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
      statements.set(sql, statement);
      return statement;
    },
  };
}
