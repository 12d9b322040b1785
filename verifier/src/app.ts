import { GUARDED_FETCH_USER_AGENT } from "@avala/guarded-fetch";
import type { ProblemErrorHandlerOptions, ProblemStatus } from "@avala/http-middleware";
import {
  jsonBody,
  problemResponse,
  rateLimit,
  readBodyLimited,
  readFormBody,
  readJsonBody,
  securityHeaders,
  toProblem,
  unmatchedRouteHandler,
  wellFormedQuery,
} from "@avala/http-middleware";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { isLocale, negotiateLocale, t } from "@avala/i18n";
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { isCompactText } from "./compact.js";
import type { VerifierContext } from "./context.js";
import { registerOpenid4vp } from "./openid4vp-routes.js";
import { loadAssets, serveAsset } from "./page/assets.js";
import type { PageModel } from "./page/page.js";
import { renderPage } from "./page/page.js";
import { localizedProblem, problemTitle, verifierMessage } from "./problems.js";
import { describeVerification, readVcApiOptions, toReport, toVcApiResponse } from "./vc-api.js";
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

/** Whether `url` is on this verifier's own origin (its public URL's). */
function isOwnUrl(url: string, publicUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The link to fetch for a link the verifier is asked to verify. A link to this verifier's own
 * page (`https://verifier/?url=…`, what a wallet share QR may hold) is unwrapped, once, to the
 * link it carries. `undefined` when what is left still points at this verifier (a link nested
 * twice or more, or any other page of its own): the verifier never fetches its own pages.
 */
export function unwrapOwnLink(url: string, publicUrl: string): string | undefined {
  if (!isOwnUrl(url, publicUrl)) return url;
  const parsed = new URL(url);
  const inner = parsed.pathname === "/" ? parsed.searchParams.get("url")?.trim() : undefined;
  if (!inner || isOwnUrl(inner, publicUrl)) return undefined;
  return inner;
}

/**
 * Whether a request comes from a guarded fetcher (another Avala verifier or service). Such a
 * request never makes this verifier fetch a link: a chain of verifiers fetching each other's
 * pages (or this one under another name) stops at its first link.
 */
function fromGuardedFetcher(c: Context): boolean {
  return c.req.header("user-agent") === GUARDED_FETCH_USER_AGENT;
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
   * Every error as a coded problem in the request's language, through the shared mechanism
   * (which logs what is unexpected and keeps the status and headers such as Retry-After): the
   * verifier's own problems as they are, the shared middleware's (body parser, rate limiter,
   * unknown routes) in the verifier's words where it has its own (`verifierMessage`), titles in
   * the request's language too.
   */
  const problemOptions: ProblemErrorHandlerOptions = {
    logger: ctx.logger,
    locale: (c) => localeOf(c),
    title: problemTitle,
    ownMessage: (problem) => verifierMessage(problem, limits),
  };
  const apiProblem = (error: Error, c: Context): Response =>
    problemResponse(toProblem(error, c, problemOptions));

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
  // Query values that do not decode to UTF-8 are refused (422), not read as something else.
  app.use(wellFormedQuery());

  const page = (c: Context, model: Omit<PageModel, "assets">, status = 200) =>
    c.html(renderPage({ ...model, assets: assets.urls }), status as 200, {
      "cache-control": "no-store",
    });

  // Errors on the page (413, 429, ...) are shown on the page; everywhere else as problem+json.
  const onError = (error: Error, c: Context): Response => {
    if (c.req.path !== "/" || (c.req.method !== "GET" && c.req.method !== "POST")) {
      return apiProblem(error, c);
    }
    const problem = toProblem(error, c, problemOptions);
    const status = problem.status;
    const locale = localeOf(c);
    const message =
      status === 413
        ? t("verifier.error.too-large", locale, { max: maxMiB })
        : status === 429
          ? t("verifier.error.too-many-requests", locale)
          : status === 422 && problem.code !== undefined
            ? t(problem.code, locale, problem.params)
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
    const retryAfter = problem.headers["retry-after"];
    if (retryAfter) response.headers.set("retry-after", retryAfter);
    return response;
  };
  app.onError(onError);
  const notFound = (c: Context) => problemResponse(fail(c, 404, "verifier.problem.not-found"));
  // Unknown paths are 404, known ones with another method 405 (with Allow).
  app.notFound(unmatchedRouteHandler(app, onError));

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
    const fetched = fromGuardedFetcher(c);
    const link = fetched ? undefined : unwrapOwnLink(url, config.publicUrl);
    if (link === undefined) {
      const refusal = fetched ? "verifier.problem.link-from-fetcher" : "verifier.problem.own-link";
      return page(c, { locale, url, toggle, error: t(refusal, locale) }, 400);
    }
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
    // Text fields that are not UTF-8 are refused (422), not read with U+FFFD in their place.
    const form = await readFormBody(c.req.raw, maxBytes + 64 * 1024);
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

  // ---- OpenID4VP: an employer asks a wallet (openid4vp-routes.ts, docs/openid4vp.md) ----------
  registerOpenid4vp(app, ctx, { assets: assets.urls, limiter });

  // ---- W3C VC-API --------------------------------------------------------------------------

  const vcApiBody = jsonBody({
    maxBytes: maxBytes + 64 * 1024,
    maxDepth: config.limits.maxDepth + 4,
  });

  const vcApiResponse = (c: Context, result: Verification, asked?: string[]) =>
    c.json(toVcApiResponse(result, localeOf(c), asked), result.verified ? 200 : 400);

  // `options.checks` (VC-API) chooses the checks; an unknown one is a 400, never ignored.
  const vcApiOptions = (c: Context, options: unknown) => {
    const read = readVcApiOptions(options);
    if (!read.ok) throw fail(c, 400, read.code, read.params);
    return read;
  };

  // A PDF certificate (`Content-Type: application/pdf`) or a file upload (`multipart/form-data`,
  // field `file`): the credential inside it is verified; other bodies go on to the JSON route.
  const fileBody: MiddlewareHandler = async (c, next) => {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    let bytes: Uint8Array;
    if (mediaType === "application/pdf") {
      bytes = await readBodyLimited(c.req.raw, maxBytes + 64 * 1024);
    } else if (mediaType === "multipart/form-data") {
      const file = (await readFormBody(c.req.raw, maxBytes + 64 * 1024)).get("file");
      if (!file || typeof file !== "object" || file.size === 0) {
        throw fail(c, 400, "verifier.problem.credential-missing");
      }
      bytes = new Uint8Array(await file.arrayBuffer());
    } else {
      return next();
    }
    const result = await runVerify(bytes, { expect: "credential", fetchLinks: false });
    return vcApiResponse(c, result);
  };

  app.post("/credentials/verify", limiter, fileBody, vcApiBody, async (c) => {
    const body = readJsonBody(c);
    // A credential object, or a printed QR code's `VC1-` text (read offline: compact.ts).
    const credential = isObject(body) ? body.verifiableCredential : undefined;
    if (!isObject(body) || (!isObject(credential) && !isCompactText(credential))) {
      throw fail(c, 400, "verifier.problem.credential-missing");
    }
    const { options, checks } = vcApiOptions(c, body.options);
    const result = await runVerify(credential, {
      expect: "credential",
      fetchLinks: false,
      ...(checks ? { checks } : {}),
    });
    return vcApiResponse(c, result, options.checks);
  });

  app.post("/presentations/verify", limiter, vcApiBody, async (c) => {
    const body = readJsonBody(c);
    if (!isObject(body) || !isObject(body.verifiablePresentation)) {
      throw fail(c, 400, "verifier.problem.presentation-missing");
    }
    const { options, checks } = vcApiOptions(c, body.options);
    const result = await runVerify(body.verifiablePresentation, {
      expect: "presentation",
      fetchLinks: false,
      ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
      ...(checks ? { checks } : {}),
    });
    return vcApiResponse(c, result, options.checks);
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
        const link = unwrapOwnLink(body.url, config.publicUrl);
        if (link === undefined) throw fail(c, 400, "verifier.problem.own-link", undefined, lang);
        input = { url: link };
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
