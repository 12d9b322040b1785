import type { Generated } from "kysely";

/** What a message is about; `reference` names the thing (an offer id, an invitation id). */
export type MailKind = "claim-offer" | "staff-invite";

/**
 * queued → sending → sent; a failed attempt goes back to queued (with a later
 * `next_attempt_at`) until the last allowed one, then failed. Cancelled: the message no longer
 * makes sense (its offer was claimed, revoked or expired before it went out).
 */
export type MailState = "queued" | "sending" | "sent" | "failed" | "cancelled";

/**
 * `issuer_mail_outbox`: every e-mail the issuer sends, inserted in the transaction that creates
 * what it announces, and sent afterwards by the outbox worker. The bodies are stored with a
 * placeholder where the link goes: a claim link is recomputed from the offer id when sending
 * (it is never stored); another link (an invitation) is kept sealed under the master key until
 * the message is sent, then erased.
 */
export interface MailOutboxTable {
  id: Generated<number>;
  /** Random UUID: the message's id in the API. */
  public_id: string;
  organisation_id: number;
  kind: MailKind;
  /** The offer id (claim-offer) or the invitation's id (staff-invite). */
  reference: string;
  recipient: string;
  /** `es` or `en`; null: not known, the message is in Spanish with English below. */
  locale: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  /** The link, sealed (`SecretBox.sealText`), for kinds whose link cannot be recomputed. */
  link_sealed: string | null;
  state: MailState;
  /** Attempts started so far (counted when a worker takes the message). */
  attempts: number;
  /** Queued: not before this time. Sending: the lease ends then, and another worker may retry. */
  next_attempt_at: string;
  /** Set by the worker that took the message; only that worker may record the outcome. */
  lease_token: string | null;
  /** The last failure (SMTP reply code and text, or why it was cancelled); never a secret. */
  last_error: string | null;
  /** The Message-ID the server accepted. */
  message_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}
