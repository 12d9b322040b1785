import { describeCredential } from "@avala/verifier";
import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { WalletContext } from "../context.js";
import { findCredential, type StoredCredential } from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import { walletProblem } from "../http/problems.js";
import { documentOf } from "../services/holding.js";
import {
  finishPush,
  PUSH_CALLBACK,
  PUSH_COOKIE,
  PUSH_TTL_MS,
  PushError,
  startPush,
} from "../services/ob3-push.js";
import { ConsentErrorPage, SendGoPage, SendPage } from "../views/ob3-api.js";
import { viewOf } from "../views/view.js";

/**
 * "Send to another Open Badges host" (services/ob3-push.ts): the address form, the hand-over
 * to the other host, and the callback that sends the credential once the learner approved.
 */
export function ob3SendRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  const secure = ctx.config.publicUrl.startsWith("https:");
  const cookieOptions = { httpOnly: true, secure, sameSite: "Lax" as const, path: PUSH_CALLBACK };

  const held = async (c: Context<WalletEnv>): Promise<StoredCredential> => {
    const row = await findCredential(ctx.db, c.get("account")!.id, c.req.param("id") ?? "");
    if (!row) throw walletProblem(404, "wallet.problem.not-found");
    return row;
  };
  const nameOf = (row: StoredCredential, c: Context<WalletEnv>) =>
    describeCredential(documentOf(row), c.get("locale")).achievement.name;

  app.get("/credentials/:id/send-ob3", async (c) => {
    const row = await held(c);
    return c.html(
      <SendPage
        v={viewOf(c)}
        id={row.public_id}
        name={nameOf(row, c)}
        sent={c.req.query("m") === "sent"}
      />,
    );
  });

  app.post("/credentials/:id/send-ob3", async (c) => {
    const row = await held(c);
    const host = field(c.get("form"), "host", 2048);
    try {
      const started = await startPush(ctx, c.get("account")!, row, host);
      setCookie(c, PUSH_COOKIE, started.cookie, { ...cookieOptions, maxAge: PUSH_TTL_MS / 1000 });
      return c.html(<SendGoPage v={viewOf(c)} site={started.site} href={started.authorizeUrl} />);
    } catch (error) {
      if (!(error instanceof PushError)) throw error;
      return c.html(
        <SendPage
          v={viewOf(c)}
          id={row.public_id}
          name={nameOf(row, c)}
          value={host}
          error={error.key}
        />,
        422,
      );
    }
  });

  app.get(PUSH_CALLBACK, async (c) => {
    const account = c.get("account")!;
    const cookie = getCookie(c, PUSH_COOKIE);
    deleteCookie(c, PUSH_COOKIE, cookieOptions);
    try {
      const id = await finishPush(
        ctx,
        account,
        cookie,
        {
          state: c.req.query("state"),
          code: c.req.query("code"),
          error: c.req.query("error"),
          iss: c.req.query("iss"),
        },
        (publicId) => findCredential(ctx.db, account.id, publicId),
      );
      return c.redirect(`/credentials/${id}/send-ob3?m=sent`, 303);
    } catch (error) {
      if (!(error instanceof PushError)) throw error;
      return c.html(<ConsentErrorPage v={viewOf(c)} message={error.key} />, 422);
    }
  });
}
