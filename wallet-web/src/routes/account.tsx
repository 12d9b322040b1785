import type { Hono } from "hono";
import type { WalletContext } from "../context.js";
import { listCredentials, listShares } from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { AccountPage } from "../views/account.js";
import { viewOf } from "../views/view.js";

/** The account page: who is signed in, the wallet's public DID, language, sign-out. */
export function accountRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/account", async (c) => {
    const account = c.get("account")!;
    const [credentials, shares] = await Promise.all([
      listCredentials(ctx.db, account.id),
      listShares(ctx.db, account.id),
    ]);
    return c.html(
      <AccountPage
        v={viewOf(c)}
        counts={{ credentials: credentials.length, shares: shares.length }}
      />,
    );
  });
}
