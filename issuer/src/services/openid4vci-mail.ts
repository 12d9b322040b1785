import { type Locale, t } from "@avala/i18n";
import { escapeHtml } from "@avala/mail";
import type { IssuerContext } from "../context.js";
import type { ClaimOfferRow } from "../db/repositories/claims.js";
import { offerLinkByReference, txCodeFor } from "./openid4vci.js";

/**
 * The claim e-mail's second offer, added when the message is sent: the same one-time offer as an
 * OpenID4VCI link for other wallets, and the PIN when the organisation asks for one (the PIN
 * travels here, never inside the offer).
 */
export async function otherWalletMailParts(
  ctx: IssuerContext,
  offer: ClaimOfferRow,
  slug: string,
  locale: Locale | null,
): Promise<{ text: string; html: string }> {
  const languages: Locale[] = locale ? [locale] : ["es", "en"];
  const link = offerLinkByReference(ctx, slug, offer.offer_id);
  const pin = await txCodeFor(ctx, offer);
  const lines = (l: Locale) => [
    `${t("issuer.oid4vci.other-wallet", l)}: ${t("issuer.oid4vci.other-wallet-hint", l)}`,
    ...(pin ? [t("issuer.oid4vci.pin", l, { pin })] : []),
  ];
  const text = ["", "----", "", ...languages.flatMap((l) => [...lines(l), ""]), link, ""].join(
    "\n",
  );
  const html = `<hr style="border:0;border-top:1px solid #dddddd;margin:24px 0">
${languages
  .map(
    (l) =>
      `<div lang="${l}">${lines(l)
        .map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`)
        .join("\n")}</div>`,
  )
  .join("\n")}
<p style="margin:0 0 12px;word-break:break-all;font-size:14px"><a href="${escapeHtml(link)}" style="color:#0b5c48">${escapeHtml(link)}</a></p>
`;
  return { text, html };
}
