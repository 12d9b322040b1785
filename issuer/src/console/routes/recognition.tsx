import type { Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { findOrganisationByDid } from "../../db/repositories/organisations.js";
import {
  findRecognitionRequest,
  listRecognitionRequests,
  type RecognitionRequestRow,
} from "../../db/repositories/recognition.js";
import {
  approveRecognitionRequest,
  programmesOf,
  publishRecognitionTable,
  recognitionModeOf,
  recognitionOf,
  recognitionTableOf,
  refuseRecognitionRequest,
} from "../../services/recognition.js";
import type { ConsoleEnv } from "../env.js";
import { orgOf, requireStaff } from "../guards.js";
import { viewOf } from "../view.js";
import { RecognitionConsolePage, type ShownRecognitionRequest } from "../views/recognition.js";
import { auditConsoleAction, requestDecisionRoutes } from "./request-decisions.js";

function shown(row: RecognitionRequestRow): ShownRecognitionRequest {
  return {
    id: row.public_id,
    state: row.state,
    recognition: recognitionOf(row),
    createdAt: row.created_at,
  };
}

const notices = {
  approved: { kind: "ok", key: "console.recognition.approved" },
  refused: { kind: "ok", key: "console.recognition.refused" },
  decided: { kind: "warn", key: "console.recognition.decided" },
  saved: { kind: "ok", key: "console.standard-requests.mode.saved" },
} as const;

/** The school's clerk decides credit requests (issue 15, part 2); the table is shown read only. */
export function recognitionConsoleRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const viewer = requireStaff("viewer");
  const admin = requireStaff("admin");

  app.get("/recognition", viewer, async (c) => {
    const org = orgOf(c);
    const rows = await listRecognitionRequests(ctx.db, org.id);
    const v = viewOf(c);
    const m = c.req.query("m");
    const notice = m && m in notices ? notices[m as keyof typeof notices] : undefined;
    const programmes = programmesOf(await recognitionTableOf(ctx, org));
    return c.html(
      <RecognitionConsolePage
        v={v}
        pending={rows.filter((r) => r.state === "pending").map(shown)}
        decided={rows
          .filter((r) => r.state !== "pending")
          .slice(0, 20)
          .map(shown)}
        programmes={programmes}
        issuerNames={await issuerNamesOf(programmes)}
        mode={await recognitionModeOf(ctx, org)}
        notice={notice ? { kind: notice.kind, text: v.t(notice.key) } : undefined}
      />,
    );
  });

  /** The names of the issuers the table names that are organisations of this issuer. */
  async function issuerNamesOf(programmes: ReturnType<typeof programmesOf>) {
    const names = new Map<string, string>();
    for (const counts of programmes.flatMap((p) => p.modules.flatMap((m) => m.counts))) {
      if (!("issuer" in counts) || names.has(counts.issuer) || names.size >= 50) continue;
      const org = await findOrganisationByDid(ctx.db, counts.issuer);
      if (org) names.set(counts.issuer, org.name_es);
    }
    return names;
  }

  requestDecisionRoutes(app, ctx, {
    path: "/recognition",
    audit: { approve: "recognition-request.approve", refuse: "recognition-request.refuse" },
    find: findRecognitionRequest,
    approve: approveRecognitionRequest,
    refuse: refuseRecognitionRequest,
  });

  app.post("/recognition/mode", admin, async (c) => {
    const mode = c.get("form").get("mode");
    const org = orgOf(c);
    const entries = await recognitionTableOf(ctx, org);
    if ((mode === "automatic" || mode === "review") && entries.length > 0) {
      await publishRecognitionTable(ctx, org, entries, mode);
      await auditConsoleAction(ctx, c, "recognition-request.mode", mode);
    }
    return c.redirect("/console/recognition?m=saved", 303);
  });
}
