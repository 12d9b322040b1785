import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AchievementCredential, Check } from "@avala/credentials";
import { buildPresentation, generateSigningKey, signPresentation } from "@avala/credentials";
import { createGuardedFetch } from "@avala/guarded-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialVerification, Verification } from "../src/index.js";
import { createTrustRegistrySource, verify } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld, refuseDns } from "../src/testing.js";

let world: FixtureWorld;

beforeAll(async () => {
  world = await createFixtureWorld();
});

afterAll(async () => {
  await world?.server.close();
});

function check(result: Verification, id: Check["check"]): Check | undefined {
  return result.checks.find((c) => c.check === id);
}

function codes(result: Verification): string[] {
  return result.checks.map((c) => c.code);
}

/** A credential from CECATI 17, which SEP endorses (the "valid" vector). */
async function endorsedCredential(extra: Partial<Parameters<FixtureWorld["issue"]>[0]> = {}) {
  const endorsement = await world.endorse(world.sep, world.entidad);
  return world.issue({ issuer: world.entidad, endorsements: [endorsement], ...extra });
}

describe("credential vectors", () => {
  it("valid: SEP endorses the issuer; every check passes and the chain is named", async () => {
    const { credential } = await endorsedCredential();
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.verified).toBe(true);
    expect(result.checks.every((c) => c.outcome === "pass")).toBe(true);
    expect(codes(result)).toEqual(
      expect.arrayContaining([
        "jsonld.well-formed",
        "context.known",
        "schema.valid",
        "validity.current",
        "proof.valid",
        "issuer.bound",
        "status.active",
        "trust.accredited",
      ]),
    );
    const trust = check(result, "trust")!;
    expect(trust.message.es).toBe("Secretaría de Educación Pública acredita a CECATI 17.");
    expect(trust.message.en).toBe("Ministry of Public Education (SEP) accredits CECATI 17.");
    expect(trust.params).toMatchObject({ authority: "Secretaría de Educación Pública" });
    const verification = result as CredentialVerification;
    expect(verification.trust?.status).toBe("accredited");
    expect(verification.trust?.chain).toEqual([
      expect.objectContaining({
        authority: expect.objectContaining({ id: world.sep.did }),
        subject: expect.objectContaining({ id: world.entidad.did }),
        source: "endorsement",
      }),
    ]);
    // The status list and both DID documents came through the guarded fetcher.
    expect(world.server.requests).toEqual(
      expect.arrayContaining([
        "/issuers/cecati-17/did.json",
        "/issuers/sep/did.json",
        "/status/cecati-17/revocation",
        "/trust-registry.json",
      ]),
    );
  });

  it("valid as JSON text, as bytes and with Ed25519Signature2020", async () => {
    const { credential } = await endorsedCredential({ cryptosuite: "Ed25519Signature2020" });
    for (const input of [
      JSON.stringify(credential),
      new TextEncoder().encode(JSON.stringify(credential)),
    ]) {
      const result = await verify(input, world.verifyOptions());
      expect(result.verdict, codes(result).join()).toBe("valid");
    }
  });

  it("registry-accredited issuer: CONOCER accredits the ECE", async () => {
    const { credential } = await world.issue({ issuer: world.ece });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(check(result, "trust")?.message.es).toBe("CONOCER acredita a Capacita ECE, S.C.");
    expect((result as CredentialVerification).trust?.chain[0]?.source).toBe("registry");
  });

  it("an authority issuing itself is trusted as such", async () => {
    const { credential } = await world.issue({ issuer: world.sep, kind: "microcredential" });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(check(result, "trust")?.code).toBe("trust.authority");
  });

  it("a chain through an intermediary: CONOCER (registry) → ECE endorses a centre", async () => {
    const centre = await world.organisation("centro-evaluacion", {
      es: "Centro de Evaluación Norte",
      en: "North Assessment Centre",
    });
    const endorsement = await world.endorse(world.ece, centre);
    const { credential } = await world.issue({ issuer: centre, endorsements: [endorsement] });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    const trust = check(result, "trust")!;
    expect(trust.code).toBe("trust.accredited-via");
    expect(trust.message.es).toBe(
      "CONOCER acredita a Capacita ECE, S.C., que acredita a Centro de Evaluación Norte.",
    );
  });

  it("a chain of endorsements: SEP endorses a body, granting it the right to accredit, and the body endorses the issuer", async () => {
    const body = await world.organisation("organismo-intermedio", {
      es: "Organismo Intermedio",
      en: "Intermediate Body",
    });
    const school = await world.organisation("escuela", {
      es: "Escuela Técnica",
      en: "Technical School",
    });
    const sepEndorsesBody = await world.endorse(world.sep, body, { mayAccredit: true });
    const bodyEndorsesSchool = await world.endorse(body, school, {
      endorsements: [sepEndorsesBody],
    });
    const { credential } = await world.issue({
      issuer: school,
      endorsements: [bodyEndorsesSchool],
    });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    // An organisation's name comes from its own (verified) Profile, which carries one official
    // name (OB 3.0 has no language editions of a Profile), so the English message shows the
    // Spanish names; the authority's English name comes from the registry.
    expect(check(result, "trust")?.message.en).toBe(
      "Ministry of Public Education (SEP) accredits Organismo Intermedio, which accredits Escuela Técnica.",
    );
    // Beyond the depth limit the same chain does not count.
    const shallow = await verify(credential, world.verifyOptions({ maxEndorsementDepth: 1 }));
    expect(check(shallow, "trust")?.code).toBe("trust.unknown-issuer-endorsed");
    expect(shallow.verdict).toBe("valid-with-warnings");
  });

  it("endorsement cycles are refused, not followed", async () => {
    const a = await world.organisation("ciclo-a", { es: "Ciclo A", en: "Cycle A" });
    const b = await world.organisation("ciclo-b", { es: "Ciclo B", en: "Cycle B" });
    const bEndorsesA = await world.endorse(b, a);
    const aEndorsesB = await world.endorse(a, b, { endorsements: [bEndorsesA] });
    const bEndorsesAWithLoop = await world.endorse(b, a, { endorsements: [aEndorsesB] });
    const { credential } = await world.issue({ issuer: a, endorsements: [bEndorsesAWithLoop] });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid-with-warnings");
    expect(check(result, "trust")?.code).toBe("trust.unknown-issuer-endorsed");
  });

  it("an endorsement that does not hold does not count (tampered, expired, wrong subject, unknown endorser)", async () => {
    const good = await world.endorse(world.sep, world.entidad);
    const tampered = structuredClone(good);
    (tampered.credentialSubject as Record<string, unknown>).endorsementComment =
      "Acreditada para todo";
    const expired = await world.endorse(world.sep, world.entidad, {
      validUntil: new Date(world.now.getTime() - 1000),
    });
    const elsewhere = await world.endorse(world.sep, world.ece);
    const byStranger = await world.endorse(world.stranger, world.entidad);
    for (const endorsement of [tampered, expired, elsewhere, byStranger]) {
      const { credential } = await world.issue({
        issuer: world.entidad,
        endorsements: [endorsement],
      });
      const result = await verify(credential, world.verifyOptions());
      expect(result.verdict).toBe("valid-with-warnings");
      expect(check(result, "trust")).toMatchObject({
        outcome: "warning",
        code: "trust.unknown-issuer-endorsed",
      });
    }
  });

  it("tampered: a changed achievement name breaks the signature", async () => {
    const { credential } = await endorsedCredential();
    const tampered = structuredClone(credential) as AchievementCredential;
    tampered.credentialSubject.achievement.name = "Doctorado en Física";
    const result = await verify(tampered, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(check(result, "proof")).toMatchObject({ outcome: "fail", code: "proof.invalid" });
    expect(check(result, "trust")).toBeUndefined();
  });

  it("a proof set with one bad proof is not valid, whatever the other proofs say", async () => {
    const { credential } = await endorsedCredential();
    const proof = credential.proof as unknown as Record<string, unknown>;
    const value = String(proof.proofValue);
    const broken = {
      ...proof,
      proofValue: `${value.slice(0, -4)}${value.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`,
    };
    for (const set of [
      [proof, broken],
      [broken, proof],
    ]) {
      const result = await verify({ ...credential, proof: set }, world.verifyOptions());
      expect(result.verdict).toBe("invalid");
      expect(result.verified).toBe(false);
      expect(check(result, "proof")?.outcome).not.toBe("pass");
      expect(check(result, "trust")).toBeUndefined();
    }
  });

  it("what JSON-LD would silently ignore is refused: a null; an inline context only says what was signed", async () => {
    const { credential } = await endorsedCredential();
    // A null leaves the signed data (and the signature) intact: JSON-LD drops it...
    const withNull = structuredClone(credential) as AchievementCredential;
    const achievement = withNull.credentialSubject.achievement as Record<string, unknown>;
    expect(achievement.creditsAvailable).toBeUndefined();
    achievement.creditsAvailable = null;
    const nullResult = await verify(withNull, world.verifyOptions());
    expect(check(nullResult, "proof")?.outcome).toBe("pass");
    // ...but the document is not what was signed, so it is not valid.
    expect(nullResult.verdict).toBe("invalid");
    expect(nullResult.checks.find((c) => c.code === "jsonld.malformed")?.params?.reason).toBe(
      "null value at /credentialSubject/achievement/creditsAvailable",
    );

    // An inline context (VC DM 2.0), at the top or nested, cannot change what a signed term
    // means: an empty one, or one defining terms the credential does not use, says the same.
    const inline = structuredClone(credential);
    inline["@context"] = [...inline["@context"], {}, { nickname: "https://example.org/#n" }];
    const nested = structuredClone(credential) as AchievementCredential;
    (nested.credentialSubject.achievement as unknown as Record<string, unknown>)["@context"] = {};
    for (const changed of [inline, nested]) {
      const result = await verify(changed, world.verifyOptions());
      expect(result.verdict, codes(result).join()).toBe("valid");
    }
    // One that would change a signed term is refused: redefining a protected term, or
    // mapping a term to null (JSON-LD would drop its value from what is signed).
    const redefine = structuredClone(credential);
    redefine["@context"] = [...redefine["@context"], { name: "https://example.org/#other" }];
    const redefined = await verify(redefine, world.verifyOptions());
    expect(redefined.verdict).toBe("invalid");
    expect(check(redefined, "context")).toMatchObject({
      outcome: "fail",
      code: "context.protected-redefinition",
      params: { term: "name" },
    });
    const erase = structuredClone(credential);
    erase["@context"] = [...erase["@context"], { description: null }];
    const erased = await verify(erase, world.verifyOptions());
    expect(erased.verdict).toBe("invalid");
    expect(erased.checks.filter((c) => c.outcome !== "pass").map((c) => c.code)).toEqual([
      "context.invalid",
    ]);
    // Also in a bundle around an otherwise valid credential.
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2", { description: null }],
      type: ["VerifiablePresentation"],
      verifiableCredential: [credential],
    };
    const bundled = await verify(bundle, world.verifyOptions());
    expect(bundled.verdict).toBe("invalid");
    expect(codes(bundled)).toEqual(["context.invalid"]);
  });

  it("wrong key: signed by a key that is not the issuer's", async () => {
    const stranger = await generateSigningKey();
    const { credential } = await world.issue({ issuer: world.entidad, signWith: stranger });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(check(result, "issuer")).toMatchObject({
      outcome: "fail",
      code: "issuer.binding-mismatch",
    });

    // A key that claims the issuer's key id but is not in its DID document.
    const impostor = await generateSigningKey({
      controller: world.entidad.did,
      keyId: `${world.entidad.did}#key-1`,
    });
    const forged = await world.issue({ issuer: world.entidad, signWith: impostor });
    const forgedResult = await verify(forged.credential, world.verifyOptions());
    expect(forgedResult.verdict).toBe("invalid");
    expect(check(forgedResult, "proof")?.outcome).toBe("fail");
  });

  it("revoked", async () => {
    const { credential, statusIndex } = await endorsedCredential();
    await world.setStatus(world.entidad, "revocation", statusIndex!, true);
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(check(result, "status")).toMatchObject({ outcome: "fail", code: "status.revoked" });
  });

  it("suspended", async () => {
    const { credential, statusIndex } = await endorsedCredential({
      statusPurposes: ["suspension"],
    });
    await world.setStatus(world.entidad, "suspension", statusIndex!, true);
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(check(result, "status")).toMatchObject({ outcome: "fail", code: "status.suspended" });
    await world.setStatus(world.entidad, "suspension", statusIndex!, false);
    expect((await verify(credential, world.verifyOptions())).verdict).toBe("valid");
  });

  it("expired, and not yet valid, against the injected clock", async () => {
    const expired = await endorsedCredential({
      validFrom: new Date("2024-01-01T00:00:00Z"),
      validUntil: new Date("2025-01-01T00:00:00Z"),
    });
    const result = await verify(expired.credential, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(check(result, "validity")).toMatchObject({ outcome: "fail", code: "validity.expired" });
    // The same credential was valid in 2024.
    const back = await verify(
      expired.credential,
      world.verifyOptions({ now: new Date("2024-06-01T00:00:00Z") }),
    );
    expect(check(back, "validity")?.outcome).toBe("pass");

    const future = await endorsedCredential({ validFrom: new Date("2027-01-01T00:00:00Z") });
    const early = await verify(future.credential, world.verifyOptions());
    expect(early.verdict).toBe("invalid");
    expect(check(early, "validity")).toMatchObject({ code: "validity.not-yet-valid" });
  });

  it("unknown issuer: a warning that says so, not a failure", async () => {
    const { credential } = await world.issue({ issuer: world.stranger });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid-with-warnings");
    expect(result.verified).toBe(true);
    expect(check(result, "trust")).toMatchObject({
      outcome: "warning",
      code: "trust.unknown-issuer",
      message: {
        es: "El emisor no está en el registro de confianza; su identidad no se ha comprobado.",
      },
    });
  });

  it("status list unreachable: could not check, never valid", async () => {
    const closed = `${world.server.origin}/status/missing-list`;
    const { credential } = await endorsedCredential({ statusListUrl: closed });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid-with-warnings");
    expect(check(result, "status")).toMatchObject({
      outcome: "could-not-check",
      code: "status.unavailable",
    });
    // A port with nothing listening: the same.
    const refused = await endorsedCredential({ statusListUrl: "http://127.0.0.1:9/status/list" });
    const noServer = await verify(
      refused.credential,
      world.verifyOptions({
        guardedFetch: createGuardedFetch({
          allowHosts: [world.server.host, "127.0.0.1:9"],
          lookup: refuseDns,
        }),
      }),
    );
    expect(noServer.verdict).toBe("valid-with-warnings");
    expect(check(noServer, "status")).toMatchObject({
      outcome: "could-not-check",
      params: { reason: "network" },
    });
  });

  it("a status list signed by someone else is not believed", async () => {
    const other = await world.organisation("otra-lista", { es: "Otra", en: "Other" });
    const { credential } = await endorsedCredential({
      statusListUrl: `${world.server.origin}/status/${other.slug}/revocation`,
    });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("valid-with-warnings");
    expect(check(result, "status")?.params?.reason).toContain("another issuer");
  });

  it("did:web unresolvable: the key cannot be fetched, so the credential is not valid", async () => {
    const ghost = {
      ...world.entidad,
      did: `did:web:${world.server.host.replace(":", "%3A")}:issuers:ghost`,
    };
    const key = await generateSigningKey({ controller: ghost.did, keyId: `${ghost.did}#key-1` });
    const { credential } = await world.issue({ issuer: { ...ghost, key }, status: false });
    const result = await verify(credential, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(check(result, "proof")).toMatchObject({
      outcome: "could-not-check",
      code: "proof.key-unresolved",
    });
    // A did:web on a host that is neither https nor allow-listed is refused before any request.
    const outside = await generateSigningKey({
      controller: "did:web:127.0.0.2%3A1234",
      keyId: "did:web:127.0.0.2%3A1234#key-1",
    });
    const refused = await world.issue({
      issuer: { ...ghost, did: "did:web:127.0.0.2%3A1234", key: outside },
      status: false,
    });
    const refusedResult = await verify(refused.credential, world.verifyOptions());
    expect(refusedResult.verdict).toBe("invalid");
    expect(check(refusedResult, "proof")?.code).toBe("proof.key-unresolved");
  });

  it("malformed and oversized input are results, not exceptions", async () => {
    const options = world.verifyOptions();
    const malformed = await verify("{ not json", options);
    expect(malformed).toMatchObject({ kind: "unknown", verdict: "invalid", verified: false });
    expect(codes(malformed)).toEqual(["input.malformed-json"]);

    const big = `{"a":"${"x".repeat(3 * 1024 * 1024)}"}`;
    const oversized = await verify(big, options);
    expect(codes(oversized)).toEqual(["input.too-large"]);
    expect((await verify(new TextEncoder().encode(big), options)).checks[0]?.code).toBe(
      "input.too-large",
    );

    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    expect(codes(await verify(deep, options))).toEqual(["input.too-deep"]);
    expect(codes(await verify({ hello: "world" }, options))).toEqual(["input.not-verifiable"]);
    expect(codes(await verify(42, options))).toEqual(["input.not-object"]);
    expect(codes(await verify(null, options))).toEqual(["input.not-object"]);
    expect(codes(await verify(new Uint8Array([0, 1, 2, 3]), options))).toEqual([
      "input.unsupported-format",
    ]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await verify(cyclic, options)).verdict).toBe("invalid");
  });

  it("links: fetched through the guarded fetcher only", async () => {
    const { credential } = await endorsedCredential();
    const url = world.server.serve("/credentials/linked.json", credential);
    const result = await verify({ url }, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.source).toEqual({ form: "json", url });
    expect((await verify(url, world.verifyOptions())).verdict).toBe("valid");

    const missing = await verify({ url: `${world.server.origin}/nothing` }, world.verifyOptions());
    expect(missing.checks[0]).toMatchObject({
      code: "input.fetch-failed",
      params: { reason: "http-status 404" },
    });
    // A private address that is not allow-listed is refused.
    const privateLink = await verify(
      { url: "http://10.0.0.1/credential.json" },
      world.verifyOptions(),
    );
    expect(privateLink.checks[0]?.code).toBe("input.fetch-failed");
    // Without a fetcher, links are not followed at all.
    const offline = await verify(url, { documentLoader: world.documentLoader });
    expect(offline.checks[0]).toMatchObject({ code: "input.fetch-failed" });
    // With links off, a URL is just text.
    expect((await verify(url, world.verifyOptions({ fetchLinks: false }))).checks[0]?.code).toBe(
      "input.malformed-json",
    );
  });

  it("misuse throws: no document loader and no fetcher", async () => {
    await expect(verify({}, {} as never)).rejects.toThrow(TypeError);
  });
});

