import { randomBytes } from "node:crypto";
import type { Check, Credential, JsonObject } from "@avala/credentials";
import {
  achievementTexts,
  type Cryptosuite,
  signCredential,
  verifyPresentation,
} from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import { constantTimeEquals } from "../crypto/tokens.js";
import {
  type ClaimOfferRow,
  deleteStaleChallenges,
  findLiveChallenge,
  findOffer,
  insertChallenge,
  insertOffer,
  markOfferClaimed,
  useChallenge,
} from "../db/repositories/claims.js";
import {
  type CredentialRow,
  findCredentialById,
  updateCredentialDocument,
} from "../db/repositories/credentials.js";
import { findOrganisationById, type OrganisationRow } from "../db/repositories/organisations.js";
import type { IssuerTables } from "../db/schema.js";
import { compactIdOf, signCompactCredential } from "./compact-edition.js";

type Db = Kysely<IssuerTables>;

/** Creates a claim offer for a credential, valid for the configured number of days. */
export async function createOffer(
  ctx: IssuerContext,
  db: Db,
  credential: CredentialRow,
): Promise<ClaimOfferRow> {
  const now = ctx.now();
  const expires = new Date(now.getTime() + ctx.config.limits.claimOfferDays * 86_400_000);
  return insertOffer(db, {
    offer_id: randomBytes(16).toString("base64url"),
    credential_id: credential.id,
    organisation_id: credential.organisation_id,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    claimed_at: null,
    holder_did: null,
  });
}

/** The claim URL's token: the offer id and its HMAC (the database alone cannot forge one). */
export function claimToken(ctx: IssuerContext, offerId: string): string {
  return `${offerId}.${ctx.secrets.claimMac(offerId)}`;
}

export function claimUrl(ctx: IssuerContext, offerId: string): string {
  return `${ctx.config.publicUrl}/claims/${claimToken(ctx, offerId)}`;
}

/** The offer id inside a token whose MAC checks out, else undefined. */
export function offerIdOfToken(ctx: IssuerContext, token: string): string | undefined {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const [, offerId = "", mac = ""] = match;
  return constantTimeEquals(mac, ctx.secrets.claimMac(offerId)) ? offerId : undefined;
}

export interface LoadedOffer {
  offer: ClaimOfferRow;
  credential: CredentialRow;
  organisation: OrganisationRow;
  document: Credential;
  state: "open" | "claimed" | "expired" | "revoked";
}

/** The offer behind a claim token with its credential, or undefined for an unknown token. */
export async function loadOffer(
  ctx: IssuerContext,
  token: string,
): Promise<LoadedOffer | undefined> {
  const offerId = offerIdOfToken(ctx, token);
  if (!offerId) return undefined;
  const offer = await findOffer(ctx.db, offerId);
  if (!offer) return undefined;
  const credential = await findCredentialById(ctx.db, offer.credential_id);
  const organisation = await findOrganisationById(ctx.db, offer.organisation_id);
  if (!credential || !organisation) return undefined;
  const state =
    offer.claimed_at !== null
      ? "claimed"
      : credential.status === "revoked"
        ? "revoked"
        : offer.expires_at <= ctx.now().toISOString()
          ? "expired"
          : "open";
  return {
    offer,
    credential,
    organisation,
    document: parseJsonText(credential.credential) as Credential,
    state,
  };
}

function localizedOf(value: unknown): { es: string; en?: string } | undefined {
  if (!value || typeof value !== "object") return undefined;
  const map = value as Record<string, unknown>;
  if (typeof map["es"] !== "string") return undefined;
  return typeof map["en"] === "string" ? { es: map["es"], en: map["en"] } : { es: map["es"] };
}

/** The achievement's name in Spanish and, from its English edition, in English. */
function achievementNames(achievement: JsonObject, fallback: string): { es: string; en?: string } {
  const es = achievementTexts(achievement, "es").name ?? fallback;
  const en = achievementTexts(achievement, "en").name;
  return en && en !== es ? { es, en } : { es };
}

/**
 * What the offer shows: who issues what, until when. The issuer's names come from the
 * organisation's records (a Profile carries one official name; older credentials also carried
 * `localizedName`).
 */
