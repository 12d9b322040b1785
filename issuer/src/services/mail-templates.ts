import { type Locale, type MessageKey, type MessageParams, t } from "@avala/i18n";
import { escapeHtml } from "@avala/mail";

/** A name in Spanish, and in English when there is one. */
export interface LocalizedName {
  es: string;
  en?: string | null | undefined;
}

/** A message's three parts, as the outbox stores them (the link still a placeholder). */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface ClaimMailInput {
  /** The learner's language; undefined: Spanish, then the same in English. */
  locale: Locale | undefined;
  learnerName: string | null | undefined;
  issuerName: LocalizedName;
  achievementName: LocalizedName;
  expiresAt: string;
  /** What stands for the claim link (the worker puts the link there when sending). */
  link: string;
  /** The Content-ID of the QR code image attached to the message. */
  qrCid: string;
}

export type StaffRoleName = "admin" | "operator" | "viewer";

export interface StaffInviteMailInput {
  locale: Locale | undefined;
  inviteeName?: string | null | undefined;
  organisationName: LocalizedName;
  inviterName: string;
  role: StaffRoleName;
  expiresAt: string;
  /** What stands for the invitation link. */
  link: string;
}

const nameIn = (name: LocalizedName, locale: Locale) =>
  (locale === "en" ? name.en : undefined) || name.es;

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat("es-MX", { dateStyle: "long", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }),
};

function formatDate(iso: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(iso));
}

/** Who the message is in: one language when known, else Spanish then English. */
function languagesOf(locale: Locale | undefined): Locale[] {
  return locale ? [locale] : ["es", "en"];
}

/** One language's part of a message: paragraphs, a button, the link spelled out. */
interface Section {
  locale: Locale;
  greeting: string;
  paragraphs: string[];
  button: string;
  closing: string[];
}

const colours = { text: "#1b1b1b", muted: "#555555", accent: "#0b5c48", rule: "#dddddd" };

function sectionHtml(section: Section, link: string): string {
  const p = (text: string, muted = false) =>
    `<p style="margin:0 0 12px;color:${muted ? colours.muted : colours.text}">${escapeHtml(text)}</p>`;
  return `<div lang="${section.locale}">
${p(section.greeting)}
${section.paragraphs.map((text) => p(text)).join("\n")}
<p style="margin:20px 0"><a href="${link}" style="display:inline-block;background:${colours.accent};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">${escapeHtml(section.button)}</a></p>
${p(t("mail.link-help", section.locale), true)}
<p style="margin:0 0 12px;word-break:break-all;font-size:14px"><a href="${link}" style="color:${colours.accent}">${link}</a></p>
${section.closing.map((text) => p(text, true)).join("\n")}
</div>`;
}

function sectionText(section: Section, link: string): string {
  return [
    section.greeting,
    "",
    ...section.paragraphs.flatMap((text) => [text, ""]),
    `${section.button}:`,
    link,
    "",
    ...section.closing.flatMap((text) => [text, ""]),
  ].join("\n");
}

/**
 * Builds the parts. `link` is inserted as given in the HTML (it is a placeholder made of
 * characters HTML leaves alone; the worker escapes the real link when it puts it there).
 */
function assemble(options: {
  languages: Locale[];
  subject: (locale: Locale) => string;
  section: (locale: Locale) => Section;
  link: string;
  footer: (locale: Locale) => string;
  extraHtml?: string;
  extraText?: string;
}): RenderedMail {
  const { languages, link } = options;
  const sections = languages.map(options.section);
  const divider = (locale: Locale) => t("mail.english-below", locale);
  const bilingual = languages.length > 1;
  const note = `${divider("es")} ${divider("en")}`;
  const html = `<!doctype html>
<html lang="${languages[0]}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.subject(languages[0]!))}</title></head>
<body style="margin:0;padding:0;background:#f6f6f4">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:${colours.text};background:#ffffff">
${bilingual ? `<p style="margin:0 0 16px;font-size:14px;color:${colours.muted}">${escapeHtml(note)}</p>` : ""}
${sections.map((section) => sectionHtml(section, link)).join(`\n<hr style="border:0;border-top:1px solid ${colours.rule};margin:24px 0">\n`)}
${options.extraHtml ?? ""}
<p style="margin:24px 0 0;font-size:13px;color:${colours.muted}">${languages.map((l) => escapeHtml(options.footer(l))).join("<br>")}</p>
</div>
</body>
</html>`;
  const text = [
    ...(bilingual ? [note, ""] : []),
    sections.map((section) => sectionText(section, link)).join("----\n\n"),
    ...(options.extraText ? [options.extraText] : []),
    languages.map(options.footer).join("\n"),
    "",
  ].join("\n");
  return { subject: languages.map(options.subject).join(" / "), text, html };
}

function greeting(locale: Locale, name: string | null | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? t("mail.greeting-named", locale, { name: trimmed }) : t("mail.greeting", locale);
}

/** The claim e-mail: who issues what, the button and link, the QR code, until when. */
export function renderClaimMail(input: ClaimMailInput): RenderedMail {
  const languages = languagesOf(input.locale);
  const params = (locale: Locale): MessageParams => ({
    issuer: nameIn(input.issuerName, locale),
    achievement: nameIn(input.achievementName, locale),
    date: formatDate(input.expiresAt, locale),
  });
  const say = (key: MessageKey, locale: Locale) => t(key, locale, params(locale));
  const qrHelp = languages.map((l) => t("mail.claim.qr-help", l)).join(" / ");
  const qrAlt = languages.map((l) => t("mail.claim.qr-alt", l)).join(" / ");
  return assemble({
    languages,
    link: input.link,
    subject: (locale) => say("mail.claim.subject", locale),
    section: (locale) => ({
      locale,
      greeting: greeting(locale, input.learnerName),
      paragraphs: [say("mail.claim.intro", locale), say("mail.claim.action", locale)],
      button: t("mail.claim.button", locale),
      closing: [say("mail.claim.expires", locale), t("mail.claim.ignore", locale)],
    }),
    footer: (locale) => say("mail.sent-by", locale),
    extraHtml: `<hr style="border:0;border-top:1px solid ${colours.rule};margin:24px 0">
<p style="margin:0 0 12px">${escapeHtml(qrHelp)}</p>
<p style="margin:0"><img src="cid:${escapeHtml(input.qrCid)}" width="200" height="200" alt="${escapeHtml(qrAlt)}" style="display:block;width:200px;height:200px;border:0"></p>`,
  });
}

/** The invitation to an organisation's console: who invites, to what role, the link. */
export function renderStaffInviteMail(input: StaffInviteMailInput): RenderedMail {
  const languages = languagesOf(input.locale);
  const params = (locale: Locale): MessageParams => ({
    organisation: nameIn(input.organisationName, locale),
    inviter: input.inviterName,
    role: t(`mail.role.${input.role}`, locale),
    date: formatDate(input.expiresAt, locale),
    issuer: nameIn(input.organisationName, locale),
  });
  const say = (key: MessageKey, locale: Locale) => t(key, locale, params(locale));
  return assemble({
    languages,
    link: input.link,
    subject: (locale) => say("mail.invite.subject", locale),
    section: (locale) => ({
      locale,
      greeting: greeting(locale, input.inviteeName),
      paragraphs: [say("mail.invite.intro", locale)],
      button: t("mail.invite.button", locale),
      closing: [say("mail.invite.expires", locale), t("mail.invite.ignore", locale)],
    }),
    footer: (locale) => say("mail.sent-by", locale),
  });
}
