import { randomUUID } from "node:crypto";
import { achievementTexts, type JsonObject } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import { isLocale, type Locale, type MessageKey } from "@avala/i18n";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import { type ClaimOfferRow, latestOffer, offersOfCredentials } from "../db/repositories/claims.js";
import { type CredentialRow, findCredential } from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import {
  insertOutboxMessage,
  type OutboxRow,
  outboxOfReferences,
} from "../db/repositories/outbox.js";
import type { IssuerTables } from "../db/schema.js";
import { createOffer } from "./claims.js";
import {
  type LocalizedName,
  renderClaimMail,
  renderStaffInviteMail,
  type StaffRoleName,
} from "./mail-templates.js";

type Db = Kysely<IssuerTables>;

/**
 * What stands for a message's link in its stored bodies. It holds the message's random id, so no
 * text that existed before the message (an organisation's or a learner's name) can contain it.
 */
export function linkPlaceholder(publicId: string): string {
  return `{{link:${publicId}}}`;
}

/** The Content-ID of a claim message's QR code image. */
export function qrContentId(publicId: string): string {
  return `claim-qr.${publicId}@avala`;
}

/** What the sealed link of a message is bound to: moved to another row, it no longer opens. */
export function linkSealAad(publicId: string): string {
  return `issuer_mail_outbox:${publicId}:link`;
}

/** An achievement's name as the message shows it. */
export interface AchievementNames {
  name_es: string;
  name_en: string | null;
}

export interface ClaimMailInput {
  organisation: OrganisationRow;
  credential: Pick<CredentialRow, "learner_email" | "learner_name" | "credential">;
  offer: ClaimOfferRow;
  /** The catalogue entry; default: the names in the signed credential. */
  achievement?: AchievementNames | undefined;
  /** The learner's language, when known; else Spanish with English below. */
  locale?: Locale | undefined;
}

/**
 * Queues the claim e-mail of an offer: one insert, in the caller's transaction (`db` is the
 * transaction that created the offer), so the message exists exactly when the offer does.
 * Returns undefined when the credential has no learner e-mail. The claim link itself is not
 * stored: the worker recomputes it from the offer id when it sends.
 */
export async function enqueueClaimMail(
  ctx: IssuerContext,
  db: Db,
  input: ClaimMailInput,
): Promise<OutboxRow | undefined> {
  const recipient = input.credential.learner_email;
  if (!recipient) return undefined;
  const publicId = randomUUID();
  const achievement = input.achievement ?? achievementNamesOf(input.credential.credential);
  const rendered = renderClaimMail({
    locale: input.locale,
    learnerName: input.credential.learner_name,
    issuerName: namesOf(input.organisation),
    achievementName: { es: achievement.name_es, en: achievement.name_en },
    expiresAt: input.offer.expires_at,
    link: linkPlaceholder(publicId),
    qrCid: qrContentId(publicId),
  });
  const now = ctx.now().toISOString();
  return insertOutboxMessage(db, {
    public_id: publicId,
    organisation_id: input.organisation.id,
    kind: "claim-offer",
    reference: input.offer.offer_id,
    recipient,
    locale: input.locale ?? null,
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    link_sealed: null,
    state: "queued",
    attempts: 0,
    next_attempt_at: now,
    lease_token: null,
    last_error: null,
    message_id: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
  });
}

export interface StaffInviteInput {
  /** The organisation the person is invited to (its names sign the message). */
  organisation: Pick<OrganisationRow, "id" | "name_es" | "name_en">;
  /** The invitation's own id (for the outbox's `reference`; not a secret). */
  invitationId: string | number;
  recipient: string;
  inviteeName?: string | null | undefined;
  /** Who invites, as the invitee knows them (a name, or an e-mail address). */
  inviterName: string;
  role: StaffRoleName;
  /** When the invitation stops working (ISO 8601). */
  expiresAt: string;
  /**
   * The link that accepts the invitation, with its secret token. It is stored sealed under a
   * key derived from the master key until the message is sent, then erased.
   */
  link: string;
  locale?: Locale | undefined;
}

/**
 * Queues a staff invitation: one insert in the caller's transaction (the one that creates the
 * invitation). The link is sealed; everything else is rendered now, in the person's language
 * when known, else Spanish with English below.
 */
