import type { AddressInfo } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
} from "./helpers.js";

/**
 * What the camera on /add read goes to /add/scan (scan.js posts it with the page's form): an
 * offer goes to the claim, a link to a credential is imported, anything else gets plain words.
 * The camera itself is exercised in Chromium (wallet-account.test.ts).
 */

let server: ReturnType<typeof serve>;
let host: string;
let credential: Record<string, unknown>;

beforeAll(async () => {
  const issuer = await testIssuer();
  credential = await issuer.issue(qualificationAchievement, { email: "ana@example.mx" });
  const app = new Hono();
  app.get("/credentials/ana.json", (c) => c.json(credential));
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(testDatabases())("the camera scan on /add, on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { config: { fetchAllowHosts: [host] } });
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  it("offers the camera only with a script (hidden without it), under a CSP with Trusted Types", async () => {
    const page = await ana.get("/add");
    const html = ana.lastBody;
    expect(html).toMatch(
      /<section class="card scan" id="scan" aria-labelledby="scan-title" hidden/,
    );
    expect(html).toContain('<button type="button" id="scan-start">Escanear con la cámara</button>');
    expect(html).toMatch(/<form method="post" action="\/add\/scan" id="scan-form">/);
    expect(html).toMatch(/<script src="\/assets\/scan\.js\?v=[\w-]{10}" defer=""><\/script>/);
    const jsqr = /data-jsqr="(\/assets\/jsqr\.js\?v=[\w-]{10})"/.exec(html)![1]!;
    // Every other way to add stays on the page.
    for (const action of ["/claim/qr", "/import/file", "/import/url", "/import/paste"]) {
      expect(html).toContain(`action="${action}"`);
    }
    expect(page.headers.get("permissions-policy")).toContain("camera=(self)");
    expect(page.headers.get("content-security-policy")).toContain(
      "require-trusted-types-for 'script'; trusted-types avala-wallet",
    );
    const decoder = await ana.get(jsqr);
    expect(decoder.status).toBe(200);
    expect(decoder.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await decoder.text()).toContain("jsQR");
  });

  it("sends an offer to the claim, wherever its link came from", async () => {
    const offer = "https://emisor.example/claims/abcdefgh12345678";
    for (const text of [
      offer,
      `https://cartera.example/claim?offer=${encodeURIComponent(offer)}`,
    ]) {
      const response = await ana.post("/add/scan", { text });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/claim?offer=${encodeURIComponent(offer)}`);
    }
  });

  it("imports the credential a link points at", async () => {
    const url = `http://${host}/credentials/ana.json`;
    const response = await ana.post("/add/scan", { text: ` ${url} ` });
    expect(response.status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada en tu cartera.");
    const rows = await database.db.selectFrom("wallet_credential").selectAll().execute();
    expect(rows.map((r) => [r.credential_key, r.source, r.source_url])).toEqual([
      [credential["id"], "qr", url],
    ]);
  });

  it("answers anything else in plain words, and refuses a post without its CSRF token", async () => {
    for (const text of ["hola", "WIFI:S:casa;T:WPA;P:secreto;;", "mailto:ana@example.mx", ""]) {
      const response = await ana.post("/add/scan", { text });
      expect(response.status, text).toBe(422);
      expect(ana.lastBody).toContain(
        "Ese código QR no es una oferta ni el enlace de un certificado.",
      );
    }
    await ana.post("/add/scan", { text: "hello" }, { headers: { "accept-language": "en" } });
    expect(ana.lastBody).toContain("That QR code is neither an offer nor a link to a certificate.");
    const forged = await ana.post(
      "/add/scan",
      { text: "https://emisor.example/claims/abcdefgh12345678" },
      { csrf: null },
    );
    expect(forged.status).toBe(403);
    expect(await database.db.selectFrom("wallet_credential").selectAll().execute()).toEqual([]);
  });
});
