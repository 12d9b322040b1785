import type { JsonObject } from "@avala/credentials";
import type { WalletContext } from "../context.js";
import { findPublicPage, type PublicPage, publishPublicPage } from "../db/public-pages.js";
import type { Account, StoredCredential } from "../db/repositories.js";
import { randomToken } from "../security/keys.js";
import { documentOf, heldFormOf, sharedFormOf } from "./holding.js";

/**
 * A credential's permanent public page: `${WALLET_PUBLIC_URL}/p/<slug>`, published by its holder
 * (for LinkedIn, a CV, an e-mail signature) and kept until withdrawn, unlike a share link, which
 * expires. One page per credential: publishing again, or "Add to LinkedIn" again, gives the same
 * address. The slug is 128 random bits (unguessable: nobody finds a page they were not given).
 */
export const PUBLIC_PAGE_SLUG = /^[\w-]{22}$/;

/** Publishes the page of one of the account's credentials (or gives back the one it has). */
export function publishPage(
  ctx: WalletContext,
  account: Account,
  credential: StoredCredential,
): Promise<PublicPage> {
  return publishPublicPage(ctx.db, {
    slug: randomToken(16),
    account_id: account.id,
    credential_id: credential.id,
    created_at: ctx.now().toISOString(),
  });
}

/** For the credential's page: the page's address and whether it is up (none: never published). */
export async function publicPageOf(ctx: WalletContext, accountId: number, credentialId: number) {
  const page = await findPublicPage(ctx.db, accountId, credentialId);
  return page ? { url: publicPageUrl(ctx, page), live: page.withdrawn_at === null } : undefined;
}

export function publicPageUrl(ctx: WalletContext, page: Pick<PublicPage, "slug">): string {
  return `${ctx.config.publicUrl}/p/${page.slug}`;
}

/** Where the signed credential is, exactly as held: `<page>/credential.json`. */
export function publicCredentialUrl(ctx: WalletContext, page: Pick<PublicPage, "slug">): string {
  return `${publicPageUrl(ctx, page)}/credential.json`;
}

/** The verify page, opened on the page's credential (fetched by URL). */
export function verifyYourselfUrl(ctx: WalletContext, page: Pick<PublicPage, "slug">): string {
  return `${ctx.config.verifierPublicUrl}/?url=${encodeURIComponent(publicCredentialUrl(ctx, page))}`;
}

/**
 * What `<page>/credential.json` serves: the credential as held, as JSON: its own JSON, or for
 * one held as a JWT that JWT unchanged inside a VC 2.0 `EnvelopedVerifiableCredential` (its
 * signature covers the JWT's bytes only; verifiers read the envelope).
 */
export function publicCredentialJson(row: StoredCredential): string {
  const held = heldFormOf(row);
  return typeof held === "string"
    ? JSON.stringify(sharedFormOf(row), null, 2)
    : JSON.stringify(held, null, 2);
}

/** The credential's own `id` (what its issuer calls it), else the wallet's id for it. */
export function credentialIdOf(row: StoredCredential): string {
  const id = (documentOf(row) as JsonObject)["id"];
  return typeof id === "string" && id.length > 0 && id.length <= 200 ? id : row.public_id;
}

/**
 * LinkedIn's "add to profile" link for one credential: LinkedIn's certification form, filled in
 * (name, organisation, issue and expiry month, the credential's id and its permanent page).
 */
export function linkedInLink(input: {
  name: string;
  organizationName: string;
  issuedAt?: string | null | undefined;
  expiresAt?: string | null | undefined;
  certUrl: string;
  certId?: string | undefined;
}): string {
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: input.name.slice(0, 200),
    organizationName: input.organizationName.slice(0, 200),
  });
  const issued = input.issuedAt ? new Date(input.issuedAt) : undefined;
  if (issued && !Number.isNaN(issued.getTime())) {
    params.set("issueYear", String(issued.getUTCFullYear()));
    params.set("issueMonth", String(issued.getUTCMonth() + 1));
  }
  const expires = input.expiresAt ? new Date(input.expiresAt) : undefined;
  if (expires && !Number.isNaN(expires.getTime())) {
    params.set("expirationYear", String(expires.getUTCFullYear()));
    params.set("expirationMonth", String(expires.getUTCMonth() + 1));
  }
  params.set("certUrl", input.certUrl);
  if (input.certId) params.set("certId", input.certId.slice(0, 200));
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
