/**
 * Test kit (`@avala/verifier/testing`): a small world of real keys, real signatures and real
 * status lists, served over http by a node:http server bound to 127.0.0.1 only. Tests of the
 * verifier, the page and other services build their vectors with it; nothing here reaches any
 * other address.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  AchievementInput,
  Credential,
  Cryptosuite,
  JsonObject,
  SigningKey,
} from "@avala/credentials";
import {
  buildAchievementCredential,
  buildEndorsementCredential,
  generateSigningKey,
  publicKeyOf,
  signCredential,
} from "@avala/credentials";
import { buildDidDocument, didWebToUrl } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import { createGuardedFetch, type GuardedFetch } from "@avala/guarded-fetch";
import {
  buildStatusEntry,
  buildStatusListCredential,
  createBitstring,
  setBit,
} from "@avala/status-list";
import type { TrustRegistryEntry } from "@avala/trust-registry";
import { buildTrustRegistryCredential } from "@avala/trust-registry";
import QRCode from "qrcode";
import { createTrustRegistrySource } from "./trust-registry-source.js";
import type { VerifyOptions } from "./verify.js";

/**
 * A DNS lookup that refuses every name: the world only uses 127.0.0.1, so a test (or a mutated
 * credential naming some host) can never make the fetcher ask a resolver anything.
 */
export const refuseDns = async (hostname: string): Promise<never> => {
  throw new Error(`DNS is off in tests (${hostname})`);
};

export interface FixtureResponse {
  status?: number;
  contentType?: string;
  body: string | Uint8Array;
}

