import type { JsonObject } from "@avala/credentials";
import { buildAchievementCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { didKeyOfJwk } from "@avala/vc-jwt";
import { verify } from "@avala/verifier";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  testRegistry,
  unitAchievement,
} from "./helpers.js";

/**
 * "Download all my credentials": one JSON file with every credential exactly as held (a JWT as
 * its compact string), each of which verifies again, on its own, with the verifier library.
 */

let issuer: Awaited<ReturnType<typeof testIssuer>>;
let jwtOf: (achievement: typeof qualificationAchievement) => Promise<string>;
let registry: Awaited<ReturnType<typeof testRegistry>>;

beforeAll(async () => {
  issuer = await testIssuer();
  const pair = await generateKeyPair("EdDSA", { extractable: true });
  const did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
  jwtOf = async (achievement) => {
    const credential = buildAchievementCredential({
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuer: { id: did, name: { es: "Centro JWT", en: "JWT Centre" } },
      achievement,
      subject: { identifiers: [{ kind: "email", value: "ana@example.mx" }] },
      validFrom: "2026-01-15T00:00:00Z",
      validUntil: "2031-01-15T00:00:00Z",
    }) as unknown as JsonObject;
    return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
      .setProtectedHeader({ alg: "EdDSA", kid: `${did}#${did.slice(8)}`, typ: "vc+jwt", cty: "vc" })
      .sign(pair.privateKey);
  };
  registry = await testRegistry([issuer.did, did]);
});

describe.each(testDatabases())("exporting every credential on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { registry });
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const importText = async (browser: Browser, text: string) => {
    await browser.get("/add");
    const response = await browser.post("/import/paste", { json: text });
    expect(response.status).toBe(200);
  };

  it("downloads one file with each credential exactly as held, and each verifies again", async () => {
    const ld = await issuer.issue(qualificationAchievement, { email: "ana@example.mx" });
    const jwt = await jwtOf(unitAchievement("U0586"));
    await importText(ana, JSON.stringify(ld, null, 2));
    await importText(ana, jwt);
    // Someone else's credential is not in Ana's file.
    const bruno = new Browser(wallet.app, "198.51.100.4");
    await bruno.signUp("bruno@example.mx");
    const brunos = await issuer.issue(unitAchievement("U0587"), { email: "bruno@example.mx" });
    await importText(bruno, JSON.stringify(brunos));

    await ana.get("/account");
    expect(ana.lastBody).toContain('href="/account/export"');
    expect(ana.lastBody).toContain("Descargar todas mis credenciales");
    const response = await ana.get("/account/export");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="avala-credentials-2026-06-01.json"',
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const file = JSON.parse(text) as {
      exportedAt: string;
      account: { email: string; name: string };
      credentials: Array<JsonObject | string>;
    };
    expect(Object.keys(file)).toEqual(["exportedAt", "account", "credentials"]);
    expect(file.exportedAt).toBe("2026-06-01T12:00:00.000Z");
    expect(file.account).toEqual({ email: "ana@example.mx", name: "Ana López" });
    expect(file.credentials).toHaveLength(2);

    // Exactly as held: the JWT as its compact string, the other as issued (and the very text
    // the wallet stored, byte for byte).
    expect(file.credentials).toContainEqual(jwt);
    expect(file.credentials).toContainEqual(JSON.parse(JSON.stringify(ld)));
    expect(JSON.stringify(file)).not.toContain(brunos.id as string);
    const rows = await database.db.selectFrom("wallet_credential").selectAll().execute();
    for (const row of rows.filter((r) => r.credential_key !== brunos.id)) {
      expect(text).toContain(row.document);
    }

    // Each one verifies again, on its own, with the verifier library.
    for (const credential of file.credentials) {
      const result = await verify(credential, {
        documentLoader,
        trustRegistry: registry,
        now: new Date("2026-06-01T12:00:00Z"),
      });
      expect(result.kind).toBe("credential");
      expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");
      expect(result.checks.find((c) => c.check === "proof")?.outcome).toBe("pass");
    }
  });

  it("gives an empty list to an account with nothing, and only to a signed-in visitor", async () => {
    const response = await ana.get("/account/export");
    expect(JSON.parse(await response.text())).toMatchObject({
      account: { email: "ana@example.mx" },
      credentials: [],
    });
    const stranger = await new Browser(wallet.app, "198.51.100.8").get("/account/export");
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get("location")).toBe("/signin?next=%2Faccount%2Fexport");
  });
});
