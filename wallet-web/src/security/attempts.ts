/**
 * Counts failed sign-ins per key (account + client address, and client address alone) in fixed
 * windows, in memory. After `max` failures a key is locked until its window ends. Bounded: at
 * most `maxKeys` keys are remembered, the oldest windows are dropped first.
 */
export interface AttemptLimiter {
  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string): number;
  /** Records one failure of `key`. */
  fail(key: string): void;
  /** Forgets `key` (after a successful sign-in). */
  reset(key: string): void;
}

export function createAttemptLimiter(options: {
  max: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}): AttemptLimiter {
  const { max, windowMs, maxKeys = 10_000, now = Date.now } = options;
  const windows = new Map<string, { count: number; endsAt: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.endsAt > now()) return w;
    if (w) windows.delete(key);
    return undefined;
  };
  return {
    retryAfter(key) {
      const w = current(key);
      return w && w.count >= max ? Math.max(1, Math.ceil((w.endsAt - now()) / 1000)) : 0;
    },
    fail(key) {
      const w = current(key);
      if (w) {
        w.count++;
        return;
      }
      while (windows.size >= maxKeys) {
        const oldest = windows.keys().next().value;
        if (oldest === undefined) break;
        windows.delete(oldest);
      }
      windows.set(key, { count: 1, endsAt: now() + windowMs });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
