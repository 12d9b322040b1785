/**
 * Counts failed sign-ins per key (account + client address, account alone, client address alone)
 * in fixed windows, in memory. After `max` failures a key is locked until its window ends.
 * Bounded: at most `maxKeys` keys are remembered. When full, the oldest window that has ended or
 * is not locked makes room; a locked key is dropped only when every key is locked, so failures
 * sprayed over many other keys cannot push a locked account out of memory.
 */
export interface AttemptLimiter {
  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string): number;
  /** Records one failure of `key`. */
  fail(key: string): void;
  /** Forgets `key` (after a successful sign-in). */
  reset(key: string): void;
  /**
   * Counts one attempt of `key` before its secret is compared, and answers the seconds to wait
   * when that attempt is past the limit (0: compare it). Unlike `retryAfter` then `fail`, there
   * is no await between the check and the count, so attempts sent in parallel each see the
   * others: no more than `max` are ever compared in a window.
   */
  take(key: string): number;
  /** Takes back one attempt counted by `take` that turned out right. */
  giveBack(key: string): void;
}

export function createAttemptLimiter(options: {
  max: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}): AttemptLimiter {
  const { max, windowMs, maxKeys = 10_000, now = Date.now } = options;
  if (![max, windowMs, maxKeys].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new TypeError(
      "createAttemptLimiter: max, windowMs and maxKeys must be positive integers",
    );
  }
  const windows = new Map<string, { count: number; endsAt: number }>();
  // Frees one place. Insertion order is the order windows started: the oldest come first.
  const makeRoom = () => {
    const at = now();
    for (const [key, w] of windows) {
      if (w.endsAt <= at || w.count < max) {
        windows.delete(key);
        return;
      }
    }
    const oldest = windows.keys().next().value;
    if (oldest !== undefined) windows.delete(oldest);
  };
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
      while (windows.size >= maxKeys) makeRoom();
      windows.set(key, { count: 1, endsAt: now() + windowMs });
    },
    reset(key) {
      windows.delete(key);
    },
    take(key) {
      this.fail(key);
      const w = current(key);
      return w && w.count > max ? Math.max(1, Math.ceil((w.endsAt - now()) / 1000)) : 0;
    },
    giveBack(key) {
      const w = current(key);
      if (w && w.count > 0) w.count--;
    },
  };
}
