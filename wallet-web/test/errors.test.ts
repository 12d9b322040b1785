import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { badRequest, ProblemError, payloadTooLarge } from "@avala/http-middleware";
import { t } from "@avala/i18n";
import { HTTPException } from "hono/http-exception";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import { problemMessage, walletProblem } from "../src/http/problems.js";
import { errorTitleKey } from "../src/views/error.js";
import { Browser, openTestWallet, type TestWallet } from "./helpers.js";

describe("problem words", () => {
  it("gives every status the wallet answers with its own title, in both languages", () => {
    const statuses = [400, 403, 404, 410, 413, 415, 429, 500];
    const titles = statuses.map((status) => errorTitleKey(status));
    expect(new Set(titles).size).toBe(statuses.length);
    expect(errorTitleKey(410)).toBe("wallet.error.gone");
    expect(t(errorTitleKey(410), "es")).toBe("Ya no está disponible");
    expect(t(errorTitleKey(410), "en")).toBe("No longer available");
    expect(errorTitleKey(418)).toBe("wallet.error.bad-request");
    expect(errorTitleKey(503)).toBe("wallet.error.server");
  });

  it("takes a problem's words from the catalogue, never from the English other code wrote", () => {
    const answer = (error: ProblemError) => error.getResponse();
    const own = walletProblem(410, "wallet.problem.share-expired");
    expect(problemMessage(own, answer(own))).toEqual({
      code: "wallet.problem.share-expired",
      text: {
        es: "Este enlace compartido venció. Pide uno nuevo a quien te lo envió.",
        en: "This share link has expired. Ask whoever sent it for a new one.",
      },
    });
    // Written elsewhere in English: replaced by the general message for the status, or none.
    const tooLarge = payloadTooLarge("The body is larger than 65536 bytes.");
    expect(problemMessage(tooLarge, answer(tooLarge))?.code).toBe("wallet.problem.too-large");
    const bad = badRequest("Malformed JSON");
    expect(problemMessage(bad, answer(bad))?.code).toBe("wallet.problem.bad-request");
    const teapot = new HTTPException(418, { message: "I'm a teapot" });
    expect(problemMessage(teapot, new Response(null, { status: 418 }))).toBeUndefined();
    const crash = new Error("database password is hunter2");
    expect(problemMessage(crash, new Response(null, { status: 500 }))?.code).toBe(
      "wallet.problem.server",
    );
    // A look-alike from elsewhere with a code that is not a message is not trusted either.
    const foreign = new ProblemError({
      status: 403,
      title: "Forbidden",
      detail: "Go away",
      extra: { code: "nope", localizedDetail: { es: "Vete", en: "Go away" } },
    });
    expect(problemMessage(foreign, answer(foreign))).toBeUndefined();
  });
});

