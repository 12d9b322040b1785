import { Hono } from "hono";
import type { IssuerContext } from "../context.js";
import type { IssuerEnv } from "../http/env.js";
import { openApiDocument } from "../openapi.js";
import { docsPage } from "../pages/docs-page.js";
import { stylesheet } from "../pages/style.js";

/** The OpenAPI document, its readable page and the pages' stylesheet. */
export function docsRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const document = openApiDocument(ctx.config);

  app.get("/openapi.json", (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json(document);
  });

  app.get("/docs", async (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.html(docsPage(document));
  });

  app.get("/assets/issuer.css", (c) =>
    c.body(stylesheet, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=3600",
    }),
  );

  return app;
}
