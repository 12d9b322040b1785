import { createHash } from "node:crypto";
import type { Credential, JsonObject } from "@avala/credentials";
import { dataModelOf, signCredential } from "@avala/credentials";
import { t } from "@avala/i18n";
import { buildStatusListCredential, createBitstring, setBit } from "@avala/status-list";
import type { IssuerConfig } from "../config.js";
import type { IssuerContext } from "../context.js";
import {
  type CredentialRow,
  findCredential,
  findCredentialBySlot,
  insertStatusEvent,
  latestStatusEvent,
  updateCredentialStatus,
} from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import {
  bumpStatusListVersion,
  findStatusList,
  setIndexes,
} from "../db/repositories/status-lists.js";
import type { CredentialState, StatusPurpose } from "../db/schema.js";
import { parseReason, reasonKey } from "./status-reasons.js";

export function statusListUrl(
  config: IssuerConfig,
  slug: string,
  purpose: StatusPurpose,
  listNumber: number,
): string {
  return `${statusListsPrefix(config, slug)}${purpose}/${listNumber}`;
}

/** Where an organisation's status lists live; every managed entry points under it. */
export function statusListsPrefix(config: IssuerConfig, slug: string): string {
  return `${config.publicUrl}/orgs/${encodeURIComponent(slug)}/status/`;
}

