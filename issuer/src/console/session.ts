import { isLocale, type Locale, negotiateLocale } from "@avala/i18n";
import {
  cookieName,
  csrfToken,
  isRandomToken,
  randomToken,
  readCheckedForm,
  sessionCookieOptions,
} from "@avala/web-auth";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { IssuerContext } from "../context.js";
import { problem } from "../http/problems.js";
import { endStaffSession, sessionHolder, startStaffSession } from "../services/staff.js";
import type { ConsoleEnv } from "./env.js";

/**
 * Sessions, CSRF and language for every console request (the same scheme as the wallet's, from
 * @avala/web-auth):
 *
 * - The session cookie carries a random 256-bit id; the database keeps its SHA-256 with an
 *   expiry. HttpOnly, SameSite=Lax, Path=/, and Secure with the `__Host-` prefix when the
 *   issuer's public URL is https.
 * - CSRF: a synchronizer token, HMAC(console CSRF key, session id); before sign-in a random
 *   pre-session cookie takes the session's place (login CSRF). Every POST is read here, with a
 *   size limit, and refused unless it comes from this site and carries the token.
 */
const LOCALE_COOKIE = "avala_console_lang";

function secureOf(ctx: IssuerContext): boolean {
  return ctx.config.publicUrl.startsWith("https:");
}

function names(secure: boolean) {
  return {
    session: cookieName("avala_console_session", secure),
    pre: cookieName("avala_console_pre", secure),
  };
}

/** The visitor's language: their choice (cookie), else the browser's Accept-Language. */
export function consoleLocale(c: Context): Locale {
  const chosen = getCookie(c, LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : negotiateLocale(c.req.header("accept-language"));
}

/** Largest form per path: a cohort upload carries a file; everything else is a small form. */
function formLimit(ctx: IssuerContext, path: string): number {
  return path.startsWith("/console/batches") ? ctx.config.limits.batchBodyBytes : 256 * 1024;
}

export function consoleSession(ctx: IssuerContext): MiddlewareHandler<ConsoleEnv> {
  const secure = secureOf(ctx);
  const cookies = names(secure);
  const publicOrigin = new URL(ctx.config.publicUrl).origin;
  return async (c, next) => {
    c.set("locale", consoleLocale(c));
    c.set("platform", false);

    const raw = getCookie(c, cookies.session);
    let sessionId: string | undefined;
    if (isRandomToken(raw)) {
      const holder = await sessionHolder(ctx, raw);
      if (holder) {
        sessionId = raw;
        c.set("sessionHash", holder.idHash);
        if (holder.kind === "staff") {
          c.set("staff", holder.staff);
          c.set("organisation", holder.organisation);
        } else {
          c.set("platform", true);
        }
      }
    }
    if (raw && !sessionId) deleteCookie(c, cookies.session, sessionCookieOptions(secure));

    let pre = getCookie(c, cookies.pre);
    if (!sessionId && !isRandomToken(pre)) {
      pre = undefined;
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        pre = randomToken();
        setCookie(c, cookies.pre, pre, sessionCookieOptions(secure));
      }
    }
    const key = ctx.secrets.consoleCsrfKey;
    const expected = sessionId
      ? csrfToken(key, `session:${sessionId}`)
      : pre
        ? csrfToken(key, `pre:${pre}`)
        : "";
    c.set("csrfToken", expected);

    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const checked = await readCheckedForm(c, {
        publicOrigin,
        expectedToken: expected,
        maxBytes: formLimit(ctx, c.req.path),
      });
      if (!checked.ok) {
        throw problem(
          c.get("locale"),
          403,
          checked.refusal === "cross-site" ? "console.error.cross-site" : "console.error.csrf",
        );
      }
      c.set("form", checked.form);
    }
    await next();
    if (!c.res.headers.has("cache-control")) c.header("cache-control", "no-store");
  };
}

/**
 * Signs in: a fresh session id (never one from before sign-in: session fixation), stored
 * hashed, in an HttpOnly cookie; the pre-session cookie goes.
 */
export async function signInSession(
  ctx: IssuerContext,
  c: Context<ConsoleEnv>,
  staffId: number | null,
): Promise<void> {
  const secure = secureOf(ctx);
  const cookies = names(secure);
  const session = await startStaffSession(ctx, staffId, c.get("sessionHash"));
  setCookie(c, cookies.session, session.id, sessionCookieOptions(secure, session.maxAgeSeconds));
  deleteCookie(c, cookies.pre, sessionCookieOptions(secure));
}

export async function signOutSession(ctx: IssuerContext, c: Context<ConsoleEnv>): Promise<void> {
  const secure = secureOf(ctx);
  const hash = c.get("sessionHash");
  if (hash) await endStaffSession(ctx, hash);
  deleteCookie(c, names(secure).session, sessionCookieOptions(secure));
}

export function setLocaleCookie(ctx: IssuerContext, c: Context, locale: Locale): void {
  setCookie(c, LOCALE_COOKIE, locale, sessionCookieOptions(secureOf(ctx), 365 * 86400));
}
