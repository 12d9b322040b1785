import { fromQrText, MAX_QR_VERSION, qrVersionOf, toQrText } from "@avala/compact-credential";
import {
  buildPresentation,
  checkOpenBadgesSchema,
  generateSigningKey,
  signPresentation,
} from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, issue } from "./harness.js";

// Every credential is signed with its compact QR edition (@avala/compact-credential), in the
// same transaction and row; the claim re-signs both, bound to the holder; revoking the credential
// revokes its compact edition (the same status entry).

describe.each(testDatabases())("the compact QR edition on $name", (engine) => {
  let h: Harness;
  let admin: string;
  let did: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    ({ token: admin, did } = await h.createOrg("ece-q"));
    expect((await h.addAchievement("ece-q", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  async function compactOf(publicId: string) {
    const row = await h.ctx.db
      .selectFrom("issuer_credential")
      .select(["compact_credential", "credential"])
      .where("public_id", "=", publicId)
      .executeTakeFirstOrThrow();
    return {
      full: JSON.parse(row.credential),
      compact: row.compact_credential ? JSON.parse(row.compact_credential) : null,
    };
  }

  it("is signed with the credential, claimed with it, and revoked with it", async () => {
    const issued = await issue(h, "ece-q", admin);
    expect(issued.status, issued.text).toBe(201);
    const { full, compact } = await compactOf(issued.body.id);
    expect(compact).not.toBeNull();
    expect(compact.id).not.toBe(full.id);
    expect(compact.issuer).toEqual({ id: full.issuer.id, type: ["Profile"], name: "Org ece-q" });
    expect(compact.credentialSubject).toMatchObject({
      name: "Ana",
      achievement: { id: full.credentialSubject.achievement.id, name: "Impartición de cursos" },
    });
    for (const key of ["statusListCredential", "statusListIndex", "statusPurpose", "type"]) {
      expect(compact.credentialStatus[key]).toBe(full.credentialStatus[key]);
    }
    expect(checkOpenBadgesSchema(compact).outcome).toBe("pass");
    const text = await toQrText(compact);
    expect(qrVersionOf(text)).toBeLessThanOrEqual(MAX_QR_VERSION);
    const read = await fromQrText(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const result = await h.verify(read.credential);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");

    // The claim: both re-signed for the holder, the compact edition keeps its id.
    const holder = await generateSigningKey();
    const path = issued.body.claimUrl.replace("http://issuer.test", "");
    const offer = await h.call(path, { headers: { accept: "application/json" } });
    const vp = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [] }),
      {
        key: holder,
        documentLoader: h.loader,
        challenge: offer.body.challenge,
        domain: offer.body.domain,
      },
    );
    const claimed = await h.call(path, { json: { presentation: vp } });
    expect(claimed.status, claimed.text).toBe(201);
    const bound = claimed.body.compactCredential;
    expect(bound.id).toBe(compact.id);
    expect(bound.credentialSubject.id).toBe(holder.controller);
    expect((await compactOf(issued.body.id)).compact).toEqual(bound);
    expect((await h.verify(bound)).verdict).toBe("valid");

    // Revoking the credential revokes its compact edition.
    const revoked = await h.call(`/orgs/ece-q/credentials/${issued.body.id}/status`, {
      token: admin,
      json: { action: "revoke", reason: "x" },
    });
    expect(revoked.status, revoked.text).toBe(200);
    const after = await h.verify(bound);
    expect(after.verdict).toBe("invalid");
    expect(after.checks.find((c) => c.check === "status")?.code).toBe("status.revoked");
  });

  it("is not made for a credential that is not an OB 3.0 one (VC-API)", async () => {
    const reply = await h.call("/credentials/issue", {
      token: admin,
      json: {
        credential: {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          id: `urn:uuid:${crypto.randomUUID()}`,
          type: ["VerifiableCredential"],
          issuer: did,
          credentialSubject: { id: "did:example:123", name: "Ana" },
        },
      },
    });
    expect(reply.status, reply.text).toBe(201);
    const row = await h.ctx.db
      .selectFrom("issuer_credential")
      .select("compact_credential")
      .where("vc_id", "=", reply.body.verifiableCredential.id)
      .executeTakeFirstOrThrow();
    expect(row.compact_credential).toBeNull();
  });
});
