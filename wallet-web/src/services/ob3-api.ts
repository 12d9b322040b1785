import type { JsonObject } from "@avala/credentials";
import { toJsonText } from "@avala/db";
import { type Locale, type MessageKey, type MessageParams, t } from "@avala/i18n";
import type { WalletContext } from "../context.js";
import {
  credentialsSince,
  findProfile,
  replaceCredentialDocument,
  saveProfile,
} from "../db/ob3-api.js";
import type { Account, StoredCredential } from "../db/repositories.js";
import { keepOnly } from "./generic.js";
import { documentOf, heldFormOf, receiveCredential, trustLabel } from "./holding.js";

/**
 * The Open Badges 3.0 API's resources for one account (the account of the token's grant):
 * getCredentials (paged, `since`), upsertCredential (verified like every import), getProfile
 * and putProfile. Errors are `Imsx_StatusInfo` documents in the caller's language.
 */

export const OB3_API_BASE = "/ims/ob/v3p0";
export const OB3_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
/** Largest credential accepted by upsertCredential (as for imports). */
export const MAX_UPSERT_BYTES = 2 * 1024 * 1024;
export const MAX_PROFILE_BYTES = 64 * 1024;
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export type CodeMinor =
  | "forbidden"
  | "invalid_data"
  | "invalid_query_parameter"
  | "not_allowed"
  | "not_found"
  | "unauthorizedrequest"
  | "internal_server_error"
  | "unknown";

/** An API error: answered as `Imsx_StatusInfo` with `status`. */
export class ImsxError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 415 | 500,
    readonly minor: CodeMinor,
    readonly key: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(minor);
  }
}

export function statusInfo(error: ImsxError, locale: Locale) {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: t(error.key, locale, error.params),
    imsx_codeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: "TargetEndSystem", imsx_codeMinorFieldValue: error.minor },
      ],
    },
  };
}

function isOpenBadge(document: JsonObject): boolean {
  const type = document["type"];
  const types = Array.isArray(type) ? type : [type];
  return types.includes("OpenBadgeCredential") || types.includes("AchievementCredential");
}

/** An Open Badges 3.0 credential as the API hands it on: JSON, or the compact JWS it came as. */
function apiFormOf(row: StoredCredential): JsonObject | string | undefined {
  // OB 2.0 badges and credentials kept unchecked are passed on only as files.
  if (keepOnly(row)) return undefined;
  if (!isOpenBadge(documentOf(row))) return undefined;
  return heldFormOf(row);
}

export interface CredentialPage {
  body: { credential: JsonObject[]; compactJwsString: string[] };
  total: number;
  limit: number;
  offset: number;
}

/** Reads `limit`, `offset` and `since` as the spec defines them; refuses anything else. */
export function readPaging(query: (name: string) => string | undefined) {
  const whole = (name: string, min: number, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = query(name);
    if (value === undefined) return fallback;
    if (!/^\d{1,9}$/.test(value) || Number(value) < min) {
      throw new ImsxError(400, "invalid_query_parameter", "wallet.ob3.api.query", { field: name });
    }
    return Math.min(Number(value), max);
  };
  const limit = whole("limit", 1, DEFAULT_PAGE, MAX_PAGE);
  const offset = whole("offset", 0, 0);
  const sinceText = query("since");
  let since: string | undefined;
  if (sinceText !== undefined) {
    const date = new Date(sinceText);
    if (
      sinceText.length > 40 ||
      !/^\d{4}-\d{2}-\d{2}T/.test(sinceText) ||
      Number.isNaN(date.getTime())
    ) {
      throw new ImsxError(400, "invalid_query_parameter", "wallet.ob3.api.query", {
        field: "since",
      });
    }
    since = date.toISOString();
  }
  return { limit, offset, since };
}

/** getCredentials: the account's Open Badges 3.0 credentials, oldest first, one page. */
export async function credentialPage(
  ctx: WalletContext,
  accountId: number,
  paging: { limit: number; offset: number; since: string | undefined },
): Promise<CredentialPage> {
  const rows = await credentialsSince(ctx.db, accountId, paging.since);
  const held = rows.map(apiFormOf).filter((form) => form !== undefined);
  const page = held.slice(paging.offset, paging.offset + paging.limit);
  return {
    body: {
      credential: page.filter((form): form is JsonObject => typeof form !== "string"),
      compactJwsString: page.filter((form): form is string => typeof form === "string"),
    },
    total: held.length,
    limit: paging.limit,
    offset: paging.offset,
  };
}

