import type { Verification } from "@avala/verifier";
import { unreadableFormat } from "@avala/verifier";
import type { StoredCredential } from "../db/repositories.js";
import { documentOf } from "./holding.js";

/**
 * A credential that is not an Open Badge and whose signature Avala cannot check whatever it
 * does (a JSON-LD context it does not hold, a signature suite it does not implement): it is
 * held and shown, unchecked, but not handed on as if verified (no share link, presentation or
 * public page; the holder can download it). See `@avala/verifier`'s `unreadableFormat`.
 */
export function keptUnchecked(row: StoredCredential): boolean {
  return !row.ob2_badge && unreadableFormat(documentOf(row)) !== undefined;
}

/** Passed on only as a file: an Open Badges 2.0 badge, or a credential kept unchecked. */
export function keepOnly(row: StoredCredential): boolean {
  return Boolean(row.ob2_badge) || keptUnchecked(row);
}

/** Whether a verification is of a credential kept unchecked (its format cannot be read). */
export function uncheckedFormat(verification: Verification): boolean {
  return (
    verification.kind === "credential" && unreadableFormat(verification.document) !== undefined
  );
}
