import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { bakeOb2Png, bakeOb2Svg } from "@avala/verifier";
import type { Ob2Site } from "@avala/verifier/testing";
import { createOb2Site, samplePng, sampleSvg, startFixtureServer } from "@avala/verifier/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWalletApp } from "../src/app.js";
import { createWalletContext } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  quietLog,
  type TestWallet,
  testClock,
  testConfig,
} from "./helpers.js";

/**
 * A learner brings Open Badges 2.0 badges (the ones most people already have): a hosted
 * assertion's JSON, a signed badge's JWS, badges baked in PNG and SVG, a link. An issuer's site
 * on loopback serves them; the wallet verifies each with the verifier library, checks that it
 * was awarded to the account's e-mail, keeps it, and shows it with what its check is worth.
 */

let site: Ob2Site;

beforeAll(async () => {
  site = await createOb2Site(await startFixtureServer(), "ana@example.mx");
});
afterAll(async () => {
  await site?.close();
});

describe.each(testDatabases())("importing Open Badges 2.0 on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    // No fetch cache: a site taken down in the test is seen as gone at once.
    const clock = testClock();
    const ctx = await createWalletContext(testConfig({ fetchAllowHosts: [site.server.host] }), {
      database,
      now: clock.now,
      log: quietLog,
      verifyOptions: { documentLoader },
      fetchCacheTtlMs: 0,
    });
    wallet = { ctx, app: createWalletApp(ctx), clock };
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const stored = () =>
    database.db.selectFrom("wallet_credential").selectAll().orderBy("id").execute();

  it("keeps a signed badge and a hosted one, and shows them with their assurance", async () => {
    const jws = await site.signed();
    expect((await ana.post("/import/paste", { json: jws })).status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada");
    const hosted = site.hosted(`wallet-${crypto.randomUUID()}`);
    await ana.get("/add");
    expect((await ana.post("/import/paste", { json: JSON.stringify(hosted) })).status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada");

    const rows = await stored();
    expect(rows).toHaveLength(2);
    // Held as given: the JWS its signature covers, the assertion as the issuer's site serves it.
    expect(JSON.parse(rows[0]!.document)).toBe(jws);
    expect(JSON.parse(rows[1]!.document)).toEqual(hosted);
    expect(rows[1]).toMatchObject({
      credential_key: hosted.id,
      issuer_id: site.profileId,
      issued_at: "2026-01-15T10:00:00.000Z",
      verdict: "valid",
      source: "paste",
    });
    expect(JSON.parse(rows[1]!.ob2_badge!)).toMatchObject({
      name: "Python para análisis de datos",
      issuer: { name: "Universidad del Ejemplo" },
    });

    // Kept and checked, not shared (yet): no share link and no presentation carries one.
    await ana.get("/shares/new");
    const share = await ana.post("/shares", { c: rows[0]!.public_id, days: "7" });
    expect(share.status).toBe(422);
    expect(ana.lastBody).toContain("no se comparten");
    expect(await database.db.selectFrom("wallet_share").selectAll().execute()).toHaveLength(0);

    // Verified again from what is held (nothing cached), side by side in the list.
    for (const row of rows) wallet.ctx.verificationCache.delete(String(row.id));
    await ana.get("/credentials");
    expect(ana.lastBody.match(/Python para análisis de datos/g)?.length).toBeGreaterThanOrEqual(2);
    expect(ana.lastBody).toContain("Firmada por el emisor");
    expect(ana.lastBody).toContain("Confirmada en el sitio del emisor hace un momento");

    // The issuer's site is gone: still readable, but said to be unconfirmable.
    site.server.remove(`/assertions/${String(hosted.id).split("/assertions/")[1]}`);
    wallet.ctx.verificationCache.delete(String(rows[1]!.id));
    await ana.get(`/credentials/${rows[1]!.public_id}`);
    expect(ana.lastBody).toContain("Python para análisis de datos");
    expect(ana.lastBody).toContain("No se puede confirmar en absoluto");
    expect(ana.lastBody).toContain("Ti: coincide con tu correo");
  });

  it("imports badges baked in PNG and SVG, and a link to a hosted one", async () => {
    const png = site.hosted(`png-${crypto.randomUUID()}`);
    const svgJws = await site.signed();
    const files: Array<[string, BlobPart, string]> = [
      ["badge.png", new Uint8Array(bakeOb2Png(await samplePng(), String(png.id))), "image/png"],
      ["badge.svg", bakeOb2Svg(await sampleSvg(), svgJws), "image/svg+xml"],
    ];
    for (const [name, body, type] of files) {
      const form = new FormData();
      form.set("file", new File([body], name, { type }));
      await ana.get("/add");
      expect((await ana.post("/import/file", form)).status, name).toBe(200);
      expect(ana.lastBody, name).toContain("Verificada y guardada");
    }
    const linked = site.hosted(`link-${crypto.randomUUID()}`);
    await ana.get("/add");
    await ana.post("/import/url", { url: String(linked.id) });
    expect(ana.lastBody).toContain("Verificada y guardada");
    const rows = await stored();
    expect(rows.map((r) => r.credential_key)).toHaveLength(3);
    expect(JSON.parse(rows[0]!.document)).toEqual(png);
    expect(JSON.parse(rows[1]!.document)).toBe(svgJws);
    expect(rows.map((r) => r.source)).toEqual(["file", "file", "url"]);
  });

  it("stores nothing for someone else's, a revoked, a tampered or an unconfirmable badge", async () => {
    const someoneElse = await createOb2Site(await startFixtureServer(), "otra@example.mx");
    try {
      const cases: string[] = [
        await someoneElse.signed(),
        JSON.stringify({
          ...site.hosted(`t-${crypto.randomUUID()}`),
          issuedOn: "2020-01-01T00:00:00Z",
        }),
        JSON.stringify({
          ...site.hosted(`g-${crypto.randomUUID()}`),
          id: `${site.server.origin}/nope.json`,
        }),
      ];
      const revoked = await site.signed({ uid: "wallet-revoked" });
      site.revoke("wallet-revoked", "Emitida por error");
      cases.push(revoked);
      const expected = [
        "ob2.recipient-mismatch",
        "ob2.hosted-mismatch",
        "ob2.hosted-unreachable",
        "ob2.revoked-because",
      ];
      for (const [index, input] of cases.entries()) {
        await ana.get("/add");
        const response = await ana.post("/import/paste", { json: input });
        expect(response.status, expected[index]).toBe(422);
        expect(ana.lastBody).toContain(expected[index]);
      }
      expect(await stored()).toHaveLength(0);
    } finally {
      await someoneElse.close();
    }
  });
});
