import type { ProblemStatus } from "@avala/http-middleware";
import {
  jsonBody,
  problemErrorHandler,
  problemResponse,
  rateLimit,
  readBodyLimited,
  readJsonBody,
  securityHeaders,
} from "@avala/http-middleware";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { isLocale, negotiateLocale, t } from "@avala/i18n";
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { VerifierContext } from "./context.js";
import { loadAssets, serveAsset } from "./page/assets.js";
import type { PageModel } from "./page/page.js";
import { renderPage } from "./page/page.js";
import { isLocalizedProblem, localizedProblem, problemCodeForStatus } from "./problems.js";
import { describeVerification, toReport, toVcApiResponse } from "./vc-api.js";
import type { Verification, VerifyOptions } from "./verify.js";
import { verify } from "./verify.js";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The request's language: `?lang=` first, then a form field, then Accept-Language. */
function localeOf(c: Context, field?: unknown): Locale {
  const query = c.req.query("lang");
  if (isLocale(query)) return query;
  if (isLocale(field)) return field;
  return negotiateLocale(c.req.header("accept-language"));
}

const MAX_OPTION_LENGTH = 1024;

/**
 * The challenge and domain from a VC-API `options` object (other options are ignored), or
 * `undefined` when either is there but not a string of at most 1024 characters: a challenge
 * the verifier cannot read must not be taken for no challenge at all.
 */
function presentationOptions(
  options: unknown,
): { challenge?: string; domain?: string } | undefined {
  if (!isObject(options)) return {};
  const out: { challenge?: string; domain?: string } = {};
  for (const name of ["challenge", "domain"] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.length > MAX_OPTION_LENGTH) return undefined;
    out[name] = value;
  }
  return out;
}

/**
 * A link to this verifier's own page (`https://verifier/?url=…`, what a wallet share QR may
 * hold) is unwrapped to the link it carries, so the verifier does not fetch itself.
 */
export function unwrapOwnLink(url: string, publicUrl: string): string {
  let current = url;
  for (let i = 0; i < 3; i++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return current;
    }
    const inner = parsed.searchParams.get("url");
    if (parsed.origin !== new URL(publicUrl).origin || parsed.pathname !== "/" || !inner) {
      return current;
    }
    current = inner;
  }
  return current;
}

