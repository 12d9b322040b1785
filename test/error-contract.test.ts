import { buildAchievementCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { createVerifierApp, createVerifierContext, loadConfig } from "@avala/verifier";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, PLATFORM_TOKEN } from "../issuer/test/harness.js";
import type { WalletTables } from "../wallet-web/src/db/tables.js";
import { openTestWallet, type TestWallet } from "../wallet-web/test/helpers.js";

// One error contract for every service: whatever goes wrong (a body that is not JSON, too deep,
// not UTF-8, too large or of the wrong type; text with lone UTF-16 surrogates or bytes that are
// not UTF-8; an unknown route or method; too many requests), the answer is
// application/problem+json with a stable `code`, `detail` in the caller's language
// (Accept-Language) and `localizedDetail` in both. Everything runs in-process (`app.request`).

type Lang = "es" | "en";

interface Case {
  name: string;
  status: number;
  code: string;
  /** The field the problem names, for input that is not text. */
  field?: string;
  send(lang: Lang): Response | Promise<Response>;
  /** More checks on the answer to a Spanish caller. */
  spanish?(problem: Record<string, unknown>, response: Response): void;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const join = (...parts: Array<string | number[]>) => {
  const chunks = parts.map((p) => (typeof p === "string" ? utf8(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};
/** A JSON text with a lone surrogate, written the way JSON.stringify writes one: `\ud800`. */
const withLoneSurrogate = (value: unknown) => JSON.stringify(value);

async function expectContract(response: Response, c: Case, lang: Lang) {
  const text = await response.text();
  expect(response.status, `${c.name} (${lang}): ${text.slice(0, 300)}`).toBe(c.status);
  expect(response.headers.get("content-type"), c.name).toBe("application/problem+json");
  const problem = JSON.parse(text) as Record<string, unknown> & {
    localizedDetail: { es: string; en: string };
  };
  expect(problem, c.name).toMatchObject({
    status: c.status,
    code: c.code,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(problem.localizedDetail.es, c.name).not.toBe(problem.localizedDetail.en);
  expect(problem["detail"], `${c.name} (${lang})`).toBe(problem.localizedDetail[lang]);
  expect(response.headers.get("content-language"), c.name).toBe(lang);
  if (c.field !== undefined) {
    expect(problem["detail"], c.name).toContain(c.field);
    expect(problem["errors"], c.name).toEqual([expect.objectContaining({ field: c.field })]);
  }
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
  return problem;
}

async function check(c: Case) {
  for (const lang of ["es", "en"] as const) {
    const response = await c.send(lang);
    const problem = await expectContract(response.clone(), c, lang);
    if (lang === "es") c.spanish?.(problem, response);
  }
}

const SPANISH = {
  malformed: "El cuerpo de la solicitud no es JSON bien formado.",
  notUtf8: "El cuerpo de la solicitud no es texto UTF-8 válido.",
  surrogate: "el texto contiene un sustituto UTF-16 suelto",
  textNotUtf8: "el texto no es UTF-8 válido.",
};

describe.each(testDatabases())("the issuer's error contract on $name", (engine) => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    token = (await h.createOrg("cecati-9")).token;
    expect((await h.addAchievement("cecati-9", token)).status).toBe(201);
  });
  afterEach(() => h.close());

  const request = (
    path: string,
    lang: Lang,
    init: { method?: string; body?: BodyInit; type?: string; token?: string | null } = {},
  ) => {
    const headers: Record<string, string> = { "accept-language": lang };
    if (init.type) headers["content-type"] = init.type;
    const bearer = init.token === undefined ? PLATFORM_TOKEN : init.token;
    if (bearer) headers["authorization"] = `Bearer ${bearer}`;
    return h.app.request(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  };
  const json = "application/json";
  const org = (name: unknown) => ({ slug: "nueva", kind: "certification-body", name });
  /** An Open Badge for the VC-API endpoint, as the issuer would accept it (it adds `issuer`). */
  const openBadge = (description: string) => {
    const { issuer: _filledIn, ...credential } = buildAchievementCredential({
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuer: { id: "did:example:filled-in", name: { es: "Org" } },
      achievement: {
        id: "http://issuer.test/orgs/cecati-9/achievements/EC0217.01",
        kind: "qualification",
        code: "EC0217.01",
        name: { es: "Impartición de cursos" },
        description: { es: description },
        criteria: { es: "Evaluación" },
      },
      subject: { identifiers: [{ kind: "email", value: "ana@example.mx" }] },
      validFrom: new Date(),
    });
    return credential;
  };

  const issuerCases: Case[] = [
    {
      name: "malformed JSON",
      status: 400,
      code: "request.body.malformed-json",
      send: (lang) => request("/orgs", lang, { body: '{"slug": ', type: json }),
      spanish: (problem) => expect(problem["detail"]).toBe(SPANISH.malformed),
    },
    {
      name: "JSON deeper than the limit",
      status: 400,
      code: "request.body.too-deep",
      send: (lang) =>
        request("/orgs", lang, { body: "[".repeat(100) + "]".repeat(100), type: json }),
    },
    {
      name: "bytes that are not UTF-8",
      status: 400,
      code: "request.body.not-utf8",
      send: (lang) =>
        request("/orgs", lang, { body: join('{"slug":"', [0xff, 0xfe], '"}'), type: json }),
      spanish: (problem) => expect(problem["detail"]).toBe(SPANISH.notUtf8),
    },
    {
      name: "a body over the limit",
      status: 413,
      code: "request.body.too-large",
      send: (lang) =>
        request("/orgs", lang, {
          body: JSON.stringify({ pad: "x".repeat(h.ctx.config.limits.jsonBodyBytes) }),
          type: json,
        }),
    },
    {
      name: "the wrong content type",
      status: 415,
      code: "request.body.unsupported-type",
      send: (lang) => request("/orgs", lang, { body: "{}", type: "text/plain" }),
    },
    {
      name: "a lone surrogate in a name",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "name.es",
      send: (lang) =>
        request("/orgs", lang, {
          body: withLoneSurrogate(org({ es: "Centro \ud800", en: "Centre" })),
          type: json,
        }),
      spanish: (problem) => expect(problem["detail"]).toContain(SPANISH.surrogate),
    },
    {
      name: "a lone surrogate in a VC-API credential",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "credential.credentialSubject.achievement.description",
      send: (lang) =>
        request("/credentials/issue", lang, {
          token,
          body: withLoneSurrogate({ credential: openBadge("Estándar \ud800") }),
          type: json,
        }),
    },
    {
      name: "a lone surrogate in an externalId",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "externalId",
      send: (lang) =>
        request("/orgs/cecati-9/credentials", lang, {
          token,
          body: withLoneSurrogate({
            achievementCode: "EC0217.01",
            externalId: "ext-\udc00",
            learner: { email: "ana@example.mx", name: "Ana" },
          }),
          type: json,
        }),
    },
    {
      name: "a lone surrogate in a learner's name",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "learner.name",
      send: (lang) =>
        request("/orgs/cecati-9/credentials", lang, {
          token,
          body: withLoneSurrogate({
            achievementCode: "EC0217.01",
            externalId: "ext-1",
            learner: { email: "ana@example.mx", name: "Ana \ud800" },
          }),
          type: json,
        }),
    },
    {
      name: "a lone surrogate in a key",
      status: 422,
      code: "request.text.lone-surrogate",
      field: 'learner["na\\ud800me"]',
      send: (lang) =>
        request("/orgs/cecati-9/credentials", lang, {
          token,
          body: withLoneSurrogate({
            achievementCode: "EC0217.01",
            learner: { email: "a@b.mx", "na\ud800me": "Ana" },
          }),
          type: json,
        }),
    },
    {
      name: "a lone surrogate in a JSON batch row",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "[1].externalId",
      send: (lang) =>
        request("/orgs/cecati-9/batches", lang, {
          token,
          body: withLoneSurrogate([
            { externalId: "A-1", achievementCode: "EC0217.01", email: "a@b.mx" },
            { externalId: "A-\ud800", achievementCode: "EC0217.01", email: "b@b.mx" },
          ]),
          type: json,
        }),
    },
    {
      name: "a CSV batch that is not UTF-8",
      status: 422,
      code: "issuer.batch.csv-not-utf8",
      field: "name",
      send: (lang) =>
        request("/orgs/cecati-9/batches", lang, {
          token,
          // "José" in Latin-1: the é is the single byte E9.
          body: join(
            "externalId,achievementCode,email,name\nA-1,EC0217.01,a@b.mx,Ana\n",
            "A-2,EC0217.01,b@b.mx,Jos",
            [0xe9],
            "\n",
          ),
          type: "text/csv",
        }),
      spanish: (problem) => {
        expect(problem["errors"]).toEqual([
          { line: 3, field: "name", code: "issuer.batch.row.not-utf8", reason: expect.any(String) },
        ]);
        expect(problem["detail"]).toBe(
          "El CSV no es texto UTF-8 (línea 3, columna name); guárdalo como UTF-8.",
        );
      },
    },
    {
      name: "a query that is not UTF-8",
      status: 422,
      code: "request.text.not-utf8",
      field: "query.externalId",
      send: (lang) => request("/orgs/cecati-9/credentials?externalId=%ED%A0%80", lang, { token }),
    },
    {
      name: "an unknown route",
      status: 404,
      code: "issuer.request.not-found",
      send: (lang) => request("/no/such/thing", lang),
    },
    {
      name: "a known route with another method",
      status: 405,
      code: "request.method-not-allowed",
      send: (lang) => request("/orgs/cecati-9/credentials", lang, { method: "PUT", token }),
      spanish: (_, response) => expect(response.headers.get("allow")).toContain("POST"),
    },
    {
      name: "no token",
      status: 401,
      code: "issuer.auth.missing",
      send: (lang) => request("/orgs", lang, { body: "{}", type: json, token: null }),
    },
    {
      name: "a body the schema refuses",
      status: 400,
      code: "issuer.request.invalid",
      send: (lang) => request("/orgs", lang, { body: '{"slug": 5}', type: json }),
    },
  ];
  for (const c of issuerCases) {
    it(`answers ${c.name} with ${c.status} ${c.code}, in Spanish and English`, async () => {
      await check(c);
      // Nothing with a lone surrogate (or anything else refused) was stored.
      const listed = await h.call("/orgs/cecati-9/credentials", { token });
      expect(listed.body.credentials).toEqual([]);
    });
  }

  it("limits requests with a coded, localized 429", async () => {
    const limited = await createHarness(engine, {
      limits: { claimRequestsPerMinute: 2 } as never,
    });
    try {
      for (let i = 0; i < 2; i++) await limited.app.request("/claims/x");
      const c: Case = {
        name: "too many requests",
        status: 429,
        code: "request.too-many-requests",
        send: (lang) =>
          limited.app.request("/claims/x", {
            headers: { accept: "application/json", "accept-language": lang },
          }),
      };
      await check(c);
      expect((await c.send("es")).headers.get("retry-after")).toBeTruthy();
    } finally {
      await limited.close();
    }
  });
});

describe("the verifier's error contract", () => {
  const quiet = { error: () => {} };
  const appWith = (env: Record<string, string> = {}) =>
    createVerifierApp(
      createVerifierContext(
        loadConfig({
          VERIFIER_PORT: "0",
          VERIFIER_PUBLIC_URL: "http://verifier.test",
          VERIFIER_RATE_LIMIT: "1000",
          ...env,
        }),
        { logger: quiet },
      ),
    );
  const app = appWith();
  const post = (path: string, lang: Lang, body: BodyInit, type = "application/json") =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": type, "accept-language": lang },
      body,
    });

  const verifierCases: Case[] = [
    {
      name: "malformed JSON",
      status: 400,
      code: "verifier.problem.malformed-body",
      send: (lang) => post("/credentials/verify", lang, '{"verifiableCredential": '),
    },
    {
      name: "JSON deeper than the limit",
      status: 400,
      code: "request.body.too-deep",
      send: (lang) => post("/credentials/verify", lang, "[".repeat(200) + "]".repeat(200)),
    },
    {
      name: "bytes that are not UTF-8",
      status: 400,
      code: "request.body.not-utf8",
      send: (lang) => post("/credentials/verify", lang, join('{"a":"', [0xc0, 0xaf], '"}')),
      spanish: (problem) => expect(problem["detail"]).toBe(SPANISH.notUtf8),
    },
    {
      name: "a body over the limit",
      status: 413,
      code: "verifier.problem.too-large",
      send: (lang) =>
        post("/api/verify", lang, JSON.stringify({ document: "x".repeat(4 * 1024 * 1024) })),
    },
    {
      name: "the wrong content type",
      status: 415,
      code: "verifier.problem.not-json",
      send: (lang) => post("/credentials/verify", lang, "{}", "text/plain"),
    },
    {
      name: "a lone surrogate in a credential",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "verifiableCredential.credentialSubject.name",
      send: (lang) =>
        post(
          "/credentials/verify",
          lang,
          withLoneSurrogate({ verifiableCredential: { credentialSubject: { name: "\ud800" } } }),
        ),
    },
    {
      name: "a lone surrogate in a pasted document",
      status: 422,
      code: "request.text.lone-surrogate",
      field: "document",
      send: (lang) => post("/api/verify", lang, withLoneSurrogate({ document: "{}\udfff" })),
    },
    {
      name: "a query that is not UTF-8",
      status: 422,
      code: "request.text.not-utf8",
      field: "query.lang",
      send: (lang) => app.request("/healthz?lang=%FF", { headers: { "accept-language": lang } }),
    },
    {
      name: "an unknown route",
      status: 404,
      code: "verifier.problem.not-found",
      send: (lang) => app.request("/no/such/thing", { headers: { "accept-language": lang } }),
    },
    {
      name: "a known route with another method",
      status: 405,
      code: "request.method-not-allowed",
      send: (lang) => app.request("/credentials/verify", { headers: { "accept-language": lang } }),
    },
  ];
  for (const c of verifierCases) {
    it(`answers ${c.name} with ${c.status} ${c.code}, in Spanish and English`, () => check(c));
  }

  it("refuses a page form that is not UTF-8 on the page, in the visitor's language", async () => {
    for (const [lang, words] of [
      ["es", `document: ${SPANISH.textNotUtf8}`],
      ["en", "document: the text is not valid UTF-8."],
    ] as const) {
      const response = await post(
        "/",
        lang,
        "document=%7B%22name%22%3A%22%ED%A0%80%22%7D",
        "application/x-www-form-urlencoded",
      );
      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain(words);
    }
  });

  it("limits requests with a coded, localized 429", async () => {
    const limited = appWith({ VERIFIER_RATE_LIMIT: "1" });
    const send = (lang: Lang) =>
      limited.request("/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": lang },
        body: "{}",
      });
    await send("es");
    await check({
      name: "too many requests",
      status: 429,
      code: "verifier.error.too-many-requests",
      send,
    });
  });
});