export async function enqueueStaffInvite(
  ctx: IssuerContext,
  db: Db,
  input: StaffInviteInput,
): Promise<OutboxRow> {
  if (!/^https?:\/\/[^\s<>"]+$/.test(input.link)) {
    throw new TypeError("[avala/issuer] an invitation link is an http(s) URL");
  }
  const publicId = randomUUID();
  const rendered = renderStaffInviteMail({
    locale: input.locale,
    inviteeName: input.inviteeName,
    organisationName: namesOf(input.organisation),
    inviterName: input.inviterName,
    role: input.role,
    expiresAt: input.expiresAt,
    link: linkPlaceholder(publicId),
  });
  const now = ctx.now().toISOString();
  return insertOutboxMessage(db, {
    public_id: publicId,
    organisation_id: input.organisation.id,
    kind: "staff-invite",
    reference: String(input.invitationId),
    recipient: input.recipient,
    locale: input.locale ?? null,
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    link_sealed: ctx.mail.links.sealText(input.link, linkSealAad(publicId)),
    state: "queued",
    attempts: 0,
    next_attempt_at: now,
    lease_token: null,
    last_error: null,
    message_id: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
  });
}

function namesOf(org: Pick<OrganisationRow, "name_es" | "name_en">): LocalizedName {
  return { es: org.name_es, en: org.name_en };
}

/** The achievement's names in a signed credential (its English edition or `localizedName`). */
export function achievementNamesOf(credentialJson: string): AchievementNames {
  const document = parseJsonText(credentialJson) as JsonObject;
  const subject = document["credentialSubject"];
  const achievement =
    subject && typeof subject === "object" && !Array.isArray(subject)
      ? (subject as JsonObject)["achievement"]
      : undefined;
  const fallback = typeof document["name"] === "string" ? document["name"] : "";
  const es = achievementTexts(achievement, "es").name ?? fallback;
  const en = achievementTexts(achievement, "en").name;
  return { name_es: es, name_en: en && en !== es ? en : null };
}

/** A message as the API shows it (never the bodies or the link). */
export function outboxView(ctx: IssuerContext, row: OutboxRow) {
  const waiting =
    row.state === "queued" && ctx.mail.sender === undefined ? "smtp-not-configured" : undefined;
  return {
    id: row.public_id,
    kind: row.kind,
    reference: row.reference,
    recipient: row.recipient,
    locale: isLocale(row.locale) ? row.locale : null,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === "queued" || row.state === "sending" ? row.next_attempt_at : null,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    ...(waiting ? { waiting } : {}),
  };
}

/** The claim e-mails of a credential (every offer it had), newest first. */
export async function claimMailsOf(db: Db, credentialId: number): Promise<OutboxRow[]> {
  const offers = await offersOfCredentials(db, [credentialId]);
  return outboxOfReferences(
    db,
    "claim-offer",
    offers.map((o) => o.offer_id),
  );
}

export type ResendOutcome =
  | { ok: true; message: OutboxRow; offer: ClaimOfferRow; newOffer: boolean }
  | { ok: false; status: 404 | 409; code: MessageKey };

/**
 * Queues the claim e-mail of a credential again: with its current offer while that is open,
 * else with a new offer (created in the same transaction). In the language of the last claim
 * e-mail. Refused when the credential has no learner e-mail, is revoked, or was claimed.
 */
export async function resendClaimMail(
  ctx: IssuerContext,
  org: OrganisationRow,
  credentialPublicId: string,
): Promise<ResendOutcome> {
  return ctx.db.transaction().execute(async (trx): Promise<ResendOutcome> => {
    const credential = await findCredential(trx, org.id, credentialPublicId);
    if (!credential) return { ok: false, status: 404, code: "issuer.credential.not-found" };
    if (!credential.learner_email) {
      return { ok: false, status: 409, code: "issuer.outbox.no-recipient" };
    }
    if (credential.status === "revoked") {
      return { ok: false, status: 409, code: "issuer.claim.revoked" };
    }
    let offer = await latestOffer(trx, credential.id);
    if (offer?.claimed_at) return { ok: false, status: 409, code: "issuer.claim.claimed" };
    const open = offer !== undefined && offer.expires_at > ctx.now().toISOString();
    if (!open) offer = await createOffer(ctx, trx, credential);
    const previous = (await claimMailsOf(trx, credential.id))[0];
    const message = await enqueueClaimMail(ctx, trx, {
      organisation: org,
      credential,
      offer: offer!,
      locale: isLocale(previous?.locale) ? previous.locale : undefined,
    });
    return { ok: true, message: message!, offer: offer!, newOffer: !open };
  });
}