describe.each(testDatabases())("error pages and problems on $name", ({ open }) => {
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

  it("refuses a stale or foreign form in the visitor's language", async () => {
    const ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    expect((await ana.post("/signout", {}, { csrf: null })).status).toBe(403);
    expect(ana.lastBody).toContain("<h1>Solicitud rechazada</h1>");
    expect(ana.lastBody).toContain(
      "Este formulario caducó o no proviene de esta cartera. Regresa, recarga la página e intenta de nuevo.",
    );
    await ana.get("/lang/en?next=/account");
    await ana.get("/account");
    expect((await ana.post("/signout", {}, { csrf: null })).status).toBe(403);
    expect(ana.lastBody).toContain("<h1>Request refused</h1>");
    expect(ana.lastBody).toContain(
      "This form has expired or did not come from this wallet. Go back, reload the page and try again.",
    );
    const crossSite = await ana.post(
      "/signout",
      {},
      { headers: { "sec-fetch-site": "cross-site" } },
    );
    expect(crossSite.status).toBe(403);
    expect(ana.lastBody).toContain(
      "For safety, the wallet does not accept forms sent from other sites.",
    );
    await ana.post("/signout", {}, { headers: { origin: "https://evil.example" } });
    expect(ana.lastBody).toContain(
      "For safety, the wallet does not accept forms sent from other sites.",
    );
    // A program gets the same words as a problem document, in its language.
    const json = await wallet.app.request("/signout", {
      method: "POST",
      headers: {
        accept: "application/json",
        "accept-language": "en",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    expect(json.status).toBe(403);
    expect(json.headers.get("content-type")).toBe("application/problem+json");
    expect(await json.json()).toEqual({
      type: "about:blank",
      title: "Forbidden",
      status: 403,
      detail:
        "This form has expired or did not come from this wallet. Go back, reload the page and try again.",
      code: "wallet.problem.csrf",
      localizedDetail: {
        es: "Este formulario caducó o no proviene de esta cartera. Regresa, recarga la página e intenta de nuevo.",
        en: "This form has expired or did not come from this wallet. Go back, reload the page and try again.",
      },
    });
  });

  it("explains unreadable forms, unknown pages and too many requests in words from the catalogue", async () => {
    const visitor = new Browser(wallet.app);
    await visitor.get("/signin", { "accept-language": "en" });
    // Not a web form: 415 with its own title.
    const json = await visitor.post("/signin", new FormData(), {
      headers: { "accept-language": "en", "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    expect(visitor.lastBody).toContain("<h1>Unsupported format</h1>");
    expect(visitor.lastBody).toContain("Send the form from the wallet&#39;s page.");
    expect(visitor.lastBody).not.toContain("Send the form as a web form.");
    // A form larger than allowed: the body limit's English words are not shown.
    const big = await visitor.post(
      "/signin",
      { email: "x".repeat(70 * 1024) },
      { headers: { "accept-language": "es" } },
    );
    expect(big.status).toBe(413);
    expect(visitor.lastBody).toContain("<h1>Envío demasiado grande</h1>");
    expect(visitor.lastBody).toContain("Lo que enviaste supera el tamaño permitido.");
    expect(visitor.lastBody).not.toContain("bytes");
    // An unknown page, in Spanish and in English.
    const ana = new Browser(wallet.app, "192.0.2.10");
    await ana.signUp("ana@example.mx");
    const missing = await ana.get("/no/such/page", { "accept-language": "es-MX" });
    expect(missing.status).toBe(404);
    expect(ana.lastBody).toContain("No hay nada en esta dirección.");
    await ana.get("/no/such/page", { "accept-language": "en" });
    expect(ana.lastBody).toContain("<h1>Page not found</h1>");
    expect(ana.lastBody).toContain("There is nothing at this address.");
    // Another account's credential looks like nothing at all.
    await ana.get(`/credentials/${crypto.randomUUID()}`);
    expect(ana.lastBody).toContain("<h1>Página no encontrada</h1>");
    expect(ana.lastBody).toContain("No hay nada en esta dirección.");
    // The per-address limit on sign-in POSTs (30 per 10 minutes): the limiter's English is
    // replaced by the catalogue's, with the wait in minutes.
    const flooder = new Browser(wallet.app, "198.51.100.77");
    await flooder.get("/signin", { "accept-language": "es-MX" });
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) {
      last = await flooder.post("/signin", {}, { csrf: null });
    }
    expect(last!.status).toBe(429);
    expect(flooder.lastBody).toContain("<h1>Demasiadas solicitudes</h1>");
    expect(flooder.lastBody).toContain(
      "Demasiadas solicitudes en poco tiempo. Intenta de nuevo en 10 min.",
    );
    expect(flooder.lastBody).not.toContain("Too many requests; try again later.");
  });

  it("names the languages in their own words on the account page", async () => {
    const ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/account");
    expect(ana.lastBody).toMatch(/lang="es"\s*>\s*Español\s*<\/a>/);
    expect(ana.lastBody).toMatch(/lang="en"\s*>\s*English\s*<\/a>/);
  });
});
