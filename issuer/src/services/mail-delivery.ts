import { escapeHtml, type OutgoingMail } from "@avala/mail";
import QRCode from "qrcode";
import type { IssuerContext } from "../context.js";
import { type ClaimOfferRow, findOffer } from "../db/repositories/claims.js";
import { findCredentialById } from "../db/repositories/credentials.js";
import { findOrganisationById } from "../db/repositories/organisations.js";
import type { OutboxRow } from "../db/repositories/outbox.js";
import { claimUrl } from "./claims.js";
import { linkPlaceholder, linkSealAad, qrContentId } from "./mail-outbox.js";
import { otherWalletMailParts } from "./openid4vci-mail.js";

/** A message ready to go, or why it will not go (cancelled: moot; failed: cannot be built). */
export type PreparedMail =
  | { kind: "send"; mail: OutgoingMail }
  | { kind: "cancel"; reason: string }
  | { kind: "fail"; reason: string };

/** The link of a claim offer, when the offer can still be claimed. */
async function claimLinkOf(
  ctx: IssuerContext,
  offerId: string,
): Promise<{ link: string; offer: ClaimOfferRow } | { cancel: string }> {
  const offer = await findOffer(ctx.db, offerId);
  if (!offer) return { cancel: "the offer no longer exists" };
  if (offer.claimed_at) return { cancel: "the offer was already claimed" };
  if (offer.expires_at <= ctx.now().toISOString()) return { cancel: "the offer expired" };
  const credential = await findCredentialById(ctx.db, offer.credential_id);
  if (!credential || credential.status === "revoked")
    return { cancel: "the credential was revoked" };
  return { link: claimUrl(ctx, offer.offer_id), offer };
}

/**
 * Builds the message of an outbox row: its link (recomputed for a claim offer, unsealed for an
 * invitation) in place of the placeholder, the QR code of the link as an inline image when the
 * HTML shows one, the organisation's name as the sender's name (unless MAIL_FROM has its own)
 * and its e-mail as Reply-To, a stable Message-ID.
 */
export async function prepareMail(ctx: IssuerContext, row: OutboxRow): Promise<PreparedMail> {
  let link: string;
  let claimOffer: ClaimOfferRow | undefined;
  if (row.kind === "claim-offer") {
    const found = await claimLinkOf(ctx, row.reference);
    if ("cancel" in found) return { kind: "cancel", reason: found.cancel };
    link = found.link;
    claimOffer = found.offer;
  } else {
    if (!row.link_sealed) return { kind: "fail", reason: "the message's link is gone" };
    try {
      link = ctx.mail.links.openText(row.link_sealed, linkSealAad(row.public_id));
    } catch {
      return {
        kind: "fail",
        reason: "the link was sealed under another master key: send the invitation again",
      };
    }
  }
  const organisation = await findOrganisationById(ctx.db, row.organisation_id);
  if (!organisation) return { kind: "cancel", reason: "the organisation no longer exists" };
  const placeholder = linkPlaceholder(row.public_id);
  let html = row.html_body.split(placeholder).join(escapeHtml(link));
  let text = row.text_body.split(placeholder).join(link);
  if (claimOffer) {
    // The same offer for other wallets (OpenID4VCI), with the PIN when one is asked.
    const other = await otherWalletMailParts(
      ctx,
      claimOffer,
      organisation.slug,
      row.locale === "en" || row.locale === "es" ? row.locale : null,
    );
    const end = html.lastIndexOf("</div>\n</body>");
    html = end < 0 ? html + other.html : html.slice(0, end) + other.html + html.slice(end);
    text += other.text;
  }
  const cid = qrContentId(row.public_id);
  const attachments = html.includes(`cid:${cid}`)
    ? [
        {
          filename: "qr.png",
          contentType: "image/png",
          cid,
          content: await QRCode.toBuffer(link, {
            errorCorrectionLevel: "M",
            margin: 2,
            type: "png",
            width: 300,
          }),
        },
      ]
    : [];
  const from = ctx.config.mailFrom;
  const senderName =
    from.name ??
    (row.locale === "en" && organisation.name_en ? organisation.name_en : organisation.name_es);
  return {
    kind: "send",
    mail: {
      from: { name: senderName, address: from.address },
      to: row.recipient,
      ...(organisation.email ? { replyTo: organisation.email } : {}),
      subject: row.subject,
      text,
      html,
      messageId: `<${row.public_id}@${new URL(ctx.config.publicUrl).hostname}>`,
      attachments,
      // RFC 3834: no out-of-office replies to an automatic message.
      headers: { "Auto-Submitted": "auto-generated" },
    },
  };
}
