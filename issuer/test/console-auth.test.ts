import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSignInLimits, signInStaff } from "../src/services/staff.js";
import {
  addStaff,
  ConsoleBrowser,
  PASSWORD,
  staffBrowser,
  visibleText,
} from "./console-support.js";
import { createHarness, type Harness, PLATFORM_TOKEN } from "./harness.js";

describe.each(testDatabases())("console: people and sessions on $name", (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(engine);
  });
  afterEach(() => h.close());

  it("sends browsers at the root to the console; API clients keep the JSON index", async () => {
    const page = await h.app.request("/", {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/console");
    const api = await h.call("/", { headers: { accept: "application/json" } });
    expect(api.status).toBe(200);
    expect(api.body.service).toBe("Avala issuer");
    expect((await h.call("/")).body.openapi).toMatch(/openapi\.json$/);
  });

  it("asks to sign in, in the browser's language", async () => {
    const es = new ConsoleBrowser(h, "es");
    const home = await es.get("/console");
    expect(home.status).toBe(303);
    expect(home.location).toBe("/console/signin");
    const signin = await es.get("/console/signin");
    expect(signin.status).toBe(200);
    expect(signin.text).toContain('lang="es-MX"');
    expect(visibleText(signin.text)).toContain("Entrar a la consola");
    const en = await new ConsoleBrowser(h, "en").get("/console/signin");
    expect(visibleText(en.text)).toContain("Sign in to the console");
    // A deep link comes back after sign-in.
    const deep = await es.get("/console/credentials");
    expect(deep.location).toBe("/console/signin?next=%2Fconsole%2Fcredentials");
  });

  it("lets the platform admin create an organisation whose first admin sets a password", async () => {
    const platform = new ConsoleBrowser(h);
    await platform.get("/console/platform/signin");
    const wrong = await platform.post("/console/platform/signin", {
      token: "not-the-token-at-all",
    });
    expect(wrong.status).toBe(401);
    const ok = await platform.post("/console/platform/signin", { token: PLATFORM_TOKEN });
    expect(ok.status).toBe(303);
    const list = await platform.get("/console/platform");
    expect(list.status).toBe(200);
    const bad = await platform.post("/console/platform/organisations", {
      slug: "Not A Slug",
      kind: "school",
      name_es: "",
      admin_name: "Rosa",
      admin_email: "no-es-correo",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Minúsculas, números y guiones");
    expect(bad.text).toContain("Escribe un correo electrónico válido.");
    const created = await platform.post("/console/platform/organisations", {
      slug: "conalep-tlalpan",
      kind: "school",
      name_es: "CONALEP Tlalpan",
      name_en: "CONALEP Tlalpan campus",
      admin_name: "Rosa Martínez",
      admin_email: "Rosa.Martinez@conalep.example.mx",
      didMethod: "web",
    });
    expect(created.status, visibleText(created.text)).toBe(201);
    const link = /value="(http:\/\/issuer\.test\/console\/invitation\/[\w-]{43})"/.exec(
      created.text,
    )?.[1];
    expect(link).toBeDefined();
    // The organisation is real: the API serves its DID document.
    expect((await h.call("/orgs/conalep-tlalpan/did.json")).status).toBe(200);

    const rosa = new ConsoleBrowser(h);
    const path = new URL(link!).pathname;
    const invite = await rosa.get(path);
    expect(invite.status).toBe(200);
    expect(invite.headers.get("referrer-policy")).toBe("no-referrer");
    expect(visibleText(invite.text)).toContain("Te invitaron a CONALEP Tlalpan");
    const short = await rosa.post(path, { name: "Rosa Martínez", password: "corta" });
    expect(short.status).toBe(422);
    expect(short.text).toContain("al menos 10 caracteres");
    const accepted = await rosa.post(path, { name: "Rosa Martínez", password: PASSWORD });
    expect(accepted.status).toBe(303);
    const home = await rosa.get("/console?m=welcome");
    expect(visibleText(home.text)).toContain("Hola, Rosa Martínez");
    expect(visibleText(home.text)).toContain("CONALEP Tlalpan");
    // The link works once.
    expect((await new ConsoleBrowser(h).get(path)).status).toBe(404);
    // She can sign in again later with her e-mail in any case.
    await new ConsoleBrowser(h).signIn("rosa.martinez@conalep.example.mx", PASSWORD);
    const audit = await rosa.get("/console/admin/audit");
    const text = visibleText(audit.text);
    expect(text).toContain("Creó la organización");
    expect(text).toContain("Invitó a una persona");
    expect(text).toContain("Aceptó la invitación");
    // Passwords are stored as scrypt hashes only.
    const row = await h.ctx.db.selectFrom("issuer_staff").selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it("sets HttpOnly SameSite=Lax session cookies and refuses forms without the page's token", async () => {
    await h.createOrg("ece-a");
    await addStaff(h, "ece-a", "ana@ece-a.mx", "admin");
    const browser = new ConsoleBrowser(h);
    const signin = await browser.get("/console/signin");
    const pre = signin.headers.getSetCookie().join("\n");
    expect(pre).toMatch(/avala_console_pre=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    // No token, a wrong one, another site: refused before anything is read or checked.
    const none = await browser.post(
      "/console/signin",
      { email: "ana@ece-a.mx", password: PASSWORD },
      { csrf: "" },
    );
    expect(none.status).toBe(403);
    expect(visibleText(none.text)).toContain("El formulario caducó");
    const other = new ConsoleBrowser(h);
    await other.get("/console/signin");
    const foreign = await browser.post(
      "/console/signin",
      { email: "ana@ece-a.mx", password: PASSWORD },
      { csrf: other.csrf },
    );
    expect(foreign.status).toBe(403);
    const crossSite = await browser.post(
      "/console/signin",
      { email: "ana@ece-a.mx", password: PASSWORD },
      { headers: { origin: "https://evil.example" } },
    );
    expect(crossSite.status).toBe(403);
    const ok = await browser.post("/console/signin", { email: "ana@ece-a.mx", password: PASSWORD });
    expect(ok.status).toBe(303);
    const session = ok.headers.getSetCookie().join("\n");
    expect(session).toMatch(
      /avala_console_session=[\w-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax/,
    );
    expect(session).not.toMatch(/Secure/);
    // Only the hash of the session id is stored.
    const id = browser.cookies.get("avala_console_session")!;
    const stored = await h.ctx.db.selectFrom("issuer_staff_session").select("id_hash").execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(id);
    // Signing out ends the session on the server too.
    const home = await browser.get("/console");
    expect(home.status).toBe(200);
    await browser.post("/console/signout");
    const kept = new ConsoleBrowser(h);
    kept.cookies.set("avala_console_session", id);
    expect((await kept.get("/console")).location).toBe("/console/signin");
  });

  it("limits failed sign-ins per account, even with the right password afterwards", async () => {
    await h.createOrg("ece-a");
    await addStaff(h, "ece-a", "ana@ece-a.mx", "admin");
    const browser = new ConsoleBrowser(h);
    await browser.get("/console/signin");
    for (let i = 0; i < 5; i++) {
      const wrong = await browser.post("/console/signin", {
        email: "ana@ece-a.mx",
        password: `wrong password ${i}`,
      });
      expect(wrong.status).toBe(401);
      expect(visibleText(wrong.text)).toContain("El correo o la contraseña no son correctos.");
    }
    const locked = await browser.post("/console/signin", {
      email: "ana@ece-a.mx",
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(locked.text)).toContain("Demasiados intentos fallidos");
    // An unknown e-mail is answered exactly like a wrong password.
    const unknown = await new ConsoleBrowser(h);
    await unknown.get("/console/signin");
    const reply = await unknown.post("/console/signin", {
      email: "nadie@ece-a.mx",
      password: PASSWORD,
    });
    expect(reply.status).toBe(401);
  });

  it("counts failed sign-ins in the database, so two issuer processes share the limit", async () => {
    await h.createOrg("ece-a");
    await addStaff(h, "ece-a", "ana@ece-a.mx", "admin");
    // Each process builds its own limits; only the database is shared between them.
    const [first, second] = [createSignInLimits(), createSignInLimits()];
    const attempt = (limits: typeof first, password: string) =>
      signInStaff(h.ctx, limits, { email: "ana@ece-a.mx", password, address: "203.0.113.7" });
    for (let i = 0; i < 5; i++) {
      const failed = await attempt(i % 2 ? second : first, `wrong password ${i}`);
      expect(failed).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await attempt(second, PASSWORD);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // Guesses sent all at once are each counted before any password is compared.
    h.clock.advance(16 * 60_000);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? second : first, `guess ${i}`)),
    );
    expect(burst.filter((r) => !r.ok && r.reason === "invalid").length).toBe(5);
    // A window ends; a right password then signs in and clears the account's failures there.
    h.clock.advance(16 * 60_000);
    expect((await attempt(first, PASSWORD)).ok).toBe(true);
    expect((await attempt(second, "wrong once")).ok).toBe(false);
    expect((await attempt(first, PASSWORD)).ok).toBe(true);
  });

  it("shows each role only what it may do", async () => {
    await h.createOrg("ece-a");
    const viewer = await staffBrowser(h, "ece-a", "vera@ece-a.mx", "viewer");
    const operator = await staffBrowser(h, "ece-a", "omar@ece-a.mx", "operator");
    expect((await viewer.get("/console/credentials")).status).toBe(200);
    const forbidden = await viewer.get("/console/issue");
    expect(forbidden.status).toBe(403);
    expect(visibleText(forbidden.text)).toContain("Tu rol no permite esta acción");
    expect((await operator.get("/console/issue")).status).toBe(200);
    expect((await operator.get("/console/admin/staff")).status).toBe(403);
    const nav = visibleText((await operator.get("/console")).text);
    expect(nav).toContain("Emitir una");
    expect(nav).not.toContain("Administración ");
  });

  it("lets an admin invite, change roles and disable people, always keeping one admin", async () => {
    await h.createOrg("ece-a");
    const admin = await staffBrowser(h, "ece-a", "ana@ece-a.mx", "admin");
    await admin.get("/console/admin/staff");
    const invited = await admin.post("/console/admin/staff", {
      name: "Beto Ruiz",
      email: "beto@ece-a.mx",
      role: "operator",
    });
    expect(invited.status).toBe(201);
    const link = /value="http:\/\/issuer\.test(\/console\/invitation\/[\w-]{43})"/.exec(
      invited.text,
    )?.[1];
    expect(link).toBeDefined();
    const taken = await admin.post("/console/admin/staff", {
      name: "Ana",
      email: "ana@ece-a.mx",
      role: "viewer",
    });
    expect(taken.status).toBe(422);
    const beto = new ConsoleBrowser(h);
    await beto.get(link!);
    expect((await beto.post(link!, { name: "Beto Ruiz", password: PASSWORD })).status).toBe(303);
    expect((await beto.get("/console/issue")).status).toBe(200);
    const staff = await h.ctx.db
      .selectFrom("issuer_staff")
      .selectAll()
      .where("email", "=", "beto@ece-a.mx")
      .executeTakeFirstOrThrow();
    // Disabled: the open session stops working at once.
    await admin.get("/console/admin/staff");
    expect((await admin.post(`/console/admin/staff/${staff.public_id}/disable`)).status).toBe(200);
    expect((await beto.get("/console/issue")).location).toMatch(/^\/console\/signin/);
    // The last admin cannot be demoted (not even by herself: her own row has no form).
    const me = await h.ctx.db
      .selectFrom("issuer_staff")
      .selectAll()
      .where("email", "=", "ana@ece-a.mx")
      .executeTakeFirstOrThrow();
    const self = await admin.post(`/console/admin/staff/${me.public_id}/role`, { role: "viewer" });
    expect(self.status).toBe(409);
    await admin.post(`/console/admin/staff/${staff.public_id}/enable`);
    await admin.post(`/console/admin/staff/${staff.public_id}/role`, { role: "admin" });
    const promoted = await h.ctx.db
      .selectFrom("issuer_staff")
      .select("role")
      .where("id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(promoted.role).toBe("admin");
  });

  it("marks cookies Secure with the __Host- prefix when the issuer is served over https", async () => {
    const secure = await createHarness(engine, { publicUrl: "https://issuer.test" });
    try {
      const page = await secure.app.request("https://issuer.test/console/signin", {
        headers: { accept: "text/html" },
      });
      expect(page.headers.getSetCookie().join("\n")).toMatch(
        /__Host-avala_console_pre=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax/,
      );
    } finally {
      await secure.close();
    }
  });
});
