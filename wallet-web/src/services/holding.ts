import { createHash, randomUUID } from "node:crypto";
import type { Check, JsonObject } from "@avala/credentials";
import { parseJsonText, toJsonText } from "@avala/db";
import { decodeJwtCredential, envelopeOf } from "@avala/vc-jwt";
import type { CredentialVerification, Verification } from "@avala/verifier";
import { ob2OfJws, unreadableFormat } from "@avala/verifier";
import type { WalletContext } from "../context.js";
import {
  type Account,
  findCredentialByKey,
  insertCredential,
  type StoredCredential,
  updateCredentialCheck,
} from "../db/repositories.js";
import type { CredentialSource } from "../db/tables.js";

/** What happened to one credential brought into the wallet. */
export type ReceiveOutcome =
  | { status: "added"; credential: StoredCredential; verification: CredentialVerification }
  | { status: "duplicate"; credential: StoredCredential; verification: CredentialVerification }
  | { status: "refused"; verification: Verification; reasons: Check[] };

/** The checks whose failure means the document cannot be believed at all. */
const authenticity: ReadonlySet<Check["check"]> = new Set([
  "input",
  "context",
  "jsonld",
  "schema",
  "proof",
  "issuer",
  "presentation",
]);

/**
 * Why a verified credential cannot be held, or none: anything about its authenticity that failed
 * (bad or missing signature, issuer not the signer, unreadable input, unknown contexts, not an
 * Open Badge as it claims), or a revocation. An expired or suspended credential, or one from an
 * issuer nobody vouches for, may be held: the wallet shows what is wrong with it.
 */
export function refusalReasons(verification: Verification): Check[] {
  const failing = verification.checks.filter(
    (c) =>
      (c.outcome === "fail" && authenticity.has(c.check)) ||
      c.code === "status.revoked" ||
      // An Open Badges 2.0 badge revoked by its issuer, or awarded to another e-mail address.
      c.code === "ob2.revoked" ||
      c.code === "ob2.revoked-because" ||
      c.code === "ob2.recipient-mismatch",
  );
  if (verification.kind !== "credential") {
    return failing.length > 0
      ? failing
      : verification.checks.filter((c) => c.outcome !== "pass").slice(0, 5);
  }
  const passed = (id: Check["check"]) =>
    verification.checks.some((c) => c.check === id && c.outcome === "pass");
  // Not an Open Badge, in a format Avala cannot check (a context it does not hold, a suite it
  // does not implement), and nothing failed: held unchecked, and shown as such.
  if (failing.length === 0 && unreadableFormat(verification.document) !== undefined) return [];
  if (failing.length === 0 && !(passed("proof") && passed("issuer"))) {
    // The proof could not be checked (e.g. the issuer's key could not be fetched).
    return verification.checks.filter((c) => c.outcome !== "pass");
  }
  return failing;
}

/** What duplicates share: the credential's `id`, or a hash of its JSON when it has none. */
export function credentialKey(document: JsonObject): string {
  const id = document["id"];
  if (typeof id === "string" && id.length > 0 && id.length <= 2048) return id;
  return `sha256:${createHash("sha256").update(toJsonText(document)).digest("hex")}`;
}

export function trustLabel(verification: Verification): string {
  if (verification.kind !== "credential") return "not-checked";
  return verification.trust?.status ?? "not-checked";
}

function issuerIdOf(document: JsonObject): string {
  // An Open Badges 2.0 badge names its issuer in its badge class.
  const badge = document["badge"];
  const issuer =
    document["issuer"] ??
    (badge && typeof badge === "object" && !Array.isArray(badge)
      ? (badge as JsonObject)["issuer"]
      : undefined);
  if (typeof issuer === "string") return issuer.slice(0, 2048);
  if (issuer && typeof issuer === "object") {
    const id = (issuer as JsonObject)["id"];
    if (typeof id === "string") return id.slice(0, 2048);
  }
  return "";
}