describe.each(testDatabases())("the wallet's error contract on $name", ({ open }) => {
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

  const form = "application/x-www-form-urlencoded";
  const send = (
    path: string,
    lang: Lang,
    init: { method?: string; body?: BodyInit; type?: string; accept?: string } = {},
  ) =>
    wallet.app.request(
      path,
      {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          accept: init.accept ?? "application/json",
          "accept-language": lang,
          ...(init.type ? { "content-type": init.type } : {}),
        },
        ...(init.body !== undefined ? { body: init.body } : {}),
      },
      { incoming: { socket: { remoteAddress: `198.51.100.${lang === "es" ? 1 : 2}` } } },
    );
  const multipart = (name: string, value: Uint8Array) => {
    const boundary = "----contract";
    return {
      type: `multipart/form-data; boundary=${boundary}`,
      body: join(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`,
        [...value],
        `\r\n--${boundary}--\r\n`,
      ),
    };
  };

  const walletCases: Case[] = [
    {
      name: "a form field that is not UTF-8 (a lone surrogate, percent-encoded)",
      status: 422,
      code: "request.text.not-utf8",
      field: "email",
      send: (lang) => send("/signin", lang, { body: "email=%ED%A0%80&password=x", type: form }),
      spanish: (problem) => expect(problem["detail"]).toBe(`email: ${SPANISH.textNotUtf8}`),
    },
    {
      name: "a multipart text field that is not UTF-8",
      status: 422,
      code: "request.text.not-utf8",
      field: "name",
      send: (lang) => send("/signup", lang, multipart("name", join("Jos", [0xe9]))),
    },
    {
      name: "malformed multipart",
      status: 400,
      code: "wallet.problem.form-unreadable",
      send: (lang) =>
        send("/signin", lang, { body: "nothing", type: "multipart/form-data; boundary=b" }),
    },
    {
      name: "the wrong content type (JSON is not a form)",
      status: 415,
      code: "wallet.problem.form-type",
      send: (lang) => send("/signin", lang, { body: '{"email": ', type: "application/json" }),
    },
    {
      name: "a body over the limit",
      status: 413,
      code: "wallet.problem.too-large",
      send: (lang) => send("/signin", lang, { body: `email=${"x".repeat(70 * 1024)}`, type: form }),
    },
    {
      name: "a query that is not UTF-8",
      status: 422,
      code: "request.text.not-utf8",
      field: "query.next",
      send: (lang) => send("/signin?next=%FF", lang),
    },
    {
      name: "an unknown route",
      status: 404,
      code: "wallet.problem.not-found",
      send: (lang) => send("/lang/es/nothing", lang),
    },
    {
      name: "a known route with another method",
      status: 405,
      code: "request.method-not-allowed",
      send: (lang) => send("/signout", lang),
    },
  ];
  for (const c of walletCases) {
    it(`answers ${c.name} with ${c.status} ${c.code}, in Spanish and English`, () => check(c));
  }

  it("shows browsers the same refusal as a page in their language", async () => {
    const response = await send("/signin", "es", {
      body: "email=%ED%A0%80&password=x",
      type: form,
      accept: "text/html",
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain(`email: ${SPANISH.textNotUtf8}`);
  });

  it("limits sign-ins with a coded, localized 429", async () => {
    const c: Case = {
      name: "too many requests",
      status: 429,
      code: "wallet.problem.too-many",
      send: (lang) => send("/signin", lang, { body: "email=a", type: "text/plain" }),
    };
    for (let i = 0; i < 30; i++) {
      await c.send("es");
      await c.send("en");
    }
    await check(c);
  });
});
