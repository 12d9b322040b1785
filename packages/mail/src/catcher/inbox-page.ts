import { type Locale, t } from "@avala/i18n";
import { escapeHtml } from "../escape-html.js";
import type { CaughtMail } from "./smtp-catcher.js";

const style = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f6f4}
header,main{max-width:48rem;margin:0 auto;padding:0.75rem 1rem}
header{display:flex;flex-wrap:wrap;gap:0.5rem 1rem;align-items:baseline;justify-content:space-between}
h1{font-size:1.4rem;margin:0}
a{color:#0b5c48}
ol{list-style:none;margin:0;padding:0}
li{background:#fff;border:1px solid #ddd;border-radius:0.5rem;margin:0 0 0.5rem;padding:0.6rem 0.8rem}
li a{font-weight:600;overflow-wrap:anywhere}
.meta{color:#555;font-size:0.9rem;overflow-wrap:anywhere;margin:0.2rem 0 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:0.2rem 0.8rem;margin:0 0 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere;min-width:0}
iframe{width:100%;min-height:32rem;border:1px solid #ddd;border-radius:0.5rem;background:#fff}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #ddd;border-radius:0.5rem;padding:0.8rem;font-size:0.9rem}
h2{font-size:1.1rem;margin:1.2rem 0 0.5rem}
`;

function layout(locale: Locale, title: string, otherHref: string, body: string): string {
  const other: Locale = locale === "es" ? "en" : "es";
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<header><h1>${escapeHtml(t("mail.inbox.title", locale))}</h1><a href="${escapeHtml(otherHref)}" hreflang="${other}" lang="${other}">${escapeHtml(t("mail.inbox.other-language", locale))}</a></header>
<main>${body}</main>
</body>
</html>`;
}

function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-MX" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(date);
}

/** The inbox: every kept message, newest first. */
export function inboxPage(locale: Locale, messages: readonly CaughtMail[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (m) =>
        `<li><a href="/messages/${m.id}?lang=${locale}">${escapeHtml(
          m.subject || t("mail.inbox.no-subject", locale),
        )}</a><p class="meta">${escapeHtml(t("mail.inbox.to", locale))}: ${escapeHtml(
          m.to || m.envelope.to.join(", "),
        )} · ${escapeHtml(formatDate(m.receivedAt, locale))}</p></li>`,
    )
    .join("\n");
  const body = `<p>${escapeHtml(t("mail.inbox.intro", locale))}</p>
<p>${escapeHtml(t("mail.inbox.count", locale, { count: messages.length }))} · <a href="/?lang=${locale}">${escapeHtml(t("mail.inbox.refresh", locale))}</a></p>
${messages.length ? `<ol>${items}</ol>` : `<p>${escapeHtml(t("mail.inbox.empty", locale))}</p>`}`;
  return layout(
    locale,
    t("mail.inbox.title", locale),
    `/?lang=${locale === "es" ? "en" : "es"}`,
    body,
  );
}

/**
 * One message: its headers, its HTML part in a sandboxed frame (no scripts, no network), its text
 * part and its attachments.
 */
export function messagePage(locale: Locale, mail: CaughtMail): string {
  const subject = mail.subject || t("mail.inbox.no-subject", locale);
  const attachments = mail.attachments
    .map(
      (a, index) =>
        `<li><a href="/messages/${mail.id}/attachments/${index}">${escapeHtml(
          a.filename ?? `${index + 1}`,
        )}</a> <span class="meta">${escapeHtml(a.contentType)}, ${a.content.length} B</span></li>`,
    )
    .join("\n");
  const body = `<p><a href="/?lang=${locale}">← ${escapeHtml(t("mail.inbox.back", locale))}</a></p>
<dl>
<dt>${escapeHtml(t("mail.inbox.subject", locale))}</dt><dd>${escapeHtml(subject)}</dd>
<dt>${escapeHtml(t("mail.inbox.from", locale))}</dt><dd>${escapeHtml(mail.from || mail.envelope.from)}</dd>
<dt>${escapeHtml(t("mail.inbox.to", locale))}</dt><dd>${escapeHtml(mail.to || mail.envelope.to.join(", "))}</dd>
<dt>${escapeHtml(t("mail.inbox.date", locale))}</dt><dd>${escapeHtml(formatDate(mail.receivedAt, locale))}</dd>
</dl>
${
  mail.html !== undefined
    ? `<h2>${escapeHtml(t("mail.inbox.html-part", locale))}</h2>
<iframe sandbox title="${escapeHtml(subject)}" src="/messages/${mail.id}/body.html"></iframe>`
    : ""
}
<h2>${escapeHtml(t("mail.inbox.text-part", locale))}</h2>
<pre>${escapeHtml(mail.text)}</pre>
${attachments ? `<h2>${escapeHtml(t("mail.inbox.attachments", locale))}</h2><ol>${attachments}</ol>` : ""}`;
  return layout(
    locale,
    subject,
    `/messages/${mail.id}?lang=${locale === "es" ? "en" : "es"}`,
    body,
  );
}

/** The page for a message that is not (or no longer) kept. */
export function notFoundPage(locale: Locale): string {
  return layout(
    locale,
    t("mail.inbox.not-found", locale),
    `/?lang=${locale === "es" ? "en" : "es"}`,
    `<p>${escapeHtml(t("mail.inbox.not-found", locale))}</p><p><a href="/?lang=${locale}">← ${escapeHtml(t("mail.inbox.back", locale))}</a></p>`,
  );
}
