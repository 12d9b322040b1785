import { buildPresentation, type Credential, signPresentation } from "@avala/credentials";
import { ProblemError } from "@avala/http-middleware";
import { type MessageKey, t } from "@avala/i18n";
import { describeCredential } from "@avala/verifier";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import {
  findCredentials,
  findShare,
  findShareByTokenHash,
  listCredentials,
  listShares,
  recordShareView,
  revokeShare,
  type Share,
  type StoredCredential,
  shareCredentials,
} from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { field, fields } from "../http/form.js";
import { walletProblem } from "../http/problems.js";
import { tokenHash } from "../security/keys.js";
import { keepOnly } from "../services/generic.js";
import { holderSigningKey } from "../services/holder-key.js";
import { documentOf, sharedFormOf } from "../services/holding.js";
import { qrPng, qrSvg } from "../services/qr.js";
import {
  createShare,
  parseShareDays,
  presentationBundle,
  presentationLink,
  shareLink,
  shareState,
  verifierLink,
} from "../services/shares.js";
import {
  NewSharePage,
  PresentPage,
  ShareDetailPage,
  SharePrintPage,
  SharesPage,
} from "../views/shares.js";
import { viewOf } from "../views/view.js";
import { itemOf, itemsOf, noticeOf } from "./holding.js";

const TOKEN = /^[\w-]{43}$/;

/** Which field of the share form each refusal concerns, and its message. */
const shareFormErrors = {
  none: { field: "c", key: "wallet.share.error.none" },
  "too-many": { field: "c", key: "wallet.share.error.too-many" },
  days: { field: "days", key: "wallet.share.error.days" },
  "not-shareable": { field: "c", key: "wallet.share.error.not-shareable" },
  "not-checked": { field: "c", key: "wallet.generic.not-shareable" },
} as const satisfies Record<string, { field: "c" | "days"; key: MessageKey }>;

/**
 * A refused share form as problem+json (422): `code` is the message key, `detail` and
 * `localizedDetail` its words, `errors` names the field.
 */
function formProblem(fieldName: string, key: MessageKey): ProblemError {
  const problem = walletProblem(422, key);
  return new ProblemError({
    status: 422,
    title: "Unprocessable Content",
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    errors: [{ field: fieldName, reason: t(key, "en") }],
    extra: problem.extra,
  });
}

/**
 * The public side of a share link. `GET /s/:token` counts a view and sends the visitor to the
 * verify page, which reads `/s/:token/presentation.json` (an unsigned presentation bundle of
 * the credentials, as their issuers signed them). A revoked or expired link is a 410 problem,
 * an unknown one a 404: the employer learns the link was withdrawn, nothing more.
 */
export function publicShareRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  async function liveShare(token: string): Promise<Share> {
    if (!TOKEN.test(token)) throw walletProblem(404, "wallet.problem.share-unknown");
    const share = await findShareByTokenHash(ctx.db, tokenHash(token));
    if (!share) throw walletProblem(404, "wallet.problem.share-unknown");
    const state = shareState(share, ctx.now());
    if (state === "revoked") throw walletProblem(410, "wallet.problem.share-revoked");
    if (state === "expired") throw walletProblem(410, "wallet.problem.share-expired");
    return share;
  }

  // People (browsers ask for HTML) go to the verify page; programs that ask for JSON (a
  // verifier given the link, e.g. read from the QR code) go straight to the presentation.
  app.get("/s/:token", async (c) => {
    const token = c.req.param("token");
    const share = await liveShare(token);
    await recordShareView(ctx.db, share.id, ctx.now());
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Accept");
    const accept = c.req.header("accept") ?? "";
    if (/json/i.test(accept) && !/text\/html/i.test(accept)) {
      return c.redirect(presentationLink(ctx, token), 302);
    }
    return c.redirect(verifierLink(ctx, token), 302);
  });

  app.get("/s/:token/presentation.json", async (c) => {
    const share = await liveShare(c.req.param("token"));
    const credentials = await shareCredentials(ctx.db, share);
    if (credentials.length === 0) throw walletProblem(410, "wallet.problem.share-empty");
    c.header("Cache-Control", "no-store");
    c.header("Access-Control-Allow-Origin", "*");
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(JSON.stringify(presentationBundle(credentials)));
  });
}

