import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness, issue } from "./harness.js";

describe.each(testDatabases())("odd input never gets a 500 on $name", (engine) => {
  let h: Harness;
  let admin: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    admin = (await h.createOrg("ece-r")).token;
    expect((await h.addAchievement("ece-r", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  it("handles hostile paths, queries and bodies as problems", async () => {
    const issued = await issue(h, "ece-r", admin);
    const requests: Array<
      [
        string,
        { method?: string; json?: unknown; body?: string; headers?: Record<string, string> }?,
      ]
    > = [
      ["/orgs/%00/did.json"],
      ["/orgs/ece-r/credentials/%00"],
      ["/orgs/ece-r/achievements/%E0%A4%A"],
      [`/orgs/${"x".repeat(5000)}/did.json`],
      ["/orgs/ece-r/credentials?limit=abc"],
      ["/orgs/ece-r/credentials?before=999999999999999999999999"],
      ["/orgs/ece-r/credentials?status=deleted"],
      ["/orgs/ece-r/credentials?externalId=%00"],
      ["/orgs/ece-r/batches/x/errors?after=99999999999999"],
      [`/claims/${"A".repeat(10000)}`, { headers: { accept: "application/json" } }],
      ["/claims/%ZZ", { headers: { accept: "application/json" } }],
      ["/orgs/ece-r/status/revocation/99999999999999999999"],
      [
        "/orgs/ece-r/credentials",
        {
          json: {
            achievementCode: "EC0217.01",
            learner: { email: "a@b.mx" },
            externalId: "a\u0000b",
          },
        },
      ],
      ["/orgs/ece-r/credentials", { json: [] }],
      ["/orgs/ece-r/credentials", { json: null }],
      [
        "/orgs/ece-r/credentials",
        { body: "[".repeat(10000), headers: { "content-type": "application/json" } },
      ],
      [
        "/orgs/ece-r/credentials",
        { body: "\uFEFF{}", headers: { "content-type": "application/json" } },
      ],
      [
        `/orgs/ece-r/credentials/${issued.body.id}/status`,
        { json: { action: "revoke", reason: "x\u0000" } },
      ],
      [
        "/orgs/ece-r/batches",
        {
          body: "externalId,achievementCode,email\nx\u0000,EC0217.01,a@b.mx\n",
          headers: { "content-type": "text/csv" },
        },
      ],
      [
        "/orgs/ece-r/batches",
        { body: "\u0000", headers: { "content-type": "text/csv; charset=utf-8" } },
      ],
      ["/orgs/ece-r/tokens", { json: { role: "admin", label: "\u0000" } }],
      [
        "/credentials/issue",
        { json: { credential: { "@context": "https://www.w3.org/ns/credentials/v2" } } },
      ],
      [
        "/credentials/issue",
        {
          json: {
            credential: {
              "@context": [
                "https://www.w3.org/ns/credentials/v2",
                { "@import": "https://evil.example/c" },
              ],
              type: ["VerifiableCredential"],
              credentialSubject: { id: "did:example:1" },
            },
          },
        },
      ],
      [
        "/credentials/issue",
        {
          json: {
            credential: {
              "@context": ["https://www.w3.org/ns/credentials/v2"],
              type: ["VerifiableCredential"],
              credentialSubject: { id: "did:example:1" },
              validFrom: "2024-13-45",
            },
          },
        },
      ],
      [
        "/orgs/ece-r/achievements",
        {
          json: {
            code: "../../etc",
            kind: "unit",
            name: { es: "x" },
            description: { es: "x" },
            criteria: { es: "x" },
          },
        },
      ],
    ];
    for (const [path, options] of requests) {
      const reply = await h.call(path, { token: admin, ...options });
      expect(reply.status, `${path} → ${reply.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(reply.status, `${path} → ${reply.text.slice(0, 200)}`).toBeLessThan(500);
      expectProblem(reply, reply.status);
    }
    // A JSON batch row with a NUL fails alone.
    const batch = await h.call("/orgs/ece-r/batches", {
      token: admin,
      json: [
        { externalId: "ok-1", achievementCode: "EC0217.01", email: "ok@example.mx" },
        { externalId: "bad\u0000", achievementCode: "EC0217.01", email: "bad@example.mx" },
      ],
    });
    expect(batch.status).toBe(202);
    await h.ctx.batches.idle();
    const progress = await h.call(`/orgs/ece-r/batches/${batch.body.id}`, { token: admin });
    expect(progress.body).toMatchObject({ issued: 1, failed: 1 });
  });

  it("limits claim requests per client", async () => {
    const limited = await createHarness(engine, { limits: { claimRequestsPerMinute: 3 } as never });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.call("/claims/x")).status).toBe(404);
      const reply = await limited.call("/claims/x");
      expectProblem(reply, 429);
      expect(reply.headers.get("retry-after")).toBeTruthy();
    } finally {
      await limited.close();
    }
  });
});