export function offerSummary(loaded: LoadedOffer) {
  const issuer = loaded.document.issuer;
  const profile = typeof issuer === "string" ? { id: issuer } : (issuer as JsonObject);
  const subject = loaded.document.credentialSubject as JsonObject;
  const achievement = (subject?.["achievement"] ?? {}) as JsonObject;
  const issuerName =
    typeof profile["name"] === "string" ? (profile["name"] as string) : loaded.organisation.name_es;
  const achievementName =
    typeof achievement["name"] === "string"
      ? (achievement["name"] as string)
      : typeof loaded.document.name === "string"
        ? loaded.document.name
        : "";
  return {
    issuer: {
      id: String(profile["id"] ?? loaded.organisation.did),
      name: issuerName,
      localizedName: localizedOf(profile["localizedName"]) ?? {
        es: loaded.organisation.name_es,
        ...(loaded.organisation.name_en ? { en: loaded.organisation.name_en } : {}),
      },
    },
    achievement: {
      name: achievementName,
      code: typeof achievement["humanCode"] === "string" ? achievement["humanCode"] : null,
      localizedName: achievementNames(achievement, achievementName),
    },
    expiresAt: loaded.offer.expires_at,
    // Whom the offer is for, as the issuer recorded it, so the wallet can warn a person about to
    // save someone else's credential. Only whoever holds the claim link (sent to that e-mail) sees it.
    recipient: {
      name: loaded.credential.learner_name,
      email: loaded.credential.learner_email,
    },
  };
}

/** A fresh single-use challenge bound to the offer, for the wallet's DID authentication. */
export async function issueChallenge(ctx: IssuerContext, offer: ClaimOfferRow): Promise<string> {
  const now = ctx.now();
  // Now and then, drop the challenges nobody can use any more (expired or used).
  if (Math.random() < 0.01) await deleteStaleChallenges(ctx.db, now.toISOString());
  const challenge = randomBytes(24).toString("base64url");
  await insertChallenge(ctx.db, {
    challenge,
    offer_id: offer.id,
    created_at: now.toISOString(),
    expires_at: new Date(
      now.getTime() + ctx.config.limits.claimChallengeSeconds * 1000,
    ).toISOString(),
  });
  return challenge;
}

export type ClaimOutcome =
  | { ok: true; credential: Credential; compactCredential: Credential | null }
  | { ok: false; status: 404 | 409 | 410; code: ClaimRefusal; params?: Record<string, string> }
  | {
      ok: false;
      status: 422;
      code: PresentationRefusal;
      params?: Record<string, string>;
      checks?: Check[];
    };

type ClaimRefusal =
  | "issuer.claim.not-found"
  | "issuer.claim.claimed"
  | "issuer.claim.expired"
  | "issuer.claim.revoked";
type PresentationRefusal =
  | "issuer.claim.challenge"
  | "issuer.claim.presentation-invalid"
  | "issuer.claim.holder-not-did-key"
  | "issuer.claim.subject-bound"
  | "issuer.claim.not-offerable";

/** The refusal for an offer that is not open, or undefined when it is. */
export function refusalOf(
  loaded: LoadedOffer,
): Extract<ClaimOutcome, { status: 404 | 409 | 410 }> | undefined {
  switch (loaded.state) {
    case "claimed":
      return { ok: false, status: 409, code: "issuer.claim.claimed" };
    case "revoked":
      return { ok: false, status: 409, code: "issuer.claim.revoked" };
    case "expired":
      return {
        ok: false,
        status: 410,
        code: "issuer.claim.expired",
        params: { date: loaded.offer.expires_at.slice(0, 10) },
      };
    default:
      return undefined;
  }
}

function challengeOf(presentation: JsonObject): string | undefined {
  const proof = presentation["proof"];
  const proofs = Array.isArray(proof) ? proof : [proof];
  for (const p of proofs) {
    if (p && typeof p === "object" && typeof (p as JsonObject)["challenge"] === "string") {
      return (p as JsonObject)["challenge"] as string;
    }
  }
  return undefined;
}

class ClaimAborted extends Error {
  constructor(readonly outcome: ClaimOutcome | undefined) {
    super("claim aborted");
  }
}

/**
 * Binds an offered credential to the wallet that proves control of a did:key: verifies the
 * presentation (challenge issued for this offer, the issuer's domain, the holder's signature),
 * re-signs the credential with `credentialSubject.id` = the holder (same id, same status entry)
 * and marks the offer claimed, once.
 */
