import type { Verification } from "@avala/verifier";
import { withOb2Recipient } from "@avala/verifier";
import type { WalletContext } from "../context.js";
import type { Account } from "../db/repositories.js";
import type { CredentialSource } from "../db/tables.js";
import { type ReceiveOutcome, receiveCredential } from "./holding.js";

/** Largest file or pasted text accepted for import. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * Imports what a holder brings (file bytes, pasted JSON or JWT, or `{ url }`; a credential may
 * come as JSON-LD, as a VC-JWT or `application/vc+jwt`, or baked in a PNG or SVG): verified with
 * the verifier library, then each credential is kept (a JWT as the compact JWT it came as),
 * recognised as a duplicate, or refused with its reasons. A presentation bundle (e.g. another
 * wallet's share link) gives one outcome per credential inside. An Open Badges 2.0 badge (JSON,
 * signed JWS, baked PNG or SVG, or a link) is verified as one, its recipient checked against
 * the account's e-mail, and refused when revoked, unconfirmed or someone else's.
 */
export async function importCredentials(
  ctx: WalletContext,
  account: Account,
  input: unknown,
  source: CredentialSource,
  sourceUrl?: string,
): Promise<{ verification: Verification; outcomes: ReceiveOutcome[] }> {
  // An Open Badges 2.0 badge must have been awarded to this account's e-mail address.
  const verification = withOb2Recipient(await ctx.verify(input), account.email);
  if (verification.kind === "presentation" && verification.credentials.length > 0) {
    const outcomes: ReceiveOutcome[] = [];
    for (const credential of verification.credentials) {
      outcomes.push(await receiveCredential(ctx, account, credential, source, sourceUrl));
    }
    return { verification, outcomes };
  }
  return {
    verification,
    outcomes: [await receiveCredential(ctx, account, verification, source, sourceUrl)],
  };
}

/** An http(s) link a holder pasted, or undefined. */
export function importUrlOf(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password || url.href.length > 2048) return undefined;
  // A verify-page link (`…/?url=<document>`): the document is what it points at.
  const inner = url.searchParams.get("url");
  if (inner && (url.pathname === "/" || url.pathname === "")) return importUrlOf(inner);
  // An Avala share link (`…/s/<token>`) redirects to the verify page; read its bundle instead.
  if (/^\/s\/[\w-]{16,100}$/.test(url.pathname)) {
    url.pathname = `${url.pathname}/presentation.json`;
    url.search = "";
  }
  url.hash = "";
  return url.href;
}
