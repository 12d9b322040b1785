import { isLocale, type Locale, negotiateLocale } from "@avala/i18n";
import { readCheckedForm, sessionCookieOptions } from "@avala/web-auth";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import type { WalletContext } from "../context.js";
import {
  type Account,
  deleteExpiredSessions,
  deleteSession,
  findSessionAccount,
  insertSession,
} from "../db/repositories.js";
import { hmac, randomToken, tokenHash } from "../security/keys.js";
import type { WalletEnv } from "./env.js";
import { walletProblem } from "./problems.js";

/**
 * Sessions, CSRF and language, for every request.
 *
 * - The session cookie carries a random 256-bit id; the database keeps only its SHA-256, with an
 *   expiry. HttpOnly, SameSite=Lax, Path=/, Secure (and the `__Host-` prefix) when the public
 *   URL is https.
 * - CSRF: a synchronizer token bound to the session: HMAC(csrf key, session id). Before sign-in
 *   a random pre-session cookie plays the session's part (login CSRF). Every POST is read here,
 *   with a size limit, and refused unless its `_csrf` field matches; a cross-site
 *   `Sec-Fetch-Site` or a foreign `Origin` is refused too.
 */
export interface CookieNames {
  session: string;
  pre: string;
  locale: string;
}

const LOCALE_COOKIE = "avala_lang";

export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? "__Host-" : "";
  return {
    session: `${prefix}avala_wallet_session`,
    pre: `${prefix}avala_wallet_pre`,
    locale: LOCALE_COOKIE,
  };
}

/** The visitor's language: their choice (cookie), else the browser's Accept-Language. */
export function requestLocale(c: Context): Locale {
  const chosen = getCookie(c, LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : negotiateLocale(c.req.header("accept-language"));
}

function cookieOptions(secure: boolean, maxAgeSeconds?: number): CookieOptions {
  return sessionCookieOptions(secure, maxAgeSeconds);
}

function isSecure(ctx: WalletContext) {
  return ctx.config.publicUrl.startsWith("https:");
}

/** Largest POST per path: imports carry files; everything else is a small form. */
function formLimit(path: string): number {
  return path.startsWith("/import") || path.startsWith("/claim") ? 3 * 1024 * 1024 : 64 * 1024;
}

export function sessionMiddleware(ctx: WalletContext): MiddlewareHandler<WalletEnv> {
  const secure = isSecure(ctx);
  const names = cookieNames(secure);
  const publicOrigin = new URL(ctx.config.publicUrl).origin;
  return async (c, next) => {
    c.set("locale", requestLocale(c));

    // Session.
    const raw = getCookie(c, names.session);
    let sessionSecret: string | undefined;
    if (raw && /^[\w-]{43}$/.test(raw)) {
      const found = await findSessionAccount(ctx.db, tokenHash(raw), ctx.now());
      if (found) {
        c.set("account", found.account);
        c.set("sessionHash", tokenHash(raw));
        sessionSecret = raw;
      }
    }
    if (raw && !sessionSecret) deleteCookie(c, names.session, cookieOptions(secure));

    // CSRF token for the forms of this page.
    let pre = getCookie(c, names.pre);
    if (!sessionSecret && (!pre || !/^[\w-]{43}$/.test(pre))) {
      pre = undefined;
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        pre = randomToken();
        setCookie(c, names.pre, pre, cookieOptions(secure));
      }
    }
    const expected = sessionSecret
      ? hmac(ctx.keys.csrfKey, `session:${sessionSecret}`)
      : pre
        ? hmac(ctx.keys.csrfKey, `pre:${pre}`)
        : "";
    c.set("csrfToken", expected);

    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      // Text that is not UTF-8 is refused (422 naming the field), not read as U+FFFD.
      const checked = await readCheckedForm(c, {
        publicOrigin,
        expectedToken: expected,
        maxBytes: formLimit(c.req.path),
      });
      if (!checked.ok) {
        throw walletProblem(
          403,
          checked.refusal === "cross-site" ? "wallet.problem.cross-site" : "wallet.problem.csrf",
        );
      }
      c.set("form", checked.form);
    }
    await next();
  };
}

/**
 * Starts a session for `account`: a fresh id (never reuse one from before sign-in: session
 * fixation), stored hashed with its expiry, in an HttpOnly cookie.
 */
export async function startSession(
  ctx: WalletContext,
  c: Context<WalletEnv>,
  account: Account,
): Promise<void> {
  const secure = isSecure(ctx);
  const names = cookieNames(secure);
  const previous = c.get("sessionHash");
  if (previous) await deleteSession(ctx.db, previous);
  const id = randomToken();
  const now = ctx.now();
  // Expired sessions are refused when used; sign-ins also sweep them from the table.
  await deleteExpiredSessions(ctx.db, now);
  await insertSession(ctx.db, {
    id_hash: tokenHash(id),
    account_id: account.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ctx.config.sessionTtlMs).toISOString(),
  });
  setCookie(c, names.session, id, cookieOptions(secure, ctx.config.sessionTtlMs / 1000));
  deleteCookie(c, names.pre, cookieOptions(secure));
}

export async function endSession(ctx: WalletContext, c: Context<WalletEnv>): Promise<void> {
  const secure = isSecure(ctx);
  const hash = c.get("sessionHash");
  if (hash) await deleteSession(ctx.db, hash);
  deleteCookie(c, cookieNames(secure).session, cookieOptions(secure));
}

export function setLocaleCookie(ctx: WalletContext, c: Context, locale: string) {
  setCookie(c, cookieNames(isSecure(ctx)).locale, locale, {
    ...cookieOptions(isSecure(ctx), 365 * 86400),
  });
}
