import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import { walletProblem } from "../http/problems.js";
import {
  claimOpenid4vciOffer,
  OID4VCI_CLIENT_LIMITS,
  Oid4vciClientError,
  type Oid4vciProblem,
  resolveOffer,
} from "../services/openid4vci-client.js";
import { Oid4vciOfferPage, Oid4vciProblemPage, oid4vciProblemKey } from "../views/openid4vci.js";
import { ReceiveResultPage } from "../views/receive.js";
import { viewOf } from "../views/view.js";

/** The status each problem is answered with (all 4xx: the wallet itself did not fail). */
const statusOf: Record<Oid4vciProblem, 400 | 409 | 410 | 422> = {
  "bad-offer": 400,
  "not-allowed": 400,
  unreachable: 409,
  "too-large": 409,
  invalid: 409,
  refused: 409,
  unsupported: 422,
  "pin-required": 422,
  "pin-refused": 422,
  "offer-used": 410,
  "not-verified": 422,
  "not-bound": 422,
};

const wantsHtml = (c: Context<WalletEnv>) => (c.req.header("accept") ?? "").includes("text/html");

/** The problem as a page (people) or as problem+json with a stable code (programs). */
function answerProblem(c: Context<WalletEnv>, error: unknown) {
  if (!(error instanceof Oid4vciClientError)) throw error;
  const status = statusOf[error.problem];
  if (!wantsHtml(c)) throw walletProblem(status, oid4vciProblemKey(error.problem));
  return c.html(<Oid4vciProblemPage v={viewOf(c)} problem={error.problem} />, status);
}

/** The offer link in a request: `?offer=<link>`, or this URL when it carries the offer itself. */
function linkOf(c: Context<WalletEnv>): string | undefined {
  const offer = c.req.query("offer");
  if (offer) return offer;
  const url = new URL(c.req.url);
  const carries =
    url.searchParams.has("credential_offer") || url.searchParams.has("credential_offer_uri");
  return carries ? url.href : undefined;
}

/** OpenID4VCI offers from any issuer: see the offer (and type the PIN), accept it. */
export function openid4vciRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/openid4vci", async (c) => {
    const v = viewOf(c);
    const link = linkOf(c);
    if (!link) return c.redirect("/add", 303);
    try {
      const offer = await resolveOffer(ctx, link, v.locale);
      return c.html(<Oid4vciOfferPage v={v} offer={offer} link={link} />);
    } catch (error) {
      return answerProblem(c, error);
    }
  });

  app.post("/openid4vci", async (c) => {
    const v = viewOf(c);
    const form = c.get("form");
    const link = field(form, "offer", OID4VCI_CLIENT_LIMITS.linkChars + 1);
    const pin = field(form, "pin", 64);
    try {
      const { outcome } = await claimOpenid4vciOffer(ctx, c.get("account")!, link, pin, v.locale);
      if (!wantsHtml(c)) {
        if (outcome.status === "refused") {
          throw walletProblem(422, "wallet.oid4vci.problem.not-verified");
        }
        return c.json(
          { status: outcome.status, credential: { id: outcome.credential.public_id } },
          outcome.status === "added" ? 201 : 200,
        );
      }
      if (outcome.status === "added") {
        return c.redirect(`/credentials/${outcome.credential.public_id}?m=claimed`, 303);
      }
      return c.html(
        <ReceiveResultPage v={v} outcomes={[outcome]} title={v.t("wallet.claim.result")} />,
        outcome.status === "refused" ? 422 : 200,
      );
    } catch (error) {
      const pinProblem =
        error instanceof Oid4vciClientError &&
        (error.problem === "pin-required" || error.problem === "pin-refused");
      if (!pinProblem || !wantsHtml(c)) return answerProblem(c, error);
      // The offer again (read afresh), with the PIN field marked.
      try {
        const offer = await resolveOffer(ctx, link, v.locale);
        return c.html(
          <Oid4vciOfferPage v={v} offer={offer} link={link} problem={error.problem} />,
          422,
        );
      } catch (again) {
        return answerProblem(c, again);
      }
    }
  });
}