export async function claimOffer(
  ctx: IssuerContext,
  token: string,
  presentation: JsonObject,
): Promise<ClaimOutcome> {
  const loaded = await loadOffer(ctx, token);
  if (!loaded) return { ok: false, status: 404, code: "issuer.claim.not-found" };
  const refusal = refusalOf(loaded);
  if (refusal) return refusal;

  const challenge = challengeOf(presentation);
  if (!challenge) {
    return {
      ok: false,
      status: 422,
      code: "issuer.claim.presentation-invalid",
      params: { reason: "the proof carries no challenge" },
    };
  }
  const live = await findLiveChallenge(ctx.db, challenge, loaded.offer.id, ctx.now().toISOString());
  if (!live) return { ok: false, status: 422, code: "issuer.claim.challenge" };
  const holder = presentation["holder"];
  if (typeof holder !== "string" || !holder.startsWith("did:key:")) {
    return { ok: false, status: 422, code: "issuer.claim.holder-not-did-key" };
  }
  const verification = await verifyPresentation(presentation, {
    documentLoader: ctx.documentLoader,
    challenge,
    domain: ctx.config.publicUrl,
    now: ctx.now,
  });
  const signedByHolder = verification.checks.some((c) => c.code === "presentation.proof-valid");
  if (verification.verdict === "invalid" || !signedByHolder) {
    const failed = verification.checks.filter((c) => c.outcome !== "pass");
    return {
      ok: false,
      status: 422,
      code: "issuer.claim.presentation-invalid",
      params: { reason: failed.map((c) => c.code).join(", ") || "invalid" },
      checks: failed,
    };
  }

  return bindOfferToHolder(ctx, loaded, holder, async (trx, now) =>
    (await useChallenge(trx, challenge, loaded.offer.id, now))
      ? undefined
      : { ok: false, status: 422, code: "issuer.claim.challenge" },
  );
}

/**
 * The one claim path of every protocol (Avala's DID authentication, OpenID4VCI): re-signs the
 * offered credential with `credentialSubject.id` = the proven holder DID (same id, same status
 * entry), and its compact QR edition, then in one transaction runs `consume` (the protocol's own
 * single-use proof: challenge, nonce, access token; an outcome refuses), marks the offer claimed
 * (whichever protocol comes first wins; the other gets `issuer.claim.claimed`) and stores it.
 */
export async function bindOfferToHolder(
  ctx: IssuerContext,
  loaded: LoadedOffer,
  holder: string,
  consume: (trx: Db, now: string) => Promise<ClaimOutcome | undefined>,
): Promise<ClaimOutcome> {
  const subject = loaded.document.credentialSubject;
  if (!subject || typeof subject !== "object" || Array.isArray(subject)) {
    return { ok: false, status: 422, code: "issuer.claim.not-offerable" };
  }
  const bound = (subject as JsonObject)["id"];
  if (typeof bound === "string" && bound !== holder) {
    return { ok: false, status: 422, code: "issuer.claim.subject-bound" };
  }
  const unsigned = structuredClone(loaded.document);
  delete unsigned.proof;
  (unsigned.credentialSubject as JsonObject)["id"] = holder;
  const key = await ctx.keys.signingKey(ctx.db, loaded.organisation.id);
  const signed = await signCredential(unsigned, {
    key,
    documentLoader: ctx.signingLoader,
    cryptosuite: loaded.credential.cryptosuite as Cryptosuite,
    date: ctx.now(),
  });
  // Its compact QR edition (same id as before), bound to the holder too.
  const compactId = compactIdOf(loaded.credential.compact_credential);
  const compact = compactId
    ? await signCompactCredential(ctx, unsigned, { key, date: ctx.now(), id: compactId })
    : null;

  try {
    await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.now().toISOString();
      const refused = await consume(trx, now);
      if (refused) throw new ClaimAborted(refused);
      if (!(await markOfferClaimed(trx, loaded.offer.id, holder, now))) {
        throw new ClaimAborted(undefined);
      }
      await updateCredentialDocument(trx, loaded.credential.id, {
        credential: JSON.stringify(signed),
        compact_credential: compact ? JSON.stringify(compact) : null,
        subject_did: holder,
        updated_at: now,
      });
    });
  } catch (error) {
    if (!(error instanceof ClaimAborted)) throw error;
    if (error.outcome) return error.outcome;
    // Claimed or expired meanwhile (read after the transaction: SQLite has one connection).
    const again = await loadOffer(ctx, claimToken(ctx, loaded.offer.offer_id));
    return (again && refusalOf(again)) ?? { ok: false, status: 409, code: "issuer.claim.claimed" };
  }
  return { ok: true, credential: signed, compactCredential: compact };
}
