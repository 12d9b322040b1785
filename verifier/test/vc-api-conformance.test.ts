/**
 * The VC-API endpoints as the W3C suites call them: `options.checks` honoured (what is asked
 * runs, the response says what ran, an unknown check is a 400), presentations per VC DM 2.0
 * (holder a string, an object or absent; an unsigned one without a challenge), and honest
 * proof codes that read as "could not check", not "altered", on the API and on the page.
 */
import type { Credential, Presentation, SigningKey } from "@avala/credentials";
import { buildPresentation, generateSigningKey, signPresentation } from "@avala/credentials";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifierApp, createVerifierContext, loadConfig } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let holder: SigningKey;
let valid: Credential;

const challenge = "u3Xw1rH0b2mQ8d2w";
const domain = "github.com/w3c/vc-data-model-2.0-test-suite";

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const errorCodes = (body: { errors: { code: string }[] }) => body.errors.map((e) => e.code);

beforeAll(async () => {
  world = await createFixtureWorld();
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
  holder = await generateSigningKey();
  ({ credential: valid } = await world.issue({ issuer: world.ece, holderDid: holder.controller }));
});

afterAll(async () => {
  await world?.server.close();
});

describe("POST /credentials/verify with options.checks", () => {
  it("runs only the checks asked for, and says which ran", async () => {
    // Signed by a key that is not the issuer's: the proof holds, the issuer binding does not.
    const other = await generateSigningKey();
    const { credential } = await world.issue({ issuer: world.ece, signWith: other });
    const everything = await post("/credentials/verify", { verifiableCredential: credential });
    expect(everything.status).toBe(400);
    expect(errorCodes(await everything.json())).toEqual(["issuer.binding-mismatch"]);

    const proofOnly = await post("/credentials/verify", {
      verifiableCredential: credential,
      options: { checks: ["proof"] },
    });
    expect(proofOnly.status).toBe(200);
    const body = await proofOnly.json();
    expect(body).toMatchObject({ verified: true, checks: ["proof"], errors: [] });
    const ran = body.results.checks.map((c: { check: string }) => c.check);
    expect(ran).toContain("proof");
    for (const skipped of ["issuer", "schema", "validity", "status", "trust"]) {
      expect(ran).not.toContain(skipped);
    }
  });

  it("credentialStatus (the W3C name) runs the status check; without it, no list is fetched", async () => {
    const { credential, statusIndex } = await world.issue({ issuer: world.ece });
    await world.setStatus(world.ece, "revocation", statusIndex!, true);
    const asked = await post("/credentials/verify", {
      verifiableCredential: credential,
      options: { checks: ["proof", "credentialStatus"] },
    });
    expect(asked.status).toBe(400);
    const askedBody = await asked.json();
    expect(askedBody.checks).toEqual(["proof", "credentialStatus"]);
    expect(errorCodes(askedBody)).toEqual(["status.revoked"]);

    const before = world.server.requests.length;
    const notAsked = await post("/credentials/verify", {
      verifiableCredential: credential,
      options: { checks: ["proof"] },
    });
    expect(notAsked.status).toBe(200);
    expect(world.server.requests.slice(before).filter((r) => r.includes("/status/"))).toEqual([]);
  });

  it("without options.checks everything runs, and `checks` names what ran whatever its outcome", async () => {
    const tampered = structuredClone(valid) as unknown as Record<string, unknown>;
    tampered.name = "Otra cosa";
    const res = await post("/credentials/verify", { verifiableCredential: tampered });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.checks).toEqual(expect.arrayContaining(["context", "schema", "proof", "validity"]));
    expect(errorCodes(body)).toEqual(["proof.invalid"]);
  });

  it("an unknown check, or checks that are not a list of names, is a 400 problem", async () => {
    for (const checks of [["proof", "signature"], "proof", [], [42]]) {
      const res = await post(
        "/credentials/verify",
        { verifiableCredential: valid, options: { checks } },
        { "accept-language": "en" },
      );
      expect(res.status, JSON.stringify(checks)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = await res.json();
      expect(problem.code).toBe("verifier.problem.checks");
      expect(problem.detail).toContain("proof, issuer");
    }
    const spanish = await post("/credentials/verify", {
      verifiableCredential: valid,
      options: { checks: ["firma"] },
    });
    expect((await spanish.json()).detail).toContain('"firma" no lo es');
  });
});

describe("POST /presentations/verify per VC DM 2.0", () => {
  const sign = (presentation: Record<string, unknown>, key: SigningKey = holder) =>
    signPresentation(presentation as unknown as Presentation, {
      key,
      documentLoader: world.documentLoader,
      challenge,
      domain,
    });
  const verifyVp = (vp: unknown, options: Record<string, unknown> = { challenge, domain }) =>
    post("/presentations/verify", { verifiablePresentation: vp, options });

  it("a holder given as an object with its id", async () => {
    const presentation = buildPresentation({ holder: holder.controller, credentials: [valid] });
    const vp = await sign({ ...presentation, holder: { id: holder.controller } });
    const res = await verifyVp(vp);
    expect(res.status).toBe(200);
    expect((await res.json()).verified).toBe(true);
    // Signed by someone else, the claimed holder is refused.
    const stranger = await generateSigningKey();
    const forged = await sign({ ...presentation, holder: { id: holder.controller } }, stranger);
    const refused = await verifyVp(forged);
    expect(refused.status).toBe(400);
    expect(errorCodes(await refused.json())).toContain("presentation.holder-mismatch");
  });

  it("no holder, even no credential (the W3C suite's presentation-ok)", async () => {
    const bare = await sign({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
    });
    const res = await verifyVp(bare, { challenge, domain, checks: ["proof"] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ verified: true, checks: ["proof"], errors: [] });
    const withCredential = await sign({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: valid,
    });
    expect((await verifyVp(withCredential)).status).toBe(200);
  });

  it("a credential that is not an object is a 400", async () => {
    // (Added after signing: JSON-LD safe mode would not sign it.)
    const vp = await sign({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
    });
    const res = await verifyVp({ ...vp, verifiableCredential: ["eyJhbGciOiJFUzI1NiJ9.e30.x"] });
    expect(res.status).toBe(400);
    expect(errorCodes(await res.json())).toContain("presentation.credential-not-object");
  });
});

describe("could not check is not altered", () => {
  it("an unsupported suite: 400 with the reason, and the page says it could not be checked", async () => {
    const proof = valid.proof as unknown as Record<string, unknown>;
    const unsupported = { ...valid, proof: { ...proof, cryptosuite: "ecdsa-rdfc-2019" } };
    const res = await post(
      "/credentials/verify",
      { verifiableCredential: unsupported },
      { "accept-language": "en" },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: "proof.unsupported",
        outcome: "could-not-check",
        title: expect.stringContaining("could not be checked"),
      }),
    ]);
    const page = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ document: JSON.stringify(unsupported), lang: "es" }).toString(),
    });
    const html = await page.text();
    expect(html).toContain('data-code="proof.unsupported" data-outcome="could-not-check"');
    expect(html).toContain("No se pudo comprobar la firma");
    expect(html).not.toContain("fue alterado");
  });

  it("a verificationMethod that is a bare DID: the key could not be resolved", async () => {
    const proof = valid.proof as unknown as Record<string, unknown>;
    const bare = {
      ...valid,
      proof: { ...proof, verificationMethod: String(proof.verificationMethod).split("#")[0] },
    };
    const res = await post("/credentials/verify", { verifiableCredential: bare });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      expect.objectContaining({ code: "proof.key-unresolved", outcome: "could-not-check" }),
    ]);
  });
});
