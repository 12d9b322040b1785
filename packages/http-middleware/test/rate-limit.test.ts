import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  memoryRateLimitStore,
  problemErrorHandler,
  type RateLimitOptions,
  rateLimit,
} from "../src/index.js";

function limitedApp(options: Partial<RateLimitOptions> = {}) {
  const clock = { now: 0 };
  const app = new Hono();
  app.onError(problemErrorHandler());
  app.use(rateLimit({ windowMs: 60_000, max: 2, now: () => clock.now, ...options }));
  app.get("/", (c) => c.text("ok"));
  return { app, clock };
}

const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

describe("rateLimit", () => {
  it("answers 429 with Retry-After after max requests, until the window ends", async () => {
    const { app, clock } = limitedApp();
    expect((await app.request("/")).status).toBe(200);
    expect((await app.request("/")).status).toBe(200);
    clock.now = 15_000;
    const limited = await app.request("/");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(await limited.json()).toMatchObject({ status: 429, title: "Too Many Requests" });
    clock.now = 60_000;
    expect((await app.request("/")).status).toBe(200);
  });

  it("counts each client address (node-server connection info) on its own", async () => {
    const { app } = limitedApp({ max: 1 });
    expect((await app.request("/", {}, from("198.51.100.1"))).status).toBe(200);
    expect((await app.request("/", {}, from("198.51.100.1"))).status).toBe(429);
    expect((await app.request("/", {}, from("198.51.100.2"))).status).toBe(200);
  });

  it("ignores forwarding headers unless told to trust one", async () => {
    const { app } = limitedApp({ max: 1 });
    const spoofed = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
    expect((await app.request("/", spoofed("1.1.1.1"), from("203.0.113.9"))).status).toBe(200);
    expect((await app.request("/", spoofed("2.2.2.2"), from("203.0.113.9"))).status).toBe(429);
  });

  it("uses the rightmost value of a trusted proxy header", async () => {
    const { app } = limitedApp({ max: 1, trustedProxyHeader: "x-forwarded-for" });
    const via = (chain: string) => ({ headers: { "x-forwarded-for": chain } });
    const proxy = from("10.0.0.2");
    expect((await app.request("/", via("6.6.6.6, 198.51.100.1"), proxy)).status).toBe(200);
    // A client cannot escape its limit by prepending addresses of its own.
    expect((await app.request("/", via("7.7.7.7, 198.51.100.1"), proxy)).status).toBe(429);
    expect((await app.request("/", via("198.51.100.2"), proxy)).status).toBe(200);
  });

  it("accepts a custom key", async () => {
    const { app } = limitedApp({ max: 1, key: (c) => c.req.header("x-api-key") ?? "anon" });
    expect((await app.request("/", { headers: { "x-api-key": "a" } })).status).toBe(200);
    expect((await app.request("/", { headers: { "x-api-key": "b" } })).status).toBe(200);
    expect((await app.request("/", { headers: { "x-api-key": "a" } })).status).toBe(429);
  });

  it("remembers at most maxKeys keys, dropping the oldest", async () => {
    const { app } = limitedApp({ max: 1, maxKeys: 3 });
    expect((await app.request("/", {}, from("198.51.100.1"))).status).toBe(200);
    expect((await app.request("/", {}, from("198.51.100.1"))).status).toBe(429);
    for (const ip of ["198.51.100.2", "198.51.100.3", "198.51.100.4"]) {
      await app.request("/", {}, from(ip));
    }
    // The first key was evicted to make room, so its count starts again.
    expect((await app.request("/", {}, from("198.51.100.1"))).status).toBe(200);
    expect((await app.request("/", {}, from("198.51.100.4"))).status).toBe(429);
  });

  it("counts in the store it is given, shared by limiters of several apps (processes)", async () => {
    const store = memoryRateLimitStore();
    const first = limitedApp({ max: 2, store });
    const second = limitedApp({ max: 2, store });
    expect((await first.app.request("/", {}, from("198.51.100.9"))).status).toBe(200);
    expect((await second.app.request("/", {}, from("198.51.100.9"))).status).toBe(200);
    const limited = await first.app.request("/", {}, from("198.51.100.9"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await second.app.request("/", {}, from("198.51.100.10"))).status).toBe(200);
  });

  it("throws on misuse", () => {
    expect(() => rateLimit({ windowMs: 0, max: 1 })).toThrow(TypeError);
  });
});
