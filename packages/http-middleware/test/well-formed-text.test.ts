import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  illFormedTextPath,
  invalidUtf8Offset,
  isWellFormedText,
  type JsonBodyEnv,
  jsonBody,
  problemErrorHandler,
  readFormBody,
  readJsonBody,
  wellFormedQuery,
} from "../src/index.js";

const quiet = { error: () => {} };

function jsonApp() {
  const app = new Hono<JsonBodyEnv>();
  app.onError(problemErrorHandler({ logger: quiet }));
  app.post("/", jsonBody({ maxBytes: 64 * 1024 }), (c) => c.json({ read: readJsonBody(c) }));
  return app;
}

function formApp() {
  const app = new Hono();
  app.onError(problemErrorHandler({ logger: quiet }));
  app.post("/", async (c) => {
    const form = await readFormBody(c.req.raw, 64 * 1024);
    const fields: Record<string, string> = {};
    form.forEach((value, name) => {
      fields[name] = typeof value === "string" ? value : `file:${value.size}`;
    });
    return c.json(fields);
  });
  return app;
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as Record<string, unknown>;
}

/** A JSON text with `\ud800` escapes: what JSON.stringify writes for a lone surrogate. */
const jsonText = (value: unknown) => JSON.stringify(value);

describe("isWellFormedText and illFormedTextPath", () => {
  it("tell lone surrogates from pairs", () => {
    expect(isWellFormedText("Ana 😀 ñ")).toBe(true);
    expect(isWellFormedText("\ud83d\ude00")).toBe(true);
    for (const bad of ["\ud800", "a\udc00", "\ude00\ud83d", "x\ud83d"]) {
      expect(isWellFormedText(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("name the first ill-formed string or key by its path", () => {
    expect(illFormedTextPath({ a: ["ok", { b: "😀" }] })).toBeUndefined();
    expect(illFormedTextPath({ credential: { credentialSubject: { name: "Ana\ud800" } } })).toBe(
      "credential.credentialSubject.name",
    );
    expect(illFormedTextPath([{ externalId: "a" }, { externalId: "\udc00" }])).toBe(
      "[1].externalId",
    );
    expect(illFormedTextPath({ "@context": ["x", "\ud800"] })).toBe('["@context"][1]');
    expect(illFormedTextPath({ items: { "k\ud800": 1 } })).toBe('items["k\\ud800"]');
    expect(illFormedTextPath("\ud800")).toBe("");
  });

  it("walk 100 000 levels without recursion", () => {
    let deep: unknown = "\ud800";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(illFormedTextPath(deep)).toMatch(/^(\[0\]){100000}$/);
  });
});

describe("invalidUtf8Offset", () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x61, 0xff], 1],
    [[0x61, 0xed, 0xa0, 0x80], 1], // U+D800 as UTF-8 (CESU-8)
    [[0xc0, 0xaf], 0], // overlong "/"
    [[0xe0, 0x80, 0xaf], 0], // overlong
    [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated
  ])("%j -> %i", (bytes, offset) => {
    expect(invalidUtf8Offset(new Uint8Array(bytes))).toBe(offset);
  });
});

describe("jsonBody refuses lone surrogates with a 422 naming the field", () => {
  it.each([
    [{ name: "Ana\ud800" }, "name"],
    [
      { credential: { credentialSubject: { name: "\udc00" } } },
      "credential.credentialSubject.name",
    ],
    [[{ externalId: "ok" }, { externalId: "x\ud800" }], "[1].externalId"],
    [{ "bad\ud800key": "value" }, '["bad\\ud800key"]'],
    ["\ud800", "$"],
  ])("%j", async (value, field) => {
    const response = await jsonApp().request("/", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "es" },
      body: jsonText(value),
    });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({
      code: "request.text.lone-surrogate",
      errors: [{ field, reason: expect.any(String) }],
    });
    expect(problem["detail"]).toContain(`${field}: el texto contiene un sustituto UTF-16 suelto`);
  });

  it("accepts surrogate pairs, escaped or not", async () => {
    for (const body of ['{"name":"\\ud83d\\ude00"}', '{"name":"😀"}']) {
      const response = await jsonApp().request("/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ read: { name: "😀" } });
    }
  });
});