/** An http server on 127.0.0.1 serving documents from a map, with a log of requested paths. */
export interface FixtureServer {
  origin: string;
  /** `127.0.0.1:port`, for allow-lists. */
  host: string;
  serve(path: string, value: unknown, contentType?: string): string;
  remove(path: string): void;
  requests: string[];
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, FixtureResponse>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res
      .writeHead(route.status ?? 200, { "content-type": route.contentType ?? "application/json" })
      .end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    host: `127.0.0.1:${port}`,
    requests,
    serve(path, value, contentType) {
      const body =
        typeof value === "string" || value instanceof Uint8Array ? value : JSON.stringify(value);
      routes.set(path, { body, contentType: contentType ?? "application/json" });
      return `${origin}${path}`;
    },
    remove(path) {
      routes.delete(path);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface FixtureOrganisation {
  slug: string;
  did: string;
  key: SigningKey;
  name: { es: string; en: string };
}

export interface IssueOptions {
  issuer: FixtureOrganisation;
  kind?: "qualification" | "unit" | "microcredential";
  /** Default: a year before the world's clock. */
  validFrom?: Date;
  validUntil?: Date;
  /** Add a status entry (default true for did:web issuers). */
  status?: boolean;
  /**
   * The entry's purpose (default revocation). OB 3.0's schema allows one `credentialStatus`
   * object, so each credential has one entry; both purposes give an array (VC 2.0 allows it).
   */
  statusPurposes?: Array<"revocation" | "suspension">;
  /** Point the status entries at this list URL instead (e.g. one that is not served). */
  statusListUrl?: string;
  endorsements?: Credential[];
  /** Sign with another key than the issuer's. */
  signWith?: SigningKey;
  cryptosuite?: Cryptosuite;
  /** The holder's DID; default: a hashed CURP. */
  holderDid?: string;
}

export interface EndorseOptions {
  validUntil?: Date;
  /** Endorsements to embed in the endorser's profile. */
  endorsements?: Credential[];
  /** Grant the subject the right to accredit others. */
  mayAccredit?: boolean;
  /** Give the endorsement a revocation entry on the endorser's list, at this index. */
  statusIndex?: number;
}

export interface IssuedCredential {
  credential: Credential;
  /** The status list index, when the credential has status entries. */
  statusIndex?: number;
}

export interface FixtureWorld {
  server: FixtureServer;
  now: Date;
  /** Offline loader for signing. */
  documentLoader: DocumentLoader;
  operator: SigningKey;
  sep: FixtureOrganisation;
  conocer: FixtureOrganisation;
  /** Accredited by CONOCER in the registry, with the right to accredit others. */
  ece: FixtureOrganisation;
  /** Accredited by CONOCER in the registry, without the right to accredit others. */
  centre: FixtureOrganisation;
  /** Not in the registry; SEP endorses it (`endorse(sep, entidad)`). */
  entidad: FixtureOrganisation;
  /** A did:key issuer nobody vouches for. */
  stranger: FixtureOrganisation;
  registryUrl: string;
  registry: Credential;
  organisation(slug: string, name: { es: string; en: string }): Promise<FixtureOrganisation>;
  issue(options: IssueOptions): Promise<IssuedCredential>;
  endorse(
    endorser: FixtureOrganisation,
    subject: FixtureOrganisation,
    options?: EndorseOptions,
  ): Promise<Credential>;
  setStatus(
    issuer: FixtureOrganisation,
    purpose: "revocation" | "suspension",
    index: number,
    value: boolean,
  ): Promise<void>;
  guardedFetch(): GuardedFetch;
  /** Options for `verify` in this world: guarded fetcher, http for the fixture host, clock, registry. */
  verifyOptions(extra?: Partial<VerifyOptions>): VerifyOptions;
}

export const sampleAchievements: Record<
  "qualification" | "unit" | "microcredential",
  AchievementInput
> = {
  qualification: {
    id: "https://avala.example/catalogo/EC0217.01",
    kind: "qualification",
    code: "EC0217.01",
    name: {
      es: "Impartición de cursos de formación del capital humano de manera presencial grupal",
      en: "Delivering face-to-face group training courses",
    },
    description: {
      es: "Prepara, conduce y evalúa cursos de formación presenciales.",
      en: "Prepares, delivers and evaluates face-to-face training courses.",
    },
    criteria: {
      es: "Evaluación por una entidad de certificación acreditada.",
      en: "Assessed by an accredited certification body.",
    },
    level: 3,
    units: [
      {
        code: "U-EC0217.01-1",
        name: { es: "Preparar la sesión de formación", en: "Prepare the training session" },
      },
      {
        code: "U-EC0217.01-2",
        name: { es: "Conducir la sesión de formación", en: "Deliver the training session" },
      },
      {
        code: "U-EC0217.01-3",
        name: { es: "Evaluar el aprendizaje", en: "Assess the learning" },
      },
    ],
  },
  unit: {
    id: "https://avala.example/catalogo/EC0217.01/U-EC0217.01-2",
    kind: "unit",
    code: "U-EC0217.01-2",
    name: { es: "Conducir la sesión de formación", en: "Deliver the training session" },
    description: { es: "Conduce sesiones de formación.", en: "Delivers training sessions." },
    criteria: { es: "Evaluación en situación real.", en: "Assessed in a real setting." },
    level: 3,
    standard: {
      code: "EC0217.01",
      name: { es: "Impartición de cursos de formación del capital humano" },
    },
  },
  microcredential: {
    id: "https://avala.example/catalogo/sep-ciber-101",
    kind: "microcredential",
    code: "SEP-CIBER-101",
    name: { es: "Fundamentos de ciberseguridad", en: "Cybersecurity fundamentals" },
    description: { es: "Curso de 40 horas.", en: "A 40-hour course." },
    criteria: { es: "Aprobar el examen final.", en: "Pass the final exam." },
  },
};

const YEAR = 365 * 24 * 3600 * 1000;

/**
 * Builds a world: a fixture server, an operator (did:key) that signs the trust registry, SEP
 * and CONOCER as authorities (did:web), an ECE accredited by CONOCER in the registry, an
 * "Entidad" that only an endorsement vouches for, and a did:key stranger.
 */
export async function createFixtureWorld(options: { now?: Date } = {}): Promise<FixtureWorld> {
  const now = options.now ?? new Date("2026-06-01T12:00:00Z");
  const server = await startFixtureServer();
  const documentLoader = createDocumentLoader();
  const hostPart = server.host.replace(":", "%3A");
  const lists = new Map<string, { bits: Uint8Array }>();
  let counter = 0;

  function statusUrl(slug: string, purpose: "revocation" | "suspension") {
    return `${server.origin}/status/${slug}/${purpose}`;
  }

  async function publishList(org: FixtureOrganisation, purpose: "revocation" | "suspension") {
    const state = lists.get(`${org.slug}/${purpose}`)!;
    const url = statusUrl(org.slug, purpose);
    const list = buildStatusListCredential({
      url,
      issuer: org.did,
      statusPurpose: purpose,
      bits: state.bits,
      validFrom: new Date(now.getTime() - YEAR),
    });
    server.serve(
      `/status/${org.slug}/${purpose}`,
      await signCredential(list, { key: org.key, documentLoader }),
    );
  }

  async function organisation(slug: string, name: { es: string; en: string }) {
    const did = `did:web:${hostPart}:issuers:${slug}`;
    const key = await generateSigningKey({ controller: did, keyId: `${did}#key-1` });
    const doc = buildDidDocument({ id: did, verificationMethods: [publicKeyOf(key)] });
    server.serve(new URL(didWebToUrl(did, { scheme: "http" })).pathname, doc);
    const org: FixtureOrganisation = { slug, did, key, name };
    for (const purpose of ["revocation", "suspension"] as const) {
      lists.set(`${slug}/${purpose}`, { bits: createBitstring() });
      await publishList(org, purpose);
    }
    return org;
  }

  const operator = await generateSigningKey();
  const sep = await organisation("sep", {
    es: "Secretaría de Educación Pública",
    en: "Ministry of Public Education (SEP)",
  });
  const conocer = await organisation("conocer", {
    es: "CONOCER",
    en: "CONOCER (National Council for Standardisation and Certification of Competences)",
  });
  const ece = await organisation("ece-capacita", {
    es: "Capacita ECE, S.C.",
    en: "Capacita ECE",
  });
  const centre = await organisation("centro-sur", {
    es: "Centro Evaluador Sur",
    en: "South Assessment Centre",
  });
  const entidad = await organisation("cecati-17", { es: "CECATI 17", en: "CECATI 17" });
  const strangerKey = await generateSigningKey();
  const stranger: FixtureOrganisation = {
    slug: "stranger",
    did: strangerKey.controller,
    key: strangerKey,
    name: { es: "Instituto Desconocido", en: "Unknown Institute" },
  };

  const entries: TrustRegistryEntry[] = [
    { id: sep.did, name: sep.name, role: "authority", kind: "sep" },
    { id: conocer.did, name: { es: "CONOCER", en: "CONOCER" }, role: "authority", kind: "conocer" },
    {
      id: ece.did,
      name: ece.name,
      role: "accredited",
      accreditedBy: conocer.did,
      kind: "certification-body",
      mayAccredit: true,
    },
    {
      id: centre.did,
      name: centre.name,
      role: "accredited",
      accreditedBy: conocer.did,
      kind: "assessment-centre",
    },
  ];
  const registryUrl = `${server.origin}/trust-registry.json`;
  const registry = await signCredential(
    buildTrustRegistryCredential({
      url: registryUrl,
      operator: operator.controller,
      entries,
      validFrom: new Date(now.getTime() - YEAR),
    }),
    { key: operator, documentLoader },
  );
  server.serve("/trust-registry.json", registry);

  function profile(org: FixtureOrganisation) {
    return { id: org.did, name: org.name };
  }

  async function endorse(
    endorser: FixtureOrganisation,
    subject: FixtureOrganisation,
    extra: EndorseOptions = {},
  ) {
    const endorsement = buildEndorsementCredential({
      id: `urn:uuid:00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`,
      issuer: profile(endorser),
      subjectId: subject.did,
      comment: {
        es: `${subject.name.es} está acreditada por ${endorser.name.es}`,
        en: `${subject.name.en} is accredited by ${endorser.name.en}`,
      },
      validFrom: new Date(now.getTime() - YEAR),
      ...(extra.validUntil ? { validUntil: extra.validUntil } : {}),
      ...(extra.mayAccredit ? { mayAccredit: true } : {}),
      ...(extra.statusIndex !== undefined
        ? {
            credentialStatus: buildStatusEntry({
              listCredentialUrl: statusUrl(endorser.slug, "revocation"),
              index: extra.statusIndex,
              statusPurpose: "revocation",
            }),
          }
        : {}),
    });
    if (extra.endorsements?.length) {
      (endorsement.issuer as JsonObject).endorsement = extra.endorsements;
    }
    return signCredential(endorsement, { key: endorser.key, documentLoader });
  }

  async function issue(o: IssueOptions): Promise<IssuedCredential> {
    const withStatus = o.status ?? o.issuer.did.startsWith("did:web:");
    const kind = o.kind ?? "qualification";
    let statusIndex: number | undefined;
    let credentialStatus: JsonObject | JsonObject[] | undefined;
    if (withStatus) {
      statusIndex = ++counter;
      const entries = (o.statusPurposes ?? ["revocation"]).map((purpose) =>
        buildStatusEntry({
          listCredentialUrl: o.statusListUrl ?? statusUrl(o.issuer.slug, purpose),
          index: statusIndex!,
          statusPurpose: purpose,
        }),
      );
      credentialStatus = entries.length === 1 ? entries[0]! : entries;
    }
    const credential = buildAchievementCredential({
      id: `urn:uuid:10000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`,
      issuer: profile(o.issuer),
      achievement: sampleAchievements[kind],
      subject: o.holderDid
        ? { did: o.holderDid }
        : { identifiers: [{ kind: "curp", value: "GOML850101HDFRPR09", salt: "sal-de-prueba" }] },
      validFrom: o.validFrom ?? new Date(now.getTime() - YEAR),
      ...(o.validUntil ? { validUntil: o.validUntil } : {}),
      ...(credentialStatus ? { credentialStatus } : {}),
    });
    if (o.endorsements?.length) (credential.issuer as JsonObject).endorsement = o.endorsements;
    const signed = await signCredential(credential, {
      key: o.signWith ?? o.issuer.key,
      documentLoader,
      ...(o.cryptosuite ? { cryptosuite: o.cryptosuite } : {}),
    });
    return statusIndex === undefined ? { credential: signed } : { credential: signed, statusIndex };
  }

  async function setStatus(
    org: FixtureOrganisation,
    purpose: "revocation" | "suspension",
    index: number,
    value: boolean,
  ) {
    const state = lists.get(`${org.slug}/${purpose}`);
    if (!state) throw new Error(`${org.slug} has no ${purpose} list`);
    setBit(state.bits, index, value);
    await publishList(org, purpose);
  }

  function guardedFetch() {
    return createGuardedFetch({ allowHosts: [server.host], timeoutMs: 3000, lookup: refuseDns });
  }

  function verifyOptions(extra: Partial<VerifyOptions> = {}): VerifyOptions {
    const fetcher = guardedFetch();
    const verifyLoader = createDocumentLoader();
    return {
      guardedFetch: fetcher,
      webScheme: (host) => (host === server.host ? "http" : "https"),
      now,
      trustRegistry: createTrustRegistrySource({
        location: registryUrl,
        operator: operator.controller,
        documentLoader: verifyLoader,
        guardedFetch: fetcher,
        now: () => now,
      }),
      ...extra,
    };
  }

  return {
    server,
    now,
    documentLoader,
    operator,
    sep,
    conocer,
    ece,
    centre,
    entidad,
    stranger,
    registryUrl,
    registry,
    organisation,
    issue,
    endorse,
    setStatus,
    guardedFetch,
    verifyOptions,
  };
}

/** A PNG image (a QR code of `text`) to bake credentials into. */
export async function samplePng(text = "https://avala.example"): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { type: "png", margin: 2, scale: 4 }));
}

/** An SVG image (a QR code of `text`) to bake credentials into. */
export async function sampleSvg(text = "https://avala.example"): Promise<string> {
  return QRCode.toString(text, { type: "svg", margin: 2 });
}

export type { GenericFixtures } from "./generic/fixture-credentials.js";
export { createGenericFixtures } from "./generic/fixture-credentials.js";
export type { Ob2Site } from "./ob2/fixture-site.js";
export { createOb2Site } from "./ob2/fixture-site.js";
