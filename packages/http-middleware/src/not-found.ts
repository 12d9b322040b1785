import type { Context, ErrorHandler, Hono, NotFoundHandler } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { requestLocale } from "./error-handler.js";
import { codedProblem, type ProblemError, problemResponse } from "./problem.js";

/**
 * `app.notFound(notFoundHandler)`: a 404 `request.not-found` problem in the request's language
 * (`requestLocale`). `unmatchedRouteHandler` does more and answers through the app's handler.
 */
export const notFoundHandler: NotFoundHandler = (c) =>
  problemResponse(codedProblem(404, "request.not-found", undefined, { locale: requestLocale(c) }));

/**
 * `app.notFound(unmatchedRouteHandler(app, onError))`: for a path that the app serves with other
 * methods, a 405 `request.method-not-allowed` problem with an `Allow` header; for any other path
 * a 404 `request.not-found`. Answered by `onError`, the app's own error handler, so in the same
 * words and language as every other error; returned, not thrown, so that middleware (security
 * headers) still sees the response. The routes are read again when their number changed.
 */
export function unmatchedRouteHandler(
  // biome-ignore lint/suspicious/noExplicitAny: any app, whatever its environment.
  app: Hono<any, any, any>,
  // biome-ignore lint/suspicious/noExplicitAny: the app's handler, whatever its environment.
  onError: ErrorHandler<any>,
): NotFoundHandler {
  let known: { count: number; router: TrieRouter<true>; methods: string[] } | undefined;
  const routes = () => {
    if (known?.count !== app.routes.length) {
      const router = new TrieRouter<true>();
      const methods = new Set<string>();
      for (const route of app.routes) {
        if (route.method === "ALL") continue; // middleware of every method
        router.add(route.method, route.path, true);
        methods.add(route.method);
      }
      known = { count: app.routes.length, router, methods: [...methods] };
    }
    return known;
  };
  return (c: Context) => onError(unmatchedRoute(c, routes()), c);
}

function unmatchedRoute(
  c: Context,
  routes: { router: TrieRouter<true>; methods: string[] },
): ProblemError {
  const path = c.req.path;
  const allowed = routes.methods.filter(
    (method) => method !== c.req.method && routes.router.match(method, path)[0].length > 0,
  );
  if (allowed.length === 0) return codedProblem(404, "request.not-found");
  if (allowed.includes("GET") && !allowed.includes("HEAD")) allowed.push("HEAD");
  const list = allowed.join(", ");
  return codedProblem(
    405,
    "request.method-not-allowed",
    { method: c.req.method.slice(0, 20), allowed: list },
    { headers: { allow: list } },
  );
}
