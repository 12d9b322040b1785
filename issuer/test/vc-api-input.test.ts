import { createHash, randomUUID } from "node:crypto";
import dns from "node:dns";
import { readFileSync } from "node:fs";
import net from "node:net";
import type { JsonObject } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { base58 } from "@scure/base";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { check, createHarness, expectProblem, type Harness, type Reply } from "./harness.js";

/**
 * The VC-API issuer takes the whole VC Data Model 2.0 input space (and VC 1.1 input), and
 * refuses, naming the rule and the field, what the data model forbids. The inputs follow
 * w3c/vc-data-model-2.0-test-suite's fixtures.
 */

const V2 = "https://www.w3.org/ns/credentials/v2";
const V1 = "https://www.w3.org/2018/credentials/v1";
const OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2";
const STATUS_V1 = "https://www.w3.org/ns/credentials/status/v1";
/** The context each proof suite adds to a VC 1.1 credential (VC 1.1's does not define it). */
const PROOF_CONTEXT = {
  "eddsa-rdfc-2022": "https://w3id.org/security/data-integrity/v2",
  Ed25519Signature2020: "https://w3id.org/security/suites/ed25519-2020/v1",
} as const;

/** Stands for the organisation's DID in inputs (replaced when posted). */
const ISSUER = "ISSUER";

/** The simplest VC 2.0 credential (the suites' `credential-ok.json`, issuer as they set it). */
const simplest = (): JsonObject => ({
  "@context": [V2],
  type: ["VerifiableCredential"],
  issuer: ISSUER,
  credentialSubject: { id: "did:example:subject" },
});

const withExtra = (extra: JsonObject): JsonObject => ({ ...simplest(), ...extra });

/** Avala's old private context: read only, never signed again. */
const AVALA_V1 = "https://w3id.org/avala/v1";

/** The digest of a context file Avala holds, as its bytes are in contexts/files. */
function heldDigest(file: string, algorithm: "sha256" | "sha384" | "sha512"): Buffer {
  const bytes = readFileSync(new URL(`../../contexts/files/${file}`, import.meta.url));
  return createHash(algorithm).update(bytes).digest();
}
const sriOfHeld = (file: string, algorithm: "sha256" | "sha384" | "sha512") =>
  `${algorithm}-${heldDigest(file, algorithm).toString("base64")}`;
/** `u` + base64url of the bare SHA-256 digest (the form of VC DM 2.0's examples). */
const multibaseOfHeld = (file: string) => `u${heldDigest(file, "sha256").toString("base64url")}`;
/** The host a `Socket#connect` call names: undefined for a local socket path or the default. */
function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (typeof first === "string") return undefined; // a local socket path
  if (first && typeof first === "object") {
    const options = first as { host?: string; path?: string };
    return options.path === undefined ? options.host : undefined;
  }
  return typeof second === "string" ? second : undefined;
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "::1" || (net.isIPv4(host) && host.startsWith("127."));

/** `z` + base58btc of a SHA-2 multihash (the form of Data Integrity 1.0 §2.6). */
const multihashOf = (code: number, digest: Uint8Array) =>
  `z${base58.encode(Uint8Array.from([code, digest.length, ...digest]))}`;

/** A related resource as the suite sends it: the v2 context's URL and digests. */
const related = {
  id: V2,
  mediaType: "application/ld+json",
  digestSRI: "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg",
  digestMultibase: "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k",
};

