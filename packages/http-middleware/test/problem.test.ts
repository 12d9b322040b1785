import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  notFoundHandler,
  ProblemError,
  type ProblemLogger,
  payloadTooLarge,
  problemErrorHandler,
  tooManyRequests,
  unauthorized,
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
  it("renders as application/problem+json with the standard members", async () => {
    const { app, logger } = appThrowing(() =>
      badRequest("The CSV has 2 invalid rows.", {
        errors: [
          { line: 3, field: "curp", reason: "not a valid CURP" },
          { line: 7, reason: "missing columns" },
        ],
      }),
    );
    const response = await app.request("/boom");
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "The CSV has 2 invalid rows.",
      errors: [
        { line: 3, field: "curp", reason: "not a valid CURP" },
        { line: 7, reason: "missing columns" },
      ],
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
    expect(await problemOf(response)).toEqual({
      type: "https://avala.example/problems/already-revoked",
      title: "Credential already revoked",
      status: 409,
      credentialId: "urn:uuid:1",
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
    const response = await app.request("/boom");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="avala"');
    expect(await problemOf(response)).toEqual({
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      detail: "Token expired",
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
    expect(await problemOf(response)).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
    });
    expect(logger.error).toHaveBeenCalledOnce();
  });

  it("turns a malformed body read with c.req.json() into 400 Malformed JSON", async () => {
    const app = new Hono();
    app.onError(problemErrorHandler());
    app.post("/", async (c) => c.json(await c.req.json()));
    const response = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ status: 400, detail: "Malformed JSON" });
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
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
    });
    expect(logger.error).toHaveBeenCalledOnce();
    const [, context] = logger.error.mock.calls[0]!;
    expect(context).toMatchObject({ method: "GET", path: "/boom" });
    expect((context["error"] as Error).message).toBe(secret);
  });
});

describe("notFoundHandler", () => {
  it("answers unknown routes with a 404 problem", async () => {
    const { app } = appThrowing(() => new Error("unused"));
    const response = await app.request("/nowhere");
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ title: "Not Found", status: 404 });
  });
});
