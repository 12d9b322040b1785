/** SQLite (better-sqlite3) and PostgreSQL (`pg`) error codes of a unique or primary-key violation. */
const UNIQUE_VIOLATION_CODES = new Set([
  "SQLITE_CONSTRAINT_UNIQUE",
  "SQLITE_CONSTRAINT_PRIMARYKEY",
  "23505",
]);

/**
 * True when `error` (or an error in its `cause` chain) is a unique or primary-key violation, on
 * SQLite or PostgreSQL. Other constraint violations (not null, foreign key, check) are false.
 */
export function isUniqueViolation(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && UNIQUE_VIOLATION_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
