import type { Check, JsonObject, LanguageMap, VerificationResult } from "@avala/credentials";
import type { MessageKey } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { TrustRegistry, TrustRegistryEntry, TrustRegistryLoad } from "@avala/trust-registry";

/** An organisation as the trust result names it. */
export interface TrustParty {
  id: string;
  name: LanguageMap;
}

/** One link of a chain: `authority` vouches for `subject`, by the registry or an endorsement. */
export interface TrustLink {
  authority: TrustParty;
  subject: TrustParty;
  source: "registry" | "endorsement";
  /** The id of the EndorsementCredential that made this link, when it came from one. */
  endorsementId?: string;
}

/**
 * Who vouches for a credential's issuer:
 * - `authority`: the issuer is itself an authority in the registry (SEP, CONOCER);
 * - `accredited`: a chain of verified links leads from an authority to the issuer (`chain`,
 *   authority first);
 * - `unknown`: neither; a warning, not a failure;
 * - `not-checked`: no registry configured, or it could not be loaded.
 */
export interface TrustOutcome {
  status: "authority" | "accredited" | "unknown" | "not-checked";
  issuer: TrustParty;
  chain: TrustLink[];
  check: Check;
}

/** Where the verifier gets the registry: a loaded one, or a source that (re)loads it. */
export type TrustRegistrySource = () => Promise<TrustRegistryLoad>;
export type TrustRegistryOption = TrustRegistry | TrustRegistrySource;

export interface TrustLimits {
  /** Longest chain of endorsements followed from the issuer. Default 3. */
  maxEndorsementDepth?: number;
  /** Most endorsement credentials verified for one credential, all levels together. Default 12. */
  maxEndorsements?: number;
}

export interface TrustEnvironment extends TrustLimits {
  registry: TrustRegistryLoad | undefined;
  now: Date;
  /** Verifies one embedded endorsement (proof, issuer, validity, status). */
  verifyEndorsement: (endorsement: unknown) => Promise<VerificationResult>;
}

const MAX_NAME = 200;

