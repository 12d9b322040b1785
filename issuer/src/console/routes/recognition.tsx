import type { Context, Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { findOrganisationByDid } from "../../db/repositories/organisations.js";
import {
  findRecognitionRequest,
  listRecognitionRequests,
  type RecognitionRequestRow,
} from "../../db/repositories/recognition.js";
import { type AuditAction, recordAudit } from "../../services/audit.js";
import {
  approveRecognitionRequest,
  programmesOf,
  publishRecognitionTable,
  recognitionModeOf,
  recognitionOf,
  recognitionTableOf,
  refuseRecognitionRequest,
} from "../../services/recognition.js";
import { actorOf } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { notFound, orgOf, requireStaff, staffOf } from "../guards.js";
import { viewOf } from "../view.js";
import { RecognitionConsolePage, type ShownRecognitionRequest } from "../views/recognition.js";

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
  const operator = requireStaff("operator");
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

  async function audit(c: Context<ConsoleEnv>, action: AuditAction, subject: string) {
    await recordAudit(
      ctx.db,
      { organisationId: orgOf(c).id, actor: actorOf(staffOf(c)), action, subject },
      ctx.now(),
    );
  }

  async function requestOf(c: Context<ConsoleEnv>) {
    const row = await findRecognitionRequest(ctx.db, orgOf(c).id, c.req.param("id") ?? "");
    if (!row) throw notFound(c);
    return row;
  }

  app.post("/recognition/:id/approve", operator, async (c) => {
    const row = await requestOf(c);
    if (row.state !== "pending") return c.redirect("/console/recognition?m=decided", 303);
    const decided = await approveRecognitionRequest(ctx, orgOf(c), row, actorOf(staffOf(c)).id);
    const m = decided.state === "issued" ? "approved" : "decided";
    if (decided.state === "issued") await audit(c, "recognition-request.approve", row.public_id);
    return c.redirect(`/console/recognition?m=${m}`, 303);
  });

  app.post("/recognition/:id/refuse", operator, async (c) => {
    const row = await requestOf(c);
    const done = await refuseRecognitionRequest(ctx, row, actorOf(staffOf(c)).id);
    if (done) await audit(c, "recognition-request.refuse", row.public_id);
    return c.redirect(`/console/recognition?m=${done ? "refused" : "decided"}`, 303);
  });

  app.post("/recognition/mode", admin, async (c) => {
    const mode = c.get("form").get("mode");
    const org = orgOf(c);
    const entries = await recognitionTableOf(ctx, org);
    if ((mode === "automatic" || mode === "review") && entries.length > 0) {
      await publishRecognitionTable(ctx, org, entries, mode);
      await audit(c, "recognition-request.mode", mode);
    }
    return c.redirect("/console/recognition?m=saved", 303);
  });
}
