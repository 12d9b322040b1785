import type { JsonObject } from "@avala/credentials";
import type { IssuerContext } from "../context.js";
import { findCredential, findCredentialByVcId } from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { StatusPurpose } from "../db/schema.js";
import {
  changeCredentialStatus,
  managedEntryOf,
  type StatusAction,
  type StatusChangeOutcome,
} from "./status.js";

/**
 * The W3C VC-API (VCALM) status service, `POST /credentials/status`, on top of the issuer's
 * own status changes: the same rules (revocation is final, a revocation entry cannot be
 * suspended), the same history, scoped to the caller's organisation.
 */

/** One entry of the request: which status entry, and (older shape) its new value. */
export interface StatusEntryRequest {
  type: "BitstringStatusListEntry";
  statusPurpose: StatusPurpose;
  id?: string | undefined;
  statusListIndex?: string | undefined;
  statusListCredential?: string | undefined;
  /** The VC-API's earlier shape put the value in the entry (`true`/`"1"` sets the bit). */
  status?: boolean | "0" | "1" | undefined;
}

export interface VcApiStatusRequest {
  /** The credential's `id`, or its id in Avala's API. */
  credentialId: string;
  credentialStatus: StatusEntryRequest | StatusEntryRequest[];
  /** The new value of the entry's bit: true sets it (revoked, suspended). Default true. */
  status?: boolean | undefined;
  indexAllocator?: string | undefined;
}

export type VcApiStatusOutcome =
  | Extract<StatusChangeOutcome, { ok: true }>
  | {
      ok: false;
      status: 404 | 409 | 422;
      code:
        | Extract<StatusChangeOutcome, { ok: false }>["code"]
        | "issuer.status.not-revoked"
        | "issuer.status.entry-mismatch"
        | "issuer.status.value-conflict";
      field?: string;
    };

/** The bit's new value, from the request's `status` and the entry's own (they must agree). */
export function requestedValue(request: VcApiStatusRequest): boolean | undefined {
  const entry = Array.isArray(request.credentialStatus)
    ? request.credentialStatus[0]
    : request.credentialStatus;
  const own =
    entry?.status === undefined ? undefined : entry.status === true || entry.status === "1";
  if (request.status !== undefined && own !== undefined && request.status !== own) return undefined;
  return request.status ?? own ?? true;
}

/**
 * What setting (or clearing) a purpose's bit means: revocation sets it for good; suspension
 * sets it and clears it. Clearing a revocation is not an action: it is refused.
 */
export function actionFor(purpose: StatusPurpose, value: boolean): StatusAction | "unrevoke" {
  if (purpose === "revocation") return value ? "revoke" : "unrevoke";
  return value ? "suspend" : "reinstate";
}

/** The request names a particular entry (id, list, index): it must be the credential's. */
function entryMismatch(requested: StatusEntryRequest, managed: JsonObject): string | undefined {
  const named = ["id", "statusListCredential", "statusListIndex"] as const;
  for (const field of named) {
    if (requested[field] !== undefined && requested[field] !== managed[field]) return field;
  }
  const namesOne = named.some((field) => requested[field] !== undefined);
  if (namesOne && requested.statusPurpose !== managed["statusPurpose"]) return "statusPurpose";
  return undefined;
}

export async function updateStatusByVcApi(
  ctx: IssuerContext,
  org: OrganisationRow,
  request: VcApiStatusRequest,
  actor: { actor: string; actorLabel: string },
): Promise<VcApiStatusOutcome> {
  const entry = Array.isArray(request.credentialStatus)
    ? request.credentialStatus[0]!
    : request.credentialStatus;
  const value = requestedValue(request);
  if (value === undefined) {
    return { ok: false, status: 422, code: "issuer.status.value-conflict", field: "status" };
  }
  // The credential's `id` first (what VC-API clients know), then Avala's own id for it.
  const byVcId = await findCredentialByVcId(ctx.db, org.id, request.credentialId);
  const publicId = byVcId?.public_id ?? request.credentialId;
  const row = await findCredential(ctx.db, org.id, publicId);
  if (!row) return { ok: false, status: 404, code: "issuer.credential.not-found" };
  const managed = managedEntryOf(ctx.config, org, row);
  if (!managed) return { ok: false, status: 409, code: "issuer.status.not-managed" };
  const mismatch = entryMismatch(entry, managed);
  if (mismatch) {
    return {
      ok: false,
      status: 422,
      code: "issuer.status.entry-mismatch",
      field: `credentialStatus.${mismatch}`,
    };
  }
  const action = actionFor(entry.statusPurpose, value);
  if (action === "unrevoke") {
    const code =
      row.status === "revoked" ? "issuer.status.revoked-final" : "issuer.status.not-revoked";
    return { ok: false, status: 409, code };
  }
  return changeCredentialStatus(ctx, org, row.public_id, {
    action,
    reason: `VC-API: ${entry.statusPurpose} ${value ? "set" : "cleared"}`,
    ...actor,
  });
}
