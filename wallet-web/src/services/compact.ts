import { toQrText } from "@avala/compact-credential";
import type { JsonObject } from "@avala/credentials";
import { parseJsonText, toJsonText } from "@avala/db";
import type { WalletContext } from "../context.js";
import type { Account, StoredCredential } from "../db/repositories.js";
import { setCompactDocument } from "../db/repositories.js";

/**
 * The compact QR edition the issuer delivers with a claimed credential (@avala/compact-credential):
 * a small OB 3.0 credential, signed by the same issuer on the same status entry, whose QR code
 * verifies without going online for the credential. The wallet keeps it next to the full one
 * and prints it on the certificate PDF and the print page.
 */

function object(value: unknown): JsonObject | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function idOf(value: unknown): unknown {
  return typeof value === "string" ? value : object(value)?.["id"];
}

function statusKey(value: unknown): string | undefined {
  const entry = object(Array.isArray(value) ? value[0] : value);
  if (!entry) return undefined;
  return JSON.stringify([
    entry["statusListCredential"],
    entry["statusListIndex"],
    entry["statusPurpose"],
  ]);
}

/**
 * Whether `compact` says the same as `full` where it matters: the same issuer, subject and
 * achievement, and the same status list entry (so revoking one revokes both).
 */
export function isCompactEditionOf(compact: JsonObject, full: JsonObject): boolean {
  const compactSubject = object(compact["credentialSubject"]);
  const fullSubject = object(full["credentialSubject"]);
  if (!compactSubject || !fullSubject) return false;
  const status = statusKey(full["credentialStatus"]);
  return (
    idOf(compact["issuer"]) === idOf(full["issuer"]) &&
    compactSubject["id"] === fullSubject["id"] &&
    idOf(compactSubject["achievement"]) === idOf(fullSubject["achievement"]) &&
    status !== undefined &&
    statusKey(compact["credentialStatus"]) === status
  );
}

/**
 * Keeps the compact edition of a credential just claimed, when it is one: it matches the full
 * credential and verifies (its proof and issuer; a status list out of reach still keeps it).
 * Anything else is dropped: the full credential stands without it. Returns whether it was kept.
 */
export async function keepCompactEdition(
  ctx: WalletContext,
  account: Account,
  row: StoredCredential,
  full: JsonObject,
  compact: unknown,
): Promise<boolean> {
  const document = object(compact);
  if (!document || !isCompactEditionOf(document, full)) return false;
  const verification = await ctx.verify(document);
  if (verification.kind !== "credential" || !verification.verified) return false;
  await setCompactDocument(ctx.db, account.id, row.id, toJsonText(document));
  return true;
}

/** The QR text (`VC1-…`) of a held credential's compact edition, when it has one. */
export async function compactQrTextOf(row: StoredCredential): Promise<string | undefined> {
  if (!row.compact_document) return undefined;
  const document = object(parseJsonText(row.compact_document));
  return document ? toQrText(document) : undefined;
}
