// First of all, before any library loads: this process reaches loopback only (see the module),
// and the 1EdTech schemas DCC's verifier fetches are answered from the pinned copies.
import "./support/loopback-only.js";
import "./support/pinned-schemas.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildAchievementCredential,
  buildPresentation,
  generateSigningKey,
  signPresentation,
} from "@avala/credentials";
import { type RunningIssuer, readIssuerConfig, startIssuer } from "@avala/issuer";
import {
  describeCredential,
  loadConfig as loadVerifierConfig,
  type RunningVerifier,
  startVerifier,
} from "@avala/verifier";
import { DataIntegrityProof } from "@digitalcredentials/data-integrity";
import * as Ed25519Multikey from "@digitalcredentials/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalcredentials/ed25519-signature-2020";
import { cryptosuite as eddsaRdfc2022 } from "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import * as dccVc from "@digitalcredentials/vc";
import { verifyCredential as dccVerifyCredential } from "@digitalcredentials/verifier-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedHosts, restoreNetwork } from "./support/loopback-only.js";
import { type LoopbackTlsFront, startLoopbackTlsFront } from "./support/loopback-tls.js";
import { restoreSchemaFetch, schemaFetches } from "./support/pinned-schemas.js";

// Outside verifiers, both ways, with no network but loopback.
//
// 1. Digital Credentials Consortium's verifier (npm `@digitalcredentials/verifier-core`, as its
//    Learner Credential Wallet and VerifierPlus use it) verifies what Avala signs on every path:
//    a catalogue award, a cohort row, a claimed credential, a VC-API credential, endorsements;
//    valid, revoked, suspended and reinstated. DCC's loader holds the published contexts only
//    (VC, OB 3.0, Data Integrity, Ed25519Signature2020, Bitstring Status List) and fetches
//    anything else: here that fetch is refused, so a credential that needs a context no
//    verifier holds fails. The issuer's did:web DIDs resolve over https only (DCC has no setting
//    for that), so the issuer sits behind an https front on 127.0.0.1 with a certificate made
//    for this run; DCC fetches DID documents and status lists through it. The 1EdTech JSON
//    Schemas that DCC fetches to check OB credentials are answered from contexts/schemas (the
//    published files, pinned by sha256): nothing else is stubbed.
// 2. Avala's verifier (its HTTP API) verifies what DCC's own signing stack signs: VC 2.0 and
//    VC 1.1 Open Badges, with eddsa-rdfc-2022 and with Ed25519Signature2020.

const ORG = "ece-demo";
const PLATFORM_TOKEN = `platform-${"x".repeat(24)}`;

let dataDir: string;
let configDir: string;
let front: LoopbackTlsFront;
let issuer: RunningIssuer;
let verifier: RunningVerifier;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "avala-outside-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-outside-config-"));
  front = await startLoopbackTlsFront();
  issuer = await startIssuer(
    readIssuerConfig({
      AVALA_DATA_DIR: dataDir,
      XDG_CONFIG_HOME: configDir,
      ISSUER_PORT: "0",
      ISSUER_PUBLIC_URL: front.origin,
      AVALA_PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN,
    }),
    { seed: true, hostname: "127.0.0.1", log: { info: () => {}, error: console.error } },
  );
  front.target.port = issuer.port;
  token = issuer.demo!.token;
  verifier = await startVerifier(
    loadVerifierConfig({ VERIFIER_PORT: "0", VERIFIER_HOST: "127.0.0.1" }),
  );
}, 180_000);

afterAll(async () => {
  await verifier?.close();
  await issuer?.close();
  await front?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
  restoreSchemaFetch();
  restoreNetwork();
});

// ---- talking to the issuer (through the https front, as anyone outside would) --------------

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: API replies are inspected freely in tests.
  body: any;
}

