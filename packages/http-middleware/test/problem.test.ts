import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import {
  badRequest,
  codedProblem,
  conflict,
  forbidden,
  notFound,
  notFoundHandler,
  ProblemError,
  type ProblemLogger,
  payloadTooLarge,
  problemErrorHandler,
  securityHeaders,
  tooManyRequests,
  unauthorized,
  unmatchedRouteHandler,
  unprocessable,
} from "../src/index.js";

function appThrowing(error: () => unknown) {
  const logger = { error: vi.fn<ProblemLogger["error"]>() };
  const app = new Hono();
  app.onError(problemErrorHandler({ logger }));
  app.notFound(notFoundHandler);
  app.get("/boom", () => {
    throw error();
  });
  return { app, logger };
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as Record<string, unknown>;
}

describe("ProblemError", () => {
  it("renders a coded problem as application/problem+json in the request's language", async () => {
    const errors = [{ field: "name", reason: "lone UTF-16 surrogate: not a character" }];
    const { app, logger } = appThrowing(() =>
      codedProblem(422, "request.text.lone-surrogate", { field: "name" }, { errors }),
    );
    const es = await app.request("/boom", { headers: { "accept-language": "es-MX" } });
    expect(es.status).toBe(422);
    expect(es.headers.get("content-language")).toBe("es");
    const localizedDetail = {
      es: "name: el texto contiene un sustituto UTF-16 suelto (como \\ud800), que no es un carácter; corrija el texto.",
      en: "name: the text contains a lone UTF-16 surrogate (such as \\ud800), which is not a character; correct the text.",
    };
    expect(await problemOf(es)).toEqual({
      type: "https://w3id.org/avala/problems#request.text.lone-surrogate",
      title: "Unprocessable Content",
      status: 422,
      detail: localizedDetail.es,
      code: "request.text.lone-surrogate",
      localizedDetail,
      errors,
    });
    const en = await app.request("/boom", { headers: { "accept-language": "en-US,en;q=0.9" } });
    expect(en.headers.get("content-language")).toBe("en");
    expect(await problemOf(en)).toMatchObject({ detail: localizedDetail.en });
    // ?lang= comes first; Spanish is the default.
    const forced = await app.request("/boom?lang=en", { headers: { "accept-language": "es" } });
    expect((await problemOf(forced)).detail).toBe(localizedDetail.en);
    expect((await problemOf(await app.request("/boom"))).detail).toBe(localizedDetail.es);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("gives a problem without a code the general code of its status, in the request's words", async () => {
    const errors = [
      { line: 3, field: "curp", reason: "not a valid CURP" },
      { line: 7, reason: "missing columns" },
    ];
    const { app, logger } = appThrowing(() =>
      badRequest("The CSV has 2 invalid rows.", { errors }),
    );
    const response = await app.request("/boom", { headers: { "accept-language": "en" } });
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toEqual({
      type: "https://w3id.org/avala/problems#request.bad-request",
      title: "Bad Request",
      status: 400,
      detail: "The request is not valid.",
      code: "request.bad-request",
      localizedDetail: { es: "La solicitud no es válida.", en: "The request is not valid." },
      errors,
    });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("keeps extension members but never lets them replace standard ones", async () => {
    const { app } = appThrowing(
      () =>
        new ProblemError({
          status: 409,
          type: "https://avala.example/problems/already-revoked",
          title: "Credential already revoked",
          extra: { credentialId: "urn:uuid:1", status: 200, title: "spoofed" },
        }),
    );
    const response = await app.request("/boom");
    expect(response.status).toBe(409);
    expect(await problemOf(response)).toMatchObject({
      type: "https://avala.example/problems/already-revoked",
      title: "Credential already revoked",
      status: 409,
      credentialId: "urn:uuid:1",
      code: "request.conflict",
    });
  });

  it.each([
    [400, "Bad Request", badRequest],
    [401, "Unauthorized", unauthorized],
    [403, "Forbidden", forbidden],
    [404, "Not Found", notFound],
    [409, "Conflict", conflict],
    [413, "Content Too Large", payloadTooLarge],
    [422, "Unprocessable Content", unprocessable],
    [429, "Too Many Requests", tooManyRequests],
  ] as const)("has a helper for %i %s", (status, title, helper) => {
    const problem = helper("why", { headers: { "retry-after": "1" } });
    expect(problem).toBeInstanceOf(ProblemError);
    expect(problem.toJSON()).toEqual({ type: "about:blank", title, status, detail: "why" });
    expect(problem.getResponse().headers.get("retry-after")).toBe("1");
  });

  it("renders as a problem even under Hono's default error handler", async () => {
    const app = new Hono();
    app.get("/", () => {
      throw forbidden("Not your credential.");
    });
    const response = await app.request("/");
    expect(response.status).toBe(403);
    expect(await problemOf(response)).toMatchObject({ detail: "Not your credential." });
  });
});

describe("problemErrorHandler", () => {
  it("keeps the status, message and headers of a client-error HTTPException", async () => {
    const res = new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="avala"' },
    });
    const { app } = appThrowing(() => new HTTPException(401, { res, message: "Token expired" }));
    const response = await app.request("/boom", { headers: { "accept-language": "es" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="avala"');
    // Its English message is not sent: the words come from the catalogue.
    expect(await problemOf(response)).toMatchObject({
      type: "https://w3id.org/avala/problems#request.unauthorized",
      title: "Unauthorized",
      status: 401,
      detail: "Esta solicitud requiere autenticación.",
      code: "request.unauthorized",
    });
  });

  it("keeps the status of a server-error HTTPException but not its message", async () => {
    const { app, logger } = appThrowing(
      () => new HTTPException(503, { message: "pool exhausted on db-7.internal" }),
    );
    const response = await app.request("/boom");
    expect(response.status).toBe(503);
    const text = await response.clone().text();
    expect(text).not.toContain("db-7");
    expect(await problemOf(response)).toMatchObject({
      title: "Service Unavailable",
      status: 503,
      code: "server.error",
    });
    expect(logger.error).toHaveBeenCalledOnce();
  });

  it("turns a malformed body read with c.req.json() into 400 request.body.malformed-json", async () => {
    const app = new Hono();
    app.onError(problemErrorHandler());
    app.post("/", async (c) => c.json(await c.req.json()));
    const response = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "en" },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({
      status: 400,
      code: "request.body.malformed-json",
      detail: "The request body is not well-formed JSON.",
    });
  });

  it("answers any other error with a generic 500 and logs it", async () => {
    const secret = "password=hunter2 at postgres://db.internal";
    const { app, logger } = appThrowing(() => new TypeError(secret));
    const response = await app.request("/boom");
    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("TypeError");
    expect(text).not.toMatch(/\bat\s.+:\d+/); // no stack frames
    expect(await problemOf(response)).toEqual({
      type: "https://w3id.org/avala/problems#server.error",
      title: "Internal Server Error",
      status: 500,
      detail: "Error interno del servidor; vuelva a intentarlo más tarde.",
      code: "server.error",
      localizedDetail: {
        es: "Error interno del servidor; vuelva a intentarlo más tarde.",
        en: "Internal server error; please try again later.",
      },
    });
    expect(logger.error).toHaveBeenCalledOnce();
    const [, context] = logger.error.mock.calls[0]!;
    expect(context).toMatchObject({ method: "GET", path: "/boom" });
    expect((context["error"] as Error).message).toBe(secret);
  });
});

describe("problemErrorHandler options", () => {
  function serviceApp() {
    const app = new Hono();
    app.onError(
      problemErrorHandler({
        logger: { error: () => {} },
        locale: (c) => (c.req.header("x-lang") === "en" ? "en" : "es"),
        ownMessage: (problem) =>
          problem.code === "request.not-found" ? { code: "issuer.request.not-found" } : undefined,
        title: (status, locale) => `${locale}:${status}`,
        type: () => "about:blank",
      }),
    );
    app.get("/missing", () => {
      throw notFound("gone fishing");
    });
    app.get("/own", () => {
      throw codedProblem(409, "request.conflict", undefined, { locale: "en", title: "Mine" });
    });
    app.get("/legacy", () => {
      throw new ProblemError({
        status: 410,
        title: "Gone",
        detail: "whatever",
        extra: { code: "request.gone", localizedDetail: { es: "x", en: "y" } },
      });
    });
    return app;
  }

  it("takes the service's locale, words, titles and types", async () => {
    const app = serviceApp();
    const missing = await problemOf(await app.request("/missing", { headers: { "x-lang": "en" } }));
    expect(missing).toMatchObject({
      type: "about:blank",
      title: "en:404",
      code: "issuer.request.not-found",
      detail: "There is nothing at this address.",
    });
    // A problem's own locale and title are kept.
    expect(await problemOf(await app.request("/own"))).toMatchObject({
      title: "Mine",
      code: "request.conflict",
      detail: "The request conflicts with the current state of the resource.",
    });
  });

  it("counts a message key given as extra.code (the old way) as the code", async () => {
    const legacy = await problemOf(await serviceApp().request("/legacy"));
    expect(legacy).toMatchObject({
      code: "request.gone",
      detail: "Esto ya no está disponible.",
      localizedDetail: { es: "Esto ya no está disponible.", en: "This is no longer available." },
    });
  });
});

describe("notFoundHandler", () => {
  it("answers unknown routes with a 404 problem", async () => {
    const { app } = appThrowing(() => new Error("unused"));
    const response = await app.request("/nowhere", { headers: { "accept-language": "en" } });
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({
      title: "Not Found",
      status: 404,
      code: "request.not-found",
      detail: "There is nothing at this address.",
    });
  });
});

describe("unmatchedRouteHandler", () => {
  function routedApp() {
    const app = new Hono();
    const sub = new Hono();
    sub.get("/items/:id", (c) => c.text("item"));
    sub.post("/items", (c) => c.text("created"));
    app.use(securityHeaders());
    app.route("/orgs/:slug", sub);
    const onError = problemErrorHandler({ logger: { error: () => {} } });
    app.onError(onError);
    app.notFound(unmatchedRouteHandler(app, onError));
    return app;
  }

  it("answers a known path with another method 405, with Allow, through the app's handler", async () => {
    const response = await routedApp().request("/orgs/a/items/1", {
      method: "DELETE",
      headers: { "accept-language": "es" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await problemOf(response)).toMatchObject({
      title: "Method Not Allowed",
      code: "request.method-not-allowed",
      detail: "Esta dirección no admite el método DELETE; admite: GET, HEAD.",
    });
    const post = await routedApp().request("/orgs/a/items");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("POST");
  });

  it("answers any other path 404, with the security headers", async () => {
    const response = await routedApp().request("/orgs/a/nothing", {
      headers: { "accept-language": "en" },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await problemOf(response)).toMatchObject({
      code: "request.not-found",
      detail: "There is nothing at this address.",
    });
  });
});
