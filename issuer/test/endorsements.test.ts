import { verifyCredential } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { loadTrustRegistry } from "@avala/trust-registry";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  check,
  createHarness,
  expectProblem,
  type Harness,
  issue,
  PLATFORM_TOKEN,
} from "./harness.js";

describe.each(testDatabases())("endorsements and the trust registry on $name", (engine) => {
  let h: Harness;
  let conocer: { token: string; did: string };
  let ece: { token: string; did: string };
  beforeEach(async () => {
    h = await createHarness(engine);
    conocer = await h.createOrg("conocer", {
      kind: "conocer",
      authority: true,
      name: { es: "CONOCER", en: "CONOCER" },
    });
    ece = await h.createOrg("ece-e", {
      otherIdentifiers: [{ identifier: "ECE-123-45", identifierType: "ext:ConocerAccreditation" }],
    });
    expect((await h.addAchievement("ece-e", ece.token)).status).toBe(201);
  });
  afterEach(() => h.close());

  async function endorse() {
    const reply = await h.call("/orgs/conocer/endorsements", {
      token: conocer.token,
      json: {
        subjectOrg: "ece-e",
        comment: {
          es: "Entidad de Certificación y Evaluación acreditada por el CONOCER",
          en: "Certification body accredited by CONOCER",
        },
      },
    });
    expect(reply.status, reply.text).toBe(201);
    return reply.body;
  }

  it("embeds the authority's endorsement in the issuer Profile of later credentials", async () => {
    const before = (await issue(h, "ece-e", ece.token)).body.verifiableCredential;
    expect(before.issuer.endorsement).toBeUndefined();
    const endorsement = await endorse();
    expect(endorsement.credential.type).toEqual(["VerifiableCredential", "EndorsementCredential"]);
    expect(endorsement.credential.issuer.id).toBe(conocer.did);
    expect(endorsement.credential.credentialSubject.id).toBe(ece.did);
    const endorsementResult = await h.verify(endorsement.credential);
    expect(endorsementResult.verdict, JSON.stringify(endorsementResult.checks)).toBe("valid");
    expect(check(endorsementResult, "schema")?.outcome).toBe("pass");

    const after = (await issue(h, "ece-e", ece.token)).body.verifiableCredential;
    expect(after.issuer.endorsement).toEqual([endorsement.credential]);
    expect(after.issuer.otherIdentifier).toEqual([
      {
        type: "IdentifierEntry",
        identifier: "ECE-123-45",
        identifierType: "ext:ConocerAccreditation",
      },
    ]);
    const result = await h.verify(after);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");
    expect(check(result, "schema")?.outcome).toBe("pass");
    expect(check(result, "proof")?.outcome).toBe("pass");
    // The embedded endorsement verifies on its own too (the chain a verifier shows).
    expect(
      (await verifyCredential(after.issuer.endorsement[0], { documentLoader: h.loader })).verified,
    ).toBe(true);

    // VC-API credentials get the same Profile.
    const { issuer: _drop, proof: _p, credentialStatus: _s, ...unsigned } = before;
    const viaApi = await h.call("/credentials/issue", {
      token: ece.token,
      json: { credential: { ...unsigned, id: "urn:uuid:4a1b8e0c-0000-4000-8000-000000000001" } },
    });
    expect(viaApi.status, viaApi.text).toBe(201);
    expect(viaApi.body.verifiableCredential.issuer.endorsement).toHaveLength(1);
    expect((await h.verify(viaApi.body.verifiableCredential)).verdict).toBe("valid");

    const listed = await h.call("/orgs/ece-e/endorsements");
    expect(listed.body.received).toHaveLength(1);
    expect(listed.body.received[0]).toMatchObject({ endorser: "conocer", subject: "ece-e" });
    const profile = await h.call("/orgs/ece-e");
    expect(profile.body.endorsement).toHaveLength(1);
  });

  it("lets only authorities endorse, and not themselves", async () => {
    const notAuthority = await h.call("/orgs/ece-e/endorsements", {
      token: ece.token,
      json: { subjectOrg: "conocer", comment: { es: "x" } },
    });
    expectProblem(notAuthority, 403);
    expect(notAuthority.body.code).toBe("issuer.endorsement.not-authority");
    expectProblem(
      await h.call("/orgs/conocer/endorsements", {
        token: conocer.token,
        json: { subjectOrg: "conocer", comment: { es: "x" } },
      }),
      422,
    );
    expectProblem(
      await h.call("/orgs/conocer/endorsements", {
        token: conocer.token,
        json: { subjectOrg: "nadie", comment: { es: "x" } },
      }),
      422,
    );
    const operator = await h.createToken("conocer", conocer.token, "operator");
    expectProblem(
      await h.call("/orgs/conocer/endorsements", {
        token: operator,
        json: { subjectOrg: "ece-e", comment: { es: "x" } },
      }),
      403,
    );
  });

  it("publishes a signed trust registry of authorities and the organisations they accredit", async () => {
    const platform = await h.createOrg("platform", { kind: "platform", name: { es: "Avala" } });
    expectProblem(
      await h.call("/orgs/conocer/endorsements", {
        token: conocer.token,
        json: { subjectOrg: "ece-e" },
      }),
      400,
    );
    const endorsement = await endorse();
    const reply = await h.call("/trust-registry.json");
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("etag")).toBeTruthy();
    expect(reply.body.issuer).toBe(platform.did);
    const loaded = await loadTrustRegistry(reply.body, {
      expectedOperator: platform.did,
      verify: (doc) => verifyCredential(doc, { documentLoader: h.loader }),
    });
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.registry.authority(conocer.did)).toMatchObject({
      role: "authority",
      kind: "conocer",
    });
    expect(loaded.registry.lookup(ece.did, new Date())).toMatchObject({
      role: "accredited",
      accreditedBy: conocer.did,
      kind: "certification-body",
      name: { es: "Org ece-e", en: "Org ece-e" },
    });
    expect(loaded.registry.lookup(platform.did, new Date())).toBeUndefined();

    // Withdrawn: gone from the registry and from new credentials.
    const withdrawn = await h.call(`/orgs/conocer/endorsements/${endorsement.id}`, {
      token: conocer.token,
      method: "DELETE",
    });
    expect(withdrawn.status).toBe(204);
    const after = (await h.call("/trust-registry.json")).body;
    expect(after.credentialSubject.entry.map((e: { id: string }) => e.id)).toEqual([conocer.did]);
    const vc = (await issue(h, "ece-e", ece.token)).body.verifiableCredential;
    expect(vc.issuer.endorsement).toBeUndefined();
    // Marking an authority is the platform's call.
    await h.call("/orgs/ece-e", {
      token: PLATFORM_TOKEN,
      method: "PATCH",
      json: { authority: true },
    });
    const registry = (await h.call("/trust-registry.json")).body;
    expect(registry.credentialSubject.entry.map((e: { role: string }) => e.role)).toEqual([
      "authority",
      "authority",
    ]);
  });
});