describe("readFormBody", () => {
  const urlencoded = (body: string | Uint8Array<ArrayBuffer>, lang = "es") => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": lang },
    body,
  });

  it("reads well-formed forms as the platform does", async () => {
    const response = await formApp().request("/", urlencoded("name=Jos%C3%A9+P%C3%A9rez&x=1%"));
    expect(await response.json()).toEqual({ name: "José Pérez", x: "1%" });
  });

  it.each([
    ["name=%ED%A0%80", "name"], // U+D800 encoded as UTF-8: not UTF-8
    ["ok=1&label=abc%FF", "label"],
    ["n%FFame=1", "n\ufffdame"],
    ["name=%E0%A4%A", "name"], // truncated
  ])("refuses %s with a 422 naming the field", async (body, field) => {
    const response = await formApp().request("/", urlencoded(body, "en"));
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({
      code: "request.text.not-utf8",
      detail: `${field}: the text is not valid UTF-8.`,
      errors: [{ field }],
    });
  });

  it("refuses raw bytes that are not UTF-8 in a urlencoded body", async () => {
    const body = new Uint8Array([...new TextEncoder().encode("name="), 0xff]);
    expect((await formApp().request("/", urlencoded(body))).status).toBe(422);
  });

  function multipart(
    parts: Array<{ name: string; filename?: string; bytes: Uint8Array<ArrayBuffer> }>,
  ) {
    const boundary = "----avala-test-boundary";
    const chunks: Uint8Array[] = [];
    const text = (s: string) => chunks.push(new TextEncoder().encode(s));
    for (const part of parts) {
      text(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`);
      text(part.filename ? `; filename="${part.filename}"\r\n` : "\r\n");
      text(part.filename ? "Content-Type: application/octet-stream\r\n\r\n" : "\r\n");
      chunks.push(part.bytes);
      text("\r\n");
    }
    text(`--${boundary}--\r\n`);
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.length;
    }
    return {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "accept-language": "es",
      },
      body,
    };
  }

  it("refuses a multipart text field that is not UTF-8, but not a binary file", async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xed, 0xa0, 0x80]);
    const ok = await formApp().request(
      "/",
      multipart([
        { name: "file", filename: "badge.png", bytes: binary },
        { name: "document", bytes: new TextEncoder().encode("José") },
      ]),
    );
    expect(await ok.json()).toEqual({ file: "file:8", document: "José" });
    const bad = await formApp().request(
      "/",
      multipart([
        { name: "file", filename: "badge.png", bytes: binary },
        { name: "document", bytes: new Uint8Array([0x4a, 0xed, 0xa0, 0x80]) },
      ]),
    );
    expect(bad.status).toBe(422);
    expect(await problemOf(bad)).toMatchObject({
      code: "request.text.not-utf8",
      detail: "document: el texto no es UTF-8 válido.",
    });
  });

  it("answers 415, 413 and 400 with codes", async () => {
    const json = await formApp().request("/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    expect(await problemOf(json)).toMatchObject({ code: "request.body.unsupported-type" });
    const big = await formApp().request("/", urlencoded(`a=${"x".repeat(70 * 1024)}`));
    expect(big.status).toBe(413);
    expect(await problemOf(big)).toMatchObject({ code: "request.body.too-large" });
    const broken = await formApp().request("/", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: "not a multipart body",
    });
    expect(broken.status).toBe(400);
    expect(await problemOf(broken)).toMatchObject({ code: "request.body.malformed-form" });
  });
});

describe("wellFormedQuery", () => {
  const app = new Hono();
  app.onError(problemErrorHandler({ logger: quiet }));
  app.use(wellFormedQuery());
  app.get("/", (c) => c.json(c.req.query()));

  it("lets well-formed queries through", async () => {
    const response = await app.request("/?q=Jos%C3%A9&pct=100%&plain=a+b");
    expect(await response.json()).toEqual({ q: "José", pct: "100%", plain: "a b" });
  });

  it.each([
    ["/?q=%ED%A0%80", "query.q"],
    ["/?ok=1&name=%FF", "query.name"],
  ])("refuses %s with a 422 naming the parameter", async (path, field) => {
    const response = await app.request(path, { headers: { "accept-language": "es" } });
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({
      code: "request.text.not-utf8",
      detail: `${field}: el texto no es UTF-8 válido.`,
    });
  });
});
