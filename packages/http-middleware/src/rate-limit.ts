import type { Context, MiddlewareHandler } from "hono";
import { codedProblem } from "./problem.js";

export interface RateLimitOptions {
  /** Length of a window. */
  windowMs: number;
  /** Requests allowed per key and window; the next one gets 429. */
  max: number;
  /** Groups requests; default: the client address (see `clientAddress`). */
  key?: (c: Context) => string;
  /**
   * Header that carries the client address, set by a reverse proxy you run (e.g.
   * `x-forwarded-for`). Only name it when every request passes through that proxy: clients can
   * send the header themselves. The rightmost value is used: the one your proxy appended.
   */
  trustedProxyHeader?: string;
  /** Most keys remembered by the default in-memory store (default 10 000); oldest dropped first. */
  maxKeys?: number;
  /**
   * Where the windows are counted. Default: in this process's memory (`memoryRateLimitStore`),
   * so several replicas each count on their own; give a shared store (a database) to count
   * across them.
   */
  store?: RateLimitStore;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/** Counts requests per key in fixed windows. */
export interface RateLimitStore {
  /**
   * Counts one request of `key` at `at` (ms): in its current window, or in a new one of
   * `windowMs` from `at` when none is open. Returns the count so far and when the window ends.
   */
  hit(key: string, at: number, windowMs: number): Promise<RateLimitWindow>;
}

export interface RateLimitWindow {
  count: number;
  endsAt: number;
}

/** Windows in this process's memory, at most `maxKeys` of them (the oldest go first). */
export function memoryRateLimitStore(options: { maxKeys?: number } = {}): RateLimitStore {
  const { maxKeys = 10_000 } = options;
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
    throw new TypeError("memoryRateLimitStore: maxKeys must be a positive integer");
  }
  // Insertion order = order in which windows started, so the first entries are the oldest.
  const windows = new Map<string, RateLimitWindow>();

  function startWindow(key: string, at: number, windowMs: number) {
    windows.delete(key);
    for (const [oldKey, old] of windows) {
      if (windows.size < maxKeys && old.endsAt > at) break;
      windows.delete(oldKey);
    }
    const window = { count: 0, endsAt: at + windowMs };
    windows.set(key, window);
    return window;
  }

  return {
    async hit(key, at, windowMs) {
      const current = windows.get(key);
      const window =
        current !== undefined && current.endsAt > at ? current : startWindow(key, at, windowMs);
      window.count++;
      return { count: window.count, endsAt: window.endsAt };
    },
  };
}

/**
 * Fixed-window limit per key: after `max` requests in a window, 429 problems
 * (`request.too-many-requests`) with `Retry-After` until it ends. Counted in memory unless a
 * `store` is given (bounded by `maxKeys`; per process: several replicas each count on their
 * own).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { windowMs, max, maxKeys = 10_000, now = Date.now } = options;
  if (![windowMs, max, maxKeys].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new TypeError("rateLimit: windowMs, max and maxKeys must be positive integers");
  }
  const keyOf = options.key ?? ((c: Context) => clientAddress(c, options.trustedProxyHeader));
  const store = options.store ?? memoryRateLimitStore({ maxKeys });

  return async (c, next) => {
    const at = now();
    const window = await store.hit(keyOf(c), at, windowMs);
    if (window.count > max) {
      const retryAfter = Math.max(1, Math.ceil((window.endsAt - at) / 1000));
      throw codedProblem(429, "request.too-many-requests", undefined, {
        headers: { "retry-after": String(retryAfter) },
      });
    }
    await next();
  };
}

/**
 * The client's address: the trusted proxy header's rightmost value when configured and present,
 * else the socket's remote address under `@hono/node-server` (`c.env.incoming`), else "unknown"
 * (all such requests then share one limit).
 */
export function clientAddress(c: Context, trustedProxyHeader?: string): string {
  const forwarded = trustedProxyHeader ? c.req.header(trustedProxyHeader) : undefined;
  const last = forwarded?.split(",").pop()?.trim();
  if (last) return last;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}
