/**
 * Credentials secured as JWTs inside presentations and on the VC-API:
 * - an `EnvelopedVerifiableCredential` (VC-JOSE-COSE, `data:application/vc+jwt,…`) in a
 *   presentation's `verifiableCredential` is verified as the JWT credential it carries, in an
 *   unsigned bundle (a wallet's share link) and in a presentation a holder signed;
 * - `options.checks` on `POST /credentials/verify` applies to a JWT credential (sent as its
 *   envelope) as it does to a Data Integrity one.
 * Tokens are signed here with jose by an issuer (did:web on the fixture server, accredited in
 * the registry) whose DID document lists the JWT key; all over http on 127.0.0.1.
 */
import type { Credential, JsonObject, Presentation, SigningKey } from "@avala/credentials";
import {
  buildPresentation,
  generateSigningKey,
  publicKeyOf,
  signPresentation,
} from "@avala/credentials";
import { buildDidDocument, didWebToUrl } from "@avala/did";
import { envelopeOf } from "@avala/vc-jwt";
import type { Hono } from "hono";
import type { CryptoKey } from "jose";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialVerification, PresentationVerification } from "../src/index.js";
import { createVerifierApp, createVerifierContext, loadConfig, verify } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let privateKey: CryptoKey;
let kid: string;
let holder: SigningKey;

const challenge = "c9Jd2kQ0vB7xY3mT";
const domain = "verifier.example";

async function unsigned(extra: { validUntil?: Date; holderDid?: string } = {}) {
  const { credential } = await world.issue({ issuer: world.ece, ...extra });
  const { proof: _proof, ...rest } = credential as JsonObject;
  return rest;
}

const sign = (header: JsonObject, payload: JsonObject) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid, ...header })
    .sign(privateKey);

/** VC-JOSE-COSE: the payload is the credential. */
const vcPlusJwt = (credential: JsonObject) => sign({ typ: "vc+jwt", cty: "vc" }, credential);
/** OB 3.0 VC-JWT: the credential in the `vc` claim. */
const vcJwt = (credential: JsonObject) =>
  sign(
    { typ: "JWT" },
    {
      iss: (credential.issuer as JsonObject).id,
      jti: credential.id,
      nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000),
      vc: credential,
    },
  );

const bundle = (entries: unknown[]) => ({
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiablePresentation"],
  verifiableCredential: entries,
});

const codes = (result: { checks: { code: string }[] }) => result.checks.map((c) => c.code);

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  world = await createFixtureWorld();
  const pair = await generateKeyPair("EdDSA", { extractable: true });
  privateKey = pair.privateKey;
  kid = `${world.ece.did}#jwt-eddsa`;
  const document = buildDidDocument({
    id: world.ece.did,
    verificationMethods: [publicKeyOf(world.ece.key)],
  });
  document.verificationMethod.push({
    id: kid,
    type: "JsonWebKey",
    controller: world.ece.did,
    publicKeyJwk: await exportJWK(pair.publicKey),
  } as never);
  document.assertionMethod.push(kid);
  world.server.serve(new URL(didWebToUrl(world.ece.did, { scheme: "http" })).pathname, document);
  holder = await generateSigningKey();
  const config = loadConfig({
    VERIFIER_PORT: "0",
    VERIFIER_PUBLIC_URL: "http://verifier.test",
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    AVALA_FETCH_ALLOW_HOSTS: world.server.host,
    VERIFIER_RATE_LIMIT: "1000",
  });
  app = createVerifierApp(
    createVerifierContext(config, {
      guardedFetch: world.guardedFetch(),
      now: () => world.now,
      logger: { error: () => {} },
    }),
  );
});

afterAll(async () => {
  await world?.server.close();
});

