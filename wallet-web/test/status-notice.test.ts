import type { JsonObject } from "@avala/credentials";
import { signCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { createFixtureWorld, type FixtureWorld } from "@avala/verifier/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWalletApp } from "../src/app.js";
import { createWalletContext, type WalletContext } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import { Browser, quietLog, testConfig } from "./helpers.js";

// The wallet's credential page, when it checks the status again, says since when and why the
// issuer suspended or revoked it: the issuer's notice (the status entry's `statusReference`),
// read by the verifier library through the guarded fetcher. Real signatures and status lists
// served on 127.0.0.1.

let world: FixtureWorld;

beforeAll(async () => {
  world = await createFixtureWorld();
});

afterAll(async () => {
  await world?.server.close();
});

describe.each(testDatabases())("withdrawal notices in the wallet on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let ctx: WalletContext;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    // The wallet's own fetchers, allowed to reach the fixture server; nothing cached.
    ctx = await createWalletContext(testConfig({ fetchAllowHosts: [world.server.host] }), {
      database,
      now: () => world.now,
      log: quietLog,
      fetchCacheTtlMs: 0,
    });
    ana = new Browser(createWalletApp(ctx));
    await ana.signUp("ana@example.mx");
  });
  afterEach(async () => {
    await ctx.destroy();
    await database.destroy();
  });

  it("shows the date, and the reason only when the issuer published it", async () => {
    // A credential with a suspension entry that names its notice, on the list's own server.
    const issued = await world.issue({ issuer: world.ece, statusPurposes: ["suspension"] });
    const unsigned = structuredClone(issued.credential);
    delete unsigned.proof;
    const entry = unsigned.credentialStatus as JsonObject;
    const url = `${entry.statusListCredential}/entries/${entry.statusListIndex}`;
    entry.statusReference = url;
    const credential = await signCredential(unsigned, {
      key: world.ece.key,
      documentLoader: world.documentLoader,
    });
    await ana.get("/add");
    const imported = await ana.post("/import/paste", { json: JSON.stringify(credential) });
    expect(imported.status).toBe(200);
    const row = await database.db
      .selectFrom("wallet_credential")
      .select(["id", "public_id"])
      .executeTakeFirstOrThrow();
    // Checked again on each visit here (the wallet keeps a result for half a minute).
    const visit = async () => {
      ctx.verificationCache.delete(String(row.id));
      await ana.get(`/credentials/${row.public_id}`);
      return ana.lastBody;
    };

    const notice = {
      statusListCredential: entry.statusListCredential,
      statusListIndex: entry.statusListIndex,
      statusPurpose: "suspension",
      status: "suspended",
      since: "2027-03-12T16:05:00.000Z",
      reason: null as JsonObject | null,
    };
    world.server.serve(new URL(url).pathname, notice);
    await world.setStatus(world.ece, "suspension", issued.statusIndex!, true);
    const dateOnly = await visit();
    expect(dateOnly).toContain("Suspendida por el emisor el 12 de marzo de 2027");
    expect(dateOnly).not.toContain("Motivo que dio el emisor");

    notice.reason = {
      code: "under-review",
      es: "En revisión — Queja de un empleador",
      en: "Under review — Queja de un empleador",
    };
    world.server.serve(new URL(url).pathname, notice);
    expect(await visit()).toContain(
      "Motivo que dio el emisor: En revisión — Queja de un empleador",
    );

    // A notice the wallet cannot read: the suspension still shows, without a date.
    world.server.remove(new URL(url).pathname);
    const unreadable = await visit();
    expect(unreadable).not.toContain("Suspendida por el emisor el");
    expect(unreadable).toContain('data-withdrawn="suspended"');
  });
});
