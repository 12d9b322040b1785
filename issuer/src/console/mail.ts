import type { Locale } from "@avala/i18n";
import type { IssuerContext } from "../context.js";
import { latestOffer } from "../db/repositories/claims.js";
import type { CredentialRow } from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { OutboxRow } from "../db/repositories/outbox.js";
import type { StaffRole } from "../db/schema.js";
import { claimMailsOf, enqueueClaimMail, enqueueStaffInvite } from "../services/mail-outbox.js";

/**
 * Where the console hands messages to the outbox (services/mail-outbox.ts) and reads their
 * delivery state. Without SMTP_URL messages wait in the outbox; the pages then show the link to
 * pass on by hand as well.
 */
export type MailState =
  | "queued"
  | "retrying"
  | "sent"
  | "failed"
  | "cancelled"
  | "not-configured"
  | "no-address";

function stateOf(ctx: IssuerContext, row: OutboxRow | undefined): MailState {
  if (!row) return "not-configured";
  switch (row.state) {
    case "sent":
      return "sent";
    case "failed":
      return "failed";
    case "cancelled":
      return "cancelled";
    default:
      if (ctx.mail.sender === undefined) return "not-configured";
      return row.last_error ? "retrying" : "queued";
  }
}

export interface InvitationMail {
  organisation: OrganisationRow;
  invitationId: number;
  email: string;
  name: string;
  role: StaffRole;
  invitedBy: string;
  url: string;
  expiresAt: string;
  locale?: Locale | undefined;
}

/** Queues a staff invitation e-mail (the link sealed in the outbox until sent). */
export async function sendInvitationMail(
  ctx: IssuerContext,
  mail: InvitationMail,
): Promise<MailState> {
  const row = await enqueueStaffInvite(ctx, ctx.db, {
    organisation: mail.organisation,
    invitationId: mail.invitationId,
    recipient: mail.email,
    inviteeName: mail.name,
    inviterName: mail.invitedBy,
    role: mail.role,
    expiresAt: mail.expiresAt,
    link: mail.url,
    locale: mail.locale,
  });
  return stateOf(ctx, row);
}

/**
 * Queues the claim e-mail of a credential's newest offer, unless one is already queued for it
 * (issuing may queue it itself).
 */
export async function sendClaimMail(
  ctx: IssuerContext,
  organisation: OrganisationRow,
  credential: CredentialRow,
): Promise<MailState> {
  if (!credential.learner_email) return "no-address";
  const offer = await latestOffer(ctx.db, credential.id);
  if (!offer) return "not-configured";
  const existing = (await claimMailsOf(ctx.db, credential.id)).find(
    (m) => m.reference === offer.offer_id,
  );
  if (existing) return stateOf(ctx, existing);
  return stateOf(ctx, await enqueueClaimMail(ctx, ctx.db, { organisation, credential, offer }));
}

/** The delivery state of the newest claim e-mail of a credential. */
export async function claimMailState(
  ctx: IssuerContext,
  credential: Pick<CredentialRow, "id" | "learner_email">,
): Promise<MailState> {
  if (!credential.learner_email) return "no-address";
  return stateOf(ctx, (await claimMailsOf(ctx.db, credential.id))[0]);
}
