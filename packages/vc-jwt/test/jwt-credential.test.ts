import type { CheckStatus, JsonObject } from "@avala/credentials";
import { OB_V3_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from "@avala/credentials";
import type { CryptoKey, JWK } from "jose";
import { base64url, CompactSign, exportJWK, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { DidDocumentResolver } from "../src/index.js";
import {
  decodeJwtCredential,
  didKeyOfJwk,
  envelopeOf,
  isCompactJws,
  jwkOfDidKey,
  jwtOfEnvelope,
  verifyJwtCredential,
} from "../src/index.js";

/** Keys made here, signatures made here with jose: nothing is canned. */
interface TestKey {
  privateKey: CryptoKey;
  jwk: JWK;
  did: string;
}

async function testKey(alg: "EdDSA" | "ES256" | "RS256"): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk, did: didKeyOfJwk(jwk) ?? "" };
}

const NOW = new Date("2026-06-01T12:00:00Z");
const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

function openBadge(issuer: string, extra: JsonObject = {}): JsonObject {
  return {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: "urn:uuid:7b0c3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: "Instituto de Soldadura" },
    validFrom: "2025-01-15T00:00:00Z",
    name: "Soldadura básica",
    credentialSubject: {
      id: "did:example:aprendiz",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://soldadura.example/logros/basica",
        type: ["Achievement"],
        name: "Soldadura básica",
        description: "Suelda uniones simples con arco eléctrico.",
        criteria: { narrative: "Aprobar la práctica final." },
      },
    },
    ...extra,
  };
}

async function sign(header: JsonObject, payload: JsonObject, key: CryptoKey | Uint8Array) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

/** OB 3.0 / VC-JWT 1.1: the credential in `vc`, with the registered claims beside it. */
async function vcJwt(key: TestKey, credential: JsonObject, header: JsonObject = {}, claims = {}) {
  const alg = key.jwk.kty === "OKP" ? "EdDSA" : key.jwk.kty === "EC" ? "ES256" : "RS256";
  return sign(
    { alg, typ: "JWT", kid: `${key.did}#${key.did.slice(8)}`, ...header },
    {
      iss: (credential.issuer as JsonObject).id,
      jti: credential.id,
      sub: (credential.credentialSubject as JsonObject).id,
      nbf: seconds(credential.validFrom as string),
      vc: credential,
      ...claims,
    },
    key.privateKey,
  );
}

/** VC-JOSE-COSE: the payload is the credential. */
async function vcPlusJwt(key: TestKey, credential: JsonObject, header: JsonObject = {}) {
  const alg = key.jwk.kty === "OKP" ? "EdDSA" : "ES256";
  return sign(
    { alg, typ: "vc+jwt", cty: "vc", kid: `${key.did}#${key.did.slice(8)}`, ...header },
    credential,
    key.privateKey,
  );
}

function codes(result: { checks: Array<{ code: string }> }) {
  return result.checks.map((c) => c.code);
}

let ed: TestKey;
let p256: TestKey;

beforeAll(async () => {
  ed = await testKey("EdDSA");
  p256 = await testKey("ES256");
});

describe("did:key and JWK", () => {
  it("round-trips Ed25519 and P-256 public keys through did:key", () => {
    expect(ed.did).toMatch(/^did:key:z6Mk/);
    expect(p256.did).toMatch(/^did:key:zDn/);
    expect(jwkOfDidKey(ed.did)).toEqual({ kty: "OKP", crv: "Ed25519", x: ed.jwk.x });
    expect(jwkOfDidKey(p256.did)).toEqual({
      kty: "EC",
      crv: "P-256",
      x: p256.jwk.x,
      y: p256.jwk.y,
    });
  });
});

