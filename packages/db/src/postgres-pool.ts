import { type CustomTypesConfig, Pool, types } from "pg";

/** PostgreSQL type ids whose default text parsing returns strings. */
const INT8 = 20;
const NUMERIC = 1700;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError("[avala/db] a BIGINT value is outside JavaScript's safe integer range");
  }
  return value;
}

/**
 * Type parsers for one pool only (the global `pg.types` stays untouched): BIGINT (also
 * `count(*)` and `sum(integer)`) and NUMERIC (also `sum(bigint)`, `avg(...)`) come back as
 * numbers, as they do from SQLite.
 */
const portableTypes: CustomTypesConfig = {
  getTypeParser: (id, format) => {
    if (format !== "binary") {
      if (id === INT8) return parseInt8;
      if (id === NUMERIC) return Number;
    }
    return types.getTypeParser(id, format);
  },
};

export type PostgresPoolOptions = {
  connectionString: string;
  max: number;
  /** Startup options sent to the server, e.g. `-c search_path=my_schema`. */
  serverOptions?: string;
  onIdleError?: (error: Error) => void;
};

/** A `pg` pool with Avala's portable type parsers and a handler for errors of idle clients. */
export function createPostgresPool(options: PostgresPoolOptions): Pool {
  if (!/^postgres(ql)?:\/\//.test(options.connectionString)) {
    // The URL itself is never echoed: it usually holds a password.
    throw new TypeError("[avala/db] a database URL must start with postgres:// or postgresql://");
  }
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    types: portableTypes,
    ...(options.serverOptions === undefined ? {} : { options: options.serverOptions }),
  });
  // Without a listener, an idle client's error (e.g. the server restarted) crashes the process.
  pool.on("error", options.onIdleError ?? logIdleError);
  return pool;
}

function logIdleError(error: Error): void {
  console.error(`[avala/db] idle PostgreSQL connection failed: ${error.message}`);
}