/** The Link header of a page (first, last, and next and prev when there are such pages). */
export function pageLinks(
  ctx: WalletContext,
  page: Pick<CredentialPage, "total" | "limit" | "offset">,
  since: string | undefined,
): string {
  const link = (offset: number, rel: string) => {
    const url = new URL(`${ctx.config.publicUrl}${OB3_API_BASE}/credentials`);
    url.searchParams.set("limit", String(page.limit));
    url.searchParams.set("offset", String(offset));
    if (since !== undefined) url.searchParams.set("since", since);
    return `<${url.href}>; rel="${rel}"`;
  };
  const last = page.total === 0 ? 0 : Math.floor((page.total - 1) / page.limit) * page.limit;
  const links = [link(0, "first"), link(last, "last")];
  if (page.offset + page.limit < page.total) links.unshift(link(page.offset + page.limit, "next"));
  if (page.offset > 0) links.push(link(Math.max(0, page.offset - page.limit), "prev"));
  return links.join(", ");
}

/**
 * upsertCredential: an Open Badges 3.0 credential (JSON, or a compact JWS) verified with the
 * verifier library as every import is. `created` when new, else the held copy is replaced.
 */
export async function upsertCredential(
  ctx: WalletContext,
  account: Account,
  input: JsonObject | string,
): Promise<{ created: boolean }> {
  // One Open Badges 3.0 credential, checked before anything is kept (a presentation or an
  // Open Badges 2.0 badge is refused whole, nothing stored).
  const verification = await ctx.verify(input);
  if (
    verification.kind !== "credential" ||
    !verification.document ||
    !isOpenBadge(verification.document) ||
    verification.ob2
  ) {
    throw new ImsxError(400, "invalid_data", "wallet.ob3.api.not-open-badge");
  }
  const outcome = await receiveCredential(ctx, account, verification, "api");
  if (outcome.status === "refused") {
    const reasons = outcome.reasons
      .map((r) => r.code ?? r.check)
      .slice(0, 5)
      .join(", ");
    throw new ImsxError(400, "invalid_data", "wallet.ob3.api.refused", { reasons });
  }
  if (outcome.status === "duplicate") {
    const now = ctx.now().toISOString();
    await replaceCredentialDocument(ctx.db, account.id, Number(outcome.credential.id), {
      document: toJsonText(verification.jwt ?? verification.document),
      verdict: verification.verdict,
      trust: trustLabel(verification),
      checked_at: now,
    });
    ctx.verificationCache.set(String(outcome.credential.id), verification);
    return { created: false };
  }
  return { created: true };
}

/** getProfile: what a host put, else the learner's name, e-mail and wallet DID. */
export async function profileOf(ctx: WalletContext, account: Account): Promise<JsonObject> {
  const stored = await findProfile(ctx.db, account.id);
  if (stored) return JSON.parse(stored.document) as JsonObject;
  return {
    "@context": OB3_CONTEXTS,
    id: account.holder_did,
    type: "Profile",
    name: account.display_name,
    email: account.email,
  };
}

/**
 * putProfile: the whole Profile, kept as hosts will read it (the account's own name and e-mail
 * stay as the learner set them). Its `id` is always the wallet's DID for the learner.
 */
export async function putProfile(
  ctx: WalletContext,
  account: Account,
  body: unknown,
): Promise<JsonObject> {
  const invalid = (reason: string) =>
    new ImsxError(400, "invalid_data", "wallet.ob3.api.invalid-data", { reason });
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalid("Profile");
  const profile = body as JsonObject;
  const type = profile["type"];
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes("Profile")) throw invalid("type");
  for (const field of ["name", "email", "phone", "description", "url"]) {
    const value = profile[field];
    if (value !== undefined && (typeof value !== "string" || value.length > 2000)) {
      throw invalid(field);
    }
  }
  const kept: JsonObject = {
    ...profile,
    "@context": profile["@context"] ?? OB3_CONTEXTS,
    id: account.holder_did,
  };
  await saveProfile(ctx.db, account.id, toJsonText(kept), ctx.now().toISOString());
  return kept;
}