/** Builds the verifier's Hono app: the page at `/`, the VC-API endpoints and the JSON API. */
export function createVerifierApp(ctx: VerifierContext): Hono {
  const { config } = ctx;
  const app = new Hono();
  const assets = loadAssets();
  const maxBytes = config.limits.maxBytes;
  const maxMiB = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  const limiter = rateLimit({
    windowMs: config.rateLimit.windowMs,
    max: config.rateLimit.max,
    ...(config.trustedProxyHeader ? { trustedProxyHeader: config.trustedProxyHeader } : {}),
  });
  const problems = problemErrorHandler({ logger: ctx.logger });
  const limits = { maxMiB, maxDepth: config.limits.maxDepth };

  /** A problem in the request's language (`?lang=`, a `lang` field, then Accept-Language). */
  const fail = (
    c: Context,
    status: ProblemStatus,
    code: MessageKey,
    params?: MessageParams,
    lang?: unknown,
  ) => localizedProblem(localeOf(c, lang), status, code, params);

  /**
   * Every error as problem+json in the request's language. The verifier's own problems are
   * already in it; the shared middleware's (body parser, rate limiter) and unexpected errors
   * go through the shared handler first (which logs what is unexpected, keeps the status and
   * headers such as Retry-After), then get their title and detail from the catalogue.
   */
  const apiProblem = async (error: Error, c: Context): Promise<Response> => {
    if (isLocalizedProblem(error)) return problemResponse(error);
    const base = await problems(error, c);
    const headers: Record<string, string> = {};
    base.headers.forEach((value, name) => {
      if (name !== "content-type" && name !== "content-length") headers[name] = value;
    });
    const status = base.status as ProblemStatus;
    const { code, params } = problemCodeForStatus(status, limits);
    return problemResponse(localizedProblem(localeOf(c), status, code, params, headers));
  };

  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        requireTrustedTypesFor: ["'script'"],
        trustedTypes: ["avala"],
      },
      permissionsPolicy: { camera: ["self"], microphone: [], geolocation: [] },
    }),
  );

  const page = (c: Context, model: Omit<PageModel, "assets">, status = 200) =>
    c.html(renderPage({ ...model, assets: assets.urls }), status as 200, {
      "cache-control": "no-store",
    });

  // Errors on the page (413, 429, ...) are shown on the page; everywhere else as problem+json.
  app.onError((error, c) => {
    if (c.req.path !== "/" || (c.req.method !== "GET" && c.req.method !== "POST")) {
      return apiProblem(error, c);
    }
    const status = error instanceof HTTPException ? error.status : 500;
    if (status >= 500) {
      ctx.logger.error("Unhandled error while serving the page", { method: c.req.method, error });
    }
    const locale = localeOf(c);
    const message =
      status === 413
        ? t("verifier.error.too-large", locale, { max: maxMiB })
        : status === 429
          ? t("verifier.error.too-many-requests", locale)
          : status < 500
            ? t("verifier.error.bad-request", locale)
            : t("verifier.error.generic", locale);
    const response = page(
      c,
      {
        locale,
        error: message,
        toggle: { kind: "link", href: `/?lang=${locale === "es" ? "en" : "es"}` },
      },
      status,
    );
    const retryAfter =
      error instanceof HTTPException ? error.getResponse().headers.get("retry-after") : null;
    if (retryAfter) response.headers.set("retry-after", retryAfter);
    return response;
  });
  const notFound = (c: Context) => problemResponse(fail(c, 404, "verifier.problem.not-found"));
  app.notFound(notFound);

  const runVerify = async (input: unknown, extra: Partial<VerifyOptions> = {}) =>
    verify(input, ctx.verifyOptions(extra));

  // ---- The page --------------------------------------------------------------------------

  const limitLinks: MiddlewareHandler = (c, next) =>
    c.req.query("url") ? limiter(c, next) : next();

  app.get("/", limitLinks, async (c) => {
    const locale = localeOf(c);
    const target = locale === "es" ? "en" : "es";
    const url = c.req.query("url")?.trim();
    if (!url) return page(c, { locale, toggle: { kind: "link", href: `/?lang=${target}` } });
    const toggle = {
      kind: "link" as const,
      href: `/?lang=${target}&url=${encodeURIComponent(url)}`,
    };
    const link = unwrapOwnLink(url, config.publicUrl);
    if (!/^https?:\/\//i.test(link) || link.length > 4096) {
      return page(c, { locale, url, toggle, error: t("verifier.error.bad-request", locale) }, 400);
    }
    const result = await runVerify({ url: link });
    return page(c, { locale, url: link, result, toggle });
  });

  app.post("/", limiter, async (c) => {
    const contentType = c.req.header("content-type") ?? "";
    const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "multipart/form-data" && mediaType !== "application/x-www-form-urlencoded") {
      throw fail(c, 415, "verifier.problem.form-type");
    }
    // The form carries the file or the text plus a little: allow for the multipart envelope.
    const bytes = await readBodyLimited(c.req.raw, maxBytes + 64 * 1024);
    let form: FormData;
    try {
      form = await new Request("http://verifier.invalid/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: bytes,
      }).formData();
    } catch {
      throw fail(c, 400, "verifier.problem.form-unreadable");
    }
    const locale = localeOf(c, form.get("lang"));
    const file = form.get("file");
    const text = form.get("document");
    let input: unknown;
    if (file && typeof file === "object" && file.size > 0) {
      input = new Uint8Array(await file.arrayBuffer());
    } else if (typeof text === "string" && text.trim()) {
      input = text;
    }
    if (input === undefined) {
      const missing = form.has("file") ? "verifier.file.missing" : "verifier.paste.missing";
      return page(
        c,
        {
          locale,
          error: t(missing, locale),
          toggle: { kind: "link", href: `/?lang=${locale === "es" ? "en" : "es"}` },
        },
        400,
      );
    }
    // A pasted text is only ever verified as a document, never fetched as a link.
    const result = await runVerify(input, { fetchLinks: false });
    // The paste box keeps what was verified, so switching language re-verifies the same thing.
    const pasted =
      typeof input === "string"
        ? input
        : result.document
          ? JSON.stringify(result.document, null, 2)
          : undefined;
    return page(c, {
      locale,
      result,
      ...(pasted !== undefined ? { pasted } : {}),
      toggle:
        pasted !== undefined
          ? { kind: "submit" }
          : { kind: "link", href: `/?lang=${locale === "es" ? "en" : "es"}` },
    });
  });

  app.get("/assets/:name", (c) => {
    const file = assets.byName.get(c.req.param("name"));
    if (!file) return notFound(c);
    return serveAsset(c, file);
  });

  app.get("/healthz", (c) => c.json({ ok: true }));

  // ---- W3C VC-API --------------------------------------------------------------------------

  const vcApiBody = jsonBody({
    maxBytes: maxBytes + 64 * 1024,
    maxDepth: config.limits.maxDepth + 4,
  });

  const vcApiResponse = (c: Context, result: Verification) =>
    c.json(toVcApiResponse(result, localeOf(c)), result.verified ? 200 : 400);

  app.post("/credentials/verify", limiter, vcApiBody, async (c) => {
    const body = readJsonBody(c);
    if (!isObject(body) || !isObject(body.verifiableCredential)) {
      throw fail(c, 400, "verifier.problem.credential-missing");
    }
    const result = await runVerify(body.verifiableCredential, {
      expect: "credential",
      fetchLinks: false,
    });
    return vcApiResponse(c, result);
  });

  app.post("/presentations/verify", limiter, vcApiBody, async (c) => {
    const body = readJsonBody(c);
    if (!isObject(body) || !isObject(body.verifiablePresentation)) {
      throw fail(c, 400, "verifier.problem.presentation-missing");
    }
    const options = presentationOptions(body.options);
    if (!options) throw fail(c, 400, "verifier.problem.options", { max: MAX_OPTION_LENGTH });
    const result = await runVerify(body.verifiablePresentation, {
      expect: "presentation",
      fetchLinks: false,
      ...options,
    });
    return vcApiResponse(c, result);
  });

  // ---- Avala's JSON form: any input, full result and display model --------------------------

  const apiBody = jsonBody({
    maxBytes: Math.ceil((maxBytes * 4) / 3) + 64 * 1024,
    maxDepth: config.limits.maxDepth + 4,
  });

  app.post("/api/verify", limiter, apiBody, async (c) => {
    const body = readJsonBody(c);
    if (!isObject(body)) throw fail(c, 400, "verifier.problem.not-object");
    const lang = body.lang;
    const fields = ["verifiableCredential", "verifiablePresentation", "document", "url", "file"];
    const given = fields.filter((f) => body[f] !== undefined);
    if (given.length !== 1) {
      throw fail(c, 400, "verifier.problem.one-input", { fields: fields.join(", ") }, lang);
    }
    let input: unknown;
    const options = presentationOptions(body.options);
    if (!options) {
      throw fail(c, 400, "verifier.problem.options", { max: MAX_OPTION_LENGTH }, lang);
    }
    const extra: Partial<VerifyOptions> = { ...options };
    switch (given[0]) {
      case "url": {
        if (
          typeof body.url !== "string" ||
          !/^https?:\/\//i.test(body.url) ||
          body.url.length > 4096
        ) {
          throw fail(c, 400, "verifier.problem.url", { max: 4096 }, lang);
        }
        input = { url: unwrapOwnLink(body.url, config.publicUrl) };
        break;
      }
      case "file": {
        const file = body.file;
        const data = typeof file === "string" ? file : isObject(file) ? file.data : undefined;
        if (typeof data !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) {
          throw fail(c, 400, "verifier.problem.file", undefined, lang);
        }
        input = new Uint8Array(
          Buffer.from(data, data.includes("-") || data.includes("_") ? "base64url" : "base64"),
        );
        extra.fetchLinks = false;
        break;
      }
      default: {
        const value = body[given[0]!];
        if (!isObject(value) && typeof value !== "string") {
          throw fail(c, 400, "verifier.problem.document", { field: given[0]! }, lang);
        }
        input = value;
        extra.fetchLinks = false;
        if (given[0] === "verifiableCredential") extra.expect = "credential";
        if (given[0] === "verifiablePresentation") extra.expect = "presentation";
      }
    }
    const locale = localeOf(c, lang);
    const result = await runVerify(input, extra);
    return c.json({
      verified: result.verified,
      verdict: result.verdict,
      locale,
      result: toReport(result, { includeDocument: true }),
      display: describeVerification(result, locale),
    });
  });

  return app;
}
