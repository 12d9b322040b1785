import { clientAddress } from "@avala/http-middleware";
import { isLocale } from "@avala/i18n";
import type { Hono } from "hono";
import type { WalletContext } from "../context.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import { endSession, setLocaleCookie, startSession } from "../http/session.js";
import { signIn, signUp } from "../services/accounts.js";
import { LandingPage, SignInPage, SignUpPage } from "../views/auth.js";
import { safeNext, viewOf } from "../views/view.js";

/** Landing, language, sign-up, sign-in and sign-out. */
export function authRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/", (c) => {
    if (c.get("account")) return c.redirect("/credentials", 303);
    return c.html(<LandingPage v={viewOf(c)} />);
  });

  app.get("/lang/:locale", (c) => {
    const locale = c.req.param("locale");
    if (isLocale(locale)) setLocaleCookie(ctx, c, locale);
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
    const result = await signUp(ctx, { ...values, password });
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
    return c.html(<SignInPage v={viewOf(c)} next={next} />);
  });

  app.post("/signin", async (c) => {
    const form = c.get("form");
    const next = safeNext(field(form, "next", 2048));
    const email = field(form, "email", 300);
    const result = await signIn(ctx, {
      email,
      password: String(form.get("password") ?? ""),
      address: clientAddress(c, ctx.config.trustedProxyHeader),
    });
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
          />,
          429,
        );
      }
      return c.html(<SignInPage v={viewOf(c)} next={next} email={email} error="invalid" />, 401);
    }
    await startSession(ctx, c, result.account);
    return c.redirect(next, 303);
  });

  app.post("/signout", async (c) => {
    await endSession(ctx, c);
    return c.redirect("/", 303);
  });
}