async function ownShare(ctx: WalletContext, c: Context<WalletEnv>) {
  const share = await findShare(ctx.db, c.get("account")!.id, c.req.param("id") ?? "");
  if (!share) throw walletProblem(404, "wallet.problem.not-found");
  return share;
}

export function sharingRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/shares", async (c) => {
    const account = c.get("account")!;
    const v = viewOf(c);
    const shares = await listShares(ctx.db, account.id);
    const now = ctx.now();
    const rows = await Promise.all(
      shares.map(async (share) => ({
        share,
        state: shareState(share, now),
        count: (await shareCredentials(ctx.db, share)).length,
      })),
    );
    return c.html(<SharesPage v={v} shares={rows} notice={noticeOf(c, v)} />);
  });

  app.get("/shares/new", async (c) => {
    const account = c.get("account")!;
    const v = viewOf(c);
    const ids = c.req.queries("c") ?? [];
    const rows = await findCredentials(ctx.db, account.id, ids.slice(0, 50));
    if (rows.length === 0) return c.redirect("/credentials", 303);
    const items = await itemsOf(ctx, rows, v.locale);
    return c.html(<NewSharePage v={v} items={items} defaultDays={ctx.config.defaultShareDays} />);
  });

  app.post("/shares", async (c) => {
    const account = c.get("account")!;
    const form = c.get("form");
    const ids = fields(form, "c", 50);
    const label = field(form, "label", 120);
    // An empty field means "the default"; anything else must be a length the wallet allows
    // (refused with the form's own error, never quietly replaced by another length).
    const days = parseShareDays(field(form, "days", 20), ctx.config.defaultShareDays);
    const result =
      days === undefined
        ? ({ ok: false, reason: "days" } as const)
        : await createShare(ctx, account, ids, days, label);
    if (!result.ok) {
      if (result.reason === "not-yours") throw walletProblem(404, "wallet.problem.not-found");
      const error = shareFormErrors[result.reason];
      // People get the form back with the error next to its field; programs a problem.
      if (!(c.req.header("accept") ?? "").includes("text/html")) {
        throw formProblem(error.field, error.key);
      }
      const v = viewOf(c);
      // The form as it was sent: the chosen credentials (else all of them, up to 50).
      const chosen = ids.length > 0 ? await findCredentials(ctx.db, account.id, ids) : [];
      const rows = chosen.length > 0 ? chosen : await listCredentials(ctx.db, account.id);
      const items = await itemsOf(ctx, rows.slice(0, 50), v.locale);
      return c.html(
        <NewSharePage
          v={v}
          items={items}
          defaultDays={ctx.config.defaultShareDays}
          values={{ label, ...(days !== undefined ? { days } : {}) }}
          errors={{ [error.field]: error.key }}
        />,
        422,
      );
    }
    return c.redirect(`/shares/${result.share.public_id}?m=created`, 303);
  });

  app.get("/shares/:id", async (c) => {
    const v = viewOf(c);
    const share = await ownShare(ctx, c);
    const rows = await shareCredentials(ctx.db, share);
    const items = await itemsOf(ctx, rows, v.locale);
    const link = shareLink(ctx, share);
    c.header("Cache-Control", "no-store");
    return c.html(
      <ShareDetailPage
        v={v}
        share={share}
        state={shareState(share, ctx.now())}
        link={link}
        items={items}
        notice={noticeOf(c, v)}
      />,
    );
  });

  app.get("/shares/:id/qr.svg", async (c) => {
    const share = await ownShare(ctx, c);
    c.header("Content-Type", "image/svg+xml");
    c.header("Cache-Control", "private, max-age=300");
    return c.body(await qrSvg(shareLink(ctx, share)));
  });

  app.get("/shares/:id/qr.png", async (c) => {
    const share = await ownShare(ctx, c);
    c.header("Content-Type", "image/png");
    c.header("Cache-Control", "private, max-age=300");
    return c.body(new Uint8Array(await qrPng(shareLink(ctx, share))));
  });

  app.get("/shares/:id/print", async (c) => {
    const v = viewOf(c);
    const share = await ownShare(ctx, c);
    const rows = await shareCredentials(ctx.db, share);
    const items = await itemsOf(ctx, rows, v.locale);
    return c.html(
      <SharePrintPage
        v={v}
        share={share}
        link={shareLink(ctx, share)}
        holderName={c.get("account")!.display_name}
        items={items}
      />,
    );
  });

  app.post("/shares/:id/revoke", async (c) => {
    const share = await ownShare(ctx, c);
    await revokeShare(ctx.db, share.account_id, share.public_id, ctx.now());
    return c.redirect(`/shares/${share.public_id}?m=revoked`, 303);
  });

  // A signed presentation for a verifier that sent a challenge (and maybe a domain).
  app.get("/present", async (c) => {
    const account = c.get("account")!;
    const v = viewOf(c);
    const rows = await listCredentials(ctx.db, account.id);
    const items = rows.map((row) => itemOf(row, storedVerification(row), v.locale));
    return c.html(<PresentPage v={v} items={items} selected={c.req.queries("c") ?? []} />);
  });

  app.post("/present", async (c) => {
    const account = c.get("account")!;
    const form = c.get("form");
    const ids = fields(form, "c", 20);
    const challenge = field(form, "challenge", 500);
    const domain = field(form, "domain", 500);
    // Open Badges 2.0 badges are not signed into presentations (yet): as if not chosen.
    const rows = (await findCredentials(ctx.db, account.id, ids)).filter((r) => !keepOnly(r));
    if (rows.length === 0 || rows.length !== new Set(ids).size || !challenge) {
      const v = viewOf(c);
      const all = await listCredentials(ctx.db, account.id);
      return c.html(
        <PresentPage
          v={v}
          items={all.map((row) => itemOf(row, storedVerification(row), v.locale))}
          selected={ids}
          values={{ challenge, domain }}
          error={!challenge ? "wallet.present.error.challenge" : "wallet.share.error.none"}
        />,
        422,
      );
    }
    let presentation: unknown;
    try {
      presentation = await signPresentation(
        buildPresentation({
          holder: account.holder_did,
          // As held: a JWT credential as its envelope, so its signature travels with it.
          credentials: rows.map((row) => sharedFormOf(row) as Credential),
        }),
        {
          key: holderSigningKey(ctx.keys.sealKey, account),
          challenge,
          ...(domain ? { domain } : {}),
          documentLoader: ctx.documentLoader,
          date: ctx.now(),
        },
      );
    } catch (error) {
      ctx.log.error("could not sign a presentation", {
        reason: String((error as Error)?.message ?? error).slice(0, 200),
      });
      const v = viewOf(c);
      const all = await listCredentials(ctx.db, account.id);
      return c.html(
        <PresentPage
          v={v}
          items={all.map((row) => itemOf(row, storedVerification(row), v.locale))}
          selected={ids}
          values={{ challenge, domain }}
          error="wallet.present.error.sign"
        />,
        422,
      );
    }
    const code =
      rows.length === 1
        ? describeCredential(documentOf(rows[0]!), "es").achievement.code
        : undefined;
    const name = `presentation${code ? `-${code.replace(/[^\w.-]+/g, "_").slice(0, 40)}` : ""}.json`;
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    c.header("Content-Type", "application/ld+json; charset=utf-8");
    c.header("Cache-Control", "no-store");
    return c.body(JSON.stringify(presentation, null, 2));
  });
}

/** A verification-shaped record of the stored verdict, for lists that need no fresh check. */
function storedVerification(row: StoredCredential) {
  return {
    kind: "credential" as const,
    verified: row.verdict !== "invalid",
    verdict: row.verdict as "valid" | "valid-with-warnings" | "invalid",
    checks: [],
    document: documentOf(row),
  };
}
