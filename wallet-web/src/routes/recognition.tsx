import type { Context, Hono } from "hono";
import type { WalletContext } from "../context.js";
import type { WalletEnv } from "../http/env.js";
import { field } from "../http/form.js";
import {
  checkCredit,
  heldForCredit,
  progressOf,
  type RecognitionResult,
  requestCredit,
  schoolsFor,
} from "../services/recognition.js";
import {
  RecognitionPage,
  RecognitionPendingPage,
  RecognitionProblemPage,
} from "../views/recognition.js";
import { viewOf } from "../views/view.js";
import { claimed } from "./standard-request.js";

/** "Get school credit": see services/recognition.ts. */
export function recognitionRoutes(app: Hono<WalletEnv>, ctx: WalletContext) {
  async function prepared(c: Context<WalletEnv>) {
    const held = await heldForCredit(ctx, c.get("account")!);
    const schools = await schoolsFor(ctx, held);
    return schools.map((school) => ({
      school,
      programmes: school.programmes.map((p) => progressOf(p, held)),
    }));
  }

  app.get("/recognition", async (c) =>
    c.html(<RecognitionPage v={viewOf(c)} schools={await prepared(c)} />),
  );

  app.post("/recognition", async (c) => {
    const form = c.get("form");
    const chosen = field(form, "school", 2048);
    const programmeId = field(form, "programme", 100);
    const found = (await prepared(c)).find((s) => s.school.requestUrl === chosen);
    const progress = found?.programmes.find((p) => p.programme.id === programmeId);
    const v = viewOf(c);
    if (!found || !progress) return c.html(<RecognitionProblemPage v={v} problem="invalid" />, 422);
    return answer(c, await requestCredit(ctx, c.get("account")!, found.school, progress));
  });

  app.post("/recognition/status", async (c) => {
    const statusUrl = field(c.get("form"), "status", 2048);
    const schools = (await prepared(c)).map((s) => s.school);
    return answer(c, await checkCredit(ctx, c.get("account")!, statusUrl, schools));
  });

  /** The page for a request's outcome: the claimed credential, a wait, or the school's refusal. */
  function answer(c: Context<WalletEnv>, result: RecognitionResult) {
    const v = viewOf(c);
    if (result.ok && result.state === "issued") return claimed(c, result.claim);
    if (result.ok && result.state === "pending") {
      return c.html(<RecognitionPendingPage v={v} statusUrl={result.statusUrl} />, 202);
    }
    if (result.ok) return c.html(<RecognitionProblemPage v={v} problem="refused" />, 409);
    return c.html(
      <RecognitionProblemPage v={v} problem={result.problem} detail={result.detail} />,
      result.problem === "refused" ? 422 : 502,
    );
  }
}
