import { testDatabases } from "@avala/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness } from "./harness.js";

describe("OpenAPI document and docs page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(testDatabases()[0]!);
  });
  afterAll(() => h.close());

  it("documents every route of the app, and nothing that is not one", async () => {
    const doc = (await h.call("/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = new Set(
      h.app.routes
        // The console (`/console/…`) is pages for people, not the API.
        .filter((r) => r.method !== "ALL" && !r.path.startsWith("/console"))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    expect([...routes].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !routes.has(r))).toEqual([]);
    const issue = doc.paths["/orgs/{slug}/credentials"].post;
    const body = issue.requestBody.content["application/json"].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(
      expect.arrayContaining(["achievementCode", "learner", "externalId"]),
    );
    expect(doc.paths["/orgs/{slug}/batches"].post.requestBody.content["text/csv"]).toBeDefined();
    expect(issue.responses["409"].content["application/problem+json"]).toBeDefined();
  });

  it("renders a readable page without scripts or outside resources", async () => {
    const page = await h.call("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).not.toMatch(/(src|href)="https?:\/\//);
    expect(page.text).toContain("POST</span> /credentials/issue");
    expect(page.text).toContain("/orgs/{slug}/batches");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const css = await h.app.request("/assets/issuer.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("answers unknown routes with a problem", async () => {
    expectProblem(await h.call("/nowhere"), 404);
    expectProblem(await h.call("/orgs/nobody/did.json"), 404);
    expectProblem(await h.call("/orgs/nobody/achievements/X"), 404);
  });
});
