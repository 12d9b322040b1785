import { createHash, randomBytes } from "node:crypto";
import type { Credential } from "@avala/credentials";
import { type Locale, t } from "@avala/i18n";
import { jwkOfDidJwk, jwkOfDidKey } from "@avala/vc-jwt";
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import type { IssuerContext } from "../context.js";
import type { ClaimOfferRow } from "../db/repositories/claims.js";
import {
  addOid4vciFailure,
  deleteStaleOid4vciSecrets,
  findClaimOfferById,
  findLiveOid4vciSecret,
  insertOid4vciSecret,
  oid4vciFailuresOfOffer,
  oid4vciTxCodeRequired,
  useOid4vciSecret,
} from "../db/repositories/openid4vci.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { Oid4vciSecretKind } from "../db/tables/openid4vci.js";
import { bindOfferToHolder, claimToken, type LoadedOffer, loadOffer, refusalOf } from "./claims.js";

/** The one credential configuration: the learner's Open Badges 3.0 credential, Data Integrity. */
export const OB_LDP_VC = "OpenBadgeCredential_ldp_vc";
export const PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
export const PROOF_TYP = "openid4vci-proof+jwt";
const PROOF_ALGS = ["EdDSA", "Ed25519", "ES256"] as const;
const OB_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
const OB_TYPES = ["VerifiableCredential", "OpenBadgeCredential"];

/** Lifetimes (seconds) and limits. */
export const OID4VCI_LIMITS = {
  preAuthorizedCodeSeconds: 600,
  accessTokenSeconds: 300,
  nonceSeconds: 300,
  /** Wrong PINs allowed per claim offer before OpenID4VCI stops taking it (the page still does). */
  txCodeAttempts: 5,
  proofMaxAgeSeconds: 300,
};

/** An OpenID4VCI error: the protocol's own code and HTTP status, a developer description. */
export class Oid4vciError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 410 | 413 | 415,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const hash = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/**
 * The credential issuer identifier: one per organisation (`<base>/orgs/<slug>`), since each
 * organisation signs with its own DID and key and a wallet shows whose credential it is.
 */
export function credentialIssuerOf(ctx: IssuerContext, slug: string): string {
  return `${ctx.config.publicUrl}/orgs/${slug}`;
}

/** `<origin>/.well-known/<name><path of the issuer identifier>` (RFC 8414 §3.1, OpenID4VCI §12.2.2). */
export function wellKnownUrl(ctx: IssuerContext, name: string, slug: string): string {
  const issuer = new URL(credentialIssuerOf(ctx, slug));
  return `${issuer.origin}/.well-known/${name}${issuer.pathname}`;
}

export function credentialIssuerMetadata(ctx: IssuerContext, org: OrganisationRow) {
  const issuer = credentialIssuerOf(ctx, org.slug);
  const base = `${issuer}/openid4vci`;
  const display = (locale: Locale) =>
    ({ name: locale === "en" ? (org.name_en ?? org.name_es) : org.name_es, locale }) as const;
  return {
    credential_issuer: issuer,
    credential_endpoint: `${base}/credential`,
    nonce_endpoint: `${base}/nonce`,
    display: [display("es"), display("en")],
    credential_configurations_supported: {
      [OB_LDP_VC]: {
        format: "ldp_vc",
        cryptographic_binding_methods_supported: ["did:key", "did:jwk"],
        credential_signing_alg_values_supported: ["eddsa-rdfc-2022", "Ed25519Signature2020"],
        proof_types_supported: {
          jwt: { proof_signing_alg_values_supported: [...PROOF_ALGS] },
        },
        credential_definition: { "@context": OB_CONTEXTS, type: OB_TYPES },
        credential_metadata: {
          display: [
            { name: t("issuer.oid4vci.credential-name", "es"), locale: "es" },
            { name: t("issuer.oid4vci.credential-name", "en"), locale: "en" },
          ],
        },
      },
    },
  };
}

export function authorizationServerMetadata(ctx: IssuerContext, org: OrganisationRow) {
  const issuer = credentialIssuerOf(ctx, org.slug);
  return {
    issuer,
    token_endpoint: `${issuer}/openid4vci/token`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    token_endpoint_auth_methods_supported: ["none"],
    response_types_supported: [],
    "pre-authorized_grant_anonymous_access_supported": true,
  };
}

