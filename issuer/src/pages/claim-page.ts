import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import { html, raw } from "hono/html";

export interface ClaimPageOffer {
  issuerName: string;
  achievementName: string;
  achievementCode: string | null;
  expiresAt: string;
  claimUrl: string;
  walletUrl: string;
  qrSvg: string;
  /** The same offer for other wallets (OpenID4VCI): its link and QR code, whether a PIN is asked. */
  otherWallet?: { link: string; qrSvg: string; pinAsked: boolean } | undefined;
}

function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-MX" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(iso));
}

function layout(locale: Locale, title: string, body: unknown, otherLanguageHref: string) {
  const other = locale === "es" ? "en" : "es";
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="/assets/issuer.css">
</head>
<body>
<header><p><a href="${otherLanguageHref}" hreflang="${other}" lang="${other}">${t("issuer.claim-page.other-language", locale)}</a></p></header>
<main>${body}</main>
</body>
</html>`;
}

/** The claim page a learner opens from an email: what is offered, until when, the wallet button. */
export function claimPage(locale: Locale, offer: ClaimPageOffer, otherLanguageHref: string) {
  const body = html`<div class="card">
<h1>${t("issuer.claim-page.title", locale)}</h1>
<p>${t("issuer.claim-page.offered-by", locale, { issuer: offer.issuerName })}</p>
<p class="achievement">${offer.achievementName}</p>
${offer.achievementCode ? html`<p class="code muted">${offer.achievementCode}</p>` : ""}
<p>${t("issuer.claim-page.expires", locale, { date: formatDate(offer.expiresAt, locale) })}</p>
<a class="button" href="${offer.walletUrl}">${t("issuer.claim-page.save", locale)}</a>
<p>${t("issuer.claim-page.scan", locale)}</p>
<div class="qr">${raw(offer.qrSvg)}</div>
<p class="muted">${t("issuer.claim-page.one-time", locale)}</p>
</div>
${offer.otherWallet ? otherWalletCard(locale, offer.otherWallet) : ""}`;
  return layout(locale, t("issuer.claim-page.title", locale), body, otherLanguageHref);
}

/** "Use another wallet": the OpenID4VCI offer as a link and a QR code (same one-time offer). */
function otherWalletCard(locale: Locale, other: NonNullable<ClaimPageOffer["otherWallet"]>) {
  return html`<div class="card" id="other-wallet">
<h2>${t("issuer.oid4vci.other-wallet", locale)}</h2>
<p>${t("issuer.oid4vci.other-wallet-hint", locale)}</p>
<a class="button secondary" href="${other.link}">${t("issuer.oid4vci.other-wallet", locale)}</a>
<div class="qr">${raw(other.qrSvg)}</div>
${other.pinAsked ? html`<p class="muted">${t("issuer.oid4vci.pin-asked", locale)}</p>` : ""}
</div>`;
}

/** The page shown instead when the offer cannot be used (unknown, claimed, expired, revoked). */
export function claimUnavailablePage(locale: Locale, message: string, otherLanguageHref: string) {
  const body = html`<div class="card">
<h1>${t("issuer.claim-page.unavailable", locale)}</h1>
<p>${message}</p>
</div>`;
  return layout(locale, t("issuer.claim-page.unavailable", locale), body, otherLanguageHref);
}
