import { isWebLink } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, expectProblem, type Harness, PLATFORM_TOKEN } from "./harness.js";

const notWeb = [
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://files.example/x",
  "http://issuer.example/x",
  "https://user:pass@issuer.example/",
  "//issuer.example/x",
  "issuer.example",
];

describe("web links", () => {
  it("are https, or http to a loopback host; data: only for images", () => {
    for (const url of notWeb) expect(isWebLink(url), url).toBe(false);
    for (const url of [
      "https://conalep.edu.mx/plantel",
      "http://localhost:4100/x",
      "http://127.0.0.1/x",
    ]) {
      expect(isWebLink(url), url).toBe(true);
    }
    expect(isWebLink("data:image/png;base64,iVBORw0KGgo=")).toBe(false);
    expect(isWebLink("data:image/png;base64,iVBORw0KGgo=", { image: true })).toBe(true);
    expect(isWebLink("data:image/svg+xml;base64,PHN2Zz4=", { image: true })).toBe(true);
    expect(isWebLink("data:text/html;base64,PHN2Zz4=", { image: true })).toBe(false);
  });
});

describe.each(testDatabases())("links that end up in credentials, on $name", (engine) => {
  let h: Harness;
  let org: { token: string; did: string };
  beforeEach(async () => {
    h = await createHarness(engine);
    org = await h.createOrg("plantel-links");
  });
  afterEach(() => h.close());

  it("an organisation's url is a web link, on create and on update", async () => {
    for (const url of notWeb) {
      const created = await h.call("/orgs", {
        token: PLATFORM_TOKEN,
        json: { slug: "otro", kind: "school", name: { es: "Otro" }, url },
      });
      expectProblem(created, 400);
      expect(created.body.errors[0].field).toBe("url");
      const updated = await h.call("/orgs/plantel-links", {
        token: PLATFORM_TOKEN,
        method: "PATCH",
        json: { url },
      });
      expectProblem(updated, 400);
      expect(updated.body.errors[0].field).toBe("url");
    }
    const ok = await h.call("/orgs/plantel-links", {
      token: PLATFORM_TOKEN,
      method: "PATCH",
      json: { url: "https://plantel.example.mx" },
    });
    expect(ok.status, ok.text).toBe(200);
  });

  it("the VC-API refuses a credential whose links are not web links, naming the field", async () => {
    const base = {
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: org.did,
      name: "Insignia",
    };
    const subject = (achievement: Record<string, unknown>) => ({
      id: "did:example:learner",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://plantel.example.mx/logros/1",
        type: ["Achievement"],
        name: "Logro",
        description: "Descripción",
        criteria: { narrative: "Aprobar" },
        ...achievement,
      },
    });
    const post = (credential: Record<string, unknown>) =>
      h.call("/credentials/issue", {
        token: org.token,
        headers: { "accept-language": "en" },
        json: { credential: { ...base, ...credential } },
      });
    const refused: Array<[Record<string, unknown>, string]> = [
      [
        { credentialSubject: subject({ image: { id: "javascript:alert(1)", type: "Image" } }) },
        "credential.credentialSubject.achievement.image.id",
      ],
      [
        { credentialSubject: subject({ criteria: { id: "javascript:alert(1)" } }) },
        "credential.credentialSubject.achievement.criteria.id",
      ],
      [
        {
          credentialSubject: subject({}),
          evidence: [{ id: "data:text/html,<b>x</b>", type: ["Evidence"] }],
        },
        "credential.evidence[0].id",
      ],
      [
        {
          credentialSubject: subject({
            alignment: [{ type: ["Alignment"], targetName: "x", targetUrl: "vbscript:x" }],
          }),
        },
        "credential.credentialSubject.achievement.alignment[0].targetUrl",
      ],
      [{ credentialSubject: subject({}), image: "javascript:alert(1)" }, "credential.image"],
    ];
    for (const [credential, field] of refused) {
      const reply = await post(credential);
      expectProblem(reply, 422);
      expect(reply.body.errors[0].field, reply.text).toBe(field);
      expect(reply.body.detail).toContain("https");
    }
    // Web links, a data: image and a urn: evidence id are fine.
    const accepted = await post({
      credentialSubject: subject({
        image: { id: "data:image/png;base64,iVBORw0KGgo=", type: "Image" },
        criteria: { id: "https://plantel.example.mx/criterios", narrative: "Aprobar" },
      }),
      evidence: [{ id: "urn:uuid:6a7b3c1e-0000-4000-8000-000000000001", type: ["Evidence"] }],
    });
    expect(accepted.status, accepted.text).toBe(201);
  });
});