/** The 6-digit PIN of an offer: derived (HMAC under the master key's claim key), never stored. */
export function txCodeOf(ctx: IssuerContext, offer: ClaimOfferRow): string {
  const mac = Buffer.from(ctx.secrets.claimMac(`oid4vci-tx-code:${offer.offer_id}`), "base64url");
  return String(mac.readUIntBE(0, 6) % 1_000_000).padStart(6, "0");
}

/** The PIN to give the learner separately, or undefined when the organisation asks for none. */
export async function txCodeFor(
  ctx: IssuerContext,
  offer: ClaimOfferRow,
): Promise<string | undefined> {
  return (await oid4vciTxCodeRequired(ctx.db, offer.organisation_id))
    ? txCodeOf(ctx, offer)
    : undefined;
}

/** Where a wallet fetches the offer (`credential_offer_uri`): the claim token names it. */
export function credentialOfferUri(ctx: IssuerContext, slug: string, offerId: string): string {
  return `${credentialIssuerOf(ctx, slug)}/openid4vci/offers/${claimToken(ctx, offerId)}`;
}

/** `openid-credential-offer://?credential_offer_uri=…`: short, fits any QR code and e-mail. */
export function offerLinkByReference(ctx: IssuerContext, slug: string, offerId: string): string {
  return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri(ctx, slug, offerId))}`;
}

export function offerLinkByValue(offer: object): string {
  return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
}

async function newSecret(
  ctx: IssuerContext,
  kind: Oid4vciSecretKind,
  organisationId: number,
  offerId: number | null,
  seconds: number,
): Promise<string> {
  const now = ctx.now();
  if (Math.random() < 0.01) await deleteStaleOid4vciSecrets(ctx.db, now.toISOString());
  const secret = randomBytes(32).toString("base64url");
  await insertOid4vciSecret(ctx.db, {
    kind,
    secret_hash: hash(secret),
    organisation_id: organisationId,
    offer_id: offerId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + seconds * 1000).toISOString(),
    used_at: null,
    failures: 0,
  });
  return secret;
}

function refuseUnlessOpen(loaded: LoadedOffer | undefined): LoadedOffer {
  if (!loaded) throw new Oid4vciError(404, "invalid_request", "Unknown credential offer.");
  const refusal = refusalOf(loaded);
  if (refusal?.code === "issuer.claim.expired") {
    throw new Oid4vciError(410, "invalid_request", "This credential offer has expired.");
  }
  if (refusal) {
    throw new Oid4vciError(
      409,
      "invalid_request",
      "This credential was already claimed or withdrawn.",
    );
  }
  return loaded;
}

/** The offer behind a claim token of this organisation, open. */
export async function openOffer(ctx: IssuerContext, slug: string, token: string) {
  const loaded = refuseUnlessOpen(await loadOffer(ctx, token));
  if (loaded.organisation.slug !== slug) {
    throw new Oid4vciError(404, "invalid_request", "Unknown credential offer.");
  }
  return loaded;
}

/**
 * A credential offer object with a fresh pre-authorized code (each fetch mints its own, valid
 * minutes; whichever is used first claims the credential). The PIN is never in it.
 */
export async function credentialOffer(ctx: IssuerContext, loaded: LoadedOffer, locale: Locale) {
  const code = await newSecret(
    ctx,
    "pre-authorized-code",
    loaded.organisation.id,
    loaded.offer.id,
    OID4VCI_LIMITS.preAuthorizedCodeSeconds,
  );
  const txCode = await txCodeFor(ctx, loaded.offer);
  return {
    credential_issuer: credentialIssuerOf(ctx, loaded.organisation.slug),
    credential_configuration_ids: [OB_LDP_VC],
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        "pre-authorized_code": code,
        ...(txCode
          ? {
              tx_code: {
                input_mode: "numeric",
                length: 6,
                description: t("issuer.oid4vci.tx-code-description", locale),
              },
            }
          : {}),
      },
    },
  };
}

/** Token endpoint, pre-authorized code grant: an access token for one claim offer. */
export async function exchangePreAuthorizedCode(
  ctx: IssuerContext,
  org: OrganisationRow,
  code: string,
  txCode: string | undefined,
) {
  const now = ctx.now().toISOString();
  const grant = "The pre-authorized code is unknown, expired or used.";
  const row = await findLiveOid4vciSecret(ctx.db, "pre-authorized-code", hash(code), now);
  if (!row || row.offer_id === null || row.organisation_id !== org.id) {
    throw new Oid4vciError(400, "invalid_grant", grant);
  }
  const offer = await findClaimOfferById(ctx.db, row.offer_id);
  if (!offer) throw new Oid4vciError(400, "invalid_grant", grant);
  const loaded = await loadOffer(ctx, claimToken(ctx, offer.offer_id));
  if (!loaded || refusalOf(loaded)) {
    throw new Oid4vciError(
      400,
      "invalid_grant",
      "This credential was already claimed or withdrawn.",
    );
  }
  const expected = await txCodeFor(ctx, offer);
  if (expected !== undefined) {
    if (txCode === undefined)
      throw new Oid4vciError(400, "invalid_request", "tx_code is required.");
    // The attempt is counted before the PIN is compared, and given back only when it was right:
    // guesses sent in parallel each see the others' counts, so no more than the limit are ever
    // compared, whatever the interleaving.
    await addOid4vciFailure(ctx.db, row.id);
    if ((await oid4vciFailuresOfOffer(ctx.db, offer.id)) > OID4VCI_LIMITS.txCodeAttempts) {
      throw new Oid4vciError(400, "invalid_grant", "Too many wrong PINs for this offer.");
    }
    if (txCode !== expected) {
      throw new Oid4vciError(400, "invalid_grant", "The PIN (tx_code) is wrong.");
    }
    await addOid4vciFailure(ctx.db, row.id, -1);
  } else if (txCode !== undefined) {
    throw new Oid4vciError(400, "invalid_request", "This offer takes no tx_code.");
  }
  if (!(await useOid4vciSecret(ctx.db, "pre-authorized-code", hash(code), now))) {
    throw new Oid4vciError(400, "invalid_grant", grant);
  }
  const accessToken = await newSecret(
    ctx,
    "access-token",
    org.id,
    offer.id,
    OID4VCI_LIMITS.accessTokenSeconds,
  );
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: OID4VCI_LIMITS.accessTokenSeconds,
  };
}

export async function newNonce(ctx: IssuerContext, org: OrganisationRow) {
  const nonce = await newSecret(ctx, "nonce", org.id, null, OID4VCI_LIMITS.nonceSeconds);
  return { c_nonce: nonce, c_nonce_expires_in: OID4VCI_LIMITS.nonceSeconds };
}

function keyOfKid(kid: string): { did: string; jwk: JWK } | undefined {
  const [did = "", fragment] = kid.split("#", 2);
  if (did.startsWith("did:key:")) {
    const jwk = jwkOfDidKey(did);
    if (!jwk || (fragment !== undefined && fragment !== did.slice("did:key:".length)))
      return undefined;
    return { did, jwk };
  }
  if (did.startsWith("did:jwk:")) {
    const jwk = jwkOfDidJwk(did);
    if (!jwk || (fragment !== undefined && fragment !== "0")) return undefined;
    return { did, jwk };
  }
  return undefined;
}

/** Checks a `openid4vci-proof+jwt`: the holder's DID and the nonce it signed. */
export async function verifyProofJwt(
  ctx: IssuerContext,
  jwt: string,
  audience: string,
): Promise<{ holder: string; nonce: string }> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    throw new Oid4vciError(400, "invalid_proof", "The proof is not a JWT.");
  }
  if (header.typ !== PROOF_TYP) {
    throw new Oid4vciError(400, "invalid_proof", `The proof's typ must be ${PROOF_TYP}.`);
  }
  const alg = header.alg ?? "";
  if (!(PROOF_ALGS as readonly string[]).includes(alg)) {
    throw new Oid4vciError(400, "invalid_proof", "The proof's alg is not supported.");
  }
  if (header.jwk !== undefined || header.x5c !== undefined || typeof header.kid !== "string") {
    throw new Oid4vciError(
      400,
      "invalid_proof",
      "The proof must name a did:key or did:jwk in kid.",
    );
  }
  const key = keyOfKid(header.kid);
  if (!key)
    throw new Oid4vciError(
      400,
      "invalid_proof",
      "The proof's kid is not a did:key or did:jwk key.",
    );
  const fits =
    alg === "ES256"
      ? key.jwk.kty === "EC" && key.jwk.crv === "P-256"
      : key.jwk.kty === "OKP" && key.jwk.crv === "Ed25519";
  if (!fits) throw new Oid4vciError(400, "invalid_proof", "The proof's alg does not fit its key.");
  let payload: Record<string, unknown>;
  try {
    const publicKey = await importJWK(key.jwk, alg);
    ({ payload } = await jwtVerify(jwt, publicKey, {
      algorithms: [alg],
      typ: PROOF_TYP,
      audience,
      currentDate: ctx.now(),
      maxTokenAge: OID4VCI_LIMITS.proofMaxAgeSeconds,
      clockTolerance: 60,
    }));
  } catch (error) {
    const reason = String((error as Error)?.message ?? "invalid").replace(
      /[^\x20-\x21\x23-\x5b\x5d-\x7e]/g,
      "",
    );
    throw new Oid4vciError(
      400,
      "invalid_proof",
      `The proof does not verify: ${reason.slice(0, 120)}`,
    );
  }
  if (typeof payload["nonce"] !== "string" || payload["nonce"].length > 200) {
    throw new Oid4vciError(400, "invalid_nonce", "The proof carries no c_nonce.");
  }
  return { holder: key.did, nonce: payload["nonce"] };
}

