import type { Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import {
  findStandardRequest,
  listStandardRequests,
  type StandardRequestRow,
  saveStandardMode,
} from "../../db/repositories/standard-requests.js";
import {
  approveStandardRequest,
  evidenceOf,
  refuseStandardRequest,
  standardModeOf,
} from "../../services/standard-requests.js";
import type { ConsoleEnv } from "../env.js";
import { orgOf, requireStaff } from "../guards.js";
import { viewOf } from "../view.js";
import { type ShownStandardRequest, StandardRequestsPage } from "../views/standard-requests.js";
import { auditConsoleAction, requestDecisionRoutes } from "./request-decisions.js";

function shown(row: StandardRequestRow): ShownStandardRequest {
  return {
    id: row.public_id,
    standardCode: row.standard_code,
    state: row.state,
    units: evidenceOf(row),
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

const notices = {
  approved: { kind: "ok", key: "console.standard-requests.approved" },
  refused: { kind: "ok", key: "console.standard-requests.refused" },
  decided: { kind: "warn", key: "console.standard-requests.decided" },
  saved: { kind: "ok", key: "console.standard-requests.mode.saved" },
} as const;

/** The clerk's list of standard requests (issue 15): approve or refuse; admins set the mode. */
export function standardRequestConsoleRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const viewer = requireStaff("viewer");
  const admin = requireStaff("admin");

  app.get("/standard-requests", viewer, async (c) => {
    const org = orgOf(c);
    const rows = await listStandardRequests(ctx.db, org.id);
    const v = viewOf(c);
    const m = c.req.query("m");
    const notice = m && m in notices ? notices[m as keyof typeof notices] : undefined;
    return c.html(
      <StandardRequestsPage
        v={v}
        pending={rows.filter((r) => r.state === "pending").map(shown)}
        decided={rows
          .filter((r) => r.state !== "pending")
          .slice(0, 20)
          .map(shown)}
        mode={await standardModeOf(ctx, org)}
        notice={notice ? { kind: notice.kind, text: v.t(notice.key) } : undefined}
      />,
    );
  });

  requestDecisionRoutes(app, ctx, {
    path: "/standard-requests",
    audit: { approve: "standard-request.approve", refuse: "standard-request.refuse" },
    find: findStandardRequest,
    approve: approveStandardRequest,
    refuse: refuseStandardRequest,
  });

  app.post("/standard-requests/mode", admin, async (c) => {
    const mode = c.get("form").get("mode");
    if (mode === "automatic" || mode === "review") {
      await saveStandardMode(ctx.db, orgOf(c).id, mode, ctx.now().toISOString());
      await auditConsoleAction(ctx, c, "standard-request.mode", mode);
    }
    return c.redirect("/console/standard-requests?m=saved", 303);
  });
}
