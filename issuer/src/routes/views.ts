import { parseJsonText } from "@avala/db";
import type { IssuerContext } from "../context.js";
import type { ClaimOfferRow } from "../db/repositories/claims.js";
import type { CredentialRow, StatusEventRow } from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { StatusListRow } from "../db/repositories/status-lists.js";
import { claimUrl } from "../services/claims.js";
import { statusListUrl } from "../services/status.js";

/** A claim offer as the API shows it (the URL is recomputed: it is never stored). */
export function offerView(ctx: IssuerContext, offer: ClaimOfferRow | undefined) {
  if (!offer) return null;
  return {
    url: claimUrl(ctx, offer.offer_id),
    expiresAt: offer.expires_at,
    claimedAt: offer.claimed_at,
    holder: offer.holder_did,
  };
}

/** A credential's record, without the document. */
export function credentialSummary(
  ctx: IssuerContext,
  org: OrganisationRow,
  row: Pick<
    CredentialRow,
    | "public_id"
    | "vc_id"
    | "external_id"
    | "status"
    | "status_purpose"
    | "subject_did"
    | "learner_email"
    | "issued_at"
    | "updated_at"
  > &
    Partial<Pick<CredentialRow, "status_index" | "learner_name">>,
  list?: Pick<StatusListRow, "list_number">,
) {
  return {
    id: row.public_id,
    credentialId: row.vc_id,
    externalId: row.external_id,
    status: row.status,
    statusPurpose: row.status_purpose,
    ...(list && row.status_index !== undefined
      ? {
          statusListCredential: statusListUrl(
            ctx.config,
            org.slug,
            row.status_purpose,
            list.list_number,
          ),
          statusListIndex: row.status_index,
        }
      : {}),
    subject: row.subject_did,
    learner: {
      email: row.learner_email,
      ...(row.learner_name !== undefined ? { name: row.learner_name } : {}),
    },
    issuedAt: row.issued_at,
    updatedAt: row.updated_at,
  };
}

export function historyView(events: StatusEventRow[]) {
  return events.map((e) => ({
    action: e.action,
    reason: e.reason,
    publicReason: e.public_reason === 1,
    from: e.previous_status,
    to: e.new_status,
    by: { token: e.actor, label: e.actor_label },
    at: e.created_at,
  }));
}

export function documentOf(row: Pick<CredentialRow, "credential">): unknown {
  return parseJsonText(row.credential);
}
