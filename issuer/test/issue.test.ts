import {
  AVALA_CONTEXT,
  buildAchievementCredential,
  hashIdentity,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
} from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { check, createHarness, expectProblem, type Harness, issue, subjectOf } from "./harness.js";

const CURP = "LOGA040315MDFPRNA3";

describe.each(testDatabases())("issuing on $name", (engine) => {
  let h: Harness;
  let admin: string;
  let did: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    ({ token: admin, did } = await h.createOrg("ece-a"));
    expect((await h.addAchievement("ece-a", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  it("issues an OB 3.0 credential from the catalogue that verifies, schema included", async () => {
    const reply = await issue(h, "ece-a", admin, { externalId: "award-1" });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.claimUrl).toMatch(/^http:\/\/issuer\.test\/claims\/[\w-]+\.[\w-]+$/);
    const vc = reply.body.verifiableCredential;
    expect(vc.issuer.id).toBe(did);
    expect(vc.credentialStatus).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: "http://issuer.test/orgs/ece-a/status/revocation/1",
    });
    expect(subjectOf(vc).achievement).toMatchObject({
      id: "http://issuer.test/orgs/ece-a/achievements/EC0217.01",
      humanCode: "EC0217.01",
    });
    const result = await h.verify(vc);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");
    expect(check(result, "schema")?.outcome).toBe("pass");
    expect(check(result, "proof")?.outcome).toBe("pass");
    expect(check(result, "status")?.code).toBe("status.active");
  });

  it("puts the CURP and email in the credential only as salted hashes, and never stores the CURP", async () => {
    const reply = await issue(h, "ece-a", admin);
    const vc = reply.body.verifiableCredential;
    expect(reply.text).not.toContain(CURP);
    // The email is the issuer's own delivery record; inside the credential it is only a hash.
    expect(JSON.stringify(vc)).not.toContain("ana@example.mx");
    const identifiers = subjectOf(vc).identifier as Array<Record<string, string>>;
    const curp = identifiers.find((i) => i.identityType === "nationalIdentityNumber")!;
    expect(curp.identityHash).toBe(hashIdentity(CURP, curp.salt!));
    for (const table of ["issuer_credential", "issuer_batch_row", "issuer_claim_offer"] as const) {
      const rows = await h.ctx.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(CURP);
    }
    const stored = await h.ctx.db
      .selectFrom("issuer_credential")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.learner_email).toBe("ana@example.mx");
    expect(stored.learner_curp_hmac).toMatch(/^[0-9a-f]{64}$/);
  });

  it("issues each external id once: the second request is a 409 naming the first", async () => {
    const first = await issue(h, "ece-a", admin, { externalId: "same" });
    const second = await issue(h, "ece-a", admin, { externalId: "same" });
    expectProblem(second, 409);
    expect(second.body.credential).toBe(first.body.id);
    expect(second.body.errors).toEqual([{ field: "externalId", reason: "already used" }]);
  });

  it("issues with a suspension entry and Ed25519Signature2020 on request", async () => {
    const reply = await issue(h, "ece-a", admin, {
      statusPurpose: "suspension",
      cryptosuite: "Ed25519Signature2020",
    });
    expect(reply.status, reply.text).toBe(201);
    const vc = reply.body.verifiableCredential;
    expect(vc.proof.type).toBe("Ed25519Signature2020");
    expect(vc.credentialStatus.statusPurpose).toBe("suspension");
    expect((await h.verify(vc)).verdict).toBe("valid");
  });

  it("refuses bad requests with problems, never a 500", async () => {
    const base = { achievementCode: "EC0217.01", learner: { email: "a@b.mx" }, externalId: "x" };
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ["unknown field", { ...base, extra: 1 }, 400],
      ["wrong type", { ...base, externalId: 7 }, 400],
      ["no learner", { ...base, learner: {} }, 422],
      ["bad CURP", { ...base, learner: { curp: "AAAA000000HDFAAA00" } }, 422],
      ["short CURP", { ...base, learner: { curp: "ABC" } }, 400],
      ["unknown achievement", { ...base, achievementCode: "EC9999.99" }, 422],
      ["dates", { ...base, validFrom: "2026-01-01", validUntil: "2025-01-01" }, 422],
      ["bad date", { ...base, validFrom: "yesterday" }, 400],
    ];
    for (const [name, body, status] of cases) {
      const reply = await h.call("/orgs/ece-a/credentials", { token: admin, json: body });
      expectProblem(reply, status);
      if (status !== 422 || name !== "no learner")
        expect(reply.body.errors?.length, name).toBeGreaterThan(0);
    }
    const malformed = await h.call("/orgs/ece-a/credentials", {
      token: admin,
      body: '{"achievementCode": ',
      headers: { "content-type": "application/json" },
    });
    expectProblem(malformed, 400);
    const notJson = await h.call("/orgs/ece-a/credentials", {
      token: admin,
      body: "achievementCode=EC0217.01",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(notJson, 415);
    const huge = await h.call("/orgs/ece-a/credentials", {
      token: admin,
      json: { ...base, learner: { name: "x".repeat(2 * 1024 * 1024) } },
    });
    expectProblem(huge, 413);
    const count = await h.ctx.db
      .selectFrom("issuer_credential")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("answers problems in the caller's language", async () => {
    const es = await h.call("/orgs/ece-a/credentials/nope", { token: admin });
    const en = await h.call("/orgs/ece-a/credentials/nope", {
      token: admin,
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expectProblem(es, 404);
    expect(es.body.detail).toContain("No se encontró");
    expect(en.body.detail).toContain("was not found");
    expect(en.body.localizedDetail.es).toBe(es.body.detail);
    expect(en.body.code).toBe("issuer.credential.not-found");
  });

  describe("VC-API POST /credentials/issue", () => {
    function unsigned(extra: Record<string, unknown> = {}) {
      const credential = buildAchievementCredential({
        id: `urn:uuid:${crypto.randomUUID()}`,
        issuer: { id: did, name: { es: "Org ece-a" } },
        achievement: {
          id: "http://issuer.test/orgs/ece-a/achievements/EC0217.01",
          kind: "qualification",
          code: "EC0217.01",
          name: { es: "Impartición de cursos" },
          description: { es: "Estándar" },
          criteria: { es: "Evaluación" },
        },
        subject: { identifiers: [{ kind: "email", value: "b@example.mx" }] },
        validFrom: new Date(),
      }) as unknown as Record<string, unknown>;
      return { ...credential, ...extra };
    }

    it("requires the issuer, puts in the stored Profile, assigns the status entry and signs", async () => {
      const { issuer: _omit, ...credential } = unsigned();
      // VC DM 2.0 and the VC-API require `issuer`: a credential without one is refused.
      const missing = await h.call("/credentials/issue", {
        token: admin,
        headers: { "accept-language": "es" },
        json: { credential },
      });
      expectProblem(missing, 422);
      expect(missing.body.code).toBe("issuer.credential.issuer-required");
      expect(missing.body.errors[0].field).toBe("credential.issuer");
      expect(missing.body.detail).toContain(did);
      // The organisation's DID: its stored Profile, in the OB context's terms.
      const reply = await h.call("/credentials/issue", {
        token: admin,
        json: { credential: { ...credential, issuer: did } },
      });
      expect(reply.status, reply.text).toBe(201);
      const vc = reply.body.verifiableCredential;
      expect(vc.issuer).toMatchObject({ id: did, type: ["Profile"], name: "Org ece-a" });
      expect(vc.id).toBe(credential["id"]);
      expect(vc.credentialStatus.statusPurpose).toBe("revocation");
      expect(reply.body.claimUrl).toMatch(/\/claims\//);
      const result = await h.verify(vc);
      expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");
      expect(check(result, "schema")?.outcome).toBe("pass");
    });

    it("honours options.credentialStatus and options.cryptosuite", async () => {
      const reply = await h.call("/credentials/issue", {
        token: admin,
        json: {
          credential: unsigned(),
          options: {
            credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "suspension" },
            cryptosuite: "Ed25519Signature2020",
          },
        },
      });
      expect(reply.status, reply.text).toBe(201);
      const vc = reply.body.verifiableCredential;
      expect(vc.credentialStatus.statusPurpose).toBe("suspension");
      expect(vc.proof.type).toBe("Ed25519Signature2020");
      expect((await h.verify(vc)).verdict).toBe("valid");
    });

    it("refuses another issuer, a status, a proof, unknown contexts, bad shapes, no token", async () => {
      const other = unsigned({
        issuer: { id: "did:web:elsewhere.example", type: ["Profile"], name: "X" },
      });
      expectProblem(
        await h.call("/credentials/issue", { token: admin, json: { credential: other } }),
        422,
      );
      const withStatus = unsigned({
        credentialStatus: { id: "x", type: "BitstringStatusListEntry" },
      });
      expectProblem(
        await h.call("/credentials/issue", { token: admin, json: { credential: withStatus } }),
        422,
      );
      const withProof = unsigned({ proof: { type: "DataIntegrityProof" } });
      expectProblem(
        await h.call("/credentials/issue", { token: admin, json: { credential: withProof } }),
        422,
      );
      const badContext = unsigned({ "@context": [VC_V2_CONTEXT, "https://evil.example/ctx"] });
      const reply = await h.call("/credentials/issue", {
        token: admin,
        json: { credential: badContext },
      });
      expectProblem(reply, 422);
      expect(reply.body.detail).toMatch(/contexto|context/i);
      const notOb = unsigned({ credentialSubject: { type: ["AchievementSubject"] } });
      expectProblem(
        await h.call("/credentials/issue", { token: admin, json: { credential: notOb } }),
        422,
      );
      expectProblem(
        await h.call("/credentials/issue", {
          token: admin,
          json: { credential: unsigned(), options: { created: "now" } },
        }),
        400,
      );
      expectProblem(
        await h.call("/credentials/issue", { token: admin, json: { credential: "text" } }),
        400,
      );
      expectProblem(await h.call("/credentials/issue", { json: { credential: unsigned() } }), 401);
      const dup = unsigned();
      expect(
        (await h.call("/credentials/issue", { token: admin, json: { credential: dup } })).status,
      ).toBe(201);
      expectProblem(
        await h.call("/credentials/issue", { token: admin, json: { credential: dup } }),
        409,
      );
    });
    it("signs nothing Avala's verifier would reject; inline contexts it accepts, nulls it does not", async () => {
      const post = (credential: unknown) =>
        h.call("/credentials/issue", { token: admin, json: { credential } });
      const count = async () =>
        Number(
          (
            await h.ctx.db
              .selectFrom("issuer_credential")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      // Inline (object) contexts, at the top or nested, processed offline: signed, and verified.
      const inline = await post(
        unsigned({
          "@context": [
            VC_V2_CONTEXT,
            OB_V3_CONTEXT,
            { nickname: "https://example.org/vocab#nickname" },
          ],
          nickname: "x",
        }),
      );
      expect(inline.status, inline.text).toBe(201);
      expect((await h.verify(inline.body.verifiableCredential)).verdict).toBe("valid");
      // Avala's retired private context: read only, never signed again (no one outside can
      // load it).
      const retired = await post(
        unsigned({ "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT, AVALA_CONTEXT] }),
      );
      expectProblem(retired, 422);
      expect(retired.body.code).toBe("issuer.credential.retired-context");
      expect(retired.body.errors[0].field).toBe("credential.@context[2]");
      const base = unsigned();
      const nested = await post({
        ...base,
        credentialSubject: {
          ...(base["credentialSubject"] as object),
          "@context": { "@vocab": "https://example.org/vocab#" },
          shoeSize: 38,
        },
      });
      expect(nested.status, nested.text).toBe(201);
      expect((await h.verify(nested.body.verifiableCredential)).verdict).toBe("valid");
      const before = await count();
      // Nulls anywhere: `jsonld.malformed` in the verifier.
      for (const [credential, field] of [
        [unsigned({ description: null }), "credential.description"],
        [
          unsigned({
            credentialSubject: { ...(base["credentialSubject"] as object), id: null },
          }),
          "credential.credentialSubject.id",
        ],
        [unsigned({ type: ["VerifiableCredential", null] }), "credential.type[1]"],
        [unsigned({ issuer: null }), "credential.issuer"],
        [
          {
            "@context": [VC_V2_CONTEXT],
            type: ["VerifiableCredential"],
            credentialSubject: { id: "did:example:123", name: null },
          },
          "credential.credentialSubject.name",
        ],
      ] as const) {
        const reply = await post(credential);
        expectProblem(reply, 422);
        expect(reply.body.code).toBe("issuer.credential.invalid");
        expect(reply.body.errors[0].field).toBe(field);
      }
      expect(await count()).toBe(before);
    });
  });

  it("keeps issuing from a fresh list index each time, at random and without reuse", async () => {
    const indexes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const reply = await issue(h, "ece-a", admin);
      indexes.add(reply.body.verifiableCredential.credentialStatus.statusListIndex);
    }
    expect(indexes.size).toBe(8);
    const sorted = [...indexes].map(Number).sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(8);
  });

  it("opens a new status list when the current one is full", async () => {
    await issue(h, "ece-a", admin);
    // Fill list 1 but one slot.
    await h.ctx.db
      .updateTable("issuer_status_list")
      .set({ allocated: 131_071 })
      .where("list_number", "=", 1)
      .execute();
    const last = await issue(h, "ece-a", admin);
    const next = await issue(h, "ece-a", admin);
    expect(last.body.verifiableCredential.credentialStatus.statusListCredential).toMatch(
      /\/revocation\/1$/,
    );
    expect(next.body.verifiableCredential.credentialStatus.statusListCredential).toMatch(
      /\/revocation\/2$/,
    );
    const list2 = await h.call("/orgs/ece-a/status/revocation/2");
    expect(list2.status).toBe(200);
    expect((await h.verify(next.body.verifiableCredential)).verdict).toBe("valid");
  });
});
