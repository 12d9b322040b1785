import type { MessageKey } from "@avala/i18n";
import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import type { WalletEnv } from "../http/env.js";
import { walletProblem } from "../http/problems.js";
import {
  type AnswerResult,
  answerRequest,
  consentModel,
  declineRequest,
  MAX_REQUEST_CHARS,
  openPresentationRequest,
} from "../services/openid4vp-wallet.js";
import { AnsweredPage, ConsentPage, RequestRefusedPage } from "../views/presentation-request.js";
import { viewOf } from "../views/view.js";

const problemKeys: Record<Exclude<AnswerResult, { ok: true }>["problem"], MessageKey> = {
  "not-found": "wallet.openid4vp.refusal.malformed",
  answered: "wallet.openid4vp.refusal.answered",
  choose: "wallet.openid4vp.error.choose",
  unreachable: "wallet.openid4vp.error.unreachable",
  refused: "wallet.openid4vp.error.refused",
  sign: "wallet.openid4vp.error.sign",
};

/**
 * OpenID4VP requests (see `services/openid4vp-wallet.ts`). `/openid4vp?<the request's query>`
 * is where an `openid4vp://?…` link pasted, scanned or opened on /add lands, and the https
 * link a verifier gives for this web wallet: it reads and keeps the request, then shows it.
 */
export function presentationRequestRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  app.get("/openid4vp", async (c) => {
    const v = viewOf(c);
    const search = new URL(c.req.url).search.slice(1);
    if (search.length > MAX_REQUEST_CHARS) {
      return c.html(<RequestRefusedPage v={v} refusal="too-large" />, 413);
    }
    const opened = await openPresentationRequest(
      ctx,
      c.get("account")!,
      new URLSearchParams(search),
    );
    if (!opened.ok) {
      return c.html(
        <RequestRefusedPage v={v} refusal={opened.refusal} />,
        opened.refusal === "answered" ? 409 : 400,
      );
    }
    return c.redirect(`/openid4vp/requests/${opened.value}`, 303);
  });

  const model = async (c: Context<WalletEnv>) => {
    const found = await consentModel(ctx, c.get("account")!, c.req.param("id") ?? "");
    if (!found) throw walletProblem(404, "wallet.problem.not-found");
    return found;
  };

  app.get("/openid4vp/requests/:id", async (c) => {
    const v = viewOf(c);
    const found = await model(c);
    if (found.row.status !== "pending") {
      return c.html(<RequestRefusedPage v={v} refusal="answered" />, 409);
    }
    return c.html(<ConsentPage v={v} model={found} />);
  });

  app.post("/openid4vp/requests/:id/answer", async (c) => {
    const v = viewOf(c);
    const account = c.get("account")!;
    const found = await model(c);
    const picks = new Map<string, string[]>();
    for (const { query } of found.queries) {
      const values = c
        .get("form")
        .getAll(`q.${query.id}`)
        .filter((value): value is string => typeof value === "string")
        .slice(0, 20);
      if (values.length > 0) picks.set(query.id, values);
    }
    const result = await answerRequest(ctx, account, found.row.public_id, picks);
    if (result.ok) {
      return c.html(<AnsweredPage v={v} kind="sent" site={found.site} result={result} />);
    }
    if (result.problem === "answered") {
      return c.html(<RequestRefusedPage v={v} refusal="answered" />, 409);
    }
    if (result.problem === "refused") {
      // The verifier refused the answer: the request is used up (nothing is sent again).
      return c.html(
        <RequestRefusedPage
          v={v}
          refusal="answered"
          message={problemKeys.refused}
          site={found.site}
        />,
        409,
      );
    }
    const again = await model(c);
    const status = result.problem === "unreachable" ? 502 : 422;
    return c.html(<ConsentPage v={v} model={again} error={problemKeys[result.problem]} />, status);
  });

  app.post("/openid4vp/requests/:id/decline", async (c) => {
    const v = viewOf(c);
    const found = await model(c);
    const result = await declineRequest(ctx, c.get("account")!, found.row.public_id);
    if (!result.ok) return c.html(<RequestRefusedPage v={v} refusal="answered" />, 409);
    return c.html(<AnsweredPage v={v} kind="declined" site={found.site} result={result} />);
  });
}
