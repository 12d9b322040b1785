import type { Context, Hono } from "hono";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../../context.js";
import type { OrganisationRow } from "../../db/repositories/organisations.js";
import type { IssuerTables } from "../../db/schema.js";
import { type AuditAction, recordAudit } from "../../services/audit.js";
import { actorOf } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { notFound, orgOf, requireStaff, staffOf } from "../guards.js";

/** Records what a staff member did in the console, in the organisation's audit log. */
export async function auditConsoleAction(
  ctx: IssuerContext,
  c: Context<ConsoleEnv>,
  action: AuditAction,
  subject: string,
) {
  await recordAudit(
    ctx.db,
    { organisationId: orgOf(c).id, actor: actorOf(staffOf(c)), action, subject },
    ctx.now(),
  );
}

interface ReviewedRequest {
  public_id: string;
  state: string;
}

/**
 * The clerk's two decisions on a holder's request that waits for review (issue 15: a standard's
 * certificate, school credits): approve (issue) or refuse, by an operator, audited, then back to
 * the list at `path` with a notice (`approved`, `refused`, or `decided` when someone was first).
 */
export function requestDecisionRoutes<Row extends ReviewedRequest>(
  app: Hono<ConsoleEnv>,
  ctx: IssuerContext,
  requests: {
    path: string;
    audit: { approve: AuditAction; refuse: AuditAction };
    find(
      db: Kysely<IssuerTables>,
      organisationId: number,
      publicId: string,
    ): Promise<Row | undefined>;
    approve(ctx: IssuerContext, org: OrganisationRow, row: Row, by: string): Promise<Row>;
    refuse(ctx: IssuerContext, row: Row, by: string): Promise<boolean>;
  },
) {
  const operator = requireStaff("operator");
  const back = (c: Context<ConsoleEnv>, m: string) =>
    c.redirect(`/console${requests.path}?m=${m}`, 303);
  async function requestOf(c: Context<ConsoleEnv>) {
    const row = await requests.find(ctx.db, orgOf(c).id, c.req.param("id") ?? "");
    if (!row) throw notFound(c);
    return row;
  }

  app.post(`${requests.path}/:id/approve`, operator, async (c) => {
    const row = await requestOf(c);
    if (row.state !== "pending") return back(c, "decided");
    const decided = await requests.approve(ctx, orgOf(c), row, actorOf(staffOf(c)).id);
    if (decided.state !== "issued") return back(c, "decided");
    await auditConsoleAction(ctx, c, requests.audit.approve, row.public_id);
    return back(c, "approved");
  });

  app.post(`${requests.path}/:id/refuse`, operator, async (c) => {
    const row = await requestOf(c);
    const done = await requests.refuse(ctx, row, actorOf(staffOf(c)).id);
    if (!done) return back(c, "decided");
    await auditConsoleAction(ctx, c, requests.audit.refuse, row.public_id);
    return back(c, "refused");
  });
}
