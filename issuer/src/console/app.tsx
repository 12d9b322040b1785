import { problemResponse, toProblem } from "@avala/http-middleware";
import { localize } from "@avala/i18n";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { IssuerContext } from "../context.js";
import { listBatches } from "../db/repositories/batches.js";
import { batchProgress } from "../services/batches.js";
import { credentialCounts } from "../services/search.js";
import { createSignInLimits, type SignInLimits } from "../services/staff.js";
import { consoleAsset } from "./assets.js";
import type { ConsoleEnv } from "./env.js";
import { notFound, orgOf, requireStaff } from "./guards.js";
import { adminRoutes } from "./routes/admin.js";
import { authRoutes } from "./routes/auth.js";
import { batchRoutes } from "./routes/batches.js";
import { catalogueRoutes } from "./routes/catalogue.js";
import { credentialRoutes } from "./routes/credentials.js";
import { issueRoutes } from "./routes/issue.js";
import { platformConsoleRoutes } from "./routes/platform.js";
import { recognitionConsoleRoutes } from "./routes/recognition.js";
import { standardRequestConsoleRoutes } from "./routes/standard-requests.js";
import { consoleLocale, consoleSession } from "./session.js";
import { viewOf } from "./view.js";
import { ErrorPage } from "./views/error.js";
import { HomePage } from "./views/home.js";

export interface ConsoleOptions {
  /** Failed sign-in counters (tests pass their own clock). */
  signInLimits?: SignInLimits;
}

/**
 * The issuer's console: server-rendered pages (Hono JSX, escaped by default) in Spanish and
 * English for the people of each organisation, on the same services and rules as the API.
 * Mounted at `/console`; one stylesheet and one small script, nothing from elsewhere.
 */
export function createConsoleApp(ctx: IssuerContext, options: ConsoleOptions = {}) {
  const app = new Hono<ConsoleEnv>();
  const limits = options.signInLimits ?? createSignInLimits();

  // Errors as pages in the visitor's language (problem+json for the progress poll).
  app.onError((error, c) => {
    if (!c.get("locale")) c.set("locale", consoleLocale(c));
    const problem = toProblem(error, c, {
      logger: { error: (message, context) => ctx.log.error(message, safeContext(context)) },
      locale: () => c.get("locale"),
    });
    if (c.req.path.endsWith(".json")) return problemResponse(problem);
    if (c.get("csrfToken") === undefined) c.set("csrfToken", "");
    if (c.get("platform") === undefined) c.set("platform", false);
    const detail = problem.code ? localize(problem.code, problem.params) : undefined;
    return renderError(c, problem.status as ContentfulStatusCode, detail, {
      ...problem.headers,
      "cache-control": "no-store",
    });
  });

  app.get("/assets/:name", (c) => {
    const file = consoleAsset(c.req.param("name"));
    if (!file) throw notFoundProblem(c);
    c.header("content-type", file.type);
    c.header("cache-control", "public, max-age=31536000, immutable");
    c.header("vary", "accept-encoding");
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("content-encoding", "gzip");
      return c.body(new Uint8Array(file.gzip));
    }
    return c.body(new Uint8Array(file.body));
  });

  app.use("*", consoleSession(ctx));

  app.get("/", async (c) => {
    if (c.get("platform")) return c.redirect("/console/platform", 303);
    if (!c.get("staff")) return c.redirect("/console/signin", 303);
    const org = orgOf(c);
    const batches = [];
    for (const b of await listBatches(ctx.db, org.id, 5)) batches.push(await batchProgress(ctx, b));
    return c.html(
      <HomePage
        v={viewOf(c)}
        counts={await credentialCounts(ctx, org.id)}
        batches={batches}
        welcome={c.req.query("m") === "welcome"}
      />,
    );
  });

  authRoutes(app, ctx, limits);
  platformConsoleRoutes(app, ctx);
  issueRoutes(app, ctx);
  batchRoutes(app, ctx);
  credentialRoutes(app, ctx);
  catalogueRoutes(app, ctx);
  standardRequestConsoleRoutes(app, ctx);
  recognitionConsoleRoutes(app, ctx);
  adminRoutes(app, ctx);

  // Anything else under /console: a 404 page (signed in or not, nothing is revealed).
  app.all("*", requireStaff("viewer"), (c) => {
    throw notFoundProblem(c);
  });
  return app;
}

function notFoundProblem(c: Context<ConsoleEnv>) {
  if (!c.get("locale")) c.set("locale", consoleLocale(c));
  return notFound(c);
}

function renderError(
  c: Context<ConsoleEnv>,
  status: ContentfulStatusCode,
  detail: ReturnType<typeof localize> | undefined,
  headers: Record<string, string>,
) {
  return c.html(<ErrorPage v={viewOf(c)} status={status} detail={detail} />, status, headers);
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
