import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIssuerApp, createIssuerContext, defaultLimits } from "../src/index.js";
import { createDatabaseRateLimitStore } from "../src/services/rate-limit-store.js";
import { createHarness, type Harness } from "./harness.js";

const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

describe.each(testDatabases())("rate limits in the database on $name", (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(engine, { limits: { ...defaultLimits, claimRequestsPerMinute: 3 } });
  });
  afterEach(() => h.close());

  it("counts a key's window across stores, per scope, and starts a new one when it ends", async () => {
    const one = createDatabaseRateLimitStore(h.ctx.db, "claims");
    const two = createDatabaseRateLimitStore(h.ctx.db, "claims");
    const other = createDatabaseRateLimitStore(h.ctx.db, "console-auth");
    expect(await one.hit("198.51.100.7", 1_000, 60_000)).toEqual({ count: 1, endsAt: 61_000 });
    expect(await two.hit("198.51.100.7", 2_000, 60_000)).toEqual({ count: 2, endsAt: 61_000 });
    expect(await one.hit("198.51.100.8", 2_000, 60_000)).toEqual({ count: 1, endsAt: 62_000 });
    expect(await other.hit("198.51.100.7", 3_000, 60_000)).toEqual({ count: 1, endsAt: 63_000 });
    // The window ended: a new one starts at this hit.
    expect(await two.hit("198.51.100.7", 61_000, 60_000)).toEqual({ count: 1, endsAt: 121_000 });
    // The client address is never stored as such.
    const rows = await h.ctx.db.selectFrom("issuer_rate_limit").selectAll().execute();
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain("198.51.100");
  });

  it("shares the claim limit between issuer processes on PostgreSQL; SQLite counts in memory", async () => {
    // A second process on the same database: its own context and app.
    const second = createIssuerContext(h.ctx.config, {
      database: { db: h.ctx.db, dialect: h.ctx.dialect, destroy: async () => {} },
      now: h.ctx.now,
      log: h.ctx.log,
    });
    try {
      const apps = [h.app, createIssuerApp(second)];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = apps[i % 2]!;
        const reply = await app.request("/claims/unknown", {}, from("203.0.113.5"));
        statuses.push(reply.status);
      }
      if (engine.name === "postgres") {
        expect(h.ctx.rateLimitStore("claims")).toBeDefined();
        // Three requests a minute in all, whichever process answers.
        expect(statuses).toEqual([404, 404, 404, 429, 429, 429]);
      } else {
        expect(h.ctx.rateLimitStore("claims")).toBeUndefined();
        // Each process counts its own three.
        expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
      }
      const limited = await h.app.request("/claims/unknown", {}, from("203.0.113.5"));
      if (engine.name === "postgres") {
        expect(limited.status).toBe(429);
        expect(limited.headers.get("content-type")).toContain("application/problem+json");
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    } finally {
      await second.destroy();
    }
  });
});
