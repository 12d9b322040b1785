import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness, issue, PLATFORM_TOKEN } from "./harness.js";

describe.each(testDatabases())("access and tenants on $name", (engine) => {
  let h: Harness;
  let adminA: string;
  let adminB: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    adminA = (await h.createOrg("org-a")).token;
    adminB = (await h.createOrg("org-b")).token;
    expect((await h.addAchievement("org-a", adminA)).status).toBe(201);
    expect((await h.addAchievement("org-b", adminB)).status).toBe(201);
  });
  afterEach(() => h.close());

  it("needs a valid token: missing, unknown and revoked tokens get 401 problems", async () => {
    const missing = await h.call("/orgs/org-a/credentials");
    expectProblem(missing, 401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectProblem(await h.call("/orgs/org-a/credentials", { token: "avl_not-a-token" }), 401);

    const operator = await h.createToken("org-a", adminA, "operator");
    expect((await h.call("/orgs/org-a/credentials", { token: operator })).status).toBe(200);
    const list = await h.call("/orgs/org-a/tokens", { token: adminA });
    const id = list.body.tokens.find((t: { role: string }) => t.role === "operator").id;
    expect(JSON.stringify(list.body)).not.toContain(operator);
    expect(
      (await h.call(`/orgs/org-a/tokens/${id}`, { token: adminA, method: "DELETE" })).status,
    ).toBe(204);
    const revoked = await h.call("/orgs/org-a/credentials", { token: operator });
    expectProblem(revoked, 401);
    expect(revoked.body.code).toBe("issuer.auth.invalid");
    expectProblem(
      await h.call("/credentials/issue", { token: operator, json: { credential: {} } }),
      401,
    );
  });

  it("stores tokens only as SHA-256 hashes", async () => {
    const operator = await h.createToken("org-a", adminA, "operator");
    const rows = await h.ctx.db.selectFrom("issuer_api_token").selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(operator);
    expect(dump).not.toContain(adminA);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it("lets operators issue and revoke but not manage tokens, keys or the catalogue", async () => {
    const operator = await h.createToken("org-a", adminA, "operator");
    const issued = await issue(h, "org-a", operator);
    expect(issued.status).toBe(201);
    const revoked = await h.call(`/orgs/org-a/credentials/${issued.body.id}/status`, {
      token: operator,
      json: { action: "revoke", reason: "error de captura" },
    });
    expect(revoked.status).toBe(200);
    expectProblem(await h.call("/orgs/org-a/tokens", { token: operator }), 403);
    expectProblem(
      await h.call("/orgs/org-a/tokens", { token: operator, json: { role: "admin", label: "x" } }),
      403,
    );
    expectProblem(
      await h.call("/orgs/org-a/keys/rotate", { token: operator, method: "POST" }),
      403,
    );
    expectProblem(await h.addAchievement("org-a", operator, { code: "X1" }), 403);
  });

  it("never lets org A read, issue, revoke or list as org B", async () => {
    const issuedB = await issue(h, "org-b", adminB, { externalId: "b-1" });
    const idB = issuedB.body.id as string;
    const batchB = await h.call("/orgs/org-b/batches", {
      token: adminB,
      body: "externalId,achievementCode,email\nb-2,EC0217.01,x@example.mx\n",
      headers: { "content-type": "text/csv" },
    });
    expect(batchB.status).toBe(202);
    await h.ctx.batches.idle();
    const attempts: Array<
      [string, { method?: string; json?: unknown; body?: string; headers?: Record<string, string> }]
    > = [
      ["/orgs/org-b/credentials", {}],
      [`/orgs/org-b/credentials/${idB}`, {}],
      [
        "/orgs/org-b/credentials",
        {
          json: { achievementCode: "EC0217.01", learner: { email: "a@b.mx" }, externalId: "evil" },
        },
      ],
      [`/orgs/org-b/credentials/${idB}/status`, { json: { action: "revoke", reason: "x" } }],
      [`/orgs/org-b/credentials/${idB}/offer`, { method: "POST" }],
      ["/orgs/org-b/batches", {}],
      [`/orgs/org-b/batches/${batchB.body.id}`, {}],
      [`/orgs/org-b/batches/${batchB.body.id}/errors`, {}],
      [`/orgs/org-b/batches/${batchB.body.id}/credentials`, {}],
      [
        "/orgs/org-b/batches",
        {
          body: "externalId,achievementCode,email\nz,EC0217.01,x@example.mx\n",
          headers: { "content-type": "text/csv" },
        },
      ],
      ["/orgs/org-b/tokens", {}],
      ["/orgs/org-b/keys", {}],
      ["/orgs/org-b/keys/rotate", { method: "POST" }],
      ["/orgs/org-b/achievements", { json: { code: "EVIL" } }],
      ["/orgs/org-b", { method: "PATCH", json: { name: { es: "Mía" } } }],
    ];
    for (const [path, options] of attempts) {
      const reply = await h.call(path, { token: adminA, ...options });
      expect([403, 404], `${options.method ?? "GET/POST"} ${path}`).toContain(reply.status);
      expectProblem(reply, reply.status);
      expect(reply.text).not.toContain(idB);
      expect(reply.text).not.toContain("b-1");
    }
    // Org A's own view of a B credential id: not found, even with the right id.
    expectProblem(await h.call(`/orgs/org-a/credentials/${idB}`, { token: adminA }), 404);
    expectProblem(
      await h.call(`/orgs/org-a/credentials/${idB}/status`, {
        token: adminA,
        json: { action: "revoke", reason: "x" },
      }),
      404,
    );
    expectProblem(await h.call(`/orgs/org-a/batches/${batchB.body.id}`, { token: adminA }), 404);
    // Nothing changed at B.
    const b = await h.call(`/orgs/org-b/credentials/${idB}`, { token: adminB });
    expect(b.body.status).toBe("active");
    const listA = await h.call("/orgs/org-a/credentials", { token: adminA });
    expect(listA.body.credentials).toEqual([]);
  });

  it("keeps the platform API to the platform token", async () => {
    expectProblem(await h.call("/orgs", { token: adminA }), 403);
    expectProblem(
      await h.call("/orgs", {
        token: adminA,
        json: { slug: "x", kind: "school", name: { es: "X" } },
      }),
      403,
    );
    expectProblem(
      await h.call("/orgs/org-a", { token: adminA, method: "PATCH", json: { authority: true } }),
      403,
    );
    const ok = await h.call("/orgs/org-a", {
      token: PLATFORM_TOKEN,
      method: "PATCH",
      json: { authority: true },
    });
    expect(ok.body.organisation.authority).toBe(true);
    const own = await h.call("/orgs/org-a", {
      token: adminA,
      method: "PATCH",
      json: { email: "hola@example.mx" },
    });
    expect(own.status, own.text).toBe(200);
    expect(own.body.organisation.email).toBe("hola@example.mx");
    expectProblem(
      await h.call("/orgs", {
        token: PLATFORM_TOKEN,
        json: { slug: "org-a", kind: "school", name: { es: "X" } },
      }),
      409,
    );
    expectProblem(
      await h.call("/orgs", {
        token: PLATFORM_TOKEN,
        json: { slug: "Bad Slug", kind: "school", name: { es: "X" } },
      }),
      400,
    );
    expectProblem(
      await h.call("/orgs", {
        token: PLATFORM_TOKEN,
        json: { slug: "ok", kind: "bank", name: { es: "X" } },
      }),
      400,
    );
    // The platform token does not issue.
    expectProblem(await issue(h, "org-a", PLATFORM_TOKEN), 404);
  });

  it("turns the platform API off when no platform token is configured", async () => {
    const other = await createHarness(engine, { platformAdminToken: undefined });
    try {
      const reply = await other.call("/orgs", { token: PLATFORM_TOKEN });
      expectProblem(reply, 401);
      expect(reply.body.code).toBe("issuer.auth.platform-off");
    } finally {
      await other.close();
    }
  });
});
