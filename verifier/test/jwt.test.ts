import type { Check, JsonObject } from "@avala/credentials";
import { publicKeyOf } from "@avala/credentials";
import { buildDidDocument, didWebToUrl } from "@avala/did";
import { didKeyOfJwk, envelopeOf } from "@avala/vc-jwt";
import type { CryptoKey, JWK } from "jose";
import { base64url, CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bakePng,
  bakeSvg,
  createVerifierApp,
  createVerifierContext,
  loadConfig,
  verify,
} from "../src/index.js";
import type { FixtureOrganisation, FixtureWorld } from "../src/testing.js";
import { createFixtureWorld, samplePng, sampleSvg } from "../src/testing.js";

/**
 * Credentials secured as JWTs, signed here with jose (Ed25519 and P-256 keys), verified over
 * real http on 127.0.0.1: did:web documents and status lists come from the fixture server.
 */

interface JwtKey {
  alg: "EdDSA" | "ES256";
  privateKey: CryptoKey;
  jwk: JWK;
  /** The kid the issuer's tokens carry. */
  kid: string;
}

let world: FixtureWorld;
/** CONOCER accredits this body in the world's registry: a verified credential is "valid". */
let issuer: FixtureOrganisation;
let es256: JwtKey;
let eddsa: JwtKey;

async function jwtKey(alg: JwtKey["alg"], kid: string): Promise<JwtKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, jwk: await exportJWK(publicKey), kid };
}

async function sign(header: JsonObject, payload: JsonObject, key: CryptoKey | Uint8Array) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

/** An unsigned OB 3.0 credential of the world's issuer, with a revocation entry. */
async function credentialOf(
  org: FixtureOrganisation,
  extra: { validUntil?: Date } = {},
): Promise<{ credential: JsonObject; statusIndex?: number }> {
  const { credential, statusIndex } = await world.issue({ issuer: org, ...extra });
  const { proof: _proof, ...unsigned } = credential as JsonObject;
  return { credential: unsigned, ...(statusIndex === undefined ? {} : { statusIndex }) };
}

const seconds = (date: Date | string) => Math.floor(new Date(date).getTime() / 1000);

/** OB 3.0 VC-JWT: the credential in the `vc` claim. */
function vcJwt(key: JwtKey, credential: JsonObject, header: JsonObject = {}, claims = {}) {
  return sign(
    { alg: key.alg, typ: "JWT", kid: key.kid, ...header },
    {
      iss: (credential.issuer as JsonObject).id,
      jti: credential.id,
      nbf: seconds(credential.validFrom as string),
      vc: credential,
      ...claims,
    },
    key.privateKey,
  );
}

/** VC-JOSE-COSE: the payload is the credential. */
function vcPlusJwt(key: JwtKey, credential: JsonObject) {
  return sign({ alg: key.alg, typ: "vc+jwt", cty: "vc", kid: key.kid }, credential, key.privateKey);
}

function check(result: { checks: Check[] }, id: Check["check"]) {
  return result.checks.find((c) => c.check === id);
}

beforeAll(async () => {
  world = await createFixtureWorld();
  issuer = world.ece;
  es256 = await jwtKey("ES256", `${issuer.did}#jwt-es256`);
  eddsa = await jwtKey("EdDSA", `${issuer.did}#jwt-eddsa`);
  // The issuer's DID document lists its Data Integrity key (its status lists are signed with it)
  // and, as JsonWebKeys, the two keys it signs JWTs with.
  const jsonWebKey = (key: JwtKey) => ({
    id: key.kid,
    type: "JsonWebKey",
    controller: issuer.did,
    publicKeyJwk: key.jwk,
  });
  const document = buildDidDocument({
    id: issuer.did,
    verificationMethods: [publicKeyOf(issuer.key)],
  });
  document.verificationMethod.push(jsonWebKey(es256) as never, jsonWebKey(eddsa) as never);
  document.assertionMethod.push(es256.kid, eddsa.kid);
  world.server.serve(new URL(didWebToUrl(issuer.did, { scheme: "http" })).pathname, document);
});