/**
 * Credential endpoint: the access token names the claim offer; the proof names the holder;
 * the credential is re-signed bound to that DID through the claim path, which consumes the
 * nonce, the token and the offer in one transaction.
 */
export async function issueToHolder(
  ctx: IssuerContext,
  org: OrganisationRow,
  accessToken: string,
  proofJwt: string,
): Promise<Credential> {
  const now = ctx.now().toISOString();
  const tokenRow = await findLiveOid4vciSecret(ctx.db, "access-token", hash(accessToken), now);
  if (!tokenRow || tokenRow.offer_id === null || tokenRow.organisation_id !== org.id) {
    throw new Oid4vciError(401, "invalid_token", "The access token is unknown, expired or used.");
  }
  const { holder, nonce } = await verifyProofJwt(ctx, proofJwt, credentialIssuerOf(ctx, org.slug));
  const live = await findLiveOid4vciSecret(ctx.db, "nonce", hash(nonce), now);
  if (!live || live.organisation_id !== org.id) {
    throw new Oid4vciError(400, "invalid_nonce", "The c_nonce is unknown, expired or used.");
  }
  const offer = await findClaimOfferById(ctx.db, tokenRow.offer_id);
  const loaded = offer ? await loadOffer(ctx, claimToken(ctx, offer.offer_id)) : undefined;
  if (!loaded) throw new Oid4vciError(401, "invalid_token", "The access token is unknown.");
  if (refusalOf(loaded)) {
    throw new Oid4vciError(
      400,
      "invalid_credential_request",
      "This credential was already claimed or withdrawn.",
    );
  }
  // What the transaction refused, in the protocol's words (the claim path only sees "refused").
  let refused: Oid4vciError | undefined;
  const outcome = await bindOfferToHolder(ctx, loaded, holder, async (trx, at) => {
    if (!(await useOid4vciSecret(trx, "nonce", hash(nonce), at))) {
      refused = new Oid4vciError(400, "invalid_nonce", "The c_nonce is unknown, expired or used.");
    } else if (!(await useOid4vciSecret(trx, "access-token", hash(accessToken), at))) {
      refused = new Oid4vciError(
        401,
        "invalid_token",
        "The access token is unknown, expired or used.",
      );
    }
    return refused ? { ok: false, status: 422, code: "issuer.claim.challenge" } : undefined;
  });
  if (outcome.ok) return outcome.credential;
  if (refused) throw refused;
  if (outcome.code === "issuer.claim.subject-bound") {
    throw new Oid4vciError(400, "invalid_proof", "This credential is bound to another holder.");
  }
  if (outcome.code === "issuer.claim.not-offerable") {
    throw new Oid4vciError(400, "invalid_credential_request", "This credential cannot be claimed.");
  }
  throw new Oid4vciError(
    400,
    "invalid_credential_request",
    "This credential was already claimed or withdrawn.",
  );
}