describe.each(testDatabases())("VC-API input on $name", (engine) => {
  let h: Harness;
  let token: string;
  let did: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    ({ token, did } = await h.createOrg("ece-v"));
  });
  afterEach(() => h.close());

  /** Posts a credential, with every `"ISSUER"` in it replaced by the organisation's DID. */
  const issue = (input: unknown, options?: unknown): Promise<Reply> => {
    const credential = JSON.parse(JSON.stringify(input).replaceAll(`"${ISSUER}"`, `"${did}"`));
    return h.call("/credentials/issue", {
      token,
      headers: { "accept-language": "en" },
      json: options === undefined ? { credential } : { credential, options },
    });
  };

  /** Issued (201) and verified by the core's verifier: proof, issuer binding, validity. */
  async function issuedAndVerified(credential: unknown, options?: unknown) {
    const reply = await issue(credential, options);
    expect(reply.status, reply.text).toBe(201);
    const vc = reply.body.verifiableCredential as JsonObject;
    const result = await h.verify(vc);
    expect(result.verified, JSON.stringify(result.checks)).toBe(true);
    expect(check(result, "proof")?.outcome).toBe("pass");
    expect(check(result, "issuer")?.outcome).toBe("pass");
    return { vc, result };
  }

  const count = async () =>
    Number(
      (
        await h.ctx.db
          .selectFrom("issuer_credential")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("issues the simplest VC 2.0 credential, the issuer as terms the v2 context defines", async () => {
    const { vc, result } = await issuedAndVerified(simplest());
    expect(vc["@context"]).toEqual([V2]);
    expect(vc["issuer"]).toBe(did);
    expect(vc["credentialStatus"]).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
    });
    expect(check(result, "status")?.code).toBe("status.active");
    expect(result.verdict, JSON.stringify(result.checks)).not.toBe("invalid");
  });

  it("expresses the issuer in the terms of each context set", async () => {
    const cases: Array<[string, JsonObject, (issuer: unknown) => void]> = [
      ["v2, DID string", simplest(), (i) => expect(i).toBe(did)],
      [
        "v2, object with the id",
        withExtra({ issuer: { id: ISSUER } }),
        (i) => expect(i).toEqual({ id: did, name: "Org ece-v" }),
      ],
      [
        "v2, object with name (not used)",
        withExtra({ issuer: { id: ISSUER, name: { "@value": "Otro", "@language": "es" } } }),
        (i) => expect(i).toEqual({ id: did, name: "Org ece-v" }),
      ],
      [
        "v2 + OB 3.0: the stored Profile",
        {
          ...simplest(),
          "@context": [V2, OB],
        },
        (i) => expect(i).toMatchObject({ id: did, type: ["Profile"], name: "Org ece-v" }),
      ],
      ["VC 1.1: the DID", { ...simplest(), "@context": [V1] }, (i) => expect(i).toBe(did)],
      [
        "VC 1.1, object: { id }",
        { ...simplest(), "@context": [V1], issuer: { id: did } },
        (i) => expect(i).toEqual({ id: did }),
      ],
    ];
    for (const [, credential, expectIssuer] of cases) {
      const { vc } = await issuedAndVerified(credential);
      expectIssuer(vc["issuer"]);
    }
  });

  it("accepts the suite's valid inputs, each signed so that it verifies", async () => {
    const ok: Array<[string, JsonObject]> = [
      ["examples context", withExtra({ "@context": [V2, EXAMPLES] })],
      [
        "inline context",
        {
          "@context": [V2, { ExampleVerifiableCredential: "https://example.org/#ExampleVC" }],
          type: ["VerifiableCredential", "ExampleVerifiableCredential"],
          issuer: ISSUER,
          credentialSubject: { id: "did:example:subject" },
        },
      ],
      ["id", withExtra({ "@context": [V2, EXAMPLES], id: "https://example.org/credentials/1" })],
      ["type as URL", withExtra({ type: ["VerifiableCredential", "https://example.org/#Ex"] })],
      ["validFrom with ms", withExtra({ validFrom: "2023-02-26T01:02:58.447Z" })],
      ["validFrom far future", withExtra({ validFrom: "4023-02-26T01:02:58.447Z" })],
      [
        "validUntil equal in another zone",
        withExtra({ validFrom: "2023-02-26T01:21:23Z", validUntil: "2023-02-25T19:21:29-06:00" }),
      ],
      ["name as text", withExtra({ name: "Example Credential" })],
      [
        "name, language and direction",
        withExtra({ name: { "@value": "Example", "@language": "en", "@direction": "ltr" } }),
      ],
      [
        "description in several languages",
        withExtra({
          description: [
            { "@value": "Dog", "@language": "en" },
            { "@value": "Chien", "@language": "fr" },
          ],
        }),
      ],
      [
        "evidence, termsOfUse, refreshService, credentialSchema with types",
        withExtra({
          "@context": [
            V2,
            {
              DocumentVerification2018: "https://example.org/examples#DocumentVerification2018",
              OdrlPolicy2017: "https://example.org/examples#OdrlPolicy2017",
              ExampleRefreshService: "https://example.org/examples#ExampleRefreshService",
              ExampleJsonSchema: "https://example.org/examples#ExampleJsonSchema",
            },
          ],
          evidence: [{ type: "DocumentVerification2018" }, { type: "DocumentVerification2018" }],
          termsOfUse: { type: "OdrlPolicy2017", id: "did:example:terms/1" },
          refreshService: { id: "did:example:refresh/1", type: "ExampleRefreshService" },
          credentialSchema: [
            { id: "did:example:schemas/1", type: "ExampleJsonSchema" },
            { id: "did:example:schemas/2", type: "https://example.org/#ExampleTestSuiteSchema" },
          ],
        }),
      ],
      [
        "relatedResource (SRI)",
        withExtra({ relatedResource: { id: V2, digestSRI: related.digestSRI } }),
      ],
      [
        "relatedResource (multibase, media type)",
        withExtra({
          relatedResource: [
            { id: V2, mediaType: related.mediaType, digestMultibase: related.digestMultibase },
          ],
        }),
      ],
      [
        "several subjects",
        withExtra({
          credentialSubject: [{ id: "did:example:subject" }, { id: "did:example:other" }],
        }),
      ],
    ];
    for (const [name, credential] of ok) {
      const reply = await issue(credential);
      expect(reply.status, `${name}: ${reply.text}`).toBe(201);
      // Signed by the organisation, and authentic (some are outside their validity period).
      const result = await h.verify(reply.body.verifiableCredential);
      const failed = result.checks.filter((c) => c.outcome === "fail" && c.check !== "validity");
      expect(failed, name).toEqual([]);
      expect(check(result, "proof")?.outcome, name).toBe("pass");
      expect(check(result, "issuer")?.outcome, name).toBe("pass");
    }
  });

  it("keeps a valid date-time exactly as given and fills validFrom only when absent", async () => {
    const given = "2023-02-25T19:10:39-06:00";
    const { vc } = await issuedAndVerified(withExtra({ validFrom: given }));
    expect(vc["validFrom"]).toBe(given);
    const filled = (await issuedAndVerified(simplest())).vc["validFrom"] as string;
    expect(filled).toBe(`${h.clock.now.toISOString().slice(0, 19)}Z`);
  });

  it("refuses, naming the rule and the field, what VC DM 2.0 forbids (one row per rule)", async () => {
    const past = "2020-01-01T00:00:00Z";
    const future = "2999-01-01T00:00:00Z";
    const rows: Array<[rule: string, credential: unknown, code: string, field: string]> = [
      // 4.3 Contexts
      [
        "@context missing",
        { type: ["VerifiableCredential"], credentialSubject: {} },
        "issuer.credential.invalid-context",
        "credential.@context",
      ],
      [
        "@context not a list",
        withExtra({ "@context": 4 }),
        "issuer.credential.invalid-context",
        "credential.@context",
      ],
      [
        "base context not first",
        withExtra({ "@context": [EXAMPLES] }),
        "issuer.credential.invalid-context",
        "credential.@context",
      ],
      [
        "VC 1.1 and 2.0 mixed",
        withExtra({ "@context": [V2, V1] }),
        "issuer.credential.invalid-context",
        "credential.@context[1]",
      ],
      [
        "context not a URL",
        withExtra({ "@context": [V2, "https ://not-a-url/contexts/example/v1"] }),
        "issuer.credential.unknown-context",
        "credential.@context[1]",
      ],
      [
        "context of another type",
        withExtra({ "@context": [V2, 123192875] }),
        "issuer.credential.invalid-context",
        "credential.@context[1]",
      ],
      [
        "Avala's retired context",
        withExtra({ "@context": [V2, OB, AVALA_V1] }),
        "issuer.credential.retired-context",
        "credential.@context[2]",
      ],
      [
        "Avala's retired context, imported by an inline one",
        withExtra({ "@context": [V2, { "@import": AVALA_V1, ex: "https://example.org/#" }] }),
        "issuer.credential.retired-context",
        "credential.@context[1].@import",
      ],
      [
        "Avala's retired context, scoped to a type",
        withExtra({
          "@context": [V2, { Ex: { "@id": "https://example.org/#Ex", "@context": [AVALA_V1] } }],
        }),
        "issuer.credential.retired-context",
        "credential.@context[1].Ex.@context[0]",
      ],
      [
        "Avala's retired context, in a subject",
        withExtra({ credentialSubject: { "@context": AVALA_V1, id: "did:example:subject" } }),
        "issuer.credential.retired-context",
        "credential.credentialSubject.@context",
      ],
      [
        "context never fetched",
        withExtra({ "@context": [V2, { "@import": "https://evil.example/c" }] }),
        "issuer.credential.unknown-context",
        "credential.@context",
      ],
      [
        "protected term redefined",
        withExtra({ "@context": [V2, { VerifiableCredential: "https://example.org/#Bad" }] }),
        "issuer.credential.protected-term",
        "credential.@context[1]",
      ],
      [
        "protected term of an inline context redefined",
        {
          "@context": [
            V2,
            { "@protected": true, ExampleVC: "https://example.org/#ExampleVC" },
            { ExampleVC: "https://example.org/#ExampleBadVC" },
          ],
          type: ["VerifiableCredential", "ExampleVC"],
          issuer: ISSUER,
          credentialSubject: { id: "did:example:subject" },
        },
        "issuer.credential.protected-term",
        "credential.@context[2]",
      ],
      [
        "type mapped to a non-URL",
        {
          ...withExtra({ "@context": [V2, { Ex: "https ://not-a-url#Ex" }] }),
          type: ["VerifiableCredential", "Ex"],
        },
        "issuer.credential.jsonld-invalid",
        "credential.@context",
      ],
      [
        "term no context defines",
        withExtra({ nickname: "x" }),
        "issuer.credential.undefined-term",
        "credential.nickname",
      ],
      [
        "type no context defines",
        withExtra({ type: ["VerifiableCredential", "ExampleTestCredential"] }),
        "issuer.credential.undefined-term",
        "credential.type[1]",
      ],
      // 4.4 Identifiers
      [
        "id not a URL",
        withExtra({ id: "https ://not-a-url/vcs/1" }),
        "issuer.credential.not-url",
        "credential.id",
      ],
      [
        "several ids",
        withExtra({ id: ["https://example.org/1", "https://example.net/1"] }),
        "issuer.credential.not-url",
        "credential.id",
      ],
      [
        "subject with several ids",
        withExtra({ credentialSubject: { id: ["did:example:1", "did:example:2"] } }),
        "issuer.credential.not-url",
        "credential.credentialSubject.id",
      ],
      // 4.5 Types
      [
        "no type",
        { "@context": [V2], credentialSubject: { id: "did:example:subject" } },
        "issuer.credential.type-required",
        "credential.type",
      ],
      [
        "type not text",
        withExtra({ type: 4 }),
        "issuer.credential.invalid-type",
        "credential.type",
      ],
      [
        "type with a non-string",
        withExtra({ type: ["VerifiableCredential", true] }),
        "issuer.credential.invalid-type",
        "credential.type[1]",
      ],
      ["type empty", withExtra({ type: [] }), "issuer.credential.invalid-type", "credential.type"],
      [
        "no VerifiableCredential",
        withExtra({ "@context": [V2, EXAMPLES], type: ["RelationshipCredential"] }),
        "issuer.credential.not-verifiable-credential",
        "credential.type",
      ],
      [
        "credentialStatus without type",
        withExtra({ credentialStatus: { id: "did:example:status" } }),
        "issuer.credential.type-required",
        "credential.credentialStatus",
      ],
      [
        "credentialStatus type not text",
        withExtra({ credentialStatus: { id: "did:example:status", type: 2 } }),
        "issuer.credential.invalid-type",
        "credential.credentialStatus.type",
      ],
      [
        "termsOfUse without type",
        withExtra({ termsOfUse: { id: "did:example:terms/1" } }),
        "issuer.credential.type-required",
        "credential.termsOfUse",
      ],
      [
        "termsOfUse empty",
        withExtra({ termsOfUse: {} }),
        "issuer.credential.type-required",
        "credential.termsOfUse",
      ],
      [
        "evidence without type",
        withExtra({ evidence: {} }),
        "issuer.credential.type-required",
        "credential.evidence",
      ],
      [
        "refreshService without type",
        withExtra({ refreshService: { id: "did:example:refresh/1" } }),
        "issuer.credential.type-required",
        "credential.refreshService",
      ],
      [
        "credentialSchema without type",
        withExtra({ credentialSchema: { id: "did:example:schemas/1" } }),
        "issuer.credential.type-required",
        "credential.credentialSchema",
      ],
      [
        "evidence not an object",
        withExtra({ evidence: ["https://example.org/e"] }),
        "issuer.credential.not-object",
        "credential.evidence[0]",
      ],
      // 4.6 Names and descriptions
      [
        "name with an extra property",
        withExtra({ name: { "@value": "X", "@language": "en", url: "did:example:c" } }),
        "issuer.credential.invalid-text",
        "credential.name",
      ],
      [
        "description not text",
        withExtra({ description: 7 }),
        "issuer.credential.invalid-text",
        "credential.description",
      ],
      [
        "language not a language tag",
        withExtra({ name: { "@value": "X", "@language": "not a tag" } }),
        "issuer.credential.invalid-text",
        "credential.name",
      ],
      [
        "issuer name with an extra property",
        withExtra({
          issuer: {
            id: "ISSUER",
            name: { "@value": "X", "@language": "en", url: "did:example:i" },
          },
        }),
        "issuer.credential.invalid-text",
        "credential.issuer.name",
      ],
      [
        "issuer description with an extra property",
        withExtra({
          issuer: {
            id: "ISSUER",
            description: { "@value": "X", "@language": "en", url: "did:example:i" },
          },
        }),
        "issuer.credential.invalid-text",
        "credential.issuer.description",
      ],
      // 4.7 Issuer
      [
        "issuer not a URL",
        withExtra({ issuer: "fake-issuer" }),
        "issuer.credential.issuer-mismatch",
        "credential.issuer",
      ],
      [
        "issuer id not a URL",
        withExtra({ issuer: { id: "fake-issuer" } }),
        "issuer.credential.issuer-mismatch",
        "credential.issuer",
      ],
      [
        "issuer of another kind",
        withExtra({ issuer: 4 }),
        "issuer.credential.issuer-mismatch",
        "credential.issuer",
      ],
      [
        "no issuer",
        { "@context": [V2], type: ["VerifiableCredential"], credentialSubject: { id: "did:x:s" } },
        "issuer.credential.issuer-required",
        "credential.issuer",
      ],
      [
        "no issuer, VC 1.1",
        { "@context": [V1], type: ["VerifiableCredential"], credentialSubject: { id: "did:x:s" } },
        "issuer.credential.issuer-required",
        "credential.issuer",
      ],
      // 4.8 Credential subject
      [
        "no credentialSubject",
        { "@context": [V2], type: ["VerifiableCredential"], issuer: ISSUER },
        "issuer.credential.subject-invalid",
        "credential.credentialSubject",
      ],
      [
        "credentialSubject empty",
        withExtra({ credentialSubject: {} }),
        "issuer.credential.subject-invalid",
        "credential.credentialSubject",
      ],
      [
        "one of the subjects empty",
        withExtra({ credentialSubject: [{ id: "did:example:subject" }, {}] }),
        "issuer.credential.subject-invalid",
        "credential.credentialSubject[1]",
      ],
      [
        "credentialSubject a string",
        withExtra({ credentialSubject: "did:example:1234" }),
        "issuer.credential.subject-invalid",
        "credential.credentialSubject",
      ],
      [
        "no subjects",
        withExtra({ credentialSubject: [] }),
        "issuer.credential.subject-invalid",
        "credential.credentialSubject",
      ],
      // 4.9 Validity period
      [
        "validFrom not a dateTime",
        withExtra({ validFrom: "Sat 25 Feb 2023 07:16:31 PM CST" }),
        "issuer.credential.invalid-date",
        "credential.validFrom",
      ],
      [
        "validUntil not a dateTime",
        withExtra({
          validFrom: "2023-02-26T01:21:51Z",
          validUntil: "Sun, 26 Feb 2023 01:22:14 +0000",
        }),
        "issuer.credential.invalid-date",
        "credential.validUntil",
      ],
      [
        "validFrom without a time zone",
        withExtra({ validFrom: "2023-02-26T01:21:51" }),
        "issuer.credential.invalid-date",
        "credential.validFrom",
      ],
      [
        "a day that does not exist",
        withExtra({ validFrom: "2023-02-30T00:00:00Z" }),
        "issuer.credential.invalid-date",
        "credential.validFrom",
      ],
      [
        "validFrom after validUntil",
        withExtra({ validFrom: future, validUntil: past }),
        "issuer.credential.validity-order",
        "credential.validUntil",
      ],
      [
        "validUntil before the time of issue",
        withExtra({ validUntil: past }),
        "issuer.credential.validity-order",
        "credential.validUntil",
      ],
      [
        "VC 1.1 date in VC 2.0",
        withExtra({ issuanceDate: past }),
        "issuer.credential.invalid",
        "credential.issuanceDate",
      ],
      // 4.10 Status
      [
        "status id not a URL",
        withExtra({
          "@context": [V2, { CredentialStatusList2017: "https://example.org/#CSL2017" }],
          credentialStatus: {
            id: "https ://not-a-url/statusList/4",
            type: "CredentialStatusList2017",
          },
        }),
        "issuer.credential.not-url",
        "credential.credentialStatus.id",
      ],
      [
        "status with several ids",
        withExtra({
          "@context": [V2, { CredentialStatusList2017: "https://example.org/#CSL2017" }],
          credentialStatus: {
            id: ["did:example:status:1", "did:example:status:2"],
            type: "CredentialStatusList2017",
          },
        }),
        "issuer.credential.not-url",
        "credential.credentialStatus.id",
      ],
      [
        "bitstring entry without statusListIndex",
        withExtra({
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListCredential: "https://status.example/1",
          },
        }),
        "issuer.credential.status-entry",
        "credential.credentialStatus.statusListIndex",
      ],
      [
        "bitstring entry index not base 10",
        withExtra({
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "0x1",
            statusListCredential: "https://status.example/1",
          },
        }),
        "issuer.credential.status-entry",
        "credential.credentialStatus.statusListIndex",
      ],
      [
        "bitstring entry without statusPurpose",
        withExtra({
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusListIndex: "1",
            statusListCredential: "https://status.example/1",
          },
        }),
        "issuer.credential.status-entry",
        "credential.credentialStatus.statusPurpose",
      ],
      [
        "bitstring entry list not a URL",
        withExtra({
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "1",
            statusListCredential: "list-1",
          },
        }),
        "issuer.credential.status-entry",
        "credential.credentialStatus.statusListCredential",
      ],
      [
        "bitstring entry id = the list",
        withExtra({
          credentialStatus: {
            id: "https://status.example/1",
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "1",
            statusListCredential: "https://status.example/1",
          },
        }),
        "issuer.credential.status-entry",
        "credential.credentialStatus.id",
      ],
      [
        "bitstring statusSize 2 without messages",
        withExtra({
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusPurpose: "message",
            statusListIndex: "1",
            statusListCredential: "https://status.example/1",
            statusSize: 2,
          },
        }),
        "issuer.credential.status-entry",
        "credential.credentialStatus.statusMessage",
      ],
      [
        "an entry on Avala's own lists",
        withExtra({
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "1",
            statusListCredential: "http://issuer.test/orgs/other/status/revocation/1",
          },
        }),
        "issuer.credential.status-managed",
        "credential.credentialStatus.statusListCredential",
      ],
      [
        "VC 1.1 status without id",
        {
          "@context": [V1],
          type: ["VerifiableCredential"],
          issuer: ISSUER,
          credentialSubject: { id: "did:example:subject" },
          credentialStatus: { type: "https://example.org/#Status" },
        },
        "issuer.credential.id-required",
        "credential.credentialStatus.id",
      ],
      // 4.11 Data schemas
      [
        "credentialSchema without id",
        withExtra({ credentialSchema: { type: "https://example.org/#Schema" } }),
        "issuer.credential.id-required",
        "credential.credentialSchema.id",
      ],
      [
        "credentialSchema id not a URL",
        withExtra({
          credentialSchema: { type: "https://example.org/#Schema", id: "https ://not-a-url.org/x" },
        }),
        "issuer.credential.not-url",
        "credential.credentialSchema.id",
      ],
      // 5.3 Integrity of related resources
      [
        "relatedResource as strings",
        withExtra({ relatedResource: [V2] }),
        "issuer.credential.not-object",
        "credential.relatedResource[0]",
      ],
      [
        "relatedResource without id",
        withExtra({ relatedResource: [{ digestMultibase: related.digestMultibase }] }),
        "issuer.credential.id-required",
        "credential.relatedResource[0].id",
      ],
      [
        "relatedResource id repeated",
        withExtra({
          relatedResource: [
            { id: V2, digestSRI: related.digestSRI },
            { id: V2, digestMultibase: related.digestMultibase },
          ],
        }),
        "issuer.credential.related-resource-duplicate",
        "credential.relatedResource[1].id",
      ],
      [
        "relatedResource without digest",
        withExtra({ relatedResource: [{ id: V2 }] }),
        "issuer.credential.related-resource-digest",
        "credential.relatedResource[0]",
      ],
      [
        "digestSRI not SRI",
        withExtra({
          relatedResource: [
            {
              id: V2,
              digestSRI: "sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P",
            },
          ],
        }),
        "issuer.credential.related-resource-digest",
        "credential.relatedResource[0].digestSRI",
      ],
      [
        "digestMultibase not multibase",
        withExtra({ relatedResource: [{ id: V2, digestMultibase: "sha256:abc" }] }),
        "issuer.credential.related-resource-digest",
        "credential.relatedResource[0].digestMultibase",
      ],
      [
        "digestMultibase wrong for a resource Avala holds (the suite's)",
        withExtra({
          relatedResource: [
            { id: V2, digestMultibase: "uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0" },
          ],
        }),
        "issuer.credential.related-resource-mismatch",
        "credential.relatedResource[0].digestMultibase",
      ],
      [
        "digestSRI of another resource Avala holds",
        withExtra({
          relatedResource: [
            { id: EXAMPLES, digestSRI: sriOfHeld("credentials-examples-v2.jsonld", "sha256") },
            { id: V2, digestSRI: sriOfHeld("credentials-v1.jsonld", "sha384") },
          ],
        }),
        "issuer.credential.related-resource-mismatch",
        "credential.relatedResource[1].digestSRI",
      ],
      [
        "one of several digests wrong",
        withExtra({
          relatedResource: {
            id: V2,
            digestMultibase: [related.digestMultibase, multibaseOfHeld("credentials-v1.jsonld")],
          },
        }),
        "issuer.credential.related-resource-mismatch",
        "credential.relatedResource.digestMultibase[1]",
      ],
      // 4.12 Securing mechanisms: the issuer adds the proof
      [
        "a proof already",
        withExtra({ proof: { type: "DataIntegrityProof" } }),
        "issuer.credential.invalid",
        "credential.proof",
      ],
      // JSON: null is not a value
      ["null id", withExtra({ id: null }), "issuer.credential.invalid", "credential.id"],
    ];
    expect(rows.length).toBeGreaterThan(60);
    const before = await count();
    for (const [rule, credential, code, field] of rows) {
      const reply = await issue(credential);
      expectProblem(reply, 422);
      expect(reply.body.code, `${rule}: ${reply.text}`).toBe(code);
      expect(reply.body.errors?.[0]?.field, `${rule}: ${reply.text}`).toBe(field);
      // The message names the rule in both languages.
      expect(reply.body.localizedDetail.es, rule).toBeTruthy();
      expect(reply.body.localizedDetail.en, rule).toBeTruthy();
    }
    expect(await count()).toBe(before);
  });

  it("checks the digest of a related resource it holds, offline, and never fetches one", async () => {
    // Any connection beyond loopback (the test database), or name look-up, the issuer tried
    // would be recorded, and refused before a socket opened.
    const attempts: string[] = [];
    const realConnect = net.Socket.prototype.connect;
    const realLookup = dns.lookup;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const host = hostOf(args);
      if (host === undefined || isLoopback(host)) {
        return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
      }
      attempts.push(host);
      throw new Error("no connection beyond loopback in this test");
    } as typeof realConnect;
    dns.lookup = ((host: string) => {
      attempts.push(`lookup ${host}`);
      throw new Error("no name look-up in this test");
    }) as unknown as typeof dns.lookup;
    try {
      // The VC 2.0 context as W3C serves it (SHA-256 multihash), and as Avala holds it (SHA-512
      // SRI); the VC 1.1 context (SHA-384 multihash); the OB context, whose published bytes
      // Avala cannot know offline (its copy is re-serialised), and a resource it does not hold:
      // syntax only.
      const published = Buffer.from(
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
        "hex",
      );
      const { vc } = await issuedAndVerified(
        withExtra({
          relatedResource: [
            {
              id: V2,
              digestMultibase: multihashOf(0x12, published),
              digestSRI: sriOfHeld("credentials-v2.jsonld", "sha512"),
            },
            {
              id: V1,
              digestMultibase: multihashOf(0x20, heldDigest("credentials-v1.jsonld", "sha384")),
            },
            { id: OB, digestSRI: `sha384-${Buffer.alloc(48, 7).toString("base64")}` },
            {
              id: "https://registro.example.mx/planes/2024.pdf",
              mediaType: "application/pdf",
              digestMultibase: `u${Buffer.alloc(32, 9).toString("base64url")}`,
            },
          ],
        }),
      );
      expect(vc["relatedResource"]).toHaveLength(4);
      // The same digest for the held VC 2.0 context, one byte off: refused.
      const off = Uint8Array.from(published);
      off[31] = off[31]! ^ 1;
      const wrong = await issue(
        withExtra({ relatedResource: [{ id: V2, digestMultibase: multihashOf(0x12, off) }] }),
      );
      expectProblem(wrong, 422);
      expect(wrong.body.code).toBe("issuer.credential.related-resource-mismatch");
      expect(wrong.body.errors[0].field).toBe("credential.relatedResource[0].digestMultibase");
      expect(wrong.body.localizedDetail.es).toContain(V2);
    } finally {
      net.Socket.prototype.connect = realConnect;
      dns.lookup = realLookup;
    }
    expect(attempts).toEqual([]);
  });

  it("signs inline contexts (processed offline) that the verifier accepts", async () => {
    const { vc } = await issuedAndVerified({
      "@context": [V2, { ex: "https://example.org/vocab#", nickname: "ex:nickname" }],
      type: ["VerifiableCredential"],
      issuer: ISSUER,
      credentialSubject: {
        "@context": { favouriteColour: "https://example.org/vocab#favouriteColour" },
        id: "did:example:subject",
        nickname: "Ana",
        favouriteColour: "green",
      },
    });
    expect((vc["@context"] as unknown[])[1]).toEqual({
      ex: "https://example.org/vocab#",
      nickname: "ex:nickname",
    });
    // An alias an inline context gives a reserved type is the reserved type.
    const aliased = await issue({
      "@context": [
        V2,
        { Accreditation: "https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementCredential" },
      ],
      type: ["VerifiableCredential", "Accreditation"],
      issuer: ISSUER,
      credentialSubject: { id: "did:example:subject" },
    });
    expectProblem(aliased, 422);
    expect(aliased.body.code).toBe("issuer.credential.reserved-type");
    const byVocab = await issue({
      "@context": [
        V2,
        { "@vocab": "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Endorsement" },
      ],
      type: ["VerifiableCredential", "Credential"],
      issuer: ISSUER,
      credentialSubject: { id: "did:example:subject" },
    });
    expectProblem(byVocab, 422);
    expect(byVocab.body.code).toBe("issuer.credential.reserved-type");
  });

  it("takes the caller's own credentialStatus, checked, instead of Avala's entry", async () => {
    const own = {
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "94567",
      statusListCredential: "https://status.example/credentials/status/3",
    };
    const { vc, result } = await issuedAndVerified(withExtra({ credentialStatus: own }));
    expect(vc["credentialStatus"]).toEqual(own);
    // The list is elsewhere (and never fetched here): the status could not be checked.
    expect(check(result, "status")?.outcome).toBe("could-not-check");
    const typed = await issuedAndVerified(
      withExtra({
        "@context": [V2, { CredentialStatusList2017: "https://example.org/#CSL2017" }],
        credentialStatus: { type: "CredentialStatusList2017" },
      }),
    );
    expect(typed.vc["credentialStatus"]).toEqual({ type: "CredentialStatusList2017" });
    // Both the caller's entry and Avala's: refused, say which.
    const both = await issue(withExtra({ credentialStatus: own }), {
      credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "suspension" },
    });
    expectProblem(both, 422);
    expect(both.body.code).toBe("issuer.credential.status-present");
    expect(both.body.errors[0].field).toBe("credential.credentialStatus");
    // options.credentialStatus alone: Avala's managed suspension entry.
    const managed = await issuedAndVerified(simplest(), {
      credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "suspension" },
    });
    expect(managed.vc["credentialStatus"]).toMatchObject({
      statusPurpose: "suspension",
      statusListCredential: "http://issuer.test/orgs/ece-v/status/suspension/1",
    });
    expect(check(managed.result, "status")?.code).toBe("status.active");
  });

  it("issues VC 1.1 input as VC 1.1 with either suite, issuanceDate set when absent", async () => {
    for (const [cryptosuite, statusPurpose] of [
      ["eddsa-rdfc-2022", "revocation"],
      ["Ed25519Signature2020", "suspension"],
    ] as const) {
      const { vc, result } = await issuedAndVerified(
        {
          "@context": [V1],
          id: `urn:uuid:${randomUUID()}`,
          type: ["VerifiableCredential"],
          issuer: did,
          credentialSubject: { id: "did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r" },
        },
        { cryptosuite, credentialStatus: { type: "BitstringStatusListEntry", statusPurpose } },
      );
      // Asked for: Avala's entry, with the context that defines it (VC 1.1's does not), then
      // the proof's context.
      expect((vc["@context"] as string[]).slice(0, 2)).toEqual([V1, STATUS_V1]);
      expect(vc["credentialStatus"]).toMatchObject({ statusPurpose });
      expect(vc["issuanceDate"]).toBe(`${h.clock.now.toISOString().slice(0, 19)}Z`);
      expect(vc["validFrom"]).toBeUndefined();
      expect((vc["proof"] as JsonObject)["type"]).toBe(
        cryptosuite === "eddsa-rdfc-2022" ? "DataIntegrityProof" : "Ed25519Signature2020",
      );
      expect(check(result, "validity")?.outcome).toBe("pass");
      expect(check(result, "status")?.code).toBe("status.active");
      expect(result.verdict, JSON.stringify(result.checks)).not.toBe("invalid");
    }
    // The VC-API issuer suite's own input: issuanceDate and expirationDate given, kept.
    const issuanceDate = "2025-03-01T10:00:00Z";
    const expirationDate = "2030-03-01T10:00:00Z";
    const { vc } = await issuedAndVerified({
      "@context": [V1],
      type: ["VerifiableCredential"],
      issuer: did,
      issuanceDate,
      expirationDate,
      credentialSubject: { id: "did:example:subject" },
    });
    expect(vc).toMatchObject({ issuanceDate, expirationDate });
    // VC 1.1's rules: dates, and their order.
    const late = await issue({
      "@context": [V1],
      type: ["VerifiableCredential"],
      issuer: ISSUER,
      issuanceDate: expirationDate,
      expirationDate: issuanceDate,
      credentialSubject: { id: "did:example:subject" },
    });
    expectProblem(late, 422);
    expect(late.body.code).toBe("issuer.credential.validity-order");
    expect(late.body.errors[0].field).toBe("credential.expirationDate");
    const badDate = await issue({
      "@context": [V1],
      type: ["VerifiableCredential"],
      issuer: ISSUER,
      issuanceDate: "yesterday",
      credentialSubject: { id: "did:example:subject" },
    });
    expectProblem(badDate, 422);
    expect(badDate.body.errors[0].field).toBe("credential.issuanceDate");
  });

  it("adds its status entry to VC 1.1 input only when options.credentialStatus asks", async () => {
    // What W3C's Data Integrity suites send: VC 1.1, no options. Signed with the contexts the
    // caller chose and nothing else, so a verifier that holds only those can read the proof.
    for (const cryptosuite of ["eddsa-rdfc-2022", "Ed25519Signature2020"] as const) {
      const id = `urn:uuid:${randomUUID()}`;
      const { vc, result } = await issuedAndVerified(
        {
          "@context": [V1],
          id,
          type: ["VerifiableCredential"],
          issuer: ISSUER,
          credentialSubject: { id: "did:example:subject" },
        },
        cryptosuite === "eddsa-rdfc-2022" ? undefined : { cryptosuite },
      );
      // The caller's context, then the proof's (which the suites hold): no status context.
      expect(vc["@context"]).toEqual([V1, PROOF_CONTEXT[cryptosuite]]);
      expect(vc["credentialStatus"]).toBeUndefined();
      expect(check(result, "status")?.outcome ?? "none").not.toBe("fail");
      // Its status is no one's to change: there is none.
      const change = await h.call("/credentials/status", {
        token,
        json: {
          credentialId: id,
          credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "revocation" },
        },
      });
      expectProblem(change, 409);
      expect(change.body.code).toBe("issuer.status.not-managed");
    }
    // VC 2.0 keeps its default: the v2 context defines the entry, nothing else is added.
    const { vc } = await issuedAndVerified(simplest());
    expect(vc["@context"]).toEqual([V2]);
    expect(vc["credentialStatus"]).toMatchObject({ statusPurpose: "revocation" });
  });

  it("issues an Open Badges 3.0 credential on VC 1.1 with the stored Profile", async () => {
    const { vc, result } = await issuedAndVerified({
      "@context": [V1, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: ISSUER,
      name: "Logro",
      credentialSubject: {
        id: "did:example:learner",
        type: ["AchievementSubject"],
        achievement: {
          id: "https://plantel.example.mx/logros/1",
          type: ["Achievement"],
          name: "Logro",
          description: "Descripción",
          criteria: { narrative: "Aprobar" },
        },
      },
    });
    expect(vc["issuer"]).toMatchObject({ id: did, type: ["Profile"] });
    expect(check(result, "schema")?.outcome).toBe("pass");
  });
});