describe("decoding", () => {
  it("recognises compact JWS text and nothing else", async () => {
    const jwt = await vcJwt(ed, openBadge(ed.did));
    expect(isCompactJws(`  ${jwt}\n`)).toBe(true);
    expect(isCompactJws('{"a":1}')).toBe(false);
    expect(isCompactJws(`${jwt}.x.y`)).toBe(false); // five parts: a JWE, not a JWS
    expect(isCompactJws(`${jwt}~`)).toBe(false); // SD-JWT
  });

  it("completes a VC-JWT 1.1 credential from its registered claims", async () => {
    const { id: _id, issuer: _issuer, validFrom: _from, ...rest } = openBadge(ed.did);
    const subject = { ...(rest.credentialSubject as JsonObject) };
    delete subject.id;
    const jwt = await sign(
      { alg: "EdDSA", kid: `${ed.did}#${ed.did.slice(8)}` },
      {
        iss: ed.did,
        jti: "urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201",
        sub: "did:example:aprendiz",
        nbf: seconds("2025-01-15T00:00:00Z"),
        exp: seconds("2030-01-15T00:00:00Z"),
        vc: { ...rest, credentialSubject: subject },
      },
      ed.privateKey,
    );
    const decoded = decodeJwtCredential(jwt);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.format).toBe("vc-jwt");
    expect(decoded.value.credential).toMatchObject({
      id: "urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201",
      issuer: ed.did,
      validFrom: "2025-01-15T00:00:00Z",
      validUntil: "2030-01-15T00:00:00Z",
      credentialSubject: { id: "did:example:aprendiz" },
    });
    const result = await verifyJwtCredential(jwt, { now: NOW });
    expect(result.verdict).toBe("valid");
  });

  it("uses VC 1.1's date names for a VC 1.1 credential", async () => {
    const credential = openBadge(ed.did, { "@context": [VC_V1_CONTEXT, OB_V3_CONTEXT] });
    delete credential.validFrom;
    const jwt = await vcJwt(ed, credential, {}, { nbf: seconds("2025-02-01T00:00:00Z") });
    const decoded = decodeJwtCredential(jwt);
    expect(decoded.ok && decoded.value.credential.issuanceDate).toBe("2025-02-01T00:00:00Z");
  });

  it("refuses malformed tokens, presentations and payloads without a credential", async () => {
    const bad = await verifyJwtCredential("eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.c2ln");
    expect(codes(bad)).toEqual(["input.jwt-malformed"]);
    expect(bad.verdict).toBe("invalid");
    const vp = await sign(
      { alg: "EdDSA" },
      { vp: { type: ["VerifiablePresentation"] } },
      ed.privateKey,
    );
    expect(codes(await verifyJwtCredential(vp))).toEqual(["input.jwt-unsupported"]);
    const plain = await sign({ alg: "EdDSA" }, { sub: "someone" }, ed.privateKey);
    expect(codes(await verifyJwtCredential(plain))).toEqual(["input.jwt-unsupported"]);
    const otherTyp = await vcPlusJwt(ed, openBadge(ed.did), { typ: "dc+sd-jwt" });
    expect(codes(await verifyJwtCredential(otherTyp))).toEqual(["input.jwt-unsupported"]);
  });

  it("reads the JWT inside an EnvelopedVerifiableCredential", async () => {
    const jwt = await vcPlusJwt(ed, openBadge(ed.did));
    expect(jwtOfEnvelope(envelopeOf(jwt))).toBe(jwt);
    expect(
      jwtOfEnvelope({ type: "EnvelopedVerifiableCredential", id: `data:text/plain,${jwt}` }),
    ).toBe(undefined);
    expect(jwtOfEnvelope(openBadge(ed.did))).toBe(undefined);
  });
});