describe("EnvelopedVerifiableCredential inside a presentation", () => {
  it("an unsigned bundle of enveloped JWTs (both formats) and a Data Integrity credential", async () => {
    const [a, b] = [await unsigned(), await unsigned()];
    const plusJwt = await vcPlusJwt(a);
    const obJwt = await vcJwt(b);
    const { credential: dataIntegrity } = await world.issue({ issuer: world.ece });
    const result = (await verify(
      bundle([envelopeOf(plusJwt), envelopeOf(obJwt), dataIntegrity]),
      world.verifyOptions(),
    )) as PresentationVerification;
    expect(result.kind).toBe("presentation");
    expect(codes(result)).toContain("presentation.credentials-valid");
    expect(result.credentials.map((c) => c.verdict)).toEqual(["valid", "valid", "valid"]);
    const [first, second, third] = result.credentials as [
      CredentialVerification,
      CredentialVerification,
      CredentialVerification,
    ];
    expect(codes(first)).toEqual(
      expect.arrayContaining(["proof.jwt-valid", "issuer.bound", "status.active"]),
    );
    expect(
      first.checks.find((c) => c.code === "trust.accredited" || c.check === "trust"),
    ).toBeDefined();
    // The credential each carries is what is shown; the JWT is kept to hand on.
    expect(first.document?.id).toBe(a.id);
    expect(first.jwt).toBe(plusJwt);
    expect(first.source).toEqual({ form: "object", jwt: "vc+jwt" });
    expect(second.document?.id).toBe(b.id);
    expect(second.source).toEqual({ form: "object", jwt: "vc-jwt" });
    expect(third.jwt).toBeUndefined();
    expect(codes(third)).toContain("proof.valid");
    expect(result.verdict).toBe("valid");
  });

  it("a presentation the holder signed, with an enveloped JWT: library and VC-API", async () => {
    const credential = await unsigned({ holderDid: holder.controller });
    const jwt = await vcPlusJwt(credential);
    const vp = await signPresentation(
      buildPresentation({
        holder: holder.controller,
        credentials: [envelopeOf(jwt) as unknown as Credential],
      }),
      { key: holder, challenge, domain, documentLoader: world.documentLoader, date: world.now },
    );
    const result = (await verify(
      vp,
      world.verifyOptions({ challenge, domain }),
    )) as PresentationVerification;
    expect(codes(result)).toEqual(
      expect.arrayContaining(["presentation.proof-valid", "presentation.credentials-valid"]),
    );
    expect(codes(result)).not.toContain("presentation.subject-not-holder");
    expect(result.verdict).toBe("valid");
    expect(result.credentials[0]?.document?.id).toBe(credential.id);

    const response = await post("/presentations/verify", {
      verifiablePresentation: vp,
      options: { challenge, domain },
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ verified: true, errors: [] });
    expect(body.results.credentials[0].checks.map((c: { code: string }) => c.code)).toContain(
      "proof.jwt-valid",
    );

    // The holder binding is judged on the credential inside the envelope.
    const someoneElse = await vcPlusJwt(await unsigned({ holderDid: "did:example:someone" }));
    const foreign = await signPresentation(
      buildPresentation({
        holder: holder.controller,
        credentials: [envelopeOf(someoneElse) as unknown as Credential],
      }),
      { key: holder, challenge, documentLoader: world.documentLoader, date: world.now },
    );
    const warned = await verify(foreign as Presentation, world.verifyOptions({ challenge }));
    expect(codes(warned)).toContain("presentation.subject-not-holder");
  });

  it("an altered enveloped JWT is invalid, and so is the presentation", async () => {
    const jwt = await vcPlusJwt(await unsigned());
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const result = (await verify(
      bundle([envelopeOf(`${header}.${payload}.${flipped}`)]),
      world.verifyOptions(),
    )) as PresentationVerification;
    expect(result.credentials[0]?.checks.find((c) => c.check === "proof")).toMatchObject({
      outcome: "fail",
      code: "proof.invalid",
    });
    expect(result.verdict).toBe("invalid");
  });

  it("an envelope Avala cannot open is could-not-check, not 'not a credential'", async () => {
    const jwt = await vcPlusJwt(await unsigned());
    const result = (await verify(
      bundle([{ ...envelopeOf(jwt), id: `data:application/vc+sd-jwt,${jwt}~` }]),
      world.verifyOptions(),
    )) as PresentationVerification;
    expect(result.credentials[0]?.checks).toEqual([
      expect.objectContaining({
        outcome: "could-not-check",
        code: "proof.unsupported",
        params: { type: "EnvelopedVerifiableCredential (application/vc+sd-jwt)" },
      }),
    ]);
    expect(result.verdict).toBe("invalid");
  });
});

describe("options.checks applies to JWT credentials on POST /credentials/verify", () => {
  it("an expired JWT credential passes when only the proof is asked for", async () => {
    const expired = await unsigned({ validUntil: new Date(world.now.getTime() - 86_400_000) });
    // The VC-API takes a credential as an object: a JWT one as its envelope (VC-JOSE-COSE).
    for (const form of [envelopeOf(await vcPlusJwt(expired)), envelopeOf(await vcJwt(expired))]) {
      const everything = await post("/credentials/verify", { verifiableCredential: form });
      expect(everything.status).toBe(400);
      expect((await everything.json()).errors.map((e: { code: string }) => e.code)).toEqual([
        "validity.expired",
      ]);

      const proofOnly = await post("/credentials/verify", {
        verifiableCredential: form,
        options: { checks: ["proof"] },
      });
      const body = await proofOnly.json();
      expect(proofOnly.status).toBe(200);
      expect(body).toMatchObject({ verified: true, checks: ["proof"], errors: [] });
      const ran = body.results.checks.map((c: { check: string }) => c.check);
      expect(ran).toContain("proof");
      for (const skipped of ["issuer", "schema", "validity", "status", "trust"]) {
        expect(ran).not.toContain(skipped);
      }
    }
  });

  it("a JWT whose signature fails still fails when the proof is asked for", async () => {
    const jwt = await vcPlusJwt(await unsigned());
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const response = await post("/credentials/verify", {
      verifiableCredential: envelopeOf(`${header}.${payload}.${flipped}`),
      options: { checks: ["proof", "validity"] },
    });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.errors.map((e: { code: string }) => e.code)).toEqual(["proof.invalid"]);
    expect(body.checks).toEqual(["proof", "validity"]);
  });
});
