import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  type JsonBodyEnv,
  jsonBody,
  nestingExceeds,
  problemErrorHandler,
  readJsonBody,
} from "../src/index.js";

function echoApp(maxBytes = 1024, maxDepth?: number) {
  const app = new Hono<JsonBodyEnv>();
  app.onError(problemErrorHandler({ logger: { error: () => {} } }));
  app.post("/", jsonBody({ maxBytes, maxDepth }), async (c) =>
    c.json({
      read: readJsonBody(c),
      get: c.get("jsonBody"),
      again: await c.req.json(),
    }),
  );
  app.post("/unguarded", (c) => c.json(readJsonBody(c)));
  return app;
}

function post(body: BodyInit, headers: Record<string, string> = {}): RequestInit {
  // A stream body needs `duplex: "half"`, which the DOM RequestInit type does not know yet.
  const duplex = body instanceof ReadableStream ? { duplex: "half" } : {};
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...duplex,
  } as RequestInit;
}

/** A body that arrives in chunks with no Content-Length, like chunked transfer encoding. */
function streamOf(chunk: string, times: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(chunk);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < times) controller.enqueue(bytes);
      else controller.close();
    },
  });
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as { status: number; detail: string };
  expect(body.status).toBe(status);
  return body;
}

describe("jsonBody", () => {
  it("parses the body once and hands it to the handler", async () => {
    const response = await echoApp().request("/", post('{"name":"Ana","grades":[9,10]}'));
    expect(response.status).toBe(200);
    const value = { name: "Ana", grades: [9, 10] };
    expect(await response.json()).toEqual({ read: value, get: value, again: value });
  });

  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON",
    "application/ld+json",
    "application/vc+ld+json",
  ])("accepts Content-Type %s", async (contentType) => {
    const response = await echoApp().request("/", post("[]", { "content-type": contentType }));
    expect(response.status).toBe(200);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "application/jsonp", "json"])(
    "answers 415 to Content-Type %s",
    async (contentType) => {
      const response = await echoApp().request("/", post("{}", { "content-type": contentType }));
      await expectProblem(response, 415);
    },
  );

  it("answers 415 when there is no Content-Type", async () => {
    const response = await echoApp().request("/", { method: "POST", body: "{}" });
    await expectProblem(response, 415);
  });

  it("answers 413 to a body over the limit that declares its length", async () => {
    const body = JSON.stringify({ pad: "x".repeat(2000) });
    const response = await echoApp(1024).request("/", post(body));
    await expectProblem(response, 413);
  });

  it("answers 413 to a streamed body over the limit without Content-Length", async () => {
    const request = new Request("http://localhost/", post(streamOf(" ", 100_000)));
    expect(request.headers.has("content-length")).toBe(false);
    const response = await echoApp(1024).request(request);
    await expectProblem(response, 413);
  });

  it("answers 413 when Content-Length understates the body", async () => {
    const body = `[${'"x",'.repeat(1000)}"x"]`;
    const response = await echoApp(1024).request(
      "/",
      post(streamOf(body, 1), { "content-length": "10" }),
    );
    await expectProblem(response, 413);
  });

  it("answers 400 to malformed JSON and to an empty body", async () => {
    const malformed = await expectProblem(await echoApp().request("/", post('{"a":')), 400);
    expect(malformed).toMatchObject({
      code: "request.body.malformed-json",
      detail: "El cuerpo de la solicitud no es JSON bien formado.",
    });
    await expectProblem(await echoApp().request("/", post("")), 400);
  });

  it("answers 400 to a body that is not UTF-8", async () => {
    const response = await echoApp().request("/", post(new Uint8Array([0x22, 0xff, 0x22])));
    await expectProblem(response, 400);
  });

  it("answers 400 to 100 000 nested arrays without overflowing the stack", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const response = await echoApp(1024 * 1024).request("/", post(deep));
    const problem = await expectProblem(response, 400);
    expect(problem.detail).toContain("64");
  });

  it("answers 400 to deeply nested objects", async () => {
    const deep = '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000);
    const response = await echoApp(1024 * 1024).request("/", post(deep));
    await expectProblem(response, 400);
  });

  it("accepts nesting up to maxDepth", async () => {
    const app = echoApp(1024, 3);
    expect((await app.request("/", post("[[[1]]]"))).status).toBe(200);
    await expectProblem(await app.request("/", post("[[[[1]]]]")), 400);
  });

  it("makes readJsonBody throw on a route without jsonBody (a 500, not a crash)", async () => {
    const response = await echoApp().request("/unguarded", post("{}"));
    await expectProblem(response, 500);
  });
});

describe("nestingExceeds", () => {
  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(nestingExceeds('["[[[[", "\\"[[[["]', 1)).toBe(false);
    expect(nestingExceeds('[{"a": [1]}]', 2)).toBe(true);
    expect(nestingExceeds('[{"a": [1]}]', 3)).toBe(false);
  });
});
