import { isLocale, type Locale, type MessageKey, t } from "@avala/i18n";
import { escapeHtml } from "@avala/mail";
import { hashPassword } from "@avala/web-auth";
import type { WalletContext } from "../context.js";
import {
  deleteExpiredPasswordResets,
  findPasswordResetAccount,
  insertPasswordReset,
  replacePassword,
} from "../db/account-lifecycle.js";
import { type Account, findAccountByEmail } from "../db/repositories.js";
import { randomToken, tokenHash } from "../security/keys.js";
import { isEmail, normalizeEmail, passwordProblem } from "./accounts.js";

/**
 * Password reset by e-mail.
 *
 * - A request is answered at once with the same page whether or not the address has an
 *   account; the lookup, the link and the e-mail happen after the answer (`ctx.mail.later`), so
 *   the answer's timing does not depend on them either. Requests are limited per address typed
 *   (3 an hour, known or not) and per client address (10 an hour).
 * - The link carries a random 256-bit token; only its SHA-256 is stored, for one hour.
 * - Using a link sets the new password, voids every reset link of the account (that one and
 *   any older) and signs the account out everywhere, in one transaction.
 */

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 3600_000;

export type ResetRequestResult =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid-email"; email: string }
  | { ok: false; reason: "unavailable" }
  | { ok: false; reason: "limited"; retryAfter: number };

export async function requestPasswordReset(
  ctx: WalletContext,
  input: { email: string; address: string },
): Promise<ResetRequestResult> {
  if (!ctx.mail.enabled) return { ok: false, reason: "unavailable" };
  const email = normalizeEmail(input.email).slice(0, 254);
  if (!isEmail(email)) return { ok: false, reason: "invalid-email", email };
  const retryAfter = Math.max(
    ctx.resetRequestsByEmail.retryAfter(email),
    ctx.resetRequestsByAddress.retryAfter(input.address),
  );
  if (retryAfter > 0) return { ok: false, reason: "limited", retryAfter };
  ctx.resetRequestsByEmail.fail(email);
  ctx.resetRequestsByAddress.fail(input.address);
  ctx.mail.later(() => sendResetLink(ctx, email), "password reset e-mail");
  return { ok: true, email };
}

/** After the answer: when the address has an account, a new link by e-mail; else nothing. */
async function sendResetLink(ctx: WalletContext, email: string): Promise<void> {
  const now = ctx.now();
  await deleteExpiredPasswordResets(ctx.db, now);
  const account = await findAccountByEmail(ctx.db, email);
  if (!account) return;
  const token = randomToken();
  await insertPasswordReset(ctx.db, {
    account_id: account.id,
    token_hash: tokenHash(token),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + RESET_LINK_TTL_MS).toISOString(),
  });
  const link = `${ctx.config.publicUrl}/reset?token=${token}`;
  const locale: Locale = isLocale(account.locale) ? account.locale : "es";
  await ctx.mail.send(resetMail(account, link, locale), locale);
  ctx.log.info("password reset link sent", { account: account.public_id });
}

/** The reset e-mail in the account's language: a plain text part and a simple HTML part. */
export function resetMail(
  account: Pick<Account, "display_name" | "email">,
  link: string,
  locale: Locale,
) {
  const say = (key: MessageKey) => t(key, locale, { name: account.display_name });
  const paragraphs = [say("wallet.mail.reset.greeting"), say("wallet.mail.reset.intro")];
  const after = [say("wallet.mail.reset.expiry"), say("wallet.mail.reset.ignore")];
  const text = [...paragraphs, link, ...after, t("wallet.brand", locale)].join("\n\n");
  const p = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const html = [
    `<!DOCTYPE html><html lang="${locale === "es" ? "es-MX" : "en"}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b2420">`,
    ...paragraphs.map(p),
    `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#0f5132;color:#fff;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(say("wallet.mail.reset.action"))}</a></p>`,
    p(say("wallet.mail.reset.copy")),
    `<p style="word-break:break-all"><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    ...after.map(p),
    `<p style="color:#56635d">${escapeHtml(t("wallet.brand", locale))}</p>`,
    "</body></html>",
  ].join("\n");
  return { to: account.email, subject: say("wallet.mail.reset.subject"), text, html };
}

/** The account a reset link opens, if it still works. */
export async function accountOfResetToken(
  ctx: WalletContext,
  token: string,
): Promise<Account | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  return findPasswordResetAccount(ctx.db, tokenHash(token), ctx.now());
}

export type ResetResult =
  | { ok: true; account: Account }
  | { ok: false; reason: "invalid-link" }
  | { ok: false; reason: "weak"; error: MessageKey };

/**
 * Sets a new password with a reset link. The link then stops working, older links of the account
 * too, and every session of the account ends; failed sign-ins counted against the account are
 * forgotten (whoever reset it reads its mailbox).
 */
export async function resetPassword(
  ctx: WalletContext,
  input: { token: string; password: string; address: string },
): Promise<ResetResult> {
  const account = await accountOfResetToken(ctx, input.token);
  if (!account) return { ok: false, reason: "invalid-link" };
  const weak = passwordProblem(input.password, account.email);
  if (weak) return { ok: false, reason: "weak", error: weak };
  const passwordHash = await hashPassword(input.password);
  const done = await replacePassword(ctx.db, {
    accountId: account.id,
    tokenHash: tokenHash(input.token),
    passwordHash,
  });
  if (!done) return { ok: false, reason: "invalid-link" };
  ctx.signInFailuresByAccount.reset(account.email);
  ctx.signInFailures.reset(`${account.email}\n${input.address}`);
  ctx.log.info("password reset", { account: account.public_id });
  return { ok: true, account };
}
