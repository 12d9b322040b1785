import { createHash } from "node:crypto";
import { canonicalForm, type JsonObject, verifyCredential } from "@avala/credentials";
import { createStatusChecker } from "@avala/status-list";
import { type CredentialVerification, verify } from "@avala/verifier";
import type { IssuerContext } from "../context.js";
import { isLiveStandardChallenge } from "../db/repositories/standard-requests.js";
import { ownStatusList, ownTrustRegistry } from "./certificate.js";

/**
 * Credentials a holder presents to an organisation of this issuer (issue 15: units for a
 * standard, certificates for a school's credits): the presentation is checked with the verifier
 * library over a single-use challenge of the organisation and this issuer's domain, and each
 * credential's facts and faults are read the same way for every kind of request.
 */

/** What is wrong with one presented credential, in the order it is looked for. */
export type CredentialFault =
  | "revoked"
  | "suspended"
  | "expired"
  | "invalid"
  | "foreign-holder"
  | "unaccredited";

/** Why a presentation as a whole is refused. */
export type PresentationFault =
  | "challenge"
  | "holder-not-did-key"
  | "presentation-invalid"
  | "empty";

const object = (value: unknown): JsonObject =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};

export function challengeOf(presentation: JsonObject): string | undefined {
  const proofs = Array.isArray(presentation["proof"])
    ? presentation["proof"]
    : [presentation["proof"]];
  for (const p of proofs) {
    const challenge = p && typeof p === "object" ? (p as JsonObject)["challenge"] : undefined;
    if (typeof challenge === "string") return challenge;
  }
  return undefined;
}

export type CredentialFacts = ReturnType<typeof credentialFacts>;

/** A presented credential's facts: its code, name, achievement id, issuer and holder. */
export function credentialFacts(document: JsonObject) {
  const subject = object(
    Array.isArray(document["credentialSubject"])
      ? document["credentialSubject"][0]
      : document["credentialSubject"],
  );
  const achievement = object(subject["achievement"]);
  const issuer = document["issuer"];
  const issuerId = typeof issuer === "string" ? issuer : String(object(issuer)["id"] ?? "");
  const issuerName =
    typeof object(issuer)["name"] === "string" ? String(object(issuer)["name"]) : issuerId;
  const code = typeof achievement["humanCode"] === "string" ? achievement["humanCode"] : undefined;
  const name = typeof achievement["name"] === "string" ? achievement["name"] : (code ?? "");
  return {
    id: typeof document["id"] === "string" ? document["id"] : "",
    code,
    name,
    achievementId: typeof achievement["id"] === "string" ? achievement["id"] : undefined,
    issuer: { id: issuerId, name: issuerName },
    subject: typeof subject["id"] === "string" ? subject["id"] : undefined,
  };
}

/**
 * What is wrong with one presented credential, or undefined when it holds: genuine, current, not
 * withdrawn (a list that could not be read is never good enough), bound to `holder`, and from an
 * accredited issuer or an authority unless `trustedIssuer` (the organisation named it itself).
 */
export function credentialFault(
  verification: CredentialVerification,
  facts: CredentialFacts,
  holder: string,
  trustedIssuer = false,
): { fault: CredentialFault; reason?: string } | undefined {
  const failed = verification.checks.filter((c) => c.outcome === "fail");
  if (failed.some((c) => c.code === "status.revoked")) return { fault: "revoked" };
  if (failed.some((c) => c.code === "status.suspended")) return { fault: "suspended" };
  if (failed.some((c) => c.check === "validity")) return { fault: "expired" };
  if (!verification.verified) {
    return {
      fault: "invalid",
      reason: failed.map((c) => c.code).join(", ") || verification.verdict,
    };
  }
  if (facts.subject !== holder) return { fault: "foreign-holder" };
  if (verification.checks.some((c) => c.check === "status" && c.outcome !== "pass")) {
    return { fault: "invalid", reason: "status.unavailable" };
  }
  const trust = verification.trust?.status;
  if (!trustedIssuer && trust !== "accredited" && trust !== "authority") {
    return { fault: "unaccredited" };
  }
  return undefined;
}

/** SHA-256 of the credential's canonical form, as a multibase (base64url) multihash. */
export async function digestOf(ctx: IssuerContext, document: JsonObject): Promise<string> {
  const nquads = await canonicalForm(document, ctx.signingLoader);
  const digest = createHash("sha256").update(nquads, "utf8").digest();
  return `u${Buffer.concat([Buffer.from([0x12, 0x20]), digest]).toString("base64url")}`;
}

/** Verifies a presentation with the verifier library against this issuer's own records. */
async function verifyPresentation(ctx: IssuerContext, presentation: JsonObject, challenge: string) {
  const now = ctx.now();
  const registry = await ownTrustRegistry(ctx, now);
  return verify(presentation, {
    documentLoader: ctx.documentLoader,
    checkStatus: createStatusChecker({
      fetchCredential: (url) => ownStatusList(ctx, url),
      verifyListCredential: (list) =>
        verifyCredential(list, { documentLoader: ctx.documentLoader, now }),
    }),
    now,
    challenge,
    domain: ctx.config.publicUrl,
    expect: "presentation",
    fetchLinks: false,
    ...(registry ? { trustRegistry: registry } : {}),
  });
}

export type CheckedPresentation =
  | {
      ok: true;
      holder: string;
      challenge: string;
      credentials: CredentialVerification[];
    }
  | { ok: false; fault: PresentationFault; reason?: string };

/**
 * Checks the presentation itself: a live challenge of `organisationId` (not spent here: the
 * caller spends it once everything held), a did:key holder who signed it for this domain, and
 * at least one credential inside. Each credential's own verification is the caller's to judge.
 */
export async function checkPresentation(
  ctx: IssuerContext,
  organisationId: number,
  presentation: JsonObject,
): Promise<CheckedPresentation> {
  const challenge = challengeOf(presentation);
  if (!challenge) {
    return { ok: false, fault: "presentation-invalid", reason: "the proof carries no challenge" };
  }
  if (
    !(await isLiveStandardChallenge(ctx.db, challenge, organisationId, ctx.now().toISOString()))
  ) {
    return { ok: false, fault: "challenge" };
  }
  const holder = presentation["holder"];
  if (typeof holder !== "string" || !holder.startsWith("did:key:")) {
    return { ok: false, fault: "holder-not-did-key" };
  }
  const verification = await verifyPresentation(ctx, presentation, challenge);
  if (verification.kind !== "presentation") {
    return {
      ok: false,
      fault: "presentation-invalid",
      reason: verification.checks.find((c) => c.outcome === "fail")?.code ?? "not a presentation",
    };
  }
  const presentationFailures = verification.checks.filter(
    (c) =>
      c.outcome === "fail" &&
      c.code !== "presentation.credential-invalid" &&
      c.code !== "presentation.empty",
  );
  const signedByHolder = verification.checks.some((c) => c.code === "presentation.proof-valid");
  if (presentationFailures.length > 0 || !signedByHolder) {
    return {
      ok: false,
      fault: "presentation-invalid",
      reason: presentationFailures.map((c) => c.code).join(", ") || "presentation.proof-missing",
    };
  }
  if (verification.credentials.length === 0) return { ok: false, fault: "empty" };
  return { ok: true, holder, challenge, credentials: verification.credentials };
}
