import { createHash } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { type SmtpCatcher, startSmtpCatcher } from "@avala/mail/catcher";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWalletApp } from "../src/app.js";
import type { WalletConfig } from "../src/config.js";
import { createWalletContext } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  type TestWallet,
  testClock,
  testConfig,
} from "./helpers.js";
import { dumpTables } from "./tables.js";

/**
 * Password reset by e-mail, over real SMTP: the wallet sends through nodemailer to an SMTP
 * catcher on 127.0.0.1 (`@avala/mail/catcher`), and the tests open the link from the message.
 */

let catcher: SmtpCatcher;
beforeAll(async () => {
  catcher = await startSmtpCatcher({ host: "127.0.0.1" });
});
afterAll(() => catcher.close());

/** A wallet whose log lines are kept (`errors`). */
async function openWallet(database: Database<WalletTables>, config: Partial<WalletConfig>) {
  const clock = testClock();
  const errors: string[] = [];
  const ctx = await createWalletContext(testConfig(config), {
    database,
    now: clock.now,
    log: { info: () => {}, error: (message) => errors.push(message) },
    verifyOptions: { documentLoader },
  });
  return { ctx, app: createWalletApp(ctx), clock, errors };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const linkIn = (text: string) => {
  const match = /(http:\/\/wallet\.test\/reset\?token=([\w-]{43}))/.exec(text);
  if (!match) throw new Error(`no reset link in ${text}`);
  return {
    url: match[1]!,
    path: new URL(match[1]!).pathname + new URL(match[1]!).search,
    token: match[2]!,
  };
};

describe.each(testDatabases())("password reset by e-mail on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet & { errors: string[] };
  let ana: Browser;

  beforeEach(async () => {
    catcher.clear();
    database = await open<WalletTables>();
    wallet = await openWallet(database, { smtpUrl: catcher.url });
    ana = new Browser(wallet.app);
    await ana.signUp("ana.lopez@example.mx", "la contraseña de antes");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  /** A stranger (no session) asks for a link from `address`. */
  const ask = async (email: string, options: { address?: string; lang?: string } = {}) => {
    const visitor = new Browser(wallet.app, options.address);
    const headers: Record<string, string> = options.lang ? { "accept-language": options.lang } : {};
    await visitor.get("/forgot", headers);
    const response = await visitor.post("/forgot", { email }, { headers });
    return { visitor, response, body: visitor.lastBody };
  };
  const mailsTo = (email: string) => catcher.messages().filter((m) => m.to.includes(email));

  it("offers the reset on the sign-in page and mails a single-use link in the account's language", async () => {
    const signin = new Browser(wallet.app);
    await signin.get("/signin");
    expect(signin.lastBody).toContain(
      '<a href="/forgot" id="forgot">¿Olvidaste tu contraseña?</a>',
    );

    const { response, body } = await ask(" Ana.Lopez@EXAMPLE.mx ");
    expect(response.status).toBe(200);
    expect(body).toContain("Revisa tu correo");
    expect(body).toContain("Si hay una cartera con el correo ana.lopez@example.mx");
    await wallet.ctx.mail.settled();

    const mail = await catcher.waitFor((m) => m.to.includes("ana.lopez@example.mx"));
    expect(mail.subject).toBe("Cambia la contraseña de tu cartera Avala");
    expect(mail.from).toBe('"Avala · Cartera" <no-reply@wallet.test>');
    expect(mail.text).toContain("Hola, Ana López:");
    expect(mail.text).toContain("sirve una sola vez, durante una hora");
    const link = linkIn(mail.text);
    expect(mail.html).toContain(`href="${link.url}"`);
    expect(mail.html).toContain("Elegir una contraseña nueva");

    // Only the token's SHA-256 is kept, with a one-hour expiry; the token is nowhere.
    const rows = await database.db.selectFrom("wallet_password_reset").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(link.token));
    const now = wallet.clock.now().getTime();
    expect(Date.parse(rows[0]!.expires_at) - now).toBe(3600_000);
    expect(JSON.stringify(await dumpTables(database.db, database.dialect))).not.toContain(
      link.token,
    );

    // The link opens a form for a new password.
    const visitor = new Browser(wallet.app);
    const form = await visitor.get(link.path);
    expect(form.status).toBe(200);
    expect(visitor.lastBody).toContain("Elige una contraseña nueva");
    expect(visitor.lastBody).toContain("Para la cartera de ana.lopez@example.mx.");
    // A weak one is refused in words, and the link still works.
    const weak = await visitor.post("/reset", { token: link.token, password: "corta" });
    expect(weak.status).toBe(422);
    expect(visitor.lastBody).toContain("La contraseña debe tener al menos 10 caracteres.");
    // A good one: saved, every session signed out, off to sign in.
    const done = await visitor.post("/reset", {
      token: link.token,
      password: "una contraseña completamente nueva",
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/signin?m=password-changed");
    await visitor.get("/signin?m=password-changed");
    expect(visitor.lastBody).toContain("Listo: tu contraseña cambió.");

    // Ana's open session (another device) has ended.
    const before = await ana.get("/credentials");
    expect(before.status).toBe(303);
    expect(before.headers.get("location")).toMatch(/^\/signin/);
    expect(await database.db.selectFrom("wallet_session").selectAll().execute()).toEqual([]);
    // Old password no, new password yes.
    const old = new Browser(wallet.app);
    await old.get("/signin");
    const refused = await old.post("/signin", {
      email: "ana.lopez@example.mx",
      password: "la contraseña de antes",
    });
    expect(refused.status).toBe(401);
    await new Browser(wallet.app, "198.51.100.9").signIn(
      "ana.lopez@example.mx",
      "una contraseña completamente nueva",
    );

    // Single use: the link no longer works.
    const again = await new Browser(wallet.app).get(link.path);
    expect(again.status).toBe(410);
    const reuse = new Browser(wallet.app);
    await reuse.get("/forgot");
    const replay = await reuse.post("/reset", {
      token: link.token,
      password: "otra frase muy larga",
    });
    expect(replay.status).toBe(410);
    expect(reuse.lastBody).toContain("Este enlace ya no sirve");
  });

  it("answers an address without an account the same way, and sends nothing", async () => {
    const known = await ask("ana.lopez@example.mx");
    const unknown = await ask("nadie@example.mx");
    expect(unknown.response.status).toBe(known.response.status);
    // The same page, word for word, but for the address typed.
    expect(unknown.body.replaceAll("nadie@example.mx", "X")).toBe(
      known.body.replaceAll("ana.lopez@example.mx", "X"),
    );
    await wallet.ctx.mail.settled();
    expect(mailsTo("ana.lopez@example.mx")).toHaveLength(1);
    expect(mailsTo("nadie@example.mx")).toHaveLength(0);
    expect(catcher.messages()).toHaveLength(1);
    expect(wallet.errors).toEqual([]);
  });

  it("answers before looking the address up: a mail server that never answers does not hold the page", async () => {
    // An SMTP server that accepts connections and never says a word.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const db2 = await open<WalletTables>();
    const slow = await openWallet(db2, { smtpUrl: `smtp://127.0.0.1:${port}` });
    const failures = slow.errors;
    try {
      await new Browser(slow.app).signUp("ana.lopez@example.mx");
      const visitor = new Browser(slow.app);
      await visitor.get("/forgot");
      const response = await visitor.post("/forgot", { email: "ana.lopez@example.mx" });
      // Answered while the message is still waiting for the server's greeting.
      expect(response.status).toBe(200);
      expect(visitor.lastBody).toContain("Revisa tu correo");
      await new Promise<void>((resolve) => {
        const wait = () => (sockets.size > 0 ? resolve() : setTimeout(wait, 10));
        wait();
      });
      expect(failures).toEqual([]);
      // The server goes away: the send fails, is logged, and nothing is left running.
      const closed = new Promise<void>((resolve) => silent.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await slow.ctx.mail.settled();
      expect(failures).toEqual(["password reset e-mail failed"]);
    } finally {
      await slow.ctx.destroy();
      await db2.destroy();
      if (silent.listening) await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("writes the e-mail in the account's language, following the language it chose", async () => {
    await ana.get("/lang/en?next=/account");
    const { body } = await ask("ana.lopez@example.mx", { lang: "es" });
    expect(body).toContain("Revisa tu correo"); // the page: the visitor's language
    await wallet.ctx.mail.settled();
    const mail = await catcher.waitFor();
    expect(mail.subject).toBe("Change the password of your Avala wallet");
    expect(mail.from).toBe('"Avala · Wallet" <no-reply@wallet.test>');
    expect(mail.text).toContain("Hello Ana López,");
    expect(mail.text).toContain("The link works once, for one hour.");

    // An account created in English gets English from the start.
    const bruno = new Browser(wallet.app, "198.51.100.20");
    await bruno.get("/signup", { "accept-language": "en-GB,en;q=0.9" });
    await bruno.post(
      "/signup",
      { name: "Bruno", email: "bruno@example.mx", password: "a long enough phrase", next: "/" },
      { headers: { "accept-language": "en-GB,en;q=0.9" } },
    );
    await ask("bruno@example.mx");
    await wallet.ctx.mail.settled();
    const english = await catcher.waitFor((m) => m.to.includes("bruno@example.mx"));
    expect(english.subject).toBe("Change the password of your Avala wallet");
  });

  it("voids every older link once one is used, and links expire after an hour", async () => {
    await ask("ana.lopez@example.mx", { address: "198.51.100.1" });
    await ask("ana.lopez@example.mx", { address: "198.51.100.2" });
    await wallet.ctx.mail.settled();
    const [first, second] = mailsTo("ana.lopez@example.mx").map((m) => linkIn(m.text));
    expect(first!.token).not.toBe(second!.token);
    // Both work until one is used.
    expect((await new Browser(wallet.app).get(first!.path)).status).toBe(200);
    const visitor = new Browser(wallet.app);
    await visitor.get(second!.path);
    const done = await visitor.post("/reset", {
      token: second!.token,
      password: "una contraseña completamente nueva",
    });
    expect(done.status).toBe(303);
    expect((await new Browser(wallet.app).get(first!.path)).status).toBe(410);
    expect(await database.db.selectFrom("wallet_password_reset").selectAll().execute()).toEqual([]);

    // A new link works for an hour, not a millisecond more.
    await ask("ana.lopez@example.mx", { address: "198.51.100.3" });
    await wallet.ctx.mail.settled();
    const third = linkIn(mailsTo("ana.lopez@example.mx")[2]!.text);
    wallet.clock.advance(3600_000 - 1);
    expect((await new Browser(wallet.app).get(third.path)).status).toBe(200);
    wallet.clock.advance(1);
    const expired = new Browser(wallet.app);
    expect((await expired.get(third.path)).status).toBe(410);
    expect(expired.lastBody).toContain("Este enlace ya no sirve");
    // Nonsense tokens are the same invalid link.
    for (const token of ["", "x", "A".repeat(43), "%00"]) {
      expect((await new Browser(wallet.app).get(`/reset?token=${token}`)).status).toBe(410);
    }
  });

  it("limits requests per address typed (known or not) and per client, like the sign-in", async () => {
    for (const email of ["ana.lopez@example.mx", "nadie@example.mx"]) {
      for (let i = 0; i < 3; i++) {
        const { response } = await ask(email, { address: `198.51.100.${i + 1}` });
        expect(response.status).toBe(200);
      }
      const { response, body } = await ask(email, { address: "198.51.100.99" });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(body).toContain(
        "Ya se pidieron varios enlaces para este correo o desde esta conexión.",
      );
    }
    await wallet.ctx.mail.settled();
    expect(mailsTo("ana.lopez@example.mx")).toHaveLength(3);

    // One client asking for many addresses: 10 an hour.
    for (let i = 0; i < 10; i++) {
      const { response } = await ask(`persona${i}@example.mx`, { address: "203.0.113.50" });
      expect(response.status).toBe(200);
    }
    const { response } = await ask("persona10@example.mx", { address: "203.0.113.50" });
    expect(response.status).toBe(429);
    // An hour later, the address may ask again.
    wallet.clock.advance(3600_000);
    expect((await ask("ana.lopez@example.mx", { address: "203.0.113.50" })).response.status).toBe(
      200,
    );
  });

  it("refuses what is not an e-mail address and every form without its CSRF token", async () => {
    const { response, body } = await ask("no es un correo");
    expect(response.status).toBe(422);
    expect(body).toContain("Escribe un correo electrónico válido.");
    const visitor = new Browser(wallet.app);
    await visitor.get("/forgot");
    expect(
      (await visitor.post("/forgot", { email: "ana.lopez@example.mx" }, { csrf: null })).status,
    ).toBe(403);
    expect(
      (await visitor.post("/reset", { token: "x", password: "una frase larga" }, { csrf: "no" }))
        .status,
    ).toBe(403);
    await wallet.ctx.mail.settled();
    expect(catcher.messages()).toEqual([]);
  });
});

describe("without SMTP_URL", () => {
  it("does not offer the reset, and says so", async () => {
    const [sqlite] = testDatabases();
    const database = await sqlite!.open<WalletTables>();
    const wallet = await openTestWallet(database);
    try {
      const visitor = new Browser(wallet.app);
      await visitor.get("/signin");
      expect(visitor.lastBody).not.toContain('href="/forgot"');
      await visitor.get("/forgot", { "accept-language": "en" });
      expect(visitor.lastBody).toContain("This wallet cannot send e-mail");
      expect(visitor.lastBody).not.toContain('action="/forgot"');
      const response = await visitor.post("/forgot", { email: "ana@example.mx" });
      expect(response.status).toBe(503);
    } finally {
      await wallet.ctx.destroy();
      await database.destroy();
    }
  });
});
