import {
  problemErrorHandler,
  problemResponse,
  requestLocale,
  securityHeaders,
  unmatchedRouteHandler,
  wellFormedQuery,
} from "@avala/http-middleware";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { createConsoleApp } from "./console/app.js";
import type { IssuerContext } from "./context.js";
import type { IssuerEnv } from "./http/env.js";
import { fail } from "./http/problems.js";
import { claimRoutes } from "./routes/claims.js";
import { credentialRoutes } from "./routes/credentials.js";
import { docsRoutes } from "./routes/docs.js";
import { openid4vciRoutes, openid4vciWellKnownRoutes } from "./routes/openid4vci.js";
import { organisationAdminRoutes } from "./routes/org-admin.js";
import { outboxRoutes } from "./routes/outbox.js";
import { platformRoutes } from "./routes/platform.js";
import { publicRoutes } from "./routes/public.js";
import { recognitionRoutes } from "./routes/recognition.js";
import { standardRequestRoutes } from "./routes/standard-requests.js";
import { vcApiRoutes } from "./routes/vc-api.js";
import { hasControlCharacters } from "./text.js";

/** Whether a request asks for a page (a browser's Accept: text/html first). */
function wantsPage(accept: string | undefined): boolean {
  return /^\s*text\/html\b/i.test(accept ?? "");
}

/** Paths anyone may fetch from another origin (wallets, verifiers in a browser). */
function isPublicPath(path: string): boolean {
  return (
    path === "/trust-registry.json" ||
    path.startsWith("/claims/") ||
    isOpenid4vciPath(path) ||
    /^\/orgs\/[^/]+(\/did\.json|\/status(\/.*)?|\/achievements(\/.*)?|\/endorsements)?$/.test(path)
  );
}

/** OpenID4VCI metadata and endpoints: wallets call them from anywhere, with their own CORS. */
function isOpenid4vciPath(path: string): boolean {
  return (
    /^\/\.well-known\/(openid-credential-issuer|oauth-authorization-server)\/orgs\/[^/]+$/.test(
      path,
    ) || /^\/orgs\/[^/]+\/openid4vci\//.test(path)
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
    c.set("locale", requestLocale(c));
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
  // Query values that do not decode to UTF-8 are refused (422), not read as something else.
  app.use("*", wellFormedQuery());

  const publicCors = cors({ origin: "*", allowMethods: ["GET"], maxAge: 600 });
  app.use("*", (c, next) =>
    isPublicPath(c.req.path) && !c.req.path.startsWith("/claims/") && !isOpenid4vciPath(c.req.path)
      ? publicCors(c, next)
      : next(),
  );

  // A browser at the root gets the console; API clients keep the JSON index.
  app.get("/", (c, next) =>
    wantsPage(c.req.header("accept")) ? c.redirect("/console", 303) : next(),
  );
  app.route("/console", createConsoleApp(ctx));
  app.route("/", docsRoutes(ctx));
  app.route("/", publicRoutes(ctx));
  app.route("/", platformRoutes(ctx));
  app.route("/", vcApiRoutes(ctx));
  app.route("/.well-known", openid4vciWellKnownRoutes(ctx));
  app.route("/orgs/:slug/openid4vci", openid4vciRoutes(ctx));
  app.route("/orgs/:slug", organisationAdminRoutes(ctx));
  app.route("/orgs/:slug", credentialRoutes(ctx));
  app.route("/orgs/:slug", outboxRoutes(ctx));
  app.route("/claims", claimRoutes(ctx));
  app.route("/", standardRequestRoutes(ctx));
  app.route("/", recognitionRoutes(ctx));

  // Every error, whoever raised it (routes, the shared body parser and rate limiter, Hono, an
  // unexpected exception), is answered by the one handler: problem+json with a stable code, in
  // the request's language. Unknown routes are 404, known ones with another method 405.
  const onError = problemErrorHandler({
    logger: { error: (message, context) => ctx.log.error(message, safeContext(context)) },
    locale: (c) => c.get("locale") ?? requestLocale(c),
    ownMessage: (problem) =>
      problem.code === "request.not-found" ? { code: "issuer.request.not-found" } : undefined,
  });
  app.onError(onError);
  app.notFound(unmatchedRouteHandler(app, onError));
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
