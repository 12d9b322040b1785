import {
  defaultContentSecurityPolicy,
  problemResponse,
  rateLimit,
  securityHeaders,
  toProblem,
  unmatchedRouteHandler,
  wellFormedQuery,
} from "@avala/http-middleware";
import { localize } from "@avala/i18n";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { asset } from "./assets.js";
import type { WalletContext } from "./context.js";
import { countAccounts } from "./db/repositories.js";
import type { WalletEnv } from "./http/env.js";
import { walletMessage, walletProblem } from "./http/problems.js";
import { requestLocale, sessionMiddleware } from "./http/session.js";
import { accountRoutes } from "./routes/account.js";
import { authRoutes } from "./routes/auth.js";
import { holdingRoutes } from "./routes/holding.js";
import { ob3ApiRoutes, ob3ConsentRoutes, ob3FormAction } from "./routes/ob3-api.js";
import { ob3SendRoutes } from "./routes/ob3-send.js";
import { openid4vciRoutes } from "./routes/openid4vci.js";
import { presentationRequestRoutes } from "./routes/presentation-request.js";
import { publicPageHolderRoutes, publicPageRoutes } from "./routes/public-pages.js";
import { receiveRoutes } from "./routes/receive.js";
import { recognitionRoutes } from "./routes/recognition.js";
import { publicShareRoutes, sharingRoutes } from "./routes/sharing.js";
import { standardRequestRoutes } from "./routes/standard-request.js";
import { renderErrorPage } from "./views/error.js";

/** Paths a visitor may open without signing in. */
const PUBLIC_PATHS = new Set(["/", "/signin", "/signup", "/signout", "/forgot", "/reset"]);

/**
 * The wallet's web app: server-rendered pages (Hono JSX, escaped by default), one small script
 * and one stylesheet from this origin, nothing from elsewhere.
 */
export function createWalletApp(ctx: WalletContext): Hono<WalletEnv> {
  const app = new Hono<WalletEnv>();

  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        ...defaultContentSecurityPolicy,
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        // "Add to LinkedIn" posts here and is redirected to LinkedIn's add-to-profile form.
        // The Open Badges API's consent form is answered with a redirect to the client.
        formAction: ["'self'", "https://www.linkedin.com", ob3FormAction],
        // Scripts create no HTML; the one script URL made at run time (the QR decoder that
        // /add loads for the camera) goes through the "avala-wallet" policy.
        requireTrustedTypesFor: ["'script'"],
        trustedTypes: ["avala-wallet"],
      },
      // The camera only for this origin's pages (/add scans QR codes); the rest never.
      permissionsPolicy: { camera: ["self"], microphone: [], geolocation: [], payment: [] },
    }),
  );

  // Errors: HTML pages for people (with the status), problem+json for everything else; either
  // way in the visitor's language, with words only from the catalogue: every error goes through
  // the shared mechanism (`toProblem`: a stable code, unexpected errors logged), in the wallet's
  // own words where it has them (`walletMessage`).
  const renderError = (error: Error, c: Context<WalletEnv>) => {
    // Public routes (share links) run before the session middleware: no locale yet.
    if (!c.get("locale")) c.set("locale", requestLocale(c));
    const locale = c.get("locale");
    const problem = toProblem(error, c, {
      logger: { error: (message, context) => ctx.log.error(message, context) },
      locale: () => locale,
      ownMessage: walletMessage,
      type: () => "about:blank",
    });
    const wantsHtml =
      (c.req.header("accept") ?? "").includes("text/html") && !c.req.path.endsWith(".json");
    if (!wantsHtml) {
      const response = problemResponse(problem);
      response.headers.set("cache-control", "no-store");
      return response;
    }
    const headers: Record<string, string> = {
      ...problem.headers,
      "cache-control": "no-store",
      "content-language": locale,
    };
    if (!c.get("csrfToken")) c.set("csrfToken", "");
    const text = problem.code ? localize(problem.code, problem.params) : undefined;
    return renderErrorPage(c, problem.status as ContentfulStatusCode, text, headers);
  };
  app.onError(renderError);
  // Unknown paths are 404, known ones with another method 405 (with Allow).
  app.notFound(unmatchedRouteHandler(app, renderError));
  // Query values that do not decode to UTF-8 are refused (422), not read as something else.
  app.use(wellFormedQuery());

  // Static files and public endpoints: no session, no cookies.
  app.get("/assets/:name", (c) => {
    const file = asset(c.req.param("name"));
    if (!file) throw walletProblem(404, "wallet.problem.not-found");
    c.header("Content-Type", file.type);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Vary", "Accept-Encoding");
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("Content-Encoding", "gzip");
      return c.body(new Uint8Array(file.gzip));
    }
    return c.body(new Uint8Array(file.body));
  });
  app.get("/healthz", async (c) => {
    await countAccounts(ctx.db);
    return c.json({ status: "ok" });
  });
  // Share links are public: a generous per-address limit keeps view counts and the database
  // safe from floods (tokens are 256-bit, so guessing is not the concern).
  const proxy = ctx.config.trustedProxyHeader
    ? { trustedProxyHeader: ctx.config.trustedProxyHeader }
    : {};
  app.use("/s/*", rateLimit({ windowMs: 60_000, max: 120, ...proxy }));
  publicShareRoutes(app, ctx);
  // Permanent public pages: the same limit (each view verifies the credential, briefly cached).
  app.use("/p/*", rateLimit({ windowMs: 60_000, max: 120, ...proxy }));
  publicPageRoutes(app, ctx);
  // The Open Badges 3.0 API: clients authenticate themselves (no session, no CSRF).
  ob3ApiRoutes(app, ctx);
  // Each sign-in or sign-up costs a deliberate scrypt computation: bound them per address
  // (failed sign-ins are also counted per account, see services/accounts.ts).
  const authLimit = rateLimit({ windowMs: 10 * 60_000, max: 30, ...proxy });
  app.post("/signin", authLimit);
  app.post("/signup", authLimit);
  // Password reset requests and new passwords too (requests also per e-mail typed, see
  // services/password-reset.ts).
  app.post("/forgot", authLimit);
  app.post("/reset", authLimit);

  // Everything else: session, CSRF, language; pages that hold personal data are not cached.
  app.use(sessionMiddleware(ctx));
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control")) c.header("Cache-Control", "no-store");
  });
  app.use(async (c, next) => {
    if (c.get("account") || PUBLIC_PATHS.has(c.req.path) || c.req.path.startsWith("/lang/")) {
      return next();
    }
    const url = new URL(c.req.url);
    const back = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/credentials";
    return c.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
  });

  authRoutes(app, ctx);
  holdingRoutes(app, ctx);
  standardRequestRoutes(app, ctx);
  recognitionRoutes(app, ctx);
  receiveRoutes(app, ctx);
  openid4vciRoutes(app, ctx);
  sharingRoutes(app, ctx);
  presentationRequestRoutes(app, ctx);
  publicPageHolderRoutes(app, ctx);
  accountRoutes(app, ctx);
  ob3ConsentRoutes(app, ctx);
  ob3SendRoutes(app, ctx);

  return app;
}