async function call(
  path: string,
  options: { method?: string; token?: string; json?: unknown; accept?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: options.accept ?? "application/json" };
  if (options.token) headers["authorization"] = `Bearer ${options.token}`;
  if (options.json !== undefined) headers["content-type"] = "application/json";
  const url = path.startsWith("https://") ? path : `${front.origin}${path}`;
  const response = await fetch(url, {
    method: options.method ?? (options.json === undefined ? "GET" : "POST"),
    headers,
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

let awardCount = 0;
async function award(extra: Record<string, unknown> = {}): Promise<Reply> {
  awardCount += 1;
  const reply = await call(`/orgs/${ORG}/credentials`, {
    token,
    json: {
      achievementCode: issuer.demo!.achievementCode,
      learner: { email: `learner${awardCount}@example.mx`, name: `Learner ${awardCount}` },
      externalId: `outside-${awardCount}`,
      ...extra,
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply;
}

async function setStatus(id: string, action: "revoke" | "suspend" | "reinstate") {
  const reply = await call(`/orgs/${ORG}/credentials/${id}/status`, {
    token,
    json: { action, reason: `outside verifiers: ${action}` },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

// ---- DCC's verdict, reduced to what a person would be told ----------------------------------

interface DccVerdict {
  /** Fatal errors (e.g. `invalid_signature`), when the credential could not be checked. */
  errors: string[];
  /** Each step DCC logged: `valid_signature`, `expiration`, `revocation_status`, … */
  steps: Record<string, boolean | string>;
  /** DCC's own check against the 1EdTech OB 3.0 JSON Schema it chose. */
  schema: Array<{ schema: string; valid: boolean }> | string | undefined;
}

async function dcc(credential: unknown): Promise<DccVerdict> {
  const result = await dccVerifyCredential({
    credential: credential as Parameters<typeof dccVerifyCredential>[0]["credential"],
    knownDIDRegistries: [],
  });
  const steps: DccVerdict["steps"] = {};
  for (const step of result.log ?? []) {
    steps[step.id] = step.valid ?? `error: ${step.error?.name ?? "?"}`;
  }
  const schemaEntry = result.additionalInformation?.find((e) => e.id === "schema_check");
  const results = schemaEntry?.results as unknown;
  return {
    errors: (result.errors ?? []).map((e) => `${e.name}: ${e.message}`),
    steps,
    schema: Array.isArray(results)
      ? results.map((r: { schema: string; result: { valid: boolean } }) => ({
          schema: r.schema.split("/").pop()!,
          valid: r.result.valid,
        }))
      : (results as string | undefined),
  };
}

/** What DCC must say about a credential Avala signed that is in force. */
function expectValidInDcc(verdict: DccVerdict, statusStep: string, schema: string) {
  expect(verdict.errors, JSON.stringify(verdict)).toEqual([]);
  expect(verdict.steps).toMatchObject({
    valid_signature: true,
    expiration: true,
    [statusStep]: true,
  });
  expect(verdict.schema).toEqual([{ schema, valid: true }]);
}

const ACHIEVEMENT_SCHEMA = "ob_v3p0_achievementcredential_schema.json";
const ENDORSEMENT_SCHEMA = "ob_v3p0_endorsementcredential_schema.json";

// biome-ignore lint/suspicious/noExplicitAny: signed documents are inspected freely in tests.
type Doc = any;

function expectPublishedContextsOnly(credential: Doc) {
  const contexts: unknown[] = [credential["@context"]].flat(3);
  for (const context of contexts) {
    if (typeof context === "string") expect(context).not.toContain("avala");
  }
  expect(JSON.stringify(credential)).not.toContain("https://w3id.org/avala/v1");
}

describe("DCC's verifier (offline) verifies what Avala signs", () => {
  it("a catalogue award (POST /orgs/:slug/credentials): valid, schema-valid, English readable", async () => {
    const { body } = await award();
    const credential: Doc = body.verifiableCredential;
    expect(credential.issuer.id).toMatch(/^did:web:127\.0\.0\.1%3A\d+:orgs:ece-demo$/);
    expectValidInDcc(await dcc(credential), "revocation_status", ACHIEVEMENT_SCHEMA);
    expectPublishedContextsOnly(credential);

    // Avala's display still reads the English texts, from the English edition.
    const edition = credential.credentialSubject.achievement.related?.[0];
    expect(edition).toMatchObject({ type: ["Related"], inLanguage: "en" });
    const en = describeCredential(credential, "en");
    const es = describeCredential(credential, "es");
    expect(en.achievement.name).toBe(edition.name);
    expect(en.achievement.name).not.toBe(es.achievement.name);
    expect(es.achievement.name).toBe(credential.credentialSubject.achievement.name);
    expect(en.achievement.criteria).toBe(edition.narrative);
  });

  it("a cohort row (POST /orgs/:slug/batches)", async () => {
    const accepted = await call(`/orgs/${ORG}/batches`, {
      token,
      json: [
        {
          externalId: "outside-cohort-1",
          achievementCode: issuer.demo!.achievementCode,
          email: "cohorte1@example.mx",
          name: "Cohorte Uno",
        },
      ],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    await issuer.context.batches.idle();
    const listed = await call(`/orgs/${ORG}/batches/${accepted.body.id}/credentials`, { token });
    expect(listed.status).toBe(200);
    const [row] = listed.body.credentials;
    expect(row, JSON.stringify(listed.body)).toMatchObject({ state: "issued" });
    const detail = await call(`/orgs/${ORG}/credentials/${row.credential}`, { token });
    const credential: Doc = detail.body.verifiableCredential;
    expectValidInDcc(await dcc(credential), "revocation_status", ACHIEVEMENT_SCHEMA);
    expectPublishedContextsOnly(credential);
  });

  it("a claimed credential, bound to the holder's did:key", async () => {
    const { body } = await award();
    const offer = await call(body.claimUrl);
    expect(offer.status).toBe(200);
    const holder = await generateSigningKey();
    const presentation = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [] }),
      {
        key: holder,
        // Pinned contexts and did:key, offline: what a wallet signs with.
        documentLoader: issuer.context.signingLoader,
        challenge: offer.body.challenge,
        domain: offer.body.domain,
      },
    );
    const claimed = await call(body.claimUrl, { json: { presentation } });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    const credential: Doc = claimed.body.verifiableCredential;
    expect(credential.credentialSubject.id).toBe(holder.controller);
    expectValidInDcc(await dcc(credential), "revocation_status", ACHIEVEMENT_SCHEMA);
    expectPublishedContextsOnly(credential);
  });

  it("a VC-API credential (POST /credentials/issue)", async () => {
    const { issuer: _profile, ...unsigned } = buildAchievementCredential({
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuer: { id: issuer.demo!.organisationDid, name: { es: "ignored" } },
      achievement: {
        id: `${front.origin}/orgs/${ORG}/achievements/VCAPI-1`,
        kind: "microcredential",
        code: "VCAPI-1",
        name: { es: "Seguridad en el taller", en: "Workshop safety" },
        description: { es: "Trabaja con seguridad.", en: "Works safely." },
        criteria: { es: "Examen práctico.", en: "Practical exam." },
      },
      subject: { identifiers: [{ kind: "email", value: "vcapi@example.mx" }] },
      validFrom: new Date(),
    });
    // The VC-API requires `issuer`: the organisation's DID (its stored Profile is put in).
    const credential = { ...unsigned, issuer: issuer.demo!.organisationDid };
    const reply = await call("/credentials/issue", { token, json: { credential } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const signed: Doc = reply.body.verifiableCredential;
    expectValidInDcc(await dcc(signed), "revocation_status", ACHIEVEMENT_SCHEMA);
    expectPublishedContextsOnly(signed);
  });

  it("endorsements: the seeded grant (mayAccredit) and a new one, valid, then withdrawn", async () => {
    // CONOCER accredits the demo body and grants it the right to accredit (seeded).
    const received = await call(`/orgs/${ORG}/endorsements`);
    const grant: Doc = received.body.received.find(
      (e: Doc) => e.credential.credentialSubject.mayAccredit === true,
    )?.credential;
    expect(grant, JSON.stringify(received.body)).toBeDefined();
    expectValidInDcc(await dcc(grant), "revocation_status", ENDORSEMENT_SCHEMA);
    expectPublishedContextsOnly(grant);

    // CONOCER endorses another organisation; then withdraws it (revoked on its list).
    const tokenReply = await call("/orgs/conocer/tokens", {
      token: PLATFORM_TOKEN,
      json: { role: "admin", label: "outside verifiers" },
    });
    expect(tokenReply.status, JSON.stringify(tokenReply.body)).toBe(201);
    const conocer = tokenReply.body.token as string;
    const made = await call("/orgs/conocer/endorsements", {
      token: conocer,
      json: {
        subjectOrg: "conalep-demo",
        comment: { es: "Centro de evaluación acreditado", en: "Accredited assessment centre" },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const endorsement: Doc = made.body.credential;
    expectValidInDcc(await dcc(endorsement), "revocation_status", ENDORSEMENT_SCHEMA);
    const withdrawn = await call(`/orgs/conocer/endorsements/${made.body.id}`, {
      method: "DELETE",
      token: conocer,
    });
    expect(withdrawn.status).toBe(204);
    const after = await dcc(endorsement);
    expect(after.errors).toEqual([]);
    expect(after.steps).toMatchObject({ valid_signature: true, revocation_status: false });
  });

  it("the trust registry: its signature verifies, with its own terms in an inline context", async () => {
    const registry: Doc = (await call("/trust-registry.json")).body;
    expect(registry.type).toContain("AvalaTrustRegistry");
    expectPublishedContextsOnly(registry);
    const verdict = await dcc(registry);
    expect(verdict.errors, JSON.stringify(verdict)).toEqual([]);
    expect(verdict.steps).toMatchObject({ valid_signature: true, expiration: true });
  });

  it("revoked: DCC reports the revocation", async () => {
    const { body } = await award();
    const credential: Doc = body.verifiableCredential;
    expectValidInDcc(await dcc(credential), "revocation_status", ACHIEVEMENT_SCHEMA);
    await setStatus(body.id, "revoke");
    const verdict = await dcc(credential);
    expect(verdict.errors).toEqual([]);
    expect(verdict.steps).toMatchObject({
      valid_signature: true,
      expiration: true,
      revocation_status: false,
    });
  });

  it("suspended, then reinstated: DCC reports each", async () => {
    const { body } = await award({ statusPurpose: "suspension" });
    const credential: Doc = body.verifiableCredential;
    expect(credential.credentialStatus.statusPurpose).toBe("suspension");
    expectValidInDcc(await dcc(credential), "suspension_status", ACHIEVEMENT_SCHEMA);
    await setStatus(body.id, "suspend");
    const suspended = await dcc(credential);
    expect(suspended.errors).toEqual([]);
    expect(suspended.steps).toMatchObject({ valid_signature: true, suspension_status: false });
    await setStatus(body.id, "reinstate");
    expectValidInDcc(await dcc(credential), "suspension_status", ACHIEVEMENT_SCHEMA);
  });

  it("and nothing reached beyond loopback: every outside fetch was refused", () => {
    // No host outside was ever asked for (on main: the Avala and undefined-terms contexts);
    // DCC's schema checks ran, on the pinned copies.
    expect(refusedHosts, "hosts DCC tried to reach").toEqual([]);
    expect(schemaFetches).toEqual(
      expect.arrayContaining([
        expect.stringContaining(ACHIEVEMENT_SCHEMA),
        expect.stringContaining(ENDORSEMENT_SCHEMA),
      ]),
    );
  });
});

// ---- the other way round: Avala verifies what DCC's stack signs ------------------------------

const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1";

async function dccKey() {
  const generated = await Ed25519Multikey.generate();
  const did = `did:key:${generated.publicKeyMultibase}`;
  const exported = await generated.export({ publicKey: true, secretKey: true });
  return Ed25519Multikey.from({
    ...exported,
    controller: did,
    id: `${did}#${generated.publicKeyMultibase}`,
  });
}

function openBadge(version: "1.1" | "2.0", issuerDid: string, suite: string): Doc {
  const contexts =
    version === "2.0"
      ? ["https://www.w3.org/ns/credentials/v2", OB_CONTEXT]
      : ["https://www.w3.org/2018/credentials/v1", OB_CONTEXT];
  if (suite === "Ed25519Signature2020") contexts.push(ED25519_2020_CONTEXT);
  return {
    "@context": contexts,
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuerDid, type: ["Profile"], name: "DCC Test University" },
    name: "Data Literacy",
    ...(version === "2.0" ? { validFrom: "2025-01-01T00:00:00Z" } : {}),
    credentialSubject: {
      id: "did:example:learner-1",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://university.example/achievements/data-literacy",
        type: ["Achievement"],
        name: "Data Literacy",
        description: "Reads, works with and communicates data.",
        criteria: { narrative: "Completed the data literacy course." },
      },
    },
  };
}

describe("Avala's verifier verifies what DCC's signing stack signs", () => {
  it.each([
    ["2.0", "eddsa-rdfc-2022"],
    ["2.0", "Ed25519Signature2020"],
    ["1.1", "eddsa-rdfc-2022"],
    ["1.1", "Ed25519Signature2020"],
  ] as const)("VC %s, %s", async (version, suiteName) => {
    const key = await dccKey();
    const signer = key.signer();
    const suite =
      suiteName === "eddsa-rdfc-2022"
        ? new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 })
        : new Ed25519Signature2020({ signer });
    // DCC's own loader, offline (no remote contexts): as DCC's issuer signs.
    const signed = await dccVc.issue({
      credential: openBadge(version, key.controller!, suiteName),
      suite,
      documentLoader: securityLoader().build(),
    });
    if (version === "1.1") expect(signed["issuanceDate"]).toEqual(expect.any(String));

    const response = await fetch(`${verifier.url}/api/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ verifiableCredential: signed, lang: "en" }),
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Doc;
    const failing = (report.result.checks as Doc[]).filter((c) => c.outcome === "fail");
    expect(failing, JSON.stringify(report.result.checks)).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.display[0].achievement.name).toBe("Data Literacy");

    // The same document with one word changed: Avala says altered, not valid.
    const tampered = structuredClone(signed) as Doc;
    tampered.credentialSubject.achievement.name = "Data Mastery";
    const bad = await fetch(`${verifier.url}/api/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ verifiableCredential: tampered, lang: "en" }),
    });
    expect(((await bad.json()) as Doc).verified).toBe(false);
  });
});