describe("trust registry configuration", () => {
  it("without a registry, trust could not be checked (never a silent pass)", async () => {
    const { credential } = await endorsedCredential();
    const result = await verify(credential, world.verifyOptions({ trustRegistry: undefined }));
    expect(result.verdict).toBe("valid-with-warnings");
    expect(check(result, "trust")).toMatchObject({
      outcome: "could-not-check",
      code: "trust.not-checked",
    });
  });

  it("a registry from a file, pinned to its operator; another operator is refused", async () => {
    const dir = await mkdtemp(join(tmpdir(), "avala-registry-"));
    try {
      const file = join(dir, "registry.json");
      await writeFile(file, JSON.stringify(world.registry));
      const fromFile = createTrustRegistrySource({
        location: file,
        operator: world.operator.controller,
        documentLoader: world.documentLoader,
        now: () => world.now,
      });
      const { credential } = await endorsedCredential();
      const ok = await verify(credential, world.verifyOptions({ trustRegistry: fromFile }));
      expect(ok.verdict).toBe("valid");

      const otherOperator = await generateSigningKey();
      const pinnedElsewhere = createTrustRegistrySource({
        location: file,
        operator: otherOperator.controller,
        documentLoader: world.documentLoader,
        now: () => world.now,
      });
      const refused = await verify(
        credential,
        world.verifyOptions({ trustRegistry: pinnedElsewhere }),
      );
      expect(refused.verdict).toBe("valid-with-warnings");
      expect(check(refused, "trust")).toMatchObject({
        outcome: "could-not-check",
        code: "trust.registry-unavailable",
      });

      // A registry altered after signing is refused too.
      const altered = structuredClone(world.registry);
      (altered.credentialSubject.entry as unknown[]).push({
        id: world.stranger.did,
        name: { es: "Falsa autoridad" },
        role: "authority",
      });
      await writeFile(file, JSON.stringify(altered));
      const tampered = createTrustRegistrySource({
        location: file,
        operator: world.operator.controller,
        documentLoader: world.documentLoader,
        now: () => world.now,
      });
      const strangerCredential = await world.issue({ issuer: world.stranger });
      const result = await verify(
        strangerCredential.credential,
        world.verifyOptions({ trustRegistry: tampered }),
      );
      expect(check(result, "trust")?.code).toBe("trust.registry-unavailable");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("presentations", () => {
  it("an unsigned bundle (a wallet share link) verifies each credential, no holder signature needed", async () => {
    const a = await endorsedCredential();
    const b = await world.issue({ issuer: world.ece, kind: "unit" });
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: [a.credential, b.credential],
    };
    const url = world.server.serve("/share/abc", bundle);
    const result = await verify({ url }, world.verifyOptions());
    expect(result.kind).toBe("presentation");
    expect(result.verdict).toBe("valid");
    if (result.kind !== "presentation") throw new Error("not a presentation");
    expect(result.signed).toBe(false);
    expect(codes(result)).toEqual([
      "context.known",
      "presentation.unsigned",
      "presentation.credentials-valid",
    ]);
    expect(result.credentials.map((c) => c.verdict)).toEqual(["valid", "valid"]);

    // One bad credential makes the bundle invalid; an empty bundle is invalid.
    const tampered = structuredClone(b.credential) as AchievementCredential;
    tampered.credentialSubject.achievement.name = "Otra cosa";
    const bad = await verify(
      { ...bundle, verifiableCredential: [a.credential, tampered] },
      world.verifyOptions(),
    );
    expect(bad.verdict).toBe("invalid");
    const empty = await verify({ ...bundle, verifiableCredential: [] }, world.verifyOptions());
    expect(empty.verdict).toBe("invalid");
    expect(codes(empty)).toContain("presentation.empty");
  });

  it("an unsigned presentation is refused when the verifier gave a challenge", async () => {
    const a = await endorsedCredential();
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: [a.credential],
    };
    for (const asked of [
      { challenge: "reto-123", domain: "https://verificador.example" },
      { challenge: "reto-123" },
      // An empty challenge is still a request for a signed presentation, never a way around it.
      { challenge: "" },
    ]) {
      const result = await verify(bundle, world.verifyOptions(asked));
      expect(result.kind, JSON.stringify(asked)).toBe("presentation");
      if (result.kind !== "presentation") throw new Error("not a presentation");
      expect(result.verdict, JSON.stringify(asked)).toBe("invalid");
      expect(result.verified).toBe(false);
      expect(result.signed).toBe(false);
      expect(check(result, "presentation")).toMatchObject({
        outcome: "fail",
        code: "presentation.proof-missing",
        message: {
          en: "The presentation does not carry its holder's signature, and this verifier asked for one signed with its request code.",
        },
      });
      expect(codes(result)).not.toContain("presentation.unsigned");
      // Its credentials are still shown, each with its own result.
      expect(result.credentials.map((c) => c.verdict)).toEqual(["valid"]);
    }
    // Without a challenge the same bundle (a wallet share link) is still accepted.
    expect((await verify(bundle, world.verifyOptions())).verdict).toBe("valid");
  });

  it("a signed presentation needs the verifier's challenge and domain", async () => {
    const holder = await generateSigningKey();
    const { credential } = await endorsedCredential({ holderDid: holder.controller });
    const presentation = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [credential] }),
      {
        key: holder,
        documentLoader: world.documentLoader,
        challenge: "reto-123",
        domain: "https://verificador.example",
      },
    );
    const ok = await verify(
      presentation,
      world.verifyOptions({ challenge: "reto-123", domain: "https://verificador.example" }),
    );
    expect(ok.verdict, JSON.stringify(ok.checks.map((c) => c.code))).toBe("valid");
    expect(codes(ok)).toContain("presentation.proof-valid");

    const wrongChallenge = await verify(presentation, world.verifyOptions({ challenge: "otro" }));
    expect(wrongChallenge.verdict).toBe("invalid");
    expect(codes(wrongChallenge)).toContain("presentation.challenge-mismatch");

    const wrongDomain = await verify(
      presentation,
      world.verifyOptions({ challenge: "reto-123", domain: "https://otro.example" }),
    );
    expect(wrongDomain.verdict).toBe("invalid");

    const noChallenge = await verify(presentation, world.verifyOptions());
    expect(noChallenge.verdict).toBe("invalid");
    expect(codes(noChallenge)).toContain("presentation.challenge-required");
    if (noChallenge.kind !== "presentation") throw new Error("not a presentation");
    // Its credentials are still shown, each with its own result.
    expect(noChallenge.credentials[0]?.verdict).toBe("valid");

    const tampered = structuredClone(presentation);
    tampered.holder = world.stranger.did;
    const forged = await verify(tampered, world.verifyOptions({ challenge: "reto-123" }));
    expect(forged.verdict).toBe("invalid");
  });
});
