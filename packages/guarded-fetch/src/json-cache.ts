/**
 * A small time-limited cache of JSON response texts, keyed by request. It holds texts rather than
 * parsed values so that a caller mutating its result cannot change what the next caller gets.
 * Memory is bounded: at most `maxEntries` texts, each at most the fetch's `maxBytes`.
 */
export interface TextCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

export function createTextCache(ttlMs: number, maxEntries: number, now: () => number): TextCache {
  const entries = new Map<string, { expiresAt: number; text: string }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt > now()) return entry.text;
      entries.delete(key);
      return undefined;
    },
    set(key, text) {
      entries.delete(key);
      // Map iteration follows insertion order, so the first key is the oldest entry.
      const oldest = entries.keys().next();
      if (entries.size >= maxEntries && !oldest.done) entries.delete(oldest.value);
      entries.set(key, { expiresAt: now() + ttlMs, text });
    },
  };
}