afterAll(async () => {
  await world?.server.close();
});

describe("VC-JWT input forms", () => {
  it("verifies an OB 3.0 VC-JWT pasted as text (ES256, did:web, status list, trust)", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcJwt(es256, credential);
    const result = await verify(jwt, world.verifyOptions());
    expect(result.kind).toBe("credential");
    expect(result.verdict).toBe("valid");
    expect(result.checks.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        "context.known",
        "schema.valid",
        "validity.current",
        "proof.jwt-valid",
        "issuer.bound",
        "status.active",
        "trust.accredited",
      ]),
    );
    expect(result.source).toEqual({ form: "json", jwt: "vc-jwt" });
    expect(result.kind === "credential" && result.jwt).toBe(jwt);
    expect(result.document).toEqual(credential);
  });

  it("verifies a VC-JOSE-COSE application/vc+jwt file (EdDSA)", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcPlusJwt(eddsa, credential);
    const file = new TextEncoder().encode(`${jwt}\n`);
    const result = await verify(file, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.source).toEqual({ form: "json", jwt: "vc+jwt" });
    expect(check(result, "proof")?.params).toEqual({ alg: "EdDSA" });
  });

  it("verifies a VC-JWT signed with a did:key (P-256)", async () => {
    const key = await jwtKey("ES256", "");
    const did = didKeyOfJwk(key.jwk)!;
    key.kid = `${did}#${did.slice("did:key:".length)}`;
    const { credential } = await credentialOf(world.stranger);
    (credential.issuer as JsonObject).id = did;
    const result = await verify(await vcJwt(key, credential), world.verifyOptions());
    // Genuine, but nobody vouches for a did:key: valid with a warning.
    expect(result.verdict).toBe("valid-with-warnings");
    expect(check(result, "proof")?.code).toBe("proof.jwt-valid");
    expect(check(result, "issuer")?.code).toBe("issuer.bound");
    expect(check(result, "trust")?.outcome).toBe("warning");
  });

  it("verifies a VC-JWT baked into a PNG", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcJwt(es256, credential);
    const result = await verify(bakePng(await samplePng(), jwt), world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.source).toEqual({ form: "png", jwt: "vc-jwt" });
    expect(result.checks[0]).toMatchObject({ code: "baked.extracted", params: { format: "PNG" } });
  });

  it("verifies a VC-JWT baked into an SVG, as a file and as text", async () => {
    const { credential } = await credentialOf(issuer);
    const svg = bakeSvg(await sampleSvg(), await vcPlusJwt(eddsa, credential));
    for (const input of [new TextEncoder().encode(svg), svg]) {
      const result = await verify(input, world.verifyOptions());
      expect(result.verdict).toBe("valid");
      expect(result.source).toEqual({ form: "svg", jwt: "vc+jwt" });
      expect(result.checks[0]).toMatchObject({ code: "baked.extracted" });
    }
  });

  it("verifies a VC-JWT behind a link served as application/vc+jwt", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcJwt(es256, credential);
    const url = world.server.serve("/credentials/badge.jwt", jwt, "application/vc+jwt");
    const result = await verify({ url }, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.source).toEqual({ form: "json", url, jwt: "vc-jwt" });
  });

  it("verifies a VC 2.0 EnvelopedVerifiableCredential through the VC-API", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcPlusJwt(es256, credential);
    const config = loadConfig({
      VERIFIER_PORT: "0",
      VERIFIER_PUBLIC_URL: "http://verifier.test",
      AVALA_TRUST_REGISTRY: world.registryUrl,
      AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
      AVALA_FETCH_ALLOW_HOSTS: world.server.host,
      VERIFIER_RATE_LIMIT: "1000",
    });
    const app = createVerifierApp(
      createVerifierContext(config, {
        guardedFetch: world.guardedFetch(),
        now: () => world.now,
        logger: { error: () => {} },
      }),
    );
    const response = await app.request("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verifiableCredential: envelopeOf(jwt) }),
    });
    const body = (await response.json()) as { verified: boolean; checks: string[] };
    expect(response.status).toBe(200);
    expect(body.verified).toBe(true);
    expect(body.checks).toEqual(expect.arrayContaining(["proof", "issuer", "status", "trust"]));
  });
});

