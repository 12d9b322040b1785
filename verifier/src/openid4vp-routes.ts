/**
 * The verifier's OpenID4VP routes: the employer's "Ask a candidate for a certificate" page
 * (`/ask`, `/ask/:id`, `/ask/:id/status`) and the wallet's response endpoint
 * (`POST /openid4vp/response`, `direct_post`). Formats: docs/openid4vp.md.
 */
import { decodeUtf8, ProblemError, readBodyLimited } from "@avala/http-middleware";
import type { Locale } from "@avala/i18n";
import { isLocale, negotiateLocale, t } from "@avala/i18n";
import type { Context, Hono, MiddlewareHandler } from "hono";
import QRCode from "qrcode";
import type { VerifierContext } from "./context.js";
import type { ProtocolError } from "./openid4vp.js";
import {
  answerOptions,
  authorizationRequest,
  openRequest,
  parseAnswer,
  RESPONSE_PATH,
  refusalOf,
  requestLink,
  withRequestChecks,
} from "./openid4vp.js";
import { describeAsk, readAsk } from "./openid4vp-query.js";
import type { PresentationRequest, RequestStore } from "./openid4vp-store.js";
import { createRequestStore } from "./openid4vp-store.js";
import type { AskPageModel, IssuerChoice } from "./page/ask-page.js";
import { renderAskPage } from "./page/ask-page.js";
import type { PageAssets } from "./page/page.js";
import { verify } from "./verify.js";

export interface Openid4vpRouteOptions {
  assets: PageAssets;
  /** The verifier's rate limiter: creating requests and answering them count like verifying. */
  limiter: MiddlewareHandler;
  /** The store (tests give one with their own clock or size); default from the context. */
  store?: RequestStore;
}

const ID = /^[A-Za-z0-9_-]{22}$/;

function localeOf(c: Context, field?: unknown): Locale {
  const query = c.req.query("lang");
  if (isLocale(query)) return query;
  if (isLocale(field)) return field;
  return negotiateLocale(c.req.header("accept-language"));
}

const noStore = { "cache-control": "no-store" };

/** An OpenID4VP / OAuth error response (never problem+json: the protocol prescribes its own). */
function protocolResponse(c: Context, problem: ProtocolError): Response {
  return c.json({ error: problem.error, error_description: problem.description }, problem.status, {
    ...noStore,
  });
}