function issuedAtOf(document: JsonObject): string | null {
  const value = document["validFrom"] ?? document["issuanceDate"] ?? document["issuedOn"];
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Keeps a verified credential for an account: refused (with reasons) when it cannot be believed,
 * recognised when the account already holds it (same `id`), stored otherwise. A credential that
 * came as a JWT (VC-JWT, `application/vc+jwt`) is stored as the compact JWT it came in: its
 * signature covers those bytes, so only they can be verified again or passed on.
 */
export async function receiveCredential(
  ctx: WalletContext,
  account: Account,
  verification: Verification,
  source: CredentialSource,
  sourceUrl?: string,
): Promise<ReceiveOutcome> {
  const reasons = refusalReasons(verification);
  if (verification.kind !== "credential" || !verification.document || reasons.length > 0) {
    return { status: "refused", verification, reasons };
  }
  const document = verification.document;
  const key = credentialKey(document);
  // An Open Badges 2.0 badge is held as given (the signed badge's JWS, or the assertion as the
  // issuer's site serves it: what is verified again), with its badge class as fetched.
  const ob2 = verification.ob2;
  const ob2Held = ob2
    ? ob2.original.form === "jws"
      ? ob2.original.jws
      : (ob2.assertion ?? document)
    : undefined;
  const badge = ob2 ? document["badge"] : undefined;
  const existing = await findCredentialByKey(ctx.db, account.id, key);
  if (existing) return { status: "duplicate", credential: existing, verification };
  const now = ctx.now().toISOString();
  const row = await insertCredential(ctx.db, {
    public_id: randomUUID(),
    account_id: account.id,
    credential_key: key,
    document: toJsonText(ob2Held ?? verification.jwt ?? document),
    ...(badge && typeof badge === "object" ? { ob2_badge: toJsonText(badge) } : {}),
    source,
    source_url: sourceUrl ? sourceUrl.slice(0, 2048) : null,
    issuer_id: issuerIdOf(document),
    issued_at: issuedAtOf(document),
    verdict: verification.verdict,
    trust: trustLabel(verification),
    checked_at: now,
    added_at: now,
  });
  if (!row) {
    // Stored by a concurrent request between the lookup and the insert.
    const again = await findCredentialByKey(ctx.db, account.id, key);
    if (again) return { status: "duplicate", credential: again, verification };
    throw new Error("The credential could not be stored.");
  }
  ctx.verificationCache.set(String(row.id), verification);
  return { status: "added", credential: row, verification };
}

/**
 * The credential as it is held: its JSON, or the compact JWT it came as (a string). This is what
 * is verified again.
 */
export function heldFormOf(row: StoredCredential): JsonObject | string {
  return parseJsonText(row.document) as JsonObject | string;
}

/**
 * The credential to read and show: its JSON, or for one held as a JWT the credential decoded
 * from it (unverified: show it with its verification).
 */
export function documentOf(row: StoredCredential): JsonObject {
  const held = heldFormOf(row);
  if (row.ob2_badge)
    return withOb2Badge(typeof held === "string" ? (ob2OfJws(held) ?? {}) : held, row);
  if (typeof held !== "string") return held;
  const decoded = decodeJwtCredential(held);
  return decoded.ok ? decoded.value.credential : {};
}

/**
 * An Open Badges 2.0 assertion with its badge class as fetched at import, unless it already
 * has one embedded (a fresh verification's): what the badge is stays readable when the
 * issuer's site no longer answers.
 */
function withOb2Badge(assertion: JsonObject, row: StoredCredential): JsonObject {
  const badge = assertion["badge"];
  if (!row.ob2_badge || (badge && typeof badge === "object")) return assertion;
  const stored = parseJsonText(row.ob2_badge);
  return stored && typeof stored === "object"
    ? { ...assertion, badge: stored as JsonObject }
    : assertion;
}

/**
 * The credential as it is handed on (a share link's bundle, a signed presentation): its JSON, or
 * for one held as a JWT the JWT itself in a VC 2.0 `EnvelopedVerifiableCredential`
 * (`data:application/vc+jwt,…`). The JWT's signature covers its bytes only: the decoded
 * credential alone would reach the recipient without any proof.
 */
export function sharedFormOf(row: StoredCredential): JsonObject {
  const held = heldFormOf(row);
  return typeof held === "string" ? envelopeOf(held) : held;
}

/** A held credential as a file: its JSON, or the compact JWT it is held as. */
export interface CredentialFile {
  body: string;
  extension: "json" | "jwt";
  contentType: string;
}

export function credentialFileOf(row: StoredCredential): CredentialFile {
  const held = heldFormOf(row);
  if (typeof held === "string") {
    return { body: held, extension: "jwt", contentType: "application/vc+jwt" };
  }
  return {
    body: JSON.stringify(held, null, 2),
    extension: "json",
    contentType: "application/ld+json; charset=utf-8",
  };
}

/**
 * Verifies a held credential again (its status may have changed: revoked, suspended, expired),
 * reusing a result younger than the cache's time to live, and records the verdict.
 */
export async function reverify(ctx: WalletContext, row: StoredCredential): Promise<Verification> {
  const cacheKey = String(row.id);
  const cached = ctx.verificationCache.get(cacheKey);
  if (cached) return cached;
  const verification = await ctx.verify(heldFormOf(row));
  if (verification.kind === "credential" && verification.ob2 && verification.document) {
    verification.document = withOb2Badge(verification.document, row);
  }
  ctx.verificationCache.set(cacheKey, verification);
  const trust = trustLabel(verification);
  if (verification.verdict !== row.verdict || trust !== row.trust) {
    await updateCredentialCheck(ctx.db, row.account_id, row.id, {
      verdict: verification.verdict,
      trust,
      checked_at: ctx.now().toISOString(),
    });
  }
  return verification;
}

/** Verifies several held credentials, a few at a time. */
export async function reverifyAll(
  ctx: WalletContext,
  rows: StoredCredential[],
  concurrency = 3,
): Promise<Map<number, Verification>> {
  const results = new Map<number, Verification>();
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++]!;
      results.set(row.id, await reverify(ctx, row));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return results;
}

/** The status of a verification in one word, for chips and lists. */
export type StatusWord =
  | "valid"
  | "revoked"
  | "suspended"
  | "expired"
  | "invalid"
  | "unknown-issuer"
  | "warnings"
  /** Not an Open Badge, in a format Avala cannot check: held, unchecked. */
  | "unchecked";

export function statusWord(verification: Verification): StatusWord {
  const has = (code: string) => verification.checks.some((c) => c.code === code);
  if (has("status.revoked") || has("ob2.revoked") || has("ob2.revoked-because")) return "revoked";
  if (has("status.suspended")) return "suspended";
  if (has("validity.expired") || has("ob2.expired")) return "expired";
  if (verification.verdict === "invalid") {
    const failed = verification.checks.some((c) => c.outcome === "fail");
    return !failed && unreadableFormat(verification.document) ? "unchecked" : "invalid";
  }
  if (verification.kind === "credential" && verification.trust?.status === "unknown") {
    return "unknown-issuer";
  }
  if (verification.verdict === "valid-with-warnings") return "warnings";
  return "valid";
}
