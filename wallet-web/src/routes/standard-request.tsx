import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import type { ClaimResult } from "../services/claims.js";
import {
  certifiersFor,
  checkStandardRequest,
  heldUnitsOf,
  requestStandardCertificate,
  type StandardRequestResult,
} from "../services/standard-request.js";
import { ClaimProblemPage, ReceiveResultPage } from "../views/receive.js";
import { StandardRequestPage, StandardRequestResultPage } from "../views/standard-request.js";
import { viewOf } from "../views/view.js";

/** "Request the standard's certificate": see services/standard-request.ts. */
export function standardRequestRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  const codeOf = (c: Context<WalletEnv>) => (c.req.param("code") ?? "").slice(0, 100);

  async function prepared(c: Context<WalletEnv>) {
    const code = codeOf(c);
    // Units of the version this one replaced go along (the body applies its equivalences).
    const from = c.req.query("from")?.slice(0, 100);
    const units = await heldUnitsOf(ctx, c.get("account")!, from ? [code, from] : [code]);
    return { code, from, units, certifiers: await certifiersFor(ctx, code, units) };
  }

  app.get("/standards/:code/request", async (c) => {
    const { code, from, units, certifiers } = await prepared(c);
    return c.html(
      <StandardRequestPage
        v={viewOf(c)}
        code={code}
        from={from}
        units={units}
        certifiers={certifiers}
      />,
    );
  });

  /** The page for a request's outcome: the claimed certificate, a wait, or the body's refusal. */
  function answer(
    c: Context<WalletEnv>,
    code: string,
    result: StandardRequestResult | { ok: true; state: "refused" },
  ) {
    const v = viewOf(c);
    if (result.ok && result.state === "issued") return claimed(c, result.claim);
    if (result.ok && result.state === "pending") {
      return c.html(
        <StandardRequestResultPage
          v={v}
          code={code}
          state="pending"
          statusUrl={result.statusUrl}
        />,
        202,
      );
    }
    if (result.ok) {
      return c.html(<StandardRequestResultPage v={v} code={code} state="refused" />, 409);
    }
    return c.html(
      <StandardRequestResultPage v={v} code={code} state={result.problem} detail={result.detail} />,
      result.problem === "refused" ? 422 : 502,
    );
  }

  app.post("/standards/:code/request", async (c) => {
    const { code, units, certifiers } = await prepared(c);
    const chosen = field(c.get("form"), "certifier", 2048);
    const certifier = certifiers.find((x) => x.requestUrl === chosen);
    if (!certifier || units.length === 0) {
      return answer(c, code, { ok: false, problem: "invalid" });
    }
    return answer(
      c,
      code,
      await requestStandardCertificate(ctx, c.get("account")!, code, certifier, units),
    );
  });

  app.post("/standards/:code/request/status", async (c) => {
    const { code, certifiers } = await prepared(c);
    const statusUrl = field(c.get("form"), "status", 2048);
    return answer(
      c,
      code,
      await checkStandardRequest(ctx, c.get("account")!, statusUrl, certifiers),
    );
  });
}

/** The page after a claim: the new credential, or what went wrong. */
export function claimed(c: Context<WalletEnv>, claim: ClaimResult) {
  const v = viewOf(c);
  if (!claim.ok) {
    const problem = claim.problem === "confirm-recipient" ? "refused" : claim.problem;
    return c.html(
      <ClaimProblemPage
        v={v}
        problem={problem}
        detail={"detail" in claim ? claim.detail : undefined}
      />,
      409,
    );
  }
  if (claim.outcome.status === "added") {
    return c.redirect(`/credentials/${claim.outcome.credential.public_id}?m=claimed`, 303);
  }
  return c.html(
    <ReceiveResultPage v={v} outcomes={[claim.outcome]} title={v.t("wallet.claim.result")} />,
  );
}
