import { clientAddress, rateLimit } from "@avala/http-middleware";
import { isLocale } from "@avala/i18n";
import type { Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { constantTimeEquals } from "../../crypto/tokens.js";
import {
  acceptInvitation,
  checkPlatformToken,
  openInvitation,
  type SignInLimits,
  signInStaff,
} from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { setLocaleCookie, signInSession, signOutSession } from "../session.js";
import { field, safeNext, viewOf } from "../view.js";
import {
  InvitationGonePage,
  InvitationPage,
  PlatformSignInPage,
  SignInPage,
} from "../views/auth.js";

/** Sign-in (staff and platform), sign-out, language, and accepting an invitation. */
export function authRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext, limits: SignInLimits) {
  // Each sign-in costs a deliberate scrypt computation: bound them per address too (failures
  // are also counted per account, see services/staff.ts).
  const authLimit = rateLimit({
    windowMs: 10 * 60_000,
    max: 30,
    store: ctx.rateLimitStore("console-auth"),
  });

  app.get("/lang/:locale", (c) => {
    const locale = c.req.param("locale");
    if (isLocale(locale)) setLocaleCookie(ctx, c, locale);
    return c.redirect(safeNext(c.req.query("next")), 303);
  });

  app.get("/signin", (c) => {
    const next = safeNext(c.req.query("next"));
    if (c.get("staff")) return c.redirect(next, 303);
    return c.html(<SignInPage v={viewOf(c)} next={next} />);
  });

  app.post("/signin", authLimit, async (c) => {
    const form = c.get("form");
    const next = safeNext(field(form, "next", 2048));
    const email = field(form, "email", 300);
    const result = await signInStaff(ctx, limits, {
      email,
      password: String(form.get("password") ?? ""),
      address: clientAddress(c),
    });
    if (!result.ok) {
      if (result.reason === "locked") {
        c.header("retry-after", String(result.retryAfter));
        return c.html(
          <SignInPage
            v={viewOf(c)}
            next={next}
            email={email}
            error={{ kind: "locked", retryAfter: result.retryAfter }}
          />,
          429,
        );
      }
      return c.html(
        <SignInPage v={viewOf(c)} next={next} email={email} error={{ kind: "invalid" }} />,
        401,
      );
    }
    await signInSession(ctx, c, result.staff.id);
    return c.redirect(next, 303);
  });

  app.get("/platform/signin", (c) => {
    const next = safeNext(c.req.query("next"), "/console/platform");
    if (c.get("platform")) return c.redirect(next, 303);
    return c.html(
      <PlatformSignInPage
        v={viewOf(c)}
        next={next}
        off={ctx.config.platformAdminToken === undefined}
      />,
    );
  });

  app.post("/platform/signin", authLimit, async (c) => {
    const form = c.get("form");
    const next = safeNext(field(form, "next", 2048), "/console/platform");
    const platform = ctx.config.platformAdminToken;
    const result = await checkPlatformToken(
      ctx,
      limits,
      String(form.get("token") ?? "").slice(0, 512),
      clientAddress(c),
      (token) => platform !== undefined && constantTimeEquals(token, platform),
    );
    if (!result.ok) {
      const error =
        result.reason === "locked"
          ? ({ kind: "locked", retryAfter: result.retryAfter } as const)
          : ({ kind: "invalid" } as const);
      if (result.reason === "locked") c.header("retry-after", String(result.retryAfter));
      return c.html(
        <PlatformSignInPage v={viewOf(c)} next={next} error={error} off={platform === undefined} />,
        result.reason === "locked" ? 429 : 401,
      );
    }
    await signInSession(ctx, c, null);
    return c.redirect(next, 303);
  });

  app.post("/signout", async (c) => {
    await signOutSession(ctx, c);
    return c.redirect("/console/signin", 303);
  });

  app.get("/invitation/:token", async (c) => {
    const token = c.req.param("token");
    const open = await openInvitation(ctx, token);
    c.header("referrer-policy", "no-referrer");
    if (!open) return c.html(<InvitationGonePage v={viewOf(c)} />, 404);
    const org = open.organisation;
    return c.html(
      <InvitationPage
        v={viewOf(c)}
        token={token}
        organisation={c.get("locale") === "en" && org.name_en ? org.name_en : org.name_es}
        email={open.staff.email}
        role={open.staff.role}
        name={open.staff.name}
      />,
    );
  });

  app.post("/invitation/:token", authLimit, async (c) => {
    const token = c.req.param("token");
    const form = c.get("form");
    const name = field(form, "name", 300);
    const result = await acceptInvitation(ctx, token, {
      name,
      password: String(form.get("password") ?? ""),
    });
    if (!result) return c.html(<InvitationGonePage v={viewOf(c)} />, 404);
    if (!result.ok) {
      const open = await openInvitation(ctx, token);
      if (!open) return c.html(<InvitationGonePage v={viewOf(c)} />, 404);
      const org = open.organisation;
      return c.html(
        <InvitationPage
          v={viewOf(c)}
          token={token}
          organisation={c.get("locale") === "en" && org.name_en ? org.name_en : org.name_es}
          email={open.staff.email}
          role={open.staff.role}
          name={name}
          errors={result.errors}
        />,
        422,
      );
    }
    await signInSession(ctx, c, result.staff.id);
    return c.redirect("/console?m=welcome", 303);
  });
}
