import { verifyCredential } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { createStatusChecker } from "@avala/status-list";
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

    // VC-API credentials get the same Profile (the caller names the issuer by its DID).
    const { proof: _p, credentialStatus: _s, ...unsigned } = before;
    const viaApi = await h.call("/credentials/issue", {
      token: ece.token,
      json: {
        credential: {
          ...unsigned,
          id: "urn:uuid:4a1b8e0c-0000-4000-8000-000000000001",
          issuer: ece.did,
        },
      },
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

  it("withdrawing an endorsement revokes it, in the credentials issued before too", async () => {
    const endorsement = await endorse();
    // One status entry (the OB 3.0 schema allows a single object), on the endorser's own list.
    const entry = endorsement.credential.credentialStatus;
    expect(entry).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: "http://issuer.test/orgs/conocer/status/revocation/1",
    });
    expect(Array.isArray(entry)).toBe(false);
    const vc = (await issue(h, "ece-e", ece.token)).body.verifiableCredential;
    const embedded = vc.issuer.endorsement[0];
    expect(embedded).toEqual(endorsement.credential);

    // What any verifier does: fetch the list named in the entry, check its proof, read the bit.
    const checkStatus = createStatusChecker({
      fetchCredential: async (url) => (await h.app.request(url)).json(),
      verifyListCredential: (document) => verifyCredential(document, { documentLoader: h.loader }),
    });
    expect(await checkStatus(embedded)).toEqual({ outcome: "pass", code: "status.active" });
    const before = await h.verify(embedded);
    expect(before.verdict, JSON.stringify(before.checks)).toBe("valid");
    expect(check(before, "schema")?.outcome).toBe("pass");
    expect(check(before, "status")?.outcome).toBe("pass");

    const withdrawn = await h.call(`/orgs/conocer/endorsements/${endorsement.id}`, {
      token: conocer.token,
      method: "DELETE",
    });
    expect(withdrawn.status, withdrawn.text).toBe(204);
    expect(await checkStatus(embedded)).toEqual({ outcome: "fail", code: "status.revoked" });
    const after = await h.verify(embedded);
    expect(check(after, "status")).toMatchObject({ outcome: "fail", code: "status.revoked" });
    // Withdrawing again changes nothing; another authority cannot withdraw it.
    expect(
      (
        await h.call(`/orgs/conocer/endorsements/${endorsement.id}`, {
          token: conocer.token,
          method: "DELETE",
        })
      ).status,
    ).toBe(204);
    expect(await checkStatus(embedded)).toEqual({ outcome: "fail", code: "status.revoked" });
    expectProblem(
      await h.call(`/orgs/ece-e/endorsements/${endorsement.id}`, {
        token: ece.token,
        method: "DELETE",
      }),
      404,
    );
  });

  it("builds the VC-API issuer from the stored Profile, never from the caller's", async () => {
    const {
      issuer: _i,
      proof: _p,
      credentialStatus: _s,
      ...unsigned
    } = (await issue(h, "ece-e", ece.token)).body.verifiableCredential;
    const endorsement = await endorse();
    const withdrawnOne = await endorse();
    await h.call(`/orgs/conocer/endorsements/${withdrawnOne.id}`, {
      token: conocer.token,
      method: "DELETE",
    });
    const post = (issuer: unknown) =>
      h.call("/credentials/issue", {
        token: ece.token,
        json: { credential: { ...unsigned, id: `urn:uuid:${crypto.randomUUID()}`, issuer } },
      });

    // A string id, or an object with the right id: the stored Profile, with the endorsements in
    // force (the withdrawn one is left out), whatever else the object said.
    for (const issuer of [ece.did, { id: ece.did, type: ["Profile"], name: "Impostor" }]) {
      const reply = await post(issuer);
      expect(reply.status, reply.text).toBe(201);
      const vc = reply.body.verifiableCredential;
      expect(vc.issuer).toMatchObject({ id: ece.did, type: ["Profile"], name: "Org ece-e" });
      expect(vc.issuer.endorsement).toEqual([endorsement.credential]);
      expect((await h.verify(vc)).verdict).toBe("valid");
    }

    // Endorsements come only from the issuer's records: a caller's are refused, withdrawn or not.
    for (const claimed of [[withdrawnOne.credential], [endorsement.credential], []]) {
      const reply = await post({ id: ece.did, type: ["Profile"], endorsement: claimed });
      expectProblem(reply, 422);
      expect(reply.body.code).toBe("issuer.credential.issuer-endorsement");
      expect(reply.body.errors[0].field).toBe("credential.issuer.endorsement");
    }
    const jwt = await post({ id: ece.did, type: ["Profile"], endorsementJwt: ["e30.e30.x"] });
    expectProblem(jwt, 422);
    expectProblem(await post({ id: "did:web:elsewhere.example", name: "X" }), 422);
    expectProblem(await post([ece.did]), 422);
    const count = await h.ctx.db
      .selectFrom("issuer_credential")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
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

  it("refuses to sign, through the VC-API, the types reserved for its own flows", async () => {
    // The attack: an organisation signing an EndorsementCredential for anyone it likes.
    const centre = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    const forged = (type: unknown, subject: Record<string, unknown> = {}) =>
      h.call("/credentials/issue", {
        token: ece.token,
        headers: { "accept-language": "es" },
        json: {
          credential: {
            "@context": [
              "https://www.w3.org/ns/credentials/v2",
              "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            type,
            name: "Acreditación",
            credentialSubject: { id: centre, type: ["EndorsementSubject"], ...subject },
          },
        },
      });
    const cases: Array<[unknown, string, string]> = [
      [
        ["VerifiableCredential", "EndorsementCredential"],
        "EndorsementCredential",
        "credential.type",
      ],
      [
        [
          "VerifiableCredential",
          "https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementCredential",
        ],
        "https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementCredential",
        "credential.type",
      ],
      [["VerifiableCredential", "AvalaTrustRegistry"], "AvalaTrustRegistry", "credential.type"],
      [
        ["VerifiableCredential", "BitstringStatusListCredential"],
        "BitstringStatusListCredential",
        "credential.type",
      ],
      // Hidden in the subject only.
      [["VerifiableCredential"], "EndorsementSubject", "credential.credentialSubject.type"],
    ];
    for (const [type, named, field] of cases) {
      const reply = await forged(type);
      expectProblem(reply, 422);
      expect(reply.body.code).toBe("issuer.credential.reserved-type");
      expect(reply.body.detail).toContain(named);
      expect(reply.body.detail).toContain("reservado");
      expect(reply.body.errors[0].field).toBe(field);
    }
    const count = await h.ctx.db
      .selectFrom("issuer_credential")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("lets an authority grant the right to accredit, and only an entitled organisation accredit", async () => {
    const platform = await h.createOrg("platform", { kind: "platform", name: { es: "Avala" } });
    const centre = await h.createOrg("centro-e", { name: { es: "Centro", en: "Centre" } });
    await h.createOrg("sub-centro", { name: { es: "Subcentro" } });
    const endorseAs = (by: string, token: string, subjectOrg: string, mayAccredit?: boolean) =>
      h.call(`/orgs/${by}/endorsements`, {
        token,
        json: {
          subjectOrg,
          comment: { es: "Acreditada" },
          ...(mayAccredit === undefined ? {} : { mayAccredit }),
        },
      });
    const registry = async () => {
      const loaded = await loadTrustRegistry((await h.call("/trust-registry.json")).body, {
        expectedOperator: platform.did,
        verify: (doc) => verifyCredential(doc, { documentLoader: h.loader }),
      });
      if (!loaded.ok) throw new Error(loaded.reason);
      return loaded.registry;
    };

    // Accredited without the right: it cannot accredit a centre.
    const plain = await endorseAs("conocer", conocer.token, "ece-e");
    expect(plain.status, plain.text).toBe(201);
    const refused = await endorseAs("ece-e", ece.token, "centro-e");
    expectProblem(refused, 403);
    expect(refused.body.code).toBe("issuer.endorsement.not-authority");
    expect((await registry()).mayAccredit(ece.did, new Date())).toBe(false);

    // CONOCER grants the right: the grant is in the signed endorsement and in the registry.
    const grant = await endorseAs("conocer", conocer.token, "ece-e", true);
    expect(grant.status, grant.text).toBe(201);
    expect(grant.body.credential.credentialSubject.mayAccredit).toBe(true);
    expect((await h.verify(grant.body.credential)).verdict).toBe("valid");
    expect((await registry()).mayAccredit(ece.did, new Date())).toBe(true);

    // The entitled body accredits its centre; the endorsement carries the grant it rests on.
    const accredited = await endorseAs("ece-e", ece.token, "centro-e");
    expect(accredited.status, accredited.text).toBe(201);
    const link = accredited.body.credential;
    expect(link.credentialSubject.mayAccredit).toBeUndefined();
    expect(link.issuer.endorsement).toEqual([grant.body.credential]);
    expect((await h.verify(link)).verdict, JSON.stringify((await h.verify(link)).checks)).toBe(
      "valid",
    );
    expect((await registry()).lookup(centre.did, new Date())).toMatchObject({
      role: "accredited",
      accreditedBy: ece.did,
    });

    // Only an authority grants the right; the centre cannot accredit at all.
    const passOn = await endorseAs("ece-e", ece.token, "sub-centro", true);
    expectProblem(passOn, 403);
    expect(passOn.body.code).toBe("issuer.endorsement.grant-not-authority");
    expectProblem(await endorseAs("centro-e", centre.token, "sub-centro"), 403);

    // CONOCER withdraws the grant: the centre drops out of the registry, the body is still
    // accredited (the plain endorsement), and it cannot accredit any more.
    const withdrawn = await h.call(`/orgs/conocer/endorsements/${grant.body.id}`, {
      token: conocer.token,
      method: "DELETE",
    });
    expect(withdrawn.status).toBe(204);
    const after = await registry();
    expect(after.lookup(centre.did, new Date())).toBeUndefined();
    expect(after.lookup(ece.did, new Date())).toMatchObject({ accreditedBy: conocer.did });
    expect(after.mayAccredit(ece.did, new Date())).toBe(false);
    expectProblem(await endorseAs("ece-e", ece.token, "sub-centro"), 403);
  });
});
