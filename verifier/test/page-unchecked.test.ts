/**
 * The verify page's banner: a document whose signature could not be checked (a suite Avala does
 * not implement, a verificationMethod that does not lead to a key) gets its own banner, "could
 * not be checked", in Spanish (tú) and English, never the words or colour of a forgery; an
 * altered one still reads "do not rely on this document". Real signatures, the real app.
 */
import type { Credential, JsonObject } from "@avala/credentials";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifierApp, createVerifierContext, loadConfig } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let valid: Credential;

const withProof = (credential: Credential, change: JsonObject): JsonObject => ({
  ...credential,
  proof: { ...(credential.proof as JsonObject), ...change },
});

/** What the paste form shows for `document`, in `lang`. */
async function page(document: unknown, lang: "es" | "en") {
  const response = await app.request("/", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ document: JSON.stringify(document), lang }).toString(),
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** The banner of the result (the first one on the page) and its heading and text. */
function banner(html: string) {
  const match =
    /<div class="banner banner-([\w-]+)" data-banner="[\w-]+">.*?<h2 id="verdict">([^<]*)<\/h2><p>([^<]*)<\/p>/s.exec(
      html,
    );
  if (!match) throw new Error("no banner");
  return { state: match[1], heading: match[2], detail: match[3] };
}

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
  ({ credential: valid } = await world.issue({ issuer: world.ece }));
});

afterAll(async () => {
  await world?.server.close();
});

describe("the verify page's banner", () => {
  const unsupported = () => withProof(valid, { cryptosuite: "ecdsa-rdfc-2019" });
  const bareDid = () => {
    const method = String((valid.proof as JsonObject).verificationMethod);
    return withProof(valid, { verificationMethod: method.split("#")[0] });
  };

  it.each([
    ["an unsupported suite", unsupported, "proof.unsupported"],
    ["a verificationMethod that is a DID, not a key", bareDid, "proof.key-unresolved"],
  ])("%s: could not be checked, not a forgery", async (_label, make, code) => {
    const es = await page(make(), "es");
    expect(es).toContain('data-verdict="invalid"');
    expect(es).toContain(`data-code="${code}" data-outcome="could-not-check"`);
    expect(banner(es)).toEqual({
      state: "unchecked",
      heading: "No se pudo comprobar",
      detail: expect.stringContaining(
        "Eso no indica que el documento sea falso: vuelve a intentarlo",
      ),
    });
    expect(es).toContain('class="result verdict-invalid state-unchecked"');
    expect(es).not.toContain("No confíes en este documento");

    const en = await page(make(), "en");
    expect(banner(en)).toEqual({
      state: "unchecked",
      heading: "Could not be checked",
      detail: expect.stringContaining("That does not mean the document is false"),
    });
    expect(en).not.toContain("Do not rely on this document");
  });

  it("an altered document still reads as not valid, do not rely on it", async () => {
    const altered = structuredClone(valid) as JsonObject;
    (altered.credentialSubject as JsonObject).achievement = {
      ...((altered.credentialSubject as JsonObject).achievement as JsonObject),
      name: "Doctorado en Física",
    };
    const es = await page(altered, "es");
    expect(banner(es)).toEqual({
      state: "invalid",
      heading: "No válido",
      detail: "No confíes en este documento: los datos que muestra no están confirmados.",
    });
    expect(es).not.toContain("state-unchecked");
    const en = await page(altered, "en");
    expect(banner(en).detail).toBe(
      "Do not rely on this document: the data it shows are not confirmed.",
    );
  });

  it("a real failure beside a could-not-check is a failure; valid stays valid", async () => {
    // Could not check the proof, and the credential has expired: something did fail.
    const { credential: expired } = await world.issue({
      issuer: world.ece,
      validUntil: new Date(world.now.getTime() - 86_400_000),
    });
    const both = withProof(expired, { cryptosuite: "ecdsa-rdfc-2019" });
    expect(banner(await page(both, "en")).state).toBe("invalid");
    expect(banner(await page(valid, "en"))).toMatchObject({
      state: "valid",
      heading: "Valid certificate",
    });
  });

  it("a presentation whose only problem is a credential that could not be checked", async () => {
    const bundle = (entries: unknown[]) => ({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: entries,
    });
    const html = await page(bundle([valid, unsupported()]), "es");
    expect(banner(html).state).toBe("unchecked");
    // Each credential has its own banner: the valid one, and the one that could not be checked.
    expect([...html.matchAll(/data-banner="([\w-]+)"/g)].map((m) => m[1])).toEqual([
      "unchecked",
      "valid",
      "unchecked",
    ]);
    const altered = { ...valid, name: "Otro nombre" };
    const mixed = await page(bundle([altered, unsupported()]), "es");
    expect(banner(mixed).state).toBe("invalid");
  });
});
