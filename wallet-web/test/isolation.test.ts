import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  publicIdsIn,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
} from "./helpers.js";

let issuer: Awaited<ReturnType<typeof testIssuer>>;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe.each(testDatabases())("tenant isolation on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;
  let beto: Browser;
  let anaCredential: string;
  let anaShare: string;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new Browser(wallet.app);
    beto = new Browser(wallet.app, "192.0.2.80");
    await ana.signUp("ana@example.mx");
    await beto.signUp("beto@example.mx", "otra frase bastante larga", "Beto");
    await ana.get("/add");
    await ana.post("/import/paste", {
      json: JSON.stringify(await issuer.issue(qualificationAchievement)),
    });
    await ana.get("/credentials");
    anaCredential = publicIdsIn(ana.lastBody)[0]!;
    await ana.get(`/shares/new?c=${anaCredential}`);
    const created = await ana.post("/shares", { c: anaCredential, days: "30", label: "Privado" });
    anaShare = created.headers.get("location")!.split("?")[0]!;
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  it("never shows one account's credentials or shares to another", async () => {
    await beto.get("/credentials");
    expect(publicIdsIn(beto.lastBody)).toEqual([]);
    expect(beto.lastBody).not.toContain("Impartición de cursos");
    await beto.get("/shares");
    expect(beto.lastBody).not.toContain("Privado");
    for (const path of [
      `/credentials/${anaCredential}`,
      `/credentials/${anaCredential}/download`,
      anaShare,
      `${anaShare}/qr.png`,
      `${anaShare}/qr.svg`,
      `${anaShare}/print`,
    ]) {
      expect((await beto.get(path)).status, path).toBe(404);
    }
    await beto.get(`/present?c=${anaCredential}`);
    expect(beto.lastBody).not.toContain("Impartición de cursos");
  });

  it("never lets one account share, present, delete or revoke another's", async () => {
    await beto.get("/account");
    // Share Ana's credential from Beto's account.
    const share = await beto.post("/shares", { c: anaCredential, days: "30", label: "robo" });
    expect(share.status).toBe(404);
    // Mixed with nothing of his own: still refused, nothing created.
    expect(await database.db.selectFrom("wallet_share").selectAll().execute()).toHaveLength(1);
    // The new-share form does not list it either.
    expect((await beto.get(`/shares/new?c=${anaCredential}`)).status).toBe(303);
    // Sign a presentation with it.
    await beto.get("/present");
    const present = await beto.post("/present", { c: anaCredential, challenge: "x" });
    expect(present.status).toBe(422);
    // LinkedIn, delete, revoke.
    await beto.get("/account");
    expect((await beto.post(`/credentials/${anaCredential}/linkedin`, {})).status).toBe(404);
    await beto.get("/account");
    expect((await beto.post(`/credentials/${anaCredential}/delete`, {})).status).toBe(404);
    await beto.get("/account");
    expect((await beto.post(`${anaShare}/revoke`, {})).status).toBe(404);
    // Ana's things are untouched.
    const rows = await database.db.selectFrom("wallet_credential").selectAll().execute();
    expect(rows).toHaveLength(1);
    const shares = await database.db.selectFrom("wallet_share").selectAll().execute();
    expect(shares[0]!.revoked_at).toBeNull();
  });

  it("keeps the same credential separately for each account that imports it", async () => {
    const credential = await issuer.issue(qualificationAchievement, { id: "urn:uuid:shared-1" });
    for (const browser of [ana, beto]) {
      await browser.get("/add");
      await browser.post("/import/paste", { json: JSON.stringify(credential) });
      expect(browser.lastBody).toContain("Verificada y guardada");
    }
    const rows = await database.db
      .selectFrom("wallet_credential")
      .select(["account_id"])
      .where("credential_key", "=", "urn:uuid:shared-1")
      .execute();
    expect(new Set(rows.map((r) => r.account_id)).size).toBe(2);
  });

  it("requires signing in for every private page", async () => {
    const stranger = new Browser(wallet.app);
    for (const path of [
      "/credentials",
      `/credentials/${anaCredential}`,
      anaShare,
      "/add",
      "/account",
      "/present",
      "/claim?offer=x",
    ]) {
      const response = await stranger.get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location"), path).toBe(
        `/signin?next=${encodeURIComponent(path)}`,
      );
    }
  });
});
