/**
 * Values per `IN (…)` list. Some lists come from callers (a batch upload names any number of
 * achievement codes), and both engines bound the parameters of one statement (SQLite 32,766,
 * PostgreSQL 65,535): a look-up by a caller's list goes in chunks of this size.
 */
export const IN_LIST_CHUNK = 500;

/** Splits a list into chunks of at most `size` values, for `IN (…)` look-ups. */
export function chunksOf<T>(items: readonly T[], size: number = IN_LIST_CHUNK): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunk size must be at least 1");
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
