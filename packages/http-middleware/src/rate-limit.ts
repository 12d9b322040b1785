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
  /** Most keys remembered (default 10 000); the oldest windows are dropped first. */
  maxKeys?: number;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/**
 * Fixed-window, in-memory limit per key: after `max` requests in a window, 429 problems
 * (`request.too-many-requests`) with `Retry-After` until it ends. Memory is bounded by `maxKeys`. Per process: several replicas each
 * count on their own.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { windowMs, max, maxKeys = 10_000, now = Date.now } = options;
  if (![windowMs, max, maxKeys].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new TypeError("rateLimit: windowMs, max and maxKeys must be positive integers");
  }
  const keyOf = options.key ?? ((c: Context) => clientAddress(c, options.trustedProxyHeader));
  // Insertion order = order in which windows started, so the first entries are the oldest.
  const windows = new Map<string, { count: number; endsAt: number }>();

  function startWindow(key: string, at: number) {
    windows.delete(key);
    for (const [oldKey, old] of windows) {
      if (windows.size < maxKeys && old.endsAt > at) break;
      windows.delete(oldKey);
    }
    const window = { count: 0, endsAt: at + windowMs };
    windows.set(key, window);
    return window;
  }

  return async (c, next) => {
    const at = now();
    const key = keyOf(c);
    const current = windows.get(key);
    const window = current !== undefined && current.endsAt > at ? current : startWindow(key, at);
    window.count++;
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
