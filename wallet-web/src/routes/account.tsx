import { clientAddress } from "@avala/http-middleware";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import { listCredentials, listShares } from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";
import { endSession } from "../http/session.js";
import { deleteAccount } from "../services/accounts.js";
import { exportCredentials } from "../services/export.js";
import { AccountPage } from "../views/account.js";
import { viewOf } from "../views/view.js";

/**
 * The account page: who is signed in, the wallet's public DID, language, sign-out; every
 * credential in one file; deleting the account.
 */
export function accountRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  const page = async (
    c: Context<WalletEnv>,
    deleteError?: Parameters<typeof AccountPage>[0]["deleteError"],
    status: 200 | 401 | 429 = 200,
  ) => {
    const account = c.get("account")!;
    const [credentials, shares] = await Promise.all([
      listCredentials(ctx.db, account.id),
      listShares(ctx.db, account.id),
    ]);
    return c.html(
      <AccountPage
        v={viewOf(c)}
        counts={{ credentials: credentials.length, shares: shares.length }}
        deleteError={deleteError}
      />,
      status,
    );
  };

  app.get("/account", (c) => page(c));

  // Every credential exactly as held, in one JSON file (see services/export.ts).
  app.get("/account/export", async (c) => {
    const file = await exportCredentials(ctx, c.get("account")!);
    return c.body(file.body, 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
    });
  });

  // The password again (and the form's CSRF token), then everything goes, in one transaction.
  app.post("/account/delete", async (c) => {
    const account = c.get("account")!;
    const result = await deleteAccount(ctx, account, {
      password: String(c.get("form").get("password") ?? ""),
      address: clientAddress(c, ctx.config.trustedProxyHeader),
    });
    if (!result.ok) {
      if (result.reason === "locked") {
        c.header("Retry-After", String(result.retryAfter));
        const minutes = Math.max(1, Math.ceil(result.retryAfter / 60));
        return page(c, { key: "wallet.signin.error.locked", minutes }, 429);
      }
      return page(c, { key: "wallet.account.delete.error.invalid" }, 401);
    }
    await endSession(ctx, c);
    return c.redirect("/?m=account-deleted", 303);
  });
}
