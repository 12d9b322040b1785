import type { Credential, JsonObject, LanguageMap, VerificationResult } from "@avala/credentials";
import { AVALA_VOCAB, toDateTime, VC_V2_CONTEXT } from "@avala/credentials";

/**
 * The registry's own terms, as an inline context: any verifier that holds the published VC 2.0
 * context can process it offline (nothing to fetch, no private context URL). Inside an entry,
 * `name` is a language map (a property-scoped context may redefine a protected term).
 */
export const TRUST_REGISTRY_CONTEXT = Object.freeze({
  AvalaTrustRegistry: `${AVALA_VOCAB}AvalaTrustRegistry`,
  TrustRegistry: `${AVALA_VOCAB}TrustRegistry`,
  entry: {
    "@id": `${AVALA_VOCAB}registryEntry`,
    "@context": {
      name: { "@id": "https://schema.org/name", "@container": "@language" },
      role: `${AVALA_VOCAB}role`,
      accreditedBy: { "@id": `${AVALA_VOCAB}accreditedBy`, "@type": "@id" },
      kind: `${AVALA_VOCAB}kind`,
      mayAccredit: `${AVALA_VOCAB}mayAccredit`,
      validUntil: {
        "@id": `${AVALA_VOCAB}accreditedUntil`,
        "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
      },
    },
  },
});

/** One organisation the registry speaks of. */
export interface TrustRegistryEntry {
  /** The organisation's DID. */
  id: string;
  name: LanguageMap;
  /** An authority (SEP, CONOCER) is trusted as such; an accredited organisation through one. */
  role: "authority" | "accredited";
  /**
   * For `accredited`: who accredits it: an authority, or an organisation that an authority
   * accredited with the right to accredit others (`mayAccredit`).
   */
  accreditedBy?: string;
  /**
   * For `accredited`: the authority that accredited this organisation also granted it the right
   * to accredit others (a CONOCER certification body accrediting its assessment centres).
   * Being accredited does not by itself give that right.
   */
  mayAccredit?: boolean;
  /** E.g. `sep`, `conocer`, `certification-body`, `school`. */
  kind?: string;
  /** The end of the accreditation, if it has one. */
  validUntil?: string;
}

/**
 * The registry is itself a Verifiable Credential, signed by the deployment's operator with the
 * same Data Integrity proof as every credential, so one verifier checks both. Its own terms come
 * from an inline context (`TRUST_REGISTRY_CONTEXT`), so it verifies with published contexts only.
 */
export function buildTrustRegistryCredential(options: {
  url: string;
  operator: string;
  entries: TrustRegistryEntry[];
  validFrom: Date;
  validUntil?: Date;
}): Credential {
  const credential: Credential = {
    "@context": [VC_V2_CONTEXT, structuredClone(TRUST_REGISTRY_CONTEXT) as JsonObject],
    id: options.url,
    type: ["VerifiableCredential", "AvalaTrustRegistry"],
    issuer: options.operator,
    validFrom: toDateTime(options.validFrom),
    credentialSubject: {
      id: `${options.url}#registry`,
      type: "TrustRegistry",
      entry: options.entries.map((e) => ({ ...e, name: { ...e.name } })),
    },
  };
  if (options.validUntil) credential.validUntil = toDateTime(options.validUntil);
  return credential;
}

export type TrustRegistryLoad =
  | { ok: true; registry: TrustRegistry }
  | { ok: false; reason: string };

/** A verified registry, ready to answer "who vouches for this issuer?". */
export interface TrustRegistry {
  operator: string;
  entries: ReadonlyMap<string, TrustRegistryEntry>;
  /** The entry of an authority (SEP, CONOCER) that is current at `now` (always, when omitted). */
  authority(id: string, now?: Date): TrustRegistryEntry | undefined;
  /**
   * The registry's own entry for an organisation, if it is current at `now`: an authority, or
   * an organisation accredited by a current authority, or by a current organisation that an
   * authority accredited with the right to accredit (one step; the right is not passed on).
   */
  lookup(id: string, now: Date): TrustRegistryEntry | undefined;
  /**
   * Whether the registry entitles an organisation to accredit others at `now`: an authority,
   * or an organisation accredited by an authority with `mayAccredit`.
   */
  mayAccredit(id: string, now: Date): boolean;
}

function isEntry(value: unknown): value is TrustRegistryEntry {
  if (!value || typeof value !== "object") return false;
  const v = value as JsonObject;
  const name = v.name as JsonObject | undefined;
  return (
    typeof v.id === "string" &&
    (v.role === "authority" || v.role === "accredited") &&
    !!name &&
    typeof name.es === "string" &&
    (v.role === "authority" || typeof v.accreditedBy === "string") &&
    (v.mayAccredit === undefined || typeof v.mayAccredit === "boolean")
  );
}

/**
 * Verifies a registry credential (its proof, validity, and that the expected operator signed
 * it) and indexes its entries. The verification is passed in: the core's `verifyCredential`
 * with the deployment's document loader and clock.
 */
export async function loadTrustRegistry(
  document: unknown,
  options: {
    expectedOperator: string;
    verify: (document: unknown) => Promise<VerificationResult>;
  },
): Promise<TrustRegistryLoad> {
  const result = await options.verify(document);
  if (!result.verified || !result.document) {
    const failed = result.checks.find(
      (c) => c.outcome === "fail" || c.outcome === "could-not-check",
    );
    return { ok: false, reason: `registry does not verify: ${failed?.code ?? "invalid"}` };
  }
  const doc = result.document;
  const issuer = typeof doc.issuer === "string" ? doc.issuer : (doc.issuer as JsonObject)?.id;
  if (issuer !== options.expectedOperator) {
    return { ok: false, reason: "registry signed by an unexpected operator" };
  }
  const types = Array.isArray(doc.type) ? doc.type : [doc.type];
  if (!types.includes("AvalaTrustRegistry")) return { ok: false, reason: "not a trust registry" };
  const subject = doc.credentialSubject as JsonObject | undefined;
  const raw = subject?.entry;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const entries = new Map<string, TrustRegistryEntry>();
  for (const item of list) if (isEntry(item)) entries.set(item.id, item);
  const current = (id: string, now: Date) => {
    const entry = entries.get(id);
    if (!entry) return undefined;
    if (entry.validUntil && new Date(entry.validUntil).getTime() < now.getTime()) return undefined;
    return entry;
  };
  const authority = (id: string, now?: Date) => {
    const entry = now ? current(id, now) : entries.get(id);
    return entry?.role === "authority" ? entry : undefined;
  };
  /** Accredited directly by a current authority. */
  const accreditedByAuthority = (id: string, now: Date) => {
    const entry = current(id, now);
    if (entry?.role !== "accredited") return undefined;
    return authority(entry.accreditedBy ?? "", now) ? entry : undefined;
  };
  /** Entitled to accredit others: an authority, or granted the right by one. */
  const mayAccredit = (id: string, now: Date) =>
    !!authority(id, now) || accreditedByAuthority(id, now)?.mayAccredit === true;
  const lookup = (id: string, now: Date) => {
    const entry = current(id, now);
    if (!entry) return undefined;
    if (entry.role === "authority") return entry;
    const by = entry.accreditedBy ?? "";
    if (by === id) return undefined;
    return mayAccredit(by, now) ? entry : undefined;
  };
  return {
    ok: true,
    registry: {
      operator: issuer,
      entries,
      authority,
      lookup,
      mayAccredit,
    },
  };
}