describe("VC-JWT failures", () => {
  it("reports a tampered payload as altered", async () => {
    const { credential } = await credentialOf(issuer);
    const [header, payload, signature] = (await vcJwt(es256, credential)).split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    claims.vc.credentialSubject.achievement.name = "Otro estándar";
    const forged = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    const result = await verify(forged, world.verifyOptions());
    expect(check(result, "proof")).toMatchObject({ outcome: "fail", code: "proof.invalid" });
    expect(result.verdict).toBe("invalid");
  });

  it("refuses alg none and HS256 as unsupported", async () => {
    const { credential } = await credentialOf(issuer);
    const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
    const none = `${encode({ alg: "none", kid: es256.kid })}.${encode({ iss: issuer.did, vc: credential })}.`;
    const hs256 = await sign(
      { alg: "HS256", kid: es256.kid },
      { iss: issuer.did, vc: credential },
      new TextEncoder().encode("a secret every verifier would need to know"),
    );
    for (const jwt of [none, hs256]) {
      const result = await verify(jwt, world.verifyOptions());
      expect(check(result, "proof")).toMatchObject({ outcome: "fail", code: "proof.unsupported" });
      expect(result.verdict).toBe("invalid");
    }
  });

  it("says the key could not be found for an unknown kid", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcJwt(es256, credential, { kid: `${issuer.did}#no-such-key` });
    const result = await verify(jwt, world.verifyOptions());
    expect(check(result, "proof")).toMatchObject({
      outcome: "could-not-check",
      code: "proof.key-unresolved",
    });
    expect(result.verdict).toBe("invalid");
  });

  it("says the key could not be found when the did:web document is not served", async () => {
    const { credential } = await credentialOf(issuer);
    const missing = `${issuer.did.replace(issuer.slug, "nobody")}#key-1`;
    const result = await verify(
      await vcJwt(es256, credential, { kid: missing }),
      world.verifyOptions(),
    );
    expect(check(result, "proof")?.code).toBe("proof.key-unresolved");
    expect(result.verdict).toBe("invalid");
  });

  it("reports an expired VC-JWT as expired", async () => {
    const { credential } = await credentialOf(issuer);
    const jwt = await vcJwt(es256, credential, {}, { exp: seconds("2026-05-01T00:00:00Z") });
    const result = await verify(jwt, world.verifyOptions());
    expect(check(result, "validity")).toMatchObject({ outcome: "fail", code: "validity.expired" });
    expect(result.verdict).toBe("invalid");
  });

  it("reports a VC-JWT revoked on the issuer's status list as revoked", async () => {
    const { credential, statusIndex } = await credentialOf(issuer);
    const jwt = await vcPlusJwt(es256, credential);
    expect((await verify(jwt, world.verifyOptions())).verdict).toBe("valid");
    await world.setStatus(issuer, "revocation", statusIndex!, true);
    const result = await verify(jwt, world.verifyOptions());
    expect(check(result, "status")).toMatchObject({ outcome: "fail", code: "status.revoked" });
    expect(result.verdict).toBe("invalid");
    expect(check(result, "status")?.message.es).toBe("El emisor revocó esta credencial.");
  });

  it("does not take a JWT credential for a presentation", async () => {
    const { credential } = await credentialOf(issuer);
    const result = await verify(await vcJwt(es256, credential), {
      ...world.verifyOptions(),
      expect: "presentation",
    });
    expect(result.kind).toBe("unknown");
    expect(result.checks.map((c) => c.code)).toContain("input.not-presentation");
  });
});
