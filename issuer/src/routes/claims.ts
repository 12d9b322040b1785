import type { JsonObject } from "@avala/credentials";
import { jsonBody, rateLimit } from "@avala/http-middleware";
import { t } from "@avala/i18n";
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import QRCode from "qrcode";
import type { IssuerContext } from "../context.js";
import { wantsJson } from "../http/body.js";
import type { IssuerEnv } from "../http/env.js";
import { fail } from "../http/problems.js";
import { claimSchema } from "../http/schemas.js";
import { valid } from "../http/validation.js";
import { claimPage, claimUnavailablePage } from "../pages/claim-page.js";
import {
  claimOffer,
  claimUrl,
  issueChallenge,
  loadOffer,
  offerSummary,
  refusalOf,
} from "../services/claims.js";
import { credentialOfferUri, offerLinkByReference, txCodeFor } from "../services/openid4vci.js";

const qrOptions = { errorCorrectionLevel: "M", margin: 2 } as const;

/**
 * The claim protocol the wallet follows: GET the offer (JSON: offer + challenge + domain; else a
 * bilingual page with a wallet button and a QR code), POST a DID-authentication presentation to
 * receive the credential bound to the holder's DID, once.
 */
export function claimRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  app.use(
    "*",
    cors({
      origin: "*",
      allowMethods: ["GET", "POST"],
      allowHeaders: ["Content-Type", "Accept", "Accept-Language"],
      maxAge: 600,
    }),
  );
  app.use(
    "*",
    rateLimit({
      windowMs: 60_000,
      max: ctx.config.limits.claimRequestsPerMinute,
      store: ctx.rateLimitStore("claims"),
    }),
  );
  app.use("*", async (c, next) => {
    await next();
    // One-time URLs: never cached, never sent on as a referrer.
    c.header("cache-control", "no-store");
  });

  app.get("/:token", async (c) => {
    const token = c.req.param("token");
    const loaded = await loadOffer(ctx, token);
    const locale = c.get("locale");
    const other = locale === "es" ? "en" : "es";
    const otherHref = `${ctx.config.publicUrl}/claims/${encodeURIComponent(token)}?lang=${other}`;
    if (wantsJson(c.req.header("accept"))) {
      if (!loaded) throw fail(c, 404, "issuer.claim.not-found");
      const refusal = refusalOf(loaded);
      if (refusal) throw fail(c, refusal.status, refusal.code, refusal.params);
      const challenge = await issueChallenge(ctx, loaded.offer);
      const offerId = loaded.offer.offer_id;
      return c.json({
        offer: offerSummary(loaded),
        challenge,
        domain: ctx.config.publicUrl,
        // The same offer for other wallets (OpenID4VCI, pre-authorized code flow).
        openid4vci: {
          credentialOffer: offerLinkByReference(ctx, loaded.organisation.slug, offerId),
          credentialOfferUri: credentialOfferUri(ctx, loaded.organisation.slug, offerId),
          txCodeRequired: (await txCodeFor(ctx, loaded.offer)) !== undefined,
        },
      });
    }
    if (!loaded) {
      return c.html(
        claimUnavailablePage(locale, t("issuer.claim.not-found", locale), otherHref),
        404,
      );
    }
    const refusal = refusalOf(loaded);
    if (refusal) {
      return c.html(
        claimUnavailablePage(locale, t(refusal.code, locale, refusal.params), otherHref),
        refusal.status,
      );
    }
    const summary = offerSummary(loaded);
    const url = claimUrl(ctx, loaded.offer.offer_id);
    const otherLink = offerLinkByReference(ctx, loaded.organisation.slug, loaded.offer.offer_id);
    return c.html(
      claimPage(
        locale,
        {
          issuerName: summary.issuer.localizedName[locale] ?? summary.issuer.name,
          achievementName: summary.achievement.localizedName[locale] ?? summary.achievement.name,
          achievementCode: summary.achievement.code,
          expiresAt: summary.expiresAt,
          claimUrl: url,
          walletUrl: `${ctx.config.walletPublicUrl}/claim?offer=${encodeURIComponent(url)}`,
          qrSvg: await QRCode.toString(url, { ...qrOptions, type: "svg" }),
          otherWallet: {
            link: otherLink,
            qrSvg: await QRCode.toString(otherLink, { ...qrOptions, type: "svg" }),
            pinAsked: (await txCodeFor(ctx, loaded.offer)) !== undefined,
          },
        },
        otherHref,
      ),
    );
  });

  app.post("/:token", jsonBody({ maxBytes: 256 * 1024 }), valid("json", claimSchema), async (c) => {
    const { presentation } = c.req.valid("json");
    const outcome = await claimOffer(ctx, c.req.param("token"), presentation as JsonObject);
    if (!outcome.ok) {
      const locale = c.get("locale");
      const errors =
        "checks" in outcome && outcome.checks
          ? outcome.checks.map((check) => ({
              field: `presentation.${check.check}`,
              reason: check.message[locale],
            }))
          : undefined;
      throw fail(c, outcome.status, outcome.code, outcome.params, {
        ...(errors ? { errors } : {}),
      });
    }
    // The compact QR edition, when the credential has one: the wallet prints it.
    return c.json(
      {
        verifiableCredential: outcome.credential,
        ...(outcome.compactCredential ? { compactCredential: outcome.compactCredential } : {}),
      },
      201,
    );
  });

  async function qrTarget(c: Context<IssuerEnv>) {
    const loaded = await loadOffer(ctx, c.req.param("token") ?? "");
    if (!loaded) throw fail(c, 404, "issuer.claim.not-found");
    return claimUrl(ctx, loaded.offer.offer_id);
  }

  app.get("/:token/qr.png", async (c) => {
    const png = await QRCode.toBuffer(await qrTarget(c), { ...qrOptions, type: "png", width: 320 });
    return c.body(new Uint8Array(png), 200, { "content-type": "image/png" });
  });

  app.get("/:token/qr.svg", async (c) => {
    const svg = await QRCode.toString(await qrTarget(c), { ...qrOptions, type: "svg" });
    return c.body(svg, 200, { "content-type": "image/svg+xml" });
  });

  return app;
}