/** Whether a URL is (under) one of the status lists this issuer serves, whichever the organisation. */
export function isManagedStatusUrl(config: IssuerConfig, url: string): boolean {
  const base = `${config.publicUrl}/orgs/`;
  return url.startsWith(base) && /^[^/?#]+\/status(\/|$)/.test(url.slice(base.length));
}

/**
 * The credential's status entry that the issuer manages (on its own list, at the row's index),
 * if the signed document carries one. A credential issued through the VC-API with the caller's
 * own `credentialStatus` has none: its slot is reserved but unused, and its status is the
 * caller's to manage.
 */
export function managedEntryOf(
  config: IssuerConfig,
  org: Pick<OrganisationRow, "slug">,
  row: Pick<CredentialRow, "credential" | "status_index">,
): JsonObject | undefined {
  let document: unknown;
  try {
    document = JSON.parse(row.credential);
  } catch {
    return undefined;
  }
  const status = (document as JsonObject | null)?.["credentialStatus"];
  const prefix = statusListsPrefix(config, org.slug);
  for (const entry of Array.isArray(status) ? status : [status]) {
    if (!entry || typeof entry !== "object") continue;
    const e = entry as JsonObject;
    if (
      typeof e["statusListCredential"] === "string" &&
      e["statusListCredential"].startsWith(prefix) &&
      e["statusListIndex"] === String(row.status_index)
    ) {
      return e;
    }
  }
  return undefined;
}

/**
 * Where the issuer publishes what a status entry's bit does not say: since when, and why when
 * the clerk made the reason public. The entry names it as `statusReference`.
 */
export function statusNoticeUrl(listUrl: string, index: number | string): string {
  return `${listUrl}/entries/${index}`;
}

/**
 * Points the credential's managed status entry at its notice (`statusReference`), in a VC 2.0
 * credential only: the VC 2.0 context defines the term, and a VC 1.1 credential carries no
 * context it did not ask for.
 */
export function addStatusReference(credential: Credential, managed: JsonObject): void {
  if (dataModelOf(credential) !== "2.0") return;
  const listUrl = managed["statusListCredential"];
  const index = managed["statusListIndex"];
  if (typeof listUrl !== "string" || typeof index !== "string") return;
  const status = credential.credentialStatus;
  for (const entry of Array.isArray(status) ? status : [status]) {
    if (
      entry &&
      typeof entry === "object" &&
      entry["statusListCredential"] === listUrl &&
      entry["statusListIndex"] === index
    ) {
      entry["statusReference"] = statusNoticeUrl(listUrl, index);
    }
  }
}

/** What `GET …/status/:purpose/:n/entries/:index` answers. */
export interface StatusNotice {
  statusListCredential: string;
  statusListIndex: string;
  statusPurpose: StatusPurpose;
  status: CredentialState;
  /** When the status last changed; null when it never did. */
  since: string | null;
  /** Only when the clerk made it public: the list's label in both languages — then their words. */
  reason: { code: string; es: string; en: string } | null;
}

/**
 * The notice of one status entry: the credential's current status, since when, and the reason
 * of that change when the clerk published it. Undefined for a list or index that holds no
 * credential this issuer manages there (never allocated, an endorsement's, or a credential that
 * brought its own `credentialStatus`).
 */
export async function statusNotice(
  ctx: IssuerContext,
  org: OrganisationRow,
  purpose: StatusPurpose,
  listNumber: number,
  index: number,
): Promise<StatusNotice | undefined> {
  const list = await findStatusList(ctx.db, org.id, purpose, listNumber);
  if (!list || index >= list.length) return undefined;
  const credential = await findCredentialBySlot(ctx.db, list.id, index);
  if (!credential || credential.organisation_id !== org.id) return undefined;
  if (!managedEntryOf(ctx.config, org, credential)) return undefined;
  const event = await latestStatusEvent(ctx.db, credential.id);
  let reason: StatusNotice["reason"] = null;
  if (event && event.public_reason === 1) {
    const { code, text } = parseReason(event.reason);
    const words = (locale: "es" | "en") => {
      const label = code ? t(reasonKey(code), locale) : "";
      return label && text.trim() ? `${label} — ${text.trim()}` : label || text.trim();
    };
    reason = { code: code ?? "other", es: words("es"), en: words("en") };
  }
  return {
    statusListCredential: statusListUrl(ctx.config, org.slug, purpose, listNumber),
    statusListIndex: String(index),
    statusPurpose: purpose,
    status: credential.status,
    since: event ? event.created_at : null,
    reason,
  };
}

interface CachedList {
  cacheKey: string;
  body: string;
  etag: string;
  lastModified: string;
}

/**
 * Signed status list credentials, cached by list, version and signing key: a status change bumps
 * the version, so the next request signs a fresh copy (changes are visible at once).
 */
export interface StatusListCache {
  get(listId: number): CachedList | undefined;
  set(listId: number, entry: CachedList): void;
}

export function createStatusListCache(maxEntries = 256): StatusListCache {
  const entries = new Map<number, CachedList>();
  return {
    get: (listId) => entries.get(listId),
    set(listId, entry) {
      entries.delete(listId);
      entries.set(listId, entry);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}

export interface SignedStatusList {
  body: string;
  etag: string;
  lastModified: string;
}

/** The signed list credential for `/orgs/:slug/status/:purpose/:n`, or undefined if none. */
export async function signedStatusList(
  ctx: IssuerContext,
  org: OrganisationRow,
  purpose: StatusPurpose,
  listNumber: number,
): Promise<SignedStatusList | undefined> {
  const list = await findStatusList(ctx.db, org.id, purpose, listNumber);
  if (!list) return undefined;
  const key = await ctx.keys.signingKey(ctx.db, org.id);
  const cacheKey = `${list.version}|${key.id}`;
  const cached = ctx.statusLists.get(list.id);
  if (cached && cached.cacheKey === cacheKey) return cached;

  const bits = createBitstring(list.length);
  for (const index of await setIndexes(ctx.db, list.id, purpose)) setBit(bits, index, true);
  const url = statusListUrl(ctx.config, org.slug, purpose, listNumber);
  const unsigned = buildStatusListCredential({
    url,
    issuer: org.did,
    statusPurpose: purpose,
    bits,
    validFrom: new Date(list.updated_at),
  });
  const signed = await signCredential(unsigned, {
    key,
    documentLoader: ctx.signingLoader,
    date: ctx.now(),
  });
  const body = JSON.stringify(signed);
  const tag = createHash("sha256").update(`${list.id}|${cacheKey}`).digest("base64url");
  const entry: CachedList = {
    cacheKey,
    body,
    etag: `W/"${tag.slice(0, 27)}"`,
    lastModified: new Date(list.updated_at).toUTCString(),
  };
  ctx.statusLists.set(list.id, entry);
  return entry;
}

export type StatusAction = "revoke" | "suspend" | "reinstate";

export type StatusChangeOutcome =
  | { ok: true; credential: CredentialRow; previous: CredentialState; status: CredentialState }
  | {
      ok: false;
      status: 404 | 409;
      code:
        | "issuer.credential.not-found"
        | "issuer.status.not-managed"
        | "issuer.status.already-revoked"
        | "issuer.status.revoked-final"
        | "issuer.status.revocation-only"
        | "issuer.status.already-suspended"
        | "issuer.status.not-suspended";
    };

/** The next status, or why the action does not apply. Revocation is final. */
export function nextStatus(
  current: CredentialState,
  purpose: StatusPurpose,
  action: StatusAction,
): { to: CredentialState } | { refuse: Exclude<StatusChangeOutcome, { ok: true }>["code"] } {
  if (current === "revoked") {
    return {
      refuse: action === "revoke" ? "issuer.status.already-revoked" : "issuer.status.revoked-final",
    };
  }
  switch (action) {
    case "revoke":
      return { to: "revoked" };
    case "suspend":
      if (purpose !== "suspension") return { refuse: "issuer.status.revocation-only" };
      if (current === "suspended") return { refuse: "issuer.status.already-suspended" };
      return { to: "suspended" };
    case "reinstate":
      if (current !== "suspended") return { refuse: "issuer.status.not-suspended" };
      return { to: "active" };
  }
}

/**
 * Revokes, suspends or reinstates a credential of the organisation, with the reason and who did
 * it in the history, and bumps its list's version, all in one transaction.
 */
export async function changeCredentialStatus(
  ctx: IssuerContext,
  org: OrganisationRow,
  publicId: string,
  change: {
    action: StatusAction;
    reason: string;
    actor: string;
    actorLabel: string;
    /** Publish the reason with the credential's status (its entry's notice). Default false. */
    publicReason?: boolean | undefined;
  },
): Promise<StatusChangeOutcome> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    // A concurrent change between our read and our write makes the write miss: read again.
    for (let attempt = 0; ; attempt++) {
      const credential = await findCredential(trx, org.id, publicId);
      if (!credential) return { ok: false, status: 404, code: "issuer.credential.not-found" };
      // Flipping a bit the credential does not point at would report a change no verifier sees.
      if (!managedEntryOf(ctx.config, org, credential)) {
        return { ok: false, status: 409, code: "issuer.status.not-managed" };
      }
      const next = nextStatus(credential.status, credential.status_purpose, change.action);
      if ("refuse" in next) return { ok: false, status: 409, code: next.refuse };
      const moved = await updateCredentialStatus(
        trx,
        credential.id,
        credential.status,
        next.to,
        now,
      );
      if (!moved) {
        if (attempt < 3) continue;
        throw new Error("The credential's status keeps changing; try again");
      }
      await insertStatusEvent(trx, {
        credential_id: credential.id,
        action: change.action,
        reason: change.reason,
        previous_status: credential.status,
        new_status: next.to,
        actor: change.actor,
        actor_label: change.actorLabel,
        created_at: now,
        public_reason: change.publicReason ? 1 : 0,
      });
      await bumpStatusListVersion(trx, credential.status_list_id, now);
      return {
        ok: true,
        credential: { ...credential, status: next.to, updated_at: now },
        previous: credential.status,
        status: next.to,
      };
    }
  });
}
