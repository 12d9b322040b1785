import { problemErrorHandler, problemResponse, securityHeaders } from "@avala/http-middleware";
import { isLocale, negotiateLocale } from "@avala/i18n";
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { IssuerContext } from "./context.js";
import type { IssuerEnv } from "./http/env.js";
import { fail } from "./http/problems.js";
import { claimRoutes } from "./routes/claims.js";
import { credentialRoutes } from "./routes/credentials.js";
import { docsRoutes } from "./routes/docs.js";
import { organisationAdminRoutes } from "./routes/org-admin.js";
import { platformRoutes } from "./routes/platform.js";
import { publicRoutes } from "./routes/public.js";
import { vcApiRoutes } from "./routes/vc-api.js";
import { hasControlCharacters } from "./text.js";

/** Paths anyone may fetch from another origin (wallets, verifiers in a browser). */
function isPublicPath(path: string): boolean {
  return (
    path === "/trust-registry.json" ||
    path.startsWith("/claims/") ||
    /^\/orgs\/[^/]+(\/did\.json|\/status(\/.*)?|\/achievements(\/.*)?|\/endorsements)?$/.test(path)
  );
}

/**
 * The issuer's HTTP API as a Hono app. Sub-apps are mounted with `route()`; access and
 * validation are middleware on each route; every error becomes `application/problem+json`
 * through the one error handler.
 */
export function createIssuerApp(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();

  const privateHeaders = securityHeaders();
  const publicHeaders = securityHeaders({ crossOriginResourcePolicy: "cross-origin" });
  app.use("*", (c, next) => (isPublicPath(c.req.path) ? publicHeaders : privateHeaders)(c, next));

  app.use("*", async (c, next) => {
    const lang = c.req.query("lang");
    c.set("locale", isLocale(lang) ? lang : negotiateLocale(c.req.header("accept-language")));
    await next();
  });

  app.use("*", async (c, next) => {
    // NUL and other control characters have no place in a path or query (and PostgreSQL text
    // refuses NUL): refuse them before anything reads a parameter.
    if (/%(0[0-9a-f]|1[0-9a-f]|7f)/i.test(c.req.url) || hasControlCharacters(c.req.url)) {
      return problemResponse(
        fail(c, 400, "issuer.request.invalid", undefined, {
          errors: [{ reason: "control characters in the address" }],
        }),
      );
    }
    await next();
  });

  const publicCors = cors({ origin: "*", allowMethods: ["GET"], maxAge: 600 });
  app.use("*", (c, next) =>
    isPublicPath(c.req.path) && !c.req.path.startsWith("/claims/") ? publicCors(c, next) : next(),
  );

  app.route("/", docsRoutes(ctx));
  app.route("/", publicRoutes(ctx));
  app.route("/", platformRoutes(ctx));
  app.route("/", vcApiRoutes(ctx));
  app.route("/orgs/:slug", organisationAdminRoutes(ctx));
  app.route("/orgs/:slug", credentialRoutes(ctx));
  app.route("/claims", claimRoutes(ctx));

  app.notFound((c) => problemResponse(fail(c, 404, "issuer.request.not-found")));
  app.onError(
    problemErrorHandler({
      logger: { error: (message, context) => ctx.log.error(message, safeContext(context)) },
    }),
  );
  return app;
}

/** What reaches the log about an unexpected error: where, and the error's name and message. */
function safeContext(context: Record<string, unknown>): Record<string, unknown> {
  const error = context["error"] as Error | undefined;
  return {
    method: context["method"],
    path: context["path"],
    error: error ? `${error.name}: ${String(error.message).slice(0, 300)}` : undefined,
  };
}

export type IssuerApp = ReturnType<typeof createIssuerApp>;
