import { describeCredential, describeWithdrawal } from "@avala/verifier";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import { findPublicPageBySlug, withdrawPublicPage } from "../db/public-pages.js";
import { findCredential } from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { walletProblem } from "../http/problems.js";
import { requestLocale } from "../http/session.js";
import { keptUnchecked } from "../services/generic.js";
import { documentOf, reverify, statusWord } from "../services/holding.js";
import {
  credentialIdOf,
  linkedInLink,
  PUBLIC_PAGE_SLUG,
  publicCredentialJson,
  publicCredentialUrl,
  publicPageUrl,
  publishPage,
  verifyYourselfUrl,
} from "../services/public-pages.js";
import { inlineImage } from "../views/components.js";
import { PublicCredentialPage } from "../views/public-page.js";
import { viewOf } from "../views/view.js";

/**
 * The public side: `GET /p/:slug`, the page (verified as it opens), and
 * `GET /p/:slug/credential.json`, the signed credential as held. Withdrawn: 410; unknown: 404.
 */
export function publicPageRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  async function livePage(slug: string) {
    if (!PUBLIC_PAGE_SLUG.test(slug))
      throw walletProblem(404, "wallet.problem.public-page-unknown");
    const found = await findPublicPageBySlug(ctx.db, slug);
    if (!found) throw walletProblem(404, "wallet.problem.public-page-unknown");
    if (found.page.withdrawn_at) throw walletProblem(410, "wallet.problem.public-page-withdrawn");
    return found;
  }

  app.get("/p/:slug", async (c) => {
    const { page, credential } = await livePage(c.req.param("slug"));
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Accept, Accept-Language, Cookie");
    // Given to whoever the holder chooses, not to search engines.
    c.header("X-Robots-Tag", "noindex");
    const accept = c.req.header("accept") ?? "";
    if (/json/i.test(accept) && !/text\/html/i.test(accept)) {
      return c.redirect(publicCredentialUrl(ctx, page), 302);
    }
    // Public routes run before the session middleware: the visitor's language, no form.
    c.set("locale", requestLocale(c));
    c.set("csrfToken", "");
    const v = viewOf(c);
    const verification = await reverify(ctx, credential);
    const document = verification.document ?? documentOf(credential);
    const description = describeCredential(
      document,
      v.locale,
      verification.kind === "credential" ? verification.trust : undefined,
    );
    const word = statusWord(verification);
    const withdrawal =
      word === "revoked" || word === "suspended"
        ? describeWithdrawal(
            word,
            verification.kind === "credential" ? verification.statusNotice : undefined,
            v.locale,
          )
        : undefined;
    return c.html(
      <PublicCredentialPage
        v={v}
        description={description}
        verification={verification}
        word={word}
        withdrawal={withdrawal}
        image={inlineImage(document)}
        checkedAt={ctx.now().toISOString()}
        verifyUrl={verifyYourselfUrl(ctx, page)}
        credentialUrl={publicCredentialUrl(ctx, page)}
      />,
    );
  });

  app.get("/p/:slug/credential.json", async (c) => {
    const { credential } = await livePage(c.req.param("slug"));
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex");
    c.header("Access-Control-Allow-Origin", "*");
    c.header("Content-Type", "application/ld+json; charset=utf-8");
    return c.body(publicCredentialJson(credential));
  });
}

async function ownCredential(ctx: WalletContext, c: Context<WalletEnv>) {
  const row = await findCredential(ctx.db, c.get("account")!.id, c.req.param("id") ?? "");
  if (!row) throw walletProblem(404, "wallet.problem.not-found");
  return row;
}

/** The holder's side: publish, withdraw, and LinkedIn's add-to-profile link through the page. */
export function publicPageHolderRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.post("/credentials/:id/public-page", async (c) => {
    const row = await ownCredential(ctx, c);
    if (keptUnchecked(row)) throw walletProblem(422, "wallet.generic.no-public-page");
    await publishPage(ctx, c.get("account")!, row);
    return c.redirect(`/credentials/${row.public_id}?m=page-published#public-page`, 303);
  });

  app.post("/credentials/:id/public-page/withdraw", async (c) => {
    const row = await ownCredential(ctx, c);
    await withdrawPublicPage(ctx.db, row.account_id, row.id, ctx.now());
    return c.redirect(`/credentials/${row.public_id}?m=page-withdrawn#public-page`, 303);
  });

  // LinkedIn keeps the address for good: the permanent page (published now if it is not), one
  // address however often this is asked, never a share link that expires.
  app.post("/credentials/:id/linkedin", async (c) => {
    const account = c.get("account")!;
    const row = await ownCredential(ctx, c);
    if (keptUnchecked(row)) throw walletProblem(422, "wallet.generic.no-public-page");
    const page = await publishPage(ctx, account, row);
    const d = describeCredential(documentOf(row), c.get("locale"));
    c.header("Cache-Control", "no-store");
    return c.redirect(
      linkedInLink({
        name: d.achievement.name,
        organizationName: d.issuer.name,
        issuedAt: d.validFrom?.iso,
        expiresAt: d.validUntil?.iso,
        certUrl: publicPageUrl(ctx, page),
        certId: credentialIdOf(row),
      }),
      303,
    );
  });
}