/** Registers the OpenID4VP routes on the verifier's app. */
export function registerOpenid4vp(
  app: Hono,
  ctx: VerifierContext,
  options: Openid4vpRouteOptions,
): RequestStore {
  const { config } = ctx;
  const store =
    options.store ?? createRequestStore({ now: () => ctx.now().getTime(), maxRequests: 10_000 });
  const maxBody = config.limits.maxBytes + 64 * 1024;
  const minutes = Math.round(store.ttlMs / 60_000);

  const html = (c: Context, model: AskPageModel, status = 200) =>
    c.html(renderAskPage(model), status as 200, noStore);
  const toggle = (locale: Locale, path: string) => `${path}?lang=${locale === "es" ? "en" : "es"}`;

  /**
   * The organisations the trust registry names and holds current (SEP, CONOCER, the bodies they
   * accredit), by name, so that the employer picks an issuer instead of typing its identifier.
   * None without a registry, or when it cannot be loaded.
   */
  const knownIssuers = async (locale: Locale): Promise<IssuerChoice[]> => {
    const option = ctx.trustRegistry;
    if (!option) return [];
    const load = typeof option === "function" ? await option().catch(() => undefined) : undefined;
    const registry = typeof option === "function" ? (load?.ok ? load.registry : undefined) : option;
    if (!registry) return [];
    const now = ctx.now();
    return [...registry.entries.values()]
      .filter((entry) => registry.lookup(entry.id, now) !== undefined)
      .map((entry) => ({ id: entry.id, name: entry.name[locale] ?? entry.name.es }))
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .slice(0, 500);
  };

  app.get("/ask", async (c) => {
    const locale = localeOf(c);
    return html(c, {
      view: "form",
      locale,
      assets: options.assets,
      toggleHref: toggle(locale, "/ask"),
      issuers: await knownIssuers(locale),
    });
  });

  app.post("/ask", options.limiter, async (c) => {
    // The form is a few short fields: anything larger, or not UTF-8, is read as an empty form.
    const body = await readBodyLimited(c.req.raw, 16 * 1024).catch(() => new Uint8Array(0));
    const form = new URLSearchParams(decodeUtf8(body) ?? "");
    const locale = localeOf(c, form.get("lang"));
    // A typed identifier ("another issuer") wins over the list's choice.
    const typed = (form.get("issuer-other") ?? "").trim();
    const values = {
      kind: form.get("kind") ?? "",
      code: (form.get("code") ?? "").slice(0, 40),
      issuer: (typed || (form.get("issuer") ?? "")).slice(0, 400),
    };
    const issuers = await knownIssuers(locale);
    const formPage = (error: string, status: number) =>
      html(
        c,
        {
          view: "form",
          locale,
          assets: options.assets,
          toggleHref: toggle(locale, "/ask"),
          error,
          values,
          issuers,
        },
        status,
      );
    const read = readAsk(values);
    if (!read.ok) return formPage(t(read.code, locale), 400);
    const request = openRequest(store, config.publicUrl, read.ask);
    if (!request) return formPage(t("openid4vp.problem.busy", locale), 503);
    return c.redirect(`/ask/${request.id}?lang=${locale}`, 303);
  });

  const find = (c: Context): PresentationRequest | undefined => {
    const id = c.req.param("id") ?? "";
    return ID.test(id) ? store.byId(id) : undefined;
  };

  app.get("/ask/:id/status", (c) => {
    const request = find(c);
    if (!request) return c.json({ status: "unknown" }, 404, noStore);
    return c.json({ status: request.status }, 200, noStore);
  });

  app.get("/ask/:id", async (c) => {
    const locale = localeOf(c);
    const request = find(c);
    const toggleHref = toggle(locale, c.req.path);
    if (!request) {
      return html(
        c,
        {
          view: "form",
          locale,
          assets: options.assets,
          toggleHref: toggle(locale, "/ask"),
          error: t("openid4vp.problem.not-found", locale),
        },
        404,
      );
    }
    const asked = t("openid4vp.wait.asked", locale, { what: describeAsk(request.ask, locale) });
    if (request.status !== "pending") {
      return html(c, {
        view: "answer",
        locale,
        assets: options.assets,
        toggleHref,
        asked,
        status: request.status,
        ...(request.result ? { result: request.result } : {}),
        ...(request.status === "checking" ? { pollUrl: `/ask/${request.id}/status` } : {}),
      });
    }
    const params = authorizationRequest(request, config.publicUrl, locale);
    const link = requestLink(params);
    const qr = await QRCode.toDataURL(link, { errorCorrectionLevel: "L", margin: 2, scale: 4 });
    return html(c, {
      view: "waiting",
      locale,
      assets: options.assets,
      toggleHref,
      asked,
      link,
      ...(config.walletUrl
        ? { webWalletLink: requestLink(params, `${config.walletUrl}/openid4vp`) }
        : {}),
      qr,
      pollUrl: `/ask/${request.id}/status`,
      selfHref: `/ask/${request.id}?lang=${locale}`,
      minutes,
    });
  });

  // ---- The wallet's answer (direct_post) -------------------------------------------------------

  // The verifier's rate limit, answered in OAuth's form (a wallet reads `error`, not a problem).
  const limitAnswers: MiddlewareHandler = async (c, next) => {
    try {
      await options.limiter(c, async () => {});
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status !== 429) throw error;
      return c.json(
        {
          error: "temporarily_unavailable",
          error_description: "Too many requests from this address; try again later.",
        },
        429,
        { ...noStore, "retry-after": error.headers["retry-after"] ?? "60" },
      );
    }
    await next();
  };

  app.post(RESPONSE_PATH, limitAnswers, async (c) => {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "application/x-www-form-urlencoded") {
      return protocolResponse(c, {
        status: 415,
        error: "invalid_request",
        description: "The response must be application/x-www-form-urlencoded (direct_post).",
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBodyLimited(c.req.raw, maxBody);
    } catch {
      return protocolResponse(c, {
        status: 413,
        error: "invalid_request",
        description: `The response is larger than ${maxBody} bytes.`,
      });
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      return protocolResponse(c, {
        status: 400,
        error: "invalid_request",
        description: "The response is not UTF-8.",
      });
    }
    const answer = parseAnswer(text, config.limits.maxDepth + 4);
    if (answer.kind === "invalid" && answer.state === undefined) {
      return protocolResponse(c, answer.problem);
    }
    const claimed = store.claim(answer.state!);
    if ("refused" in claimed) {
      const description =
        claimed.refused === "unknown"
          ? "Unknown state: no such request."
          : claimed.refused === "expired"
            ? "The request has expired."
            : "The request has already been answered.";
      return protocolResponse(c, { status: 400, error: "invalid_request", description });
    }
    if (answer.kind === "invalid") {
      // A malformed answer does not use the request up: the wallet may try again.
      store.release(claimed);
      return protocolResponse(c, answer.problem);
    }
    const redirect = { redirect_uri: `${config.publicUrl}/ask/${claimed.id}` };
    if (answer.kind === "error") {
      store.settle(claimed, "declined");
      return c.json(redirect, 200, noStore);
    }
    let result: Awaited<ReturnType<typeof verify>>;
    try {
      result = withRequestChecks(
        await verify(answer.presentation, ctx.verifyOptions(answerOptions(claimed))),
        claimed,
      );
    } catch (error) {
      store.release(claimed);
      throw error;
    }
    store.settle(claimed, { result });
    const refusal = refusalOf(result);
    if (refusal) return protocolResponse(c, refusal);
    return c.json(redirect, 200, noStore);
  });

  return store;
}