function clip(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

function issuerIdOf(document: JsonObject): string | undefined {
  const issuer = document.issuer;
  if (typeof issuer === "string") return issuer;
  if (issuer && typeof issuer === "object" && typeof (issuer as JsonObject).id === "string") {
    return (issuer as JsonObject).id as string;
  }
  return undefined;
}

function issuerProfile(document: JsonObject): JsonObject | undefined {
  const issuer = document.issuer;
  return issuer && typeof issuer === "object" && !Array.isArray(issuer)
    ? (issuer as JsonObject)
    : undefined;
}

/** The name an issuer gives itself in a verified credential (its localizedName, else name). */
export function profileName(profile: JsonObject | undefined, fallback: string): LanguageMap {
  const localized = profile?.localizedName;
  if (localized && typeof localized === "object" && !Array.isArray(localized)) {
    const { es, en } = localized as Record<string, unknown>;
    if (typeof es === "string" && es) {
      return typeof en === "string" && en ? { es: clip(es), en: clip(en) } : { es: clip(es) };
    }
  }
  const name = profile?.name;
  if (typeof name === "string" && name) return { es: clip(name) };
  return { es: clip(fallback) };
}

function nameIn(name: LanguageMap, locale: "es" | "en"): string {
  return locale === "en" ? (name.en ?? name.es) : name.es;
}

function typesOf(document: JsonObject): unknown[] {
  return Array.isArray(document.type) ? document.type : [document.type];
}

/**
 * An endorsement counts only when everything about it checks out: its proof and issuer, its
 * validity window, and its status (a status that could not be read does not count). The schema
 * check may only warn.
 */
function endorsementCounts(result: VerificationResult): boolean {
  if (!result.document) return false;
  return result.checks.every(
    (c) => c.outcome === "pass" || (c.check === "schema" && c.outcome === "warning"),
  );
}

/** A trust check whose message differs by language (organisation names are per language). */
function trustCheck(
  outcome: Check["outcome"],
  code: MessageKey,
  params: { es: Record<string, string | number>; en: Record<string, string | number> },
): Check {
  const check: Check = {
    check: "trust",
    outcome,
    code,
    message: { es: sentence(t(code, "es", params.es)), en: sentence(t(code, "en", params.en)) },
  };
  if (Object.keys(params.es).length > 0) check.params = params.es;
  return check;
}

/** One full stop at the end, when a name already ends with one ("… Capacita ECE, S.C."). */
function sentence(text: string): string {
  return text.replace(/\.\.$/, ".");
}

function endorsementsOf(profile: JsonObject | undefined): unknown[] {
  const raw = profile?.endorsement;
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

interface SearchState {
  remaining: number;
  examined: number;
}

/** A party as the registry names it, else as its own (verified) profile does. */
function partyOf(id: string, profile: JsonObject | undefined, registry: TrustRegistry): TrustParty {
  const registered = registry.entries.get(id);
  return { id, name: registered ? { ...registered.name } : profileName(profile, id) };
}

function registryParty(entry: TrustRegistryEntry): TrustParty {
  return { id: entry.id, name: { ...entry.name } };
}

/**
 * The registry's chain to an organisation it lists as current: `[]` for an authority, one
 * link for one accredited by an authority, two for one accredited by an organisation that an
 * authority gave the right to accredit.
 */
function registryChain(
  party: TrustParty,
  registry: TrustRegistry,
  now: Date,
): TrustLink[] | undefined {
  const entry = registry.lookup(party.id, now);
  if (!entry) return undefined;
  if (entry.role === "authority") return [];
  const accreditor = registry.entries.get(entry.accreditedBy ?? "");
  if (!accreditor) return undefined;
  const link: TrustLink = {
    authority: registryParty(accreditor),
    subject: party,
    source: "registry",
  };
  if (accreditor.role === "authority") return [link];
  const upstream = registryChain(registryParty(accreditor), registry, now);
  return upstream ? [...upstream, link] : undefined;
}

/**
 * The verified endorsements embedded in a profile that are about `subject`: each one's proof,
 * issuer, validity and status hold (see `endorsementCounts`), it is an EndorsementCredential, its
 * subject is `subject`, and its signer is neither `subject` nor already on the path.
 */
async function* verifiedEndorsementsOf(
  subject: TrustParty,
  endorsements: unknown[],
  path: ReadonlySet<string>,
  env: TrustEnvironment,
  state: SearchState,
): AsyncGenerator<{ doc: JsonObject; endorserId: string }> {
  for (const endorsement of endorsements) {
    if (state.remaining <= 0) return;
    if (!endorsement || typeof endorsement !== "object" || Array.isArray(endorsement)) continue;
    state.remaining--;
    state.examined++;
    let result: VerificationResult;
    try {
      result = await env.verifyEndorsement(endorsement);
    } catch {
      continue;
    }
    if (!endorsementCounts(result)) continue;
    const doc = result.document!;
    if (!typesOf(doc).includes("EndorsementCredential")) continue;
    const claim = doc.credentialSubject;
    if (!claim || typeof claim !== "object" || (claim as JsonObject).id !== subject.id) continue;
    const endorserId = issuerIdOf(doc);
    if (!endorserId || endorserId === subject.id || path.has(endorserId)) continue;
    yield { doc, endorserId };
  }
}

/** Whether an endorsement explicitly grants its subject the right to accredit others. */
function grantsRightToAccredit(doc: JsonObject): boolean {
  const claim = doc.credentialSubject as JsonObject;
  return claim.mayAccredit === true;
}

/**
 * The chain that entitles `party` to accredit others, if any: an authority of the registry
 * (`[]`); an organisation the registry lists as accredited by an authority with the right to
 * accredit; or one that holds, in its own profile, a verified endorsement by such an authority
 * that explicitly grants the right (`mayAccredit`). Being accredited does not by itself give
 * the right, and the right is granted only by an authority, so it is never passed on.
 */
async function entitlementToAccredit(
  party: TrustParty,
  profile: JsonObject | undefined,
  depth: number,
  path: ReadonlySet<string>,
  registry: TrustRegistry,
  env: TrustEnvironment,
  state: SearchState,
): Promise<TrustLink[] | undefined> {
  if (registry.authority(party.id, env.now)) return [];
  if (registry.mayAccredit(party.id, env.now)) return registryChain(party, registry, env.now);
  if (depth < 1) return undefined;
  for await (const { doc, endorserId } of verifiedEndorsementsOf(
    party,
    endorsementsOf(profile),
    path,
    env,
    state,
  )) {
    const authority = registry.authority(endorserId, env.now);
    if (!authority || !grantsRightToAccredit(doc)) continue;
    const link: TrustLink = {
      authority: registryParty(authority),
      subject: party,
      source: "endorsement",
    };
    if (typeof doc.id === "string") link.endorsementId = doc.id;
    return [link];
  }
  return undefined;
}

/**
 * Looks for a chain from an authority to `subject` through the endorsements its profile
 * embeds. Each endorsement is verified on its own and must be about `subject`; it counts only
 * when its signer is entitled to accredit at that point (`entitlementToAccredit`). At most
 * `depth` endorsements are followed along one chain, and a DID already on the path is a cycle
 * and is skipped.
 */
async function searchEndorsements(
  subject: TrustParty,
  endorsements: unknown[],
  depth: number,
  path: ReadonlySet<string>,
  registry: TrustRegistry,
  env: TrustEnvironment,
  state: SearchState,
): Promise<TrustLink[] | undefined> {
  if (depth < 1) return undefined;
  for await (const { doc, endorserId } of verifiedEndorsementsOf(
    subject,
    endorsements,
    path,
    env,
    state,
  )) {
    const endorserProfile = issuerProfile(doc);
    const endorser = partyOf(endorserId, endorserProfile, registry);
    const upstream = await entitlementToAccredit(
      endorser,
      endorserProfile,
      depth - 1,
      new Set([...path, endorserId]),
      registry,
      env,
      state,
    );
    if (!upstream) continue;
    const link: TrustLink = { authority: endorser, subject, source: "endorsement" };
    if (typeof doc.id === "string") link.endorsementId = doc.id;
    return [...upstream, link];
  }
  return undefined;
}

/** Names the chain in a check: one link is `trust.accredited`, longer ones `trust.accredited-via`. */
function chainCheck(chain: TrustLink[], issuer: TrustParty): Check {
  const top = chain[0]!.authority;
  const middle = chain.slice(1).map((l) => l.authority);
  if (middle.length === 0) {
    return trustCheck("pass", "trust.accredited", {
      es: { authority: nameIn(top.name, "es"), issuer: nameIn(issuer.name, "es") },
      en: { authority: nameIn(top.name, "en"), issuer: nameIn(issuer.name, "en") },
    });
  }
  return trustCheck("pass", "trust.accredited-via", {
    es: {
      authority: nameIn(top.name, "es"),
      intermediary: middle.map((p) => nameIn(p.name, "es")).join(", que acredita a "),
      issuer: nameIn(issuer.name, "es"),
    },
    en: {
      authority: nameIn(top.name, "en"),
      intermediary: middle.map((p) => nameIn(p.name, "en")).join(", which accredits "),
      issuer: nameIn(issuer.name, "en"),
    },
  });
}

/**
 * Decides who vouches for the issuer of a credential whose proof and issuer binding have
 * already passed: the registry first (authority, or accredited by one), then the endorsements
 * embedded in the issuer's profile, each verified. Never throws.
 */
export async function evaluateTrust(
  document: JsonObject,
  env: TrustEnvironment,
): Promise<TrustOutcome> {
  const issuerId = issuerIdOf(document) ?? "?";
  const profile = issuerProfile(document);
  const registry = env.registry;
  const registered = registry?.ok ? registry.registry.entries.get(issuerId) : undefined;
  const issuer: TrustParty = {
    id: issuerId,
    name: registered ? { ...registered.name } : profileName(profile, issuerId),
  };
  if (!registry) {
    return {
      status: "not-checked",
      issuer,
      chain: [],
      check: trustCheck("could-not-check", "trust.not-checked", { es: {}, en: {} }),
    };
  }
  if (!registry.ok) {
    const reason = clip(registry.reason);
    return {
      status: "not-checked",
      issuer,
      chain: [],
      check: trustCheck("could-not-check", "trust.registry-unavailable", {
        es: { reason },
        en: { reason },
      }),
    };
  }
  const trusted = registry.registry;
  const listed = registryChain(issuer, trusted, env.now);
  if (listed && listed.length === 0) {
    return {
      status: "authority",
      issuer,
      chain: [],
      check: trustCheck("pass", "trust.authority", {
        es: { issuer: nameIn(issuer.name, "es") },
        en: { issuer: nameIn(issuer.name, "en") },
      }),
    };
  }
  if (listed) {
    return { status: "accredited", issuer, chain: listed, check: chainCheck(listed, issuer) };
  }
  const endorsements = endorsementsOf(profile);
  const state: SearchState = { remaining: env.maxEndorsements ?? 12, examined: 0 };
  const chain = await searchEndorsements(
    issuer,
    endorsements,
    env.maxEndorsementDepth ?? 3,
    new Set([issuerId]),
    trusted,
    env,
    state,
  );
  if (chain) return { status: "accredited", issuer, chain, check: chainCheck(chain, issuer) };
  const check =
    endorsements.length > 0
      ? trustCheck("warning", "trust.unknown-issuer-endorsed", {
          es: { count: endorsements.length },
          en: { count: endorsements.length },
        })
      : trustCheck("warning", "trust.unknown-issuer", { es: {}, en: {} });
  return { status: "unknown", issuer, chain: [], check };
}

/** Resolves the registry option once per verification. */
export async function resolveRegistry(
  option: TrustRegistryOption | undefined,
): Promise<TrustRegistryLoad | undefined> {
  if (!option) return undefined;
  if (typeof option !== "function") return { ok: true, registry: option };
  try {
    return await option();
  } catch (error) {
    return { ok: false, reason: String((error as Error)?.message ?? error).slice(0, 200) };
  }
}
