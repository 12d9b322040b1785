import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import { holderSigningKey } from "../src/services/holder-key.js";
import { Browser, openTestWallet, type TestWallet } from "./helpers.js";

describe.each(testDatabases())("accounts and sessions on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const account = (email: string) =>
    database.db
      .selectFrom("wallet_account")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();

  it("signs up with a hashed password and a sealed holder key, and starts a session", async () => {
    const browser = new Browser(wallet.app);
    const form = await browser.get("/signup");
    expect(form.status).toBe(200);
    // Before sign-in the CSRF token is bound to an HttpOnly pre-session cookie.
    expect(form.headers.get("set-cookie")).toMatch(
      /avala_wallet_pre=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const response = await browser.post("/signup", {
      name: "Ana López",
      email: " Ana@Example.MX ",
      password: "una frase bastante larga",
      next: "/credentials",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/credentials?m=welcome");
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith("avala_wallet_session="));
    expect(cookie).toMatch(
      /^avala_wallet_session=[\w-]{43}; Max-Age=7200; Path=\/; HttpOnly; SameSite=Lax$/,
    );

    const row = await account("ana@example.mx");
    expect(row.password_hash).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain("una frase");
    expect(row.holder_did).toMatch(/^did:key:z6Mk/);
    const key = holderSigningKey(wallet.ctx.keys.sealKey, row);
    expect(row.holder_secret_sealed).toMatch(/^v1\./);
    expect(row.holder_secret_sealed).not.toContain(key.secretKeyMultibase);
    // The session id itself is not stored, only its hash.
    const sessionId = cookie!.split(";")[0]!.split("=")[1]!;
    const sessions = await database.db.selectFrom("wallet_session").selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id_hash).not.toBe(sessionId);

    const list = await browser.get("/credentials?m=welcome");
    expect(list.status).toBe(200);
    expect(browser.lastBody).toContain("Hola, Ana López.");
  });

  it("never shows the holder's private key, on any page or download", async () => {
    const browser = new Browser(wallet.app);
    await browser.signUp("ana@example.mx");
    const row = await account("ana@example.mx");
    const secret = holderSigningKey(wallet.ctx.keys.sealKey, row).secretKeyMultibase;
    const pages = ["/credentials", "/account", "/add", "/shares", "/present", "/", "/nope"];
    for (const path of pages) {
      const response = await browser.get(path);
      const body = await response.text();
      expect(body, path).not.toContain(secret);
      expect(body, path).not.toContain(row.holder_secret_sealed);
    }
    // The public part is shown on the account page.
    expect(await (await browser.get("/account")).text()).toContain(row.holder_did);
    // A sealed key moved to another account does not open.
    expect(() =>
      holderSigningKey(wallet.ctx.keys.sealKey, { ...row, public_id: crypto.randomUUID() }),
    ).toThrow();
  });

  it("refuses sign-ups with bad input, and a second wallet for the same e-mail", async () => {
    const browser = new Browser(wallet.app);
    await browser.get("/signup");
    const short = await browser.post("/signup", {
      name: "Ana",
      email: "ana@example.mx",
      password: "corta",
    });
    expect(short.status).toBe(422);
    expect(browser.lastBody).toContain("al menos 10 caracteres");
    const badEmail = await browser.post("/signup", {
      name: "Ana",
      email: "no-es-correo",
      password: "una frase bastante larga",
    });
    expect(badEmail.status).toBe(422);
    await browser.signUp("ana@example.mx");
    const other = new Browser(wallet.app);
    await other.get("/signup");
    const taken = await other.post("/signup", {
      name: "Otra",
      email: "ANA@example.mx",
      password: "otra frase bastante larga",
    });
    expect(taken.status).toBe(422);
    expect(other.lastBody).toContain("Ya existe una cartera con este correo");
  });

  it("signs in with the right password only, and signs out for good", async () => {
    await new Browser(wallet.app).signUp("ana@example.mx");
    const browser = new Browser(wallet.app);
    await browser.get("/signin");
    const wrong = await browser.post("/signin", {
      email: "ana@example.mx",
      password: "equivocada!!",
    });
    expect(wrong.status).toBe(401);
    expect(browser.lastBody).toContain("El correo o la contraseña no son correctos.");
    const unknown = await browser.post("/signin", {
      email: "nadie@example.mx",
      password: "equivocada!!",
    });
    expect(unknown.status).toBe(401);
    const right = await browser.post("/signin", {
      email: "ana@example.mx",
      password: "una frase bastante larga",
      next: "/shares",
    });
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/shares");
    expect((await browser.get("/shares")).status).toBe(200);
    const sessionCookie = browser.cookies.get("avala_wallet_session")!;

    await browser.get("/account");
    const out = await browser.post("/signout", {});
    expect(out.status).toBe(303);
    expect(browser.cookies.has("avala_wallet_session")).toBe(false);
    // The old session id no longer works (it was deleted server-side).
    const replay = await wallet.app.request("/credentials", {
      headers: { cookie: `avala_wallet_session=${sessionCookie}` },
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/signin?next=%2Fcredentials");
  });

  it("only follows same-site paths after sign-in", async () => {
    await new Browser(wallet.app).signUp("ana@example.mx");
    const browser = new Browser(wallet.app);
    await browser.get("/signin");
    for (const next of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const response = await browser.post("/signin", {
        email: "ana@example.mx",
        password: "una frase bastante larga",
        next,
      });
      expect(response.headers.get("location")).toBe("/credentials");
      await browser.get("/account");
      await browser.post("/signout", {});
      await browser.get("/signin");
    }
  });

  it("refuses state-changing requests without the right CSRF token", async () => {
    const ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    // No token at all.
    const none = await ana.post("/signout", {}, { csrf: null });
    expect(none.status).toBe(403);
    expect(ana.lastBody).toContain("Este formulario caducó");
    // Someone else's token (a token is bound to its session).
    const eve = new Browser(wallet.app);
    await eve.signUp("eve@example.mx");
    const foreign = await ana.post("/signout", {}, { csrf: eve.csrf });
    expect(foreign.status).toBe(403);
    // A pre-session token does not work once signed in.
    const anonymous = new Browser(wallet.app);
    await anonymous.get("/signin");
    expect((await ana.post("/signout", {}, { csrf: anonymous.csrf })).status).toBe(403);
    // The right token, but sent from another site.
    const crossSite = await ana.post(
      "/signout",
      {},
      { headers: { "sec-fetch-site": "cross-site" } },
    );
    expect(crossSite.status).toBe(403);
    const otherOrigin = await ana.post(
      "/signout",
      {},
      { headers: { origin: "https://evil.example" } },
    );
    expect(otherOrigin.status).toBe(403);
    // Login CSRF: a sign-in POST without the visitor's own pre-session token.
    const victim = new Browser(wallet.app);
    const forged = await victim.post(
      "/signin",
      { email: "eve@example.mx", password: "una frase bastante larga" },
      { csrf: eve.csrf },
    );
    expect(forged.status).toBe(403);
    // Still signed in: nothing above took effect.
    expect((await ana.get("/credentials")).status).toBe(200);
    // JSON clients get a problem document.
    const json = await wallet.app.request("/signout", {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(json.status).toBe(403);
    expect(json.headers.get("content-type")).toBe("application/problem+json");
  });

  it("locks sign-in after five failures per account and address, not for other addresses", async () => {
    await new Browser(wallet.app).signUp("ana@example.mx");
    const attacker = new Browser(wallet.app, "198.51.100.9");
    await attacker.get("/signin");
    for (let i = 0; i < 5; i++) {
      const response = await attacker.post("/signin", {
        email: "ana@example.mx",
        password: `wrong password ${i}`,
      });
      expect(response.status).toBe(401);
    }
    const locked = await attacker.post("/signin", {
      email: "ana@example.mx",
      password: "una frase bastante larga",
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(attacker.lastBody).toContain("Demasiados intentos fallidos");
    // The owner, from elsewhere, still signs in.
    const owner = new Browser(wallet.app, "192.0.2.44");
    await owner.get("/signin");
    const ok = await owner.post("/signin", {
      email: "ana@example.mx",
      password: "una frase bastante larga",
    });
    expect(ok.status).toBe(303);
    // After the window, the attacker's address may try again.
    wallet.clock.advance(16 * 60_000);
    const later = await attacker.post("/signin", {
      email: "ana@example.mx",
      password: "una frase bastante larga",
    });
    expect(later.status).toBe(303);
  });

  it("locks an account after 20 failures from any number of addresses, known or not alike", async () => {
    await new Browser(wallet.app).signUp("ana@example.mx");
    // A guesser with many addresses: 4 tries from each stays under the per-address lock (5).
    const guess = async (email: string, from: number, password: string) => {
      const attacker = new Browser(wallet.app, `198.51.100.${from}`);
      await attacker.get("/signin");
      const response = await attacker.post("/signin", { email, password });
      return { response, body: attacker.lastBody };
    };
    for (const email of ["ana@example.mx", "nadie@example.mx"]) {
      for (let i = 0; i < 20; i++) {
        const { response } = await guess(email, 1 + Math.floor(i / 4), `wrong password ${i}`);
        expect(response.status).toBe(401);
      }
    }
    // The 21st, from a fresh address, is refused before the password is even checked (it is
    // the right one for Ana), with the localized "too many attempts" page; an e-mail with no
    // account gets exactly the same answer, so the lock does not tell who has an account.
    const known = await guess("ana@example.mx", 100, "una frase bastante larga");
    const unknown = await guess("nadie@example.mx", 101, "una frase bastante larga");
    for (const { response, body } of [known, unknown]) {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(800);
      expect(body).toContain("Demasiados intentos fallidos. Intenta de nuevo en 15 min.");
      expect(response.headers.get("set-cookie") ?? "").not.toContain("avala_wallet_session");
    }
    const same = (body: string) =>
      body.replace(/value="[^"]*@example\.mx"/, "").replace(/name="_csrf" value="[^"]*"/, "");
    expect(same(known.body)).toBe(same(unknown.body));
    expect(known.response.headers.get("retry-after")).toBe(
      unknown.response.headers.get("retry-after"),
    );
    // In English for an English visitor.
    const english = new Browser(wallet.app, "198.51.100.102");
    await english.get("/lang/en");
    await english.get("/signin");
    const refused = await english.post("/signin", {
      email: "ANA@example.mx ",
      password: "una frase bastante larga",
    });
    expect(refused.status).toBe(429);
    expect(english.lastBody).toContain("Too many failed attempts. Try again in 15 min.");
    // Other accounts are not affected; after the window Ana signs in again.
    await new Browser(wallet.app, "198.51.100.1").signUp("beto@example.mx");
    wallet.clock.advance(15 * 60_000 + 1000);
    const owner = new Browser(wallet.app, "198.51.100.100");
    await owner.get("/signin");
    const ok = await owner.post("/signin", {
      email: "ana@example.mx",
      password: "una frase bastante larga",
    });
    expect(ok.status).toBe(303);
  });

  it("ends sessions when they expire", async () => {
    const browser = new Browser(wallet.app);
    await browser.signUp("ana@example.mx");
    wallet.clock.advance(2 * 3600e3 - 1000);
    expect((await browser.get("/credentials")).status).toBe(200);
    wallet.clock.advance(2000);
    const expired = await browser.get("/credentials");
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe("/signin?next=%2Fcredentials");
    expect(await database.db.selectFrom("wallet_session").selectAll().execute()).toHaveLength(0);
  });

  it("speaks Spanish by default, English when asked, and remembers the choice", async () => {
    const browser = new Browser(wallet.app);
    await browser.get("/");
    expect(browser.lastBody).toContain('lang="es-MX"');
    expect(browser.lastBody).toContain("Tus certificados, siempre contigo");
    await browser.get("/", { "accept-language": "en-US,en;q=0.9" });
    expect(browser.lastBody).toContain("Your certificates, always with you");
    const toggle = await browser.get("/lang/en?next=%2Fsignin");
    expect(toggle.status).toBe(303);
    expect(toggle.headers.get("location")).toBe("/signin");
    await browser.get("/signin", { "accept-language": "es-MX" });
    expect(browser.lastBody).toContain("Sign in");
    const evil = await browser.get("/lang/es?next=https%3A%2F%2Fevil.example");
    expect(evil.headers.get("location")).toBe("/");
  });

  it("marks cookies Secure with the __Host- prefix behind https", async () => {
    await wallet.ctx.destroy();
    wallet = await openTestWallet(database, { config: { publicUrl: "https://wallet.example" } });
    const browser = new Browser(wallet.app);
    await browser.get("/signup");
    const response = await browser.post("/signup", {
      name: "Ana",
      email: "ana@example.mx",
      password: "una frase bastante larga",
    });
    const cookie = response.headers.getSetCookie().find((c) => c.includes("avala_wallet_session="));
    expect(cookie).toMatch(
      /^__Host-avala_wallet_session=[\w-]{43}; Max-Age=7200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it("sends security headers and a strict content security policy", async () => {
    const response = await wallet.app.request("/");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toMatch(/^<!DOCTYPE html><html lang="es-MX">/);
  });
});
