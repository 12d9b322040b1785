import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { notFoundHandler, problemErrorHandler, securityHeaders } from "../src/index.js";

function appWith(middleware = securityHeaders()) {
  const app = new Hono();
  app.use(middleware);
  app.onError(problemErrorHandler({ logger: { error: () => {} } }));
  app.notFound(notFoundHandler);
  app.get("/", (c) => c.json({ ok: true }));
  app.get("/boom", () => {
    throw new Error("boom");
  });
  return app;
}

describe("securityHeaders", () => {
  it("sets Avala's defaults", async () => {
    const response = await appWith().request("/");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const csp = response.headers.get("content-security-policy");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("also sets them on problem responses", async () => {
    for (const path of ["/boom", "/missing"]) {
      const response = await appWith().request(path);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("default-src");
    }
  });

  it("lets an app replace the CSP", async () => {
    const app = appWith(
      securityHeaders({
        contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      }),
    );
    const response = await app.request("/");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
