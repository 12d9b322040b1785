import { randomUUID } from "node:crypto";
import type { JsonObject } from "@avala/credentials";
import type { WalletContext } from "../context.js";
import {
  type Account,
  findCredentials,
  insertShare,
  type Share,
  type StoredCredential,
} from "../db/repositories.js";
import { open, randomToken, seal, tokenHash } from "../security/keys.js";
import { keptUnchecked } from "./generic.js";
import { sharedFormOf } from "./holding.js";

/**
 * Share links. A share names some of the holder's credentials, has an expiry, counts its views
 * and can be revoked. Its token (256 random bits) is the capability: the database keeps its
 * SHA-256 to find the share, and the token sealed under the master key so the holder can see
 * the link again.
 */
export const shareDurations = [7, 30, 90, 365] as const;
export const MAX_SHARED_CREDENTIALS = 20;

/**
 * How long a share may last: a whole number of days from 1 to 365. The form offers 7, 30, 90
 * and 365 days; the longest it offers (also the LinkedIn link's) is the limit, and a shorter
 * share than the menu's shortest harms nobody. Anything else is refused, never replaced.
 */
export const shareDaysRange = { min: 1, max: 365 } as const;

/** Whether `days` is a length a share may have (see `shareDaysRange`). */
export function isShareDays(days: number): boolean {
  return Number.isInteger(days) && days >= shareDaysRange.min && days <= shareDaysRange.max;
}

/**
 * The `days` field of the share form: its default when empty, the number when it is written
 * with digits only and within `shareDaysRange`, else undefined (`100000`, `-1`, `0`, `abc`,
 * `7.5`, `1e2`).
 */
export function parseShareDays(text: string, fallback: number): number | undefined {
  const value = text.trim();
  if (value === "") return fallback;
  if (!/^[0-9]{1,6}$/.test(value)) return undefined;
  const days = Number(value);
  return isShareDays(days) ? days : undefined;
}

export type ShareState = "active" | "expired" | "revoked";

export function shareState(share: Share, now: Date): ShareState {
  if (share.revoked_at) return "revoked";
  if (share.expires_at <= now.toISOString()) return "expired";
  return "active";
}

/** What a share's sealed token is bound to: the share. */
export function tokenContext(share: Pick<Share, "public_id">) {
  return `share-token:${share.public_id}`;
}

export function shareToken(ctx: WalletContext, share: Share): string {
  return open(ctx.keys.sealKey, share.token_sealed, tokenContext(share));
}

/** The link a holder gives out: `${WALLET_PUBLIC_URL}/s/<token>`. */
export function shareLink(ctx: WalletContext, share: Share): string {
  return `${ctx.config.publicUrl}/s/${shareToken(ctx, share)}`;
}

/** Where the verify page reads the shared credentials. */
export function presentationLink(ctx: WalletContext, token: string): string {
  return `${ctx.config.publicUrl}/s/${token}/presentation.json`;
}

/** The public verify page, opened on this share's presentation. */
export function verifierLink(ctx: WalletContext, token: string): string {
  return `${ctx.config.verifierPublicUrl}/?url=${encodeURIComponent(presentationLink(ctx, token))}`;
}

export type CreateShareResult =
  | { ok: true; share: Share; credentials: StoredCredential[] }
  | {
      ok: false;
      reason: "none" | "too-many" | "not-yours" | "days" | "not-shareable" | "not-checked";
    };

/**
 * Creates a share of the account's credentials `publicIds` for `days` days (refused, reason
 * `days`, outside `shareDaysRange`). Every id must be one of the account's own credentials: a
 * share never reaches another account's rows.
 */
export async function createShare(
  ctx: WalletContext,
  account: Account,
  publicIds: string[],
  days: number,
  label: string,
): Promise<CreateShareResult> {
  if (!isShareDays(days)) return { ok: false, reason: "days" };
  const ids = [...new Set(publicIds)];
  if (ids.length === 0) return { ok: false, reason: "none" };
  if (ids.length > MAX_SHARED_CREDENTIALS) return { ok: false, reason: "too-many" };
  const credentials = await findCredentials(ctx.db, account.id, ids);
  if (credentials.length !== ids.length) return { ok: false, reason: "not-yours" };
  // An Open Badges 2.0 badge is kept and checked, not shared (yet): not in any bundle.
  if (credentials.some((c) => c.ob2_badge)) return { ok: false, reason: "not-shareable" };
  // One Avala cannot check (its format cannot be read) is not handed on as if verified.
  if (credentials.some(keptUnchecked)) return { ok: false, reason: "not-checked" };
  const now = ctx.now();
  const token = randomToken();
  const publicId = randomUUID();
  const share = await insertShare(
    ctx.db,
    {
      public_id: publicId,
      account_id: account.id,
      token_hash: tokenHash(token),
      token_sealed: seal(ctx.keys.sealKey, token, tokenContext({ public_id: publicId })),
      label: label.slice(0, 120),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
    },
    credentials.map((c) => c.id),
  );
  return { ok: true, share, credentials };
}

/**
 * What `/s/:token/presentation.json` serves: an unsigned presentation bundle of the shared
 * credentials, exactly as the issuers signed them (one held as a JWT as that JWT, in an
 * `EnvelopedVerifiableCredential`). (A holder's signature would need the verifier's challenge:
 * that is the signed-presentation flow.)
 */
export function presentationBundle(credentials: StoredCredential[]): JsonObject {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    type: ["VerifiablePresentation"],
    verifiableCredential: credentials.map(sharedFormOf),
  };
}
