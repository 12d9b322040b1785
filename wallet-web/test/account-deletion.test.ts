import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { startSmtpCatcher } from "@avala/mail/catcher";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountDataTables } from "../src/db/account-lifecycle.js";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  unitAchievement,
} from "./helpers.js";
import { insertOb3ApiRows } from "./ob3-api-rows.js";
import { dumpTables, tablesOfAccounts } from "./tables.js";

/**
 * "Delete my account": after the password (and the form's CSRF token), the account and
 * everything it holds goes, in one transaction; nothing of it remains in any table of the
 * database (read from the database's catalogue, so tables added later count too), and another
 * account's data is exactly as it was.
 */
describe.each(testDatabases())("deleting an account on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let ana: Browser;
  let bruno: Browser;

  /**
   * Signs up, imports two credentials, shares them, publishes a public page of one, opens a
   * second session and asks for a reset link: a row in every table that holds account data.
   */
  async function fill(browser: Browser, email: string, name: string) {
    await browser.signUp(email, "una frase bastante larga", name);
    const issuer = await testIssuer();
    for (const achievement of [qualificationAchievement, unitAchievement("U0586")]) {
      await browser.get("/add");
      const imported = await browser.post("/import/paste", {
        json: JSON.stringify(await issuer.issue(achievement, { email })),
      });
      expect(imported.status).toBe(200);
    }
    const account = await database.db
      .selectFrom("wallet_account")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const credentials = await database.db
      .selectFrom("wallet_credential")
      .select("public_id")
      .where("account_id", "=", account.id)
      .execute();
    const ids = credentials.map((c) => c.public_id);
    // A permanent public page of one credential (the row the wallet keeps for `/p/<slug>`).
    const first = await database.db
      .selectFrom("wallet_credential")
      .select("id")
      .where("public_id", "=", ids[0]!)
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("wallet_public_page")
      .values({
        slug: `pagina-${account.public_id}`,
        account_id: account.id,
        credential_id: first.id,
        created_at: new Date().toISOString(),
        withdrawn_at: null,
      })
      .execute();
    // An Open Badges API grant to another host, with a code, a token and a put Profile.
    await insertOb3ApiRows(database, account.id);
    // An OpenID4VP request the holder opened (the row the wallet keeps until it is answered).
    await database.db
      .insertInto("wallet_presentation_request")
      .values({
        public_id: crypto.randomUUID(),
        account_id: account.id,
        request_key: `clave-${account.public_id}`,
        request: "{}",
        status: "pending",
        redirect_uri: null,
        created_at: new Date().toISOString(),
        answered_at: null,
      })
      .execute();
    await browser.get(`/shares/new?c=${ids[0]}`);
    const share = await browser.post("/shares", { c: ids, days: "30", label: "Vacante" });
    expect(share.status).toBe(303);
    const sharePage = await browser.get(share.headers.get("location")!);
    expect(sharePage.status).toBe(200);
    const link = /\/s\/[\w-]{43}/.exec(browser.lastBody)![0];
    // A second session (another device) and a pending reset link.
    await new Browser(wallet.app, "198.51.100.77").signIn(email);
    const stranger = new Browser(wallet.app, "198.51.100.78");
    await stranger.get("/forgot");
    expect((await stranger.post("/forgot", { email })).status).toBe(200);
    await wallet.ctx.mail.settled();
    await browser.get("/account");
    return { account, link };
  }

  beforeEach(async () => {
    catcher = await startSmtpCatcher({ host: "127.0.0.1" });
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { config: { smtpUrl: catcher.url } });
    ana = new Browser(wallet.app);
    bruno = new Browser(wallet.app, "198.51.100.5");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
    await catcher.close();
  });

  it("names every table that holds an account's data in the one deletion list", async () => {
    expect(Object.keys(accountDataTables).sort()).toEqual(
      await tablesOfAccounts(database.db, database.dialect),
    );
  });

  it("deletes everything of the account, in every table, and nothing of anyone else", async () => {
    const a = await fill(ana, "ana@example.mx", "Ana López");
    const b = await fill(bruno, "bruno@example.mx", "Bruno Díaz");
    const before = await dumpTables(database.db, database.dialect);
    for (const table of Object.keys(accountDataTables)) {
      expect(before[table]!.length, `${table} has rows to delete`).toBeGreaterThan(0);
    }

    // A wrong password deletes nothing, and says so.
    await ana.get("/account");
    const wrong = await ana.post("/account/delete", { password: "no es la contraseña" });
    expect(wrong.status).toBe(401);
    expect(ana.lastBody).toContain("La contraseña no es correcta. Tu cuenta sigue igual.");
    // Without the form's token: refused before anything is read.
    const forged = await ana.post(
      "/account/delete",
      { password: "una frase bastante larga" },
      { csrf: null },
    );
    expect(forged.status).toBe(403);
    expect(await dumpTables(database.db, database.dialect)).toEqual(before);

    // The password: deleted, signed out, told so.
    const deleted = await ana.post("/account/delete", { password: "una frase bastante larga" });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/?m=account-deleted");
    expect(deleted.headers.get("set-cookie")).toMatch(/avala_wallet_session=; Max-Age=0/);
    await ana.get("/?m=account-deleted");
    expect(ana.lastBody).toContain(
      "Tu cuenta se borró, con todas sus credenciales y enlaces. Se cerró tu sesión.",
    );
    expect((await ana.get("/account")).status).toBe(303);

    // Nothing of Ana anywhere: no row points at her account, her credentials or shares, and
    // no value anywhere holds her e-mail, ids or DID.
    const after = await dumpTables(database.db, database.dialect);
    const anaCredentials = before["wallet_credential"]!.filter(
      (r) => Number(r["account_id"]) === a.account.id,
    );
    const anaShares = before["wallet_share"]!.filter(
      (r) => Number(r["account_id"]) === a.account.id,
    );
    expect(anaCredentials).toHaveLength(2);
    expect(anaShares).toHaveLength(1);
    const traces = [
      a.account.email,
      a.account.public_id,
      a.account.holder_did,
      a.account.holder_secret_sealed,
      a.account.password_hash,
      ...anaCredentials.map((r) => String(r["public_id"])),
      ...anaShares.map((r) => String(r["token_hash"])),
    ];
    for (const [table, rows] of Object.entries(after)) {
      const text = JSON.stringify(rows);
      for (const trace of traces) expect(text, `${table} holds ${trace}`).not.toContain(trace);
      for (const row of rows) {
        expect(Number(row["account_id"] ?? 0), table).not.toBe(a.account.id);
        if ("credential_id" in row) {
          expect(anaCredentials.map((r) => Number(r["id"]))).not.toContain(
            Number(row["credential_id"]),
          );
        }
        if ("share_id" in row) {
          expect(anaShares.map((r) => Number(r["id"]))).not.toContain(Number(row["share_id"]));
        }
      }
    }
    const anaGrants = before["wallet_oauth_grant"]!.filter(
      (r) => Number(r["account_id"]) === a.account.id,
    ).map((r) => Number(r["id"]));
    // Bruno's rows are exactly as they were (and only the migrations' tables kept theirs).
    const isBrunos = (table: string, row: Record<string, unknown>) =>
      !traces.some((trace) => JSON.stringify(row).includes(trace)) &&
      // Only the account table's own id is an account's (other tables' ids, e.g. an OAuth
      // client's, are not).
      Number(row["account_id"] ?? (table === "wallet_account" ? row["id"] : 0)) !== a.account.id &&
      !(
        table === "wallet_share_credential" &&
        anaShares.some((s) => Number(s["id"]) === Number(row["share_id"]))
      ) &&
      // Codes and tokens of Ana's grants to other hosts.
      !("grant_id" in row && anaGrants.includes(Number(row["grant_id"])));
    for (const [table, rows] of Object.entries(before)) {
      expect(after[table], table).toEqual(rows.filter((row) => isBrunos(table, row)));
    }
    expect(after["wallet_account"]).toHaveLength(1);
    expect(after["wallet_credential"]).toHaveLength(2);

    // Ana's share link is gone; Bruno's still works; Bruno still signs in and sees his.
    const visitor = new Browser(wallet.app, "198.51.100.9");
    expect((await visitor.get(`${a.link}/presentation.json`)).status).toBe(404);
    expect((await visitor.get(`${b.link}/presentation.json`)).status).toBe(200);
    const list = await bruno.get("/credentials");
    expect(list.status).toBe(200);
    // Ana cannot sign in any more; she may sign up again, from nothing.
    const signin = new Browser(wallet.app, "198.51.100.10");
    await signin.get("/signin");
    expect(
      (
        await signin.post("/signin", {
          email: "ana@example.mx",
          password: "una frase bastante larga",
        })
      ).status,
    ).toBe(401);
    const again = new Browser(wallet.app, "198.51.100.11");
    await again.signUp("ana@example.mx");
    await again.get("/account");
    expect(again.lastBody).toContain("0 credenciales");
  });

  it("counts wrong passwords like failed sign-ins and then stops checking", async () => {
    await ana.signUp("ana@example.mx");
    await ana.get("/account");
    for (let i = 0; i < 5; i++) {
      expect((await ana.post("/account/delete", { password: `intento ${i} erróneo` })).status).toBe(
        401,
      );
    }
    const locked = await ana.post("/account/delete", { password: "una frase bastante larga" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(ana.lastBody).toContain("Demasiados intentos fallidos.");
    expect(await database.db.selectFrom("wallet_account").selectAll().execute()).toHaveLength(1);
  });
});
