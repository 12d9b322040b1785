import { Hono } from "hono";
import { z } from "zod/v4";
import type { IssuerContext } from "../context.js";
import { countOutboxByState, listOutbox } from "../db/repositories/outbox.js";
import { orgAccess } from "../http/auth.js";
import { intParam } from "../http/body.js";
import type { IssuerEnv } from "../http/env.js";
import { fail } from "../http/problems.js";
import { valid } from "../http/validation.js";
import { outboxView, resendClaimMail } from "../services/mail-outbox.js";

export const outboxQuerySchema = z
  .object({
    state: z
      .enum(["queued", "sending", "sent", "failed", "cancelled"])
      .optional()
      .describe("Only messages in this state"),
    kind: z.enum(["claim-offer", "staff-invite"]).optional().describe("Only this kind"),
    before: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional()
      .describe("Paging cursor from `next`"),
    limit: z
      .string()
      .regex(/^\d{1,4}$/)
      .optional()
      .describe("1-200, default 50"),
  })
  .strict();

/** An organisation's e-mail: the outbox (admins) and sending a claim e-mail again (operators). */
export function outboxRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();
  const admin = orgAccess(ctx, "admin");
  const operator = orgAccess(ctx, "operator");

  app.get("/outbox", admin, valid("query", outboxQuerySchema), async (c) => {
    const org = c.get("organisation");
    const query = c.req.valid("query");
    const limit = intParam(query.limit, 50, 200);
    const rows = await listOutbox(ctx.db, org.id, {
      state: query.state,
      kind: query.kind,
      before: query.before === undefined ? undefined : Number(query.before),
      limit,
    });
    const last = rows.at(-1);
    return c.json({
      transport: { configured: ctx.mail.sender !== undefined },
      counts: await countOutboxByState(ctx.db, org.id),
      messages: rows.map((row) => outboxView(ctx, row)),
      next: rows.length === limit && last ? String(last.id) : null,
    });
  });

  app.post("/credentials/:id/resend-claim", operator, async (c) => {
    const org = c.get("organisation");
    const id = c.req.param("id");
    const outcome = await resendClaimMail(ctx, org, id);
    if (!outcome.ok) throw fail(c, outcome.status, outcome.code, { id: id.slice(0, 64) });
    return c.json(
      {
        message: outboxView(ctx, outcome.message),
        offer: { expiresAt: outcome.offer.expires_at, new: outcome.newOffer },
      },
      202,
    );
  });

  return app;
}
