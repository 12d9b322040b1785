import { clientAddress } from "@avala/http-middleware";
import { isLocale } from "@avala/i18n";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import { updateAccountLocale } from "../db/account-lifecycle.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import { endSession, setLocaleCookie, startSession } from "../http/session.js";
import { signIn, signUp } from "../services/accounts.js";
import {
  accountOfResetToken,
  requestPasswordReset,
  resetPassword,
} from "../services/password-reset.js";
import {
  ForgotPage,
  ForgotSentPage,
  LandingPage,
  ResetInvalidPage,
  ResetPage,
  SignInPage,
  SignUpPage,
} from "../views/auth.js";
import { safeNext, type View, viewOf } from "../views/view.js";

/** Notices these pages show after a redirect (`?m=`). */
function authNotice(c: Context<WalletEnv>, v: View) {
  switch (c.req.query("m")) {
    case "password-changed":
      return { kind: "ok" as const, text: v.t("wallet.notice.password-changed") };
    case "account-deleted":
      return { kind: "ok" as const, text: v.t("wallet.notice.account-deleted") };
    default:
      return undefined;
  }
}

/** Landing, language, sign-up, sign-in, sign-out and password reset by e-mail. */
export function authRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  const address = (c: Context<WalletEnv>) => clientAddress(c, ctx.config.trustedProxyHeader);

  app.get("/", (c) => {
    if (c.get("account")) return c.redirect("/credentials", 303);
    const v = viewOf(c);
    return c.html(<LandingPage v={v} notice={authNotice(c, v)} />);
  });

  app.get("/lang/:locale", async (c) => {
    const locale = c.req.param("locale");
    if (isLocale(locale)) {
      setLocaleCookie(ctx, c, locale);
      // The account's e-mail (password resets) follows the language it last chose.
      const account = c.get("account");
      if (account && account.locale !== locale) {
        await updateAccountLocale(ctx.db, account.id, locale);
      }
    }
    return c.redirect(safeNext(c.req.query("next"), "/"), 303);
  });

  app.get("/signup", (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.get("account")) return c.redirect(next, 303);
    return c.html(<SignUpPage v={viewOf(c)} next={next} />);
  });

  app.post("/signup", async (c) => {
    const form = c.get("form");
    const next = safeNext(field(form, "next", 2048));
    const values = { name: field(form, "name", 200), email: field(form, "email", 300) };
    const password = String(form.get("password") ?? "");
    const result = await signUp(ctx, { ...values, password, locale: c.get("locale") });
    if (!result.ok) {
      return c.html(
        <SignUpPage v={viewOf(c)} next={next} values={values} errors={result.errors} />,
        422,
      );
    }
    await startSession(ctx, c, result.account);
    return c.redirect(next === "/credentials" ? "/credentials?m=welcome" : next, 303);
  });

  app.get("/signin", (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.get("account")) return c.redirect(next, 303);
    const v = viewOf(c);
    return c.html(
      <SignInPage v={v} next={next} canReset={ctx.mail.enabled} notice={authNotice(c, v)} />,
    );
  });

  app.post("/signin", async (c) => {
    const form = c.get("form");
    const next = safeNext(field(form, "next", 2048));
    const email = field(form, "email", 300);
    const result = await signIn(ctx, {
      email,
      password: String(form.get("password") ?? ""),
      address: address(c),
    });
    const canReset = ctx.mail.enabled;
    if (!result.ok) {
      if (result.reason === "locked") {
        c.header("Retry-After", String(result.retryAfter));
        return c.html(
          <SignInPage
            v={viewOf(c)}
            next={next}
            email={email}
            error="locked"
            retryAfter={result.retryAfter}
            canReset={canReset}
          />,
          429,
        );
      }
      return c.html(
        <SignInPage v={viewOf(c)} next={next} email={email} error="invalid" canReset={canReset} />,
        401,
      );
    }
    await startSession(ctx, c, result.account);
    return c.redirect(next, 303);
  });

  app.post("/signout", async (c) => {
    await endSession(ctx, c);
    return c.redirect("/", 303);
  });

  // Password reset: ask for a link by e-mail, then open it and choose a new password.
  app.get("/forgot", (c) => {
    return c.html(<ForgotPage v={viewOf(c)} available={ctx.mail.enabled} />);
  });

  app.post("/forgot", async (c) => {
    const v = viewOf(c);
    const result = await requestPasswordReset(ctx, {
      email: field(c.get("form"), "email", 300),
      address: address(c),
    });
    if (result.ok) return c.html(<ForgotSentPage v={v} email={result.email} />);
    switch (result.reason) {
      case "unavailable":
        return c.html(<ForgotPage v={v} available={false} />, 503);
      case "invalid-email":
        return c.html(
          <ForgotPage v={v} available email={result.email} error="wallet.signup.error.email" />,
          422,
        );
      case "limited": {
        c.header("Retry-After", String(result.retryAfter));
        const minutes = Math.max(1, Math.ceil(result.retryAfter / 60));
        return c.html(
          <ForgotPage
            v={v}
            available
            notice={{ kind: "error", text: v.t("wallet.forgot.limited", { minutes }) }}
          />,
          429,
        );
      }
    }
  });

  app.get("/reset", async (c) => {
    const v = viewOf(c);
    const token = c.req.query("token") ?? "";
    const account = await accountOfResetToken(ctx, token);
    if (!account) return c.html(<ResetInvalidPage v={v} />, 410);
    return c.html(<ResetPage v={v} token={token} email={account.email} />);
  });

  app.post("/reset", async (c) => {
    const v = viewOf(c);
    const form = c.get("form");
    const token = field(form, "token", 100);
    const result = await resetPassword(ctx, {
      token,
      password: String(form.get("password") ?? ""),
      address: address(c),
    });
    if (!result.ok) {
      if (result.reason === "invalid-link") return c.html(<ResetInvalidPage v={v} />, 410);
      const account = await accountOfResetToken(ctx, token);
      if (!account) return c.html(<ResetInvalidPage v={v} />, 410);
      return c.html(
        <ResetPage v={v} token={token} email={account.email} error={result.error} />,
        422,
      );
    }
    // Every session of the account has ended; this browser's cookie goes too.
    await endSession(ctx, c);
    return c.redirect("/signin?m=password-changed", 303);
  });
}