describe("verifying", () => {
  it("verifies OB 3.0 VC-JWT signed with an Ed25519 did:key", async () => {
    const credential = openBadge(ed.did);
    const result = await verifyJwtCredential(await vcJwt(ed, credential), { now: NOW });
    expect(result.verdict).toBe("valid");
    expect(result.format).toBe("vc-jwt");
    expect(codes(result)).toEqual([
      "context.known",
      "schema.valid",
      "validity.current",
      "proof.jwt-valid",
      "issuer.bound",
    ]);
    expect(result.checks.find((c) => c.code === "proof.jwt-valid")?.message.es).toContain("EdDSA");
    expect(result.document).toEqual(credential);
  });

  it("verifies VC-JOSE-COSE application/vc+jwt signed with a P-256 did:key", async () => {
    const credential = openBadge(p256.did);
    const result = await verifyJwtCredential(await vcPlusJwt(p256, credential), { now: NOW });
    expect(result.verdict).toBe("valid");
    expect(result.format).toBe("vc+jwt");
    expect(result.document).toEqual(credential);
  });

  it("verifies a did:jwk issuer whose key rides in the jwk header", async () => {
    const did = `did:jwk:${base64url.encode(JSON.stringify(p256.jwk))}`;
    const jwt = await sign(
      { alg: "ES256", typ: "vc+jwt", jwk: p256.jwk },
      openBadge(did),
      p256.privateKey,
    );
    const result = await verifyJwtCredential(jwt, { now: NOW });
    expect(result.verdict).toBe("valid");
    expect(codes(result)).toContain("issuer.bound");
  });

  it("verifies keys from a resolved DID document (JsonWebKey, Multikey, RS256)", async () => {
    const rsa = await testKey("RS256");
    const did = "did:web:soldadura.example";
    const document = {
      id: did,
      verificationMethod: [
        { id: `${did}#p256`, type: "JsonWebKey", controller: did, publicKeyJwk: p256.jwk },
        { id: "#ed", type: "Multikey", controller: did, publicKeyMultibase: ed.did.slice(8) },
        { id: `${did}#rsa`, type: "JsonWebKey", controller: did, publicKeyJwk: rsa.jwk },
        { id: `${did}#auth`, type: "JsonWebKey", controller: did, publicKeyJwk: ed.jwk },
      ],
      assertionMethod: [`${did}#p256`, "#ed", `${did}#rsa`],
      authentication: [`${did}#auth`],
    };
    const asked: string[] = [];
    const resolveDid: DidDocumentResolver = async (id) => {
      asked.push(id);
      if (id !== did) throw new Error("not found");
      return document;
    };
    const credential = openBadge(did);
    for (const [key, kid] of [
      [p256, `${did}#p256`],
      [ed, "#ed"],
      [rsa, `${did}#rsa`],
    ] as const) {
      const jwt = await vcJwt(key, credential, { kid });
      const result = await verifyJwtCredential(jwt, { now: NOW, resolveDid });
      expect(result.verdict, kid).toBe("valid");
    }
    expect(asked).toEqual([did, did, did]);
    // A key the issuer lists only for authentication does not sign credentials.
    const auth = await verifyJwtCredential(await vcJwt(ed, credential, { kid: `${did}#auth` }), {
      now: NOW,
      resolveDid,
    });
    expect(codes(auth)).toContain("proof.key-unresolved");
    expect(auth.verdict).toBe("invalid");
  });

  it("reports a tampered payload as altered", async () => {
    const jwt = await vcJwt(ed, openBadge(ed.did));
    const [header, payload, signature] = jwt.split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    claims.vc.credentialSubject.achievement.name = "Soldadura avanzada";
    const forged = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    const result = await verifyJwtCredential(forged, { now: NOW });
    expect(codes(result)).toContain("proof.invalid");
    expect(result.verdict).toBe("invalid");
  });

  it("refuses alg none and HS256 as unsupported, without looking for a key", async () => {
    const credential = openBadge("did:web:soldadura.example");
    let asked = 0;
    const resolveDid = async () => {
      asked++;
      return {};
    };
    const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
    const none = `${encode({ alg: "none", typ: "JWT" })}.${encode({ vc: credential })}.`;
    const hs = await sign(
      { alg: "HS256", kid: "did:web:soldadura.example#key-1" },
      { vc: credential },
      new TextEncoder().encode("a shared secret that anyone verifying would know"),
    );
    for (const jwt of [none, hs]) {
      const result = await verifyJwtCredential(jwt, { now: NOW, resolveDid });
      const proof = result.checks.find((c) => c.check === "proof");
      expect(proof).toMatchObject({ outcome: "fail", code: "proof.unsupported" });
      expect(result.verdict).toBe("invalid");
    }
    expect(asked).toBe(0);
  });

  it("says the key could not be found for an unknown kid or an unbound jwk", async () => {
    const did = "did:web:soldadura.example";
    const resolveDid: DidDocumentResolver = async () => ({
      id: did,
      verificationMethod: [],
      assertionMethod: [],
    });
    const unknown = await verifyJwtCredential(
      await vcJwt(ed, openBadge(did), { kid: `${did}#key-9` }),
      { now: NOW, resolveDid },
    );
    expect(unknown.checks.find((c) => c.check === "proof")).toMatchObject({
      outcome: "could-not-check",
      code: "proof.key-unresolved",
    });
    expect(unknown.verdict).toBe("invalid");
    const unreachable = await verifyJwtCredential(
      await vcJwt(ed, openBadge(did), { kid: `${did}#key-1` }),
      {
        now: NOW,
        resolveDid: async () => {
          throw Object.assign(new Error("refused"), { reason: "budget spent" });
        },
      },
    );
    expect(unreachable.checks.find((c) => c.check === "proof")?.params?.reason).toBe(
      "budget spent",
    );
    // A key in the header, with no kid under the issuer's DID: anyone could have put it there.
    const unbound = await verifyJwtCredential(
      await sign({ alg: "EdDSA", jwk: ed.jwk }, openBadge(did), ed.privateKey),
      { now: NOW, resolveDid },
    );
    expect(codes(unbound)).toContain("proof.key-unresolved");
    expect(unbound.verdict).toBe("invalid");
  });

  it("refuses a jwk header that is not the key kid names", async () => {
    const jwt = await vcJwt(ed, openBadge(ed.did), { jwk: p256.jwk });
    const result = await verifyJwtCredential(jwt, { now: NOW });
    expect(codes(result)).toContain("proof.key-unresolved");
  });

  it("refuses a signature by someone other than the issuer", async () => {
    // Signed by ed's did:key, for a credential whose issuer (and iss) is p256's.
    const result = await verifyJwtCredential(await vcJwt(ed, openBadge(p256.did)), { now: NOW });
    expect(codes(result)).toContain("proof.jwt-valid");
    expect(result.checks.find((c) => c.check === "issuer")).toMatchObject({
      outcome: "fail",
      code: "issuer.binding-mismatch",
      params: { issuer: p256.did, signer: ed.did },
    });
    expect(result.verdict).toBe("invalid");
    // iss naming the signer does not make it the issuer: the claim contradicts the credential.
    const claimed = await vcJwt(ed, openBadge(p256.did), {}, { iss: ed.did });
    const contradicted = await verifyJwtCredential(claimed, { now: NOW });
    expect(contradicted.checks.find((c) => c.code === "jwt.claim-mismatch")?.params).toEqual({
      claim: "iss",
      field: "issuer",
    });
    expect(contradicted.verdict).toBe("invalid");
  });

  it("refuses claims that contradict the credential", async () => {
    const jwt = await vcJwt(ed, openBadge(ed.did), {}, { sub: "did:example:otra-persona" });
    const result = await verifyJwtCredential(jwt, { now: NOW });
    expect(result.checks.find((c) => c.code === "jwt.claim-mismatch")?.params).toEqual({
      claim: "sub",
      field: "credentialSubject.id",
    });
    expect(result.verdict).toBe("invalid");
  });

  it("judges exp and nbf at the injected clock", async () => {
    const credential = openBadge(ed.did);
    const expired = await vcJwt(ed, credential, {}, { exp: seconds("2026-05-31T00:00:00Z") });
    const result = await verifyJwtCredential(expired, { now: NOW });
    expect(result.checks.find((c) => c.check === "validity")).toMatchObject({
      outcome: "fail",
      code: "validity.expired",
      params: { date: "2026-05-31T00:00:00Z" }, // exp, as the credential's validUntil
    });
    expect(result.verdict).toBe("invalid");
    // In a vc+jwt token, exp is a claim beside the credential: it is judged too.
    const claimOnly = await sign(
      { alg: "EdDSA", typ: "vc+jwt", kid: `${ed.did}#${ed.did.slice(8)}` },
      { ...credential, exp: seconds("2026-05-31T00:00:00Z") },
      ed.privateKey,
    );
    const byClaim = await verifyJwtCredential(claimOnly, { now: NOW });
    expect(byClaim.checks.find((c) => c.check === "validity")?.params).toEqual({
      date: "2026-05-31T00:00:00.000Z",
    });
    expect(byClaim.document).toEqual(credential);
    const early = await vcJwt(ed, credential, {}, { nbf: seconds("2026-07-01T00:00:00Z") });
    expect(codes(await verifyJwtCredential(early, { now: NOW }))).toContain(
      "validity.not-yet-valid",
    );
    // The same token, a day before it expires, is current.
    const before = await verifyJwtCredential(expired, { now: new Date("2026-05-30T00:00:00Z") });
    expect(before.verdict).toBe("valid");
    // validUntil inside the credential counts as well.
    const until = await vcPlusJwt(ed, openBadge(ed.did, { validUntil: "2026-01-01T00:00:00Z" }));
    expect(codes(await verifyJwtCredential(until, { now: NOW }))).toContain("validity.expired");
  });

  it("asks checkStatus about the decoded credential", async () => {
    const entry = {
      id: "https://soldadura.example/status/1#7",
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "7",
      statusListCredential: "https://soldadura.example/status/1",
    };
    const credential = openBadge(ed.did, { credentialStatus: entry });
    const seen: JsonObject[] = [];
    const checkStatus: CheckStatus = async (c) => {
      seen.push(c);
      return { outcome: "fail", code: "status.revoked" };
    };
    const result = await verifyJwtCredential(await vcPlusJwt(ed, credential), {
      now: NOW,
      checkStatus,
    });
    expect(seen).toEqual([credential]);
    expect(codes(result)).toContain("status.revoked");
    expect(result.verdict).toBe("invalid");
    const unchecked = await verifyJwtCredential(await vcPlusJwt(ed, credential), { now: NOW });
    expect(codes(unchecked)).toContain("status.not-checked");
  });
});
