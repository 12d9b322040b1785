import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@avala/db";
import type { Context, Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { generateApiToken, hashToken } from "../../crypto/tokens.js";
import {
  accreditationRightsOf,
  endorsementsGiven,
  endorsementsReceived,
} from "../../db/repositories/endorsements.js";
import {
  findOrganisationById,
  listOrganisations,
  updateOrganisation,
} from "../../db/repositories/organisations.js";
import { latestInvitations, listStaff } from "../../db/repositories/staff.js";
import { findToken, insertToken, listTokens, revokeToken } from "../../db/repositories/tokens.js";
import type { StaffRole } from "../../db/schema.js";
import { staffRoles } from "../../db/schema.js";
import { createTokenSchema, endorsementSchema } from "../../http/schemas.js";
import { auditPage, recordAudit } from "../../services/audit.js";
import { endorseOrganisation, withdrawEndorsementOf } from "../../services/endorsements.js";
import { actorOf, changeStaff, inviteStaff } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { type FormErrors, formErrorsOf, localizedField, optionalText } from "../form-errors.js";
import { notFound, orgOf, requireStaff, staffOf } from "../guards.js";
import { sendInvitationMail } from "../mail.js";
import { field, viewOf } from "../view.js";
import {
  AccreditationPage,
  AuditPage,
  type EndorsementLine,
  KeysPage,
  SettingsPage,
  StaffPage,
  TokensPage,
} from "../views/admin.js";

/** The organisation's administration (admins only): people, API tokens, keys, accreditation, audit. */
export function adminRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const admin = requireStaff("admin");

  app.get("/admin", admin, (c) => c.redirect("/console/admin/staff", 303));

  async function staffPage(
    c: Context<ConsoleEnv>,
    extra: Parameters<typeof StaffPage>[0] extends infer P ? Partial<P> : never = {},
    status: 200 | 201 | 409 | 422 = 200,
  ) {
    const org = orgOf(c);
    const staff = await listStaff(ctx.db, org.id);
    return c.html(
      <StaffPage
        v={viewOf(c)}
        staff={staff}
        invitations={
          await latestInvitations(
            ctx.db,
            staff.map((s) => s.id),
          )
        }
        {...extra}
      />,
      status,
    );
  }

  app.get("/admin/staff", admin, (c) => staffPage(c));

  app.post("/admin/staff", admin, async (c) => {
    const org = orgOf(c);
    const me = staffOf(c);
    const form = c.get("form");
    const values = {
      name: field(form, "name", 300),
      email: field(form, "email", 300),
      role: field(form, "role", 20),
    };
    const role = (staffRoles as readonly string[]).includes(values.role)
      ? (values.role as StaffRole)
      : "viewer";
    const invited = await inviteStaff(
      ctx,
      org,
      { email: values.email, name: values.name, role },
      actorOf(me),
    );
    if (!invited.ok) return staffPage(c, { values, errors: invited.errors as FormErrors }, 422);
    const mail = await sendInvitationMail(ctx, {
      organisation: org,
      invitationId: invited.invitationId,
      locale: c.get("locale"),
      email: invited.staff.email,
      name: invited.staff.name,
      role,
      invitedBy: me.name,
      url: invited.url,
      expiresAt: invited.expiresAt,
    });
    return staffPage(c, { invited: { url: invited.url, email: invited.staff.email, mail } }, 201);
  });

  async function changeAndShow(
    c: Context<ConsoleEnv>,
    change: { role: StaffRole } | { disabled: boolean },
  ) {
    const outcome = await changeStaff(ctx, orgOf(c), staffOf(c), c.req.param("id") ?? "", change);
    if (!outcome.ok && outcome.code === "console.staff.not-found") throw notFound(c);
    const v = viewOf(c);
    return staffPage(
      c,
      {
        notice: outcome.ok
          ? { kind: "ok", text: v.t("console.staff.changed", { name: outcome.staff.name }) }
          : { kind: "error", text: v.t(outcome.code) },
      },
      outcome.ok ? 200 : 409,
    );
  }

  app.post("/admin/staff/:id/role", admin, (c) => {
    const role = field(c.get("form"), "role", 20);
    if (!(staffRoles as readonly string[]).includes(role)) throw notFound(c);
    return changeAndShow(c, { role: role as StaffRole });
  });
  app.post("/admin/staff/:id/disable", admin, (c) => changeAndShow(c, { disabled: true }));
  app.post("/admin/staff/:id/enable", admin, (c) => changeAndShow(c, { disabled: false }));

  // API tokens, for machines: the same storage and rules as POST/DELETE /orgs/:slug/tokens.
  app.get("/admin/tokens", admin, async (c) =>
    c.html(<TokensPage v={viewOf(c)} tokens={await listTokens(ctx.db, orgOf(c).id)} />),
  );

  app.post("/admin/tokens", admin, async (c) => {
    const org = orgOf(c);
    const form = c.get("form");
    const parsed = createTokenSchema.safeParse({
      role: field(form, "role", 20),
      label: field(form, "label", 200),
    });
    if (!parsed.success) {
      return c.html(
        <TokensPage
          v={viewOf(c)}
          tokens={await listTokens(ctx.db, org.id)}
          errors={formErrorsOf(parsed.error.issues)}
        />,
        422,
      );
    }
    const token = generateApiToken();
    const row = await insertToken(ctx.db, {
      token_id: randomUUID(),
      organisation_id: org.id,
      token_hash: hashToken(token),
      role: parsed.data.role,
      label: parsed.data.label,
      created_at: ctx.now().toISOString(),
      revoked_at: null,
    });
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "token.create",
        subject: row.token_id,
        details: { label: row.label, role: row.role },
      },
      ctx.now(),
    );
    return c.html(
      <TokensPage
        v={viewOf(c)}
        tokens={await listTokens(ctx.db, org.id)}
        created={{ token, label: row.label }}
      />,
      201,
    );
  });

  app.post("/admin/tokens/:id/revoke", admin, async (c) => {
    const org = orgOf(c);
    const id = c.req.param("id");
    if (!(await findToken(ctx.db, org.id, id))) throw notFound(c);
    await revokeToken(ctx.db, org.id, id, ctx.now().toISOString());
    await recordAudit(
      ctx.db,
      { organisationId: org.id, actor: actorOf(staffOf(c)), action: "token.revoke", subject: id },
      ctx.now(),
    );
    return c.redirect("/console/admin/tokens", 303);
  });

  // Signing keys: the same rotation as POST /orgs/:slug/keys/rotate.
  async function keysPage(
    c: Context<ConsoleEnv>,
    notice?: Parameters<typeof KeysPage>[0]["notice"],
  ) {
    const org = orgOf(c);
    return c.html(
      <KeysPage
        v={viewOf(c)}
        did={org.did}
        didMethod={org.did_method}
        keys={await ctx.keys.list(ctx.db, org.id)}
        notice={notice}
      />,
    );
  }
  app.get("/admin/keys", admin, (c) => keysPage(c));
  app.post("/admin/keys/rotate", admin, async (c) => {
    const org = orgOf(c);
    if (org.did_method !== "web") throw notFound(c);
    if (field(c.get("form"), "confirm", 5) !== "yes") return c.redirect("/console/admin/keys", 303);
    try {
      await ctx.db.transaction().execute((trx) => ctx.keys.generateNext(trx, org));
    } catch (error) {
      // A concurrent rotation took the same key number: theirs stands.
      if (!isUniqueViolation(error)) throw error;
    }
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "key.rotate",
        subject: org.did,
      },
      ctx.now(),
    );
    return keysPage(c, { kind: "ok", text: viewOf(c).t("console.keys.rotated") });
  });

  // Accreditation: who endorses us; whom we endorse (when entitled), and withdrawing.
  async function accreditationPage(
    c: Context<ConsoleEnv>,
    extra: {
      values?: Record<string, string>;
      error?: Parameters<typeof AccreditationPage>[0]["error"];
      notice?: Parameters<typeof AccreditationPage>[0]["notice"];
    } = {},
    status: 200 | 201 | 403 | 422 = 200,
  ) {
    const org = orgOf(c);
    const now = ctx.now().toISOString();
    const withOther = async (
      rows: Awaited<ReturnType<typeof endorsementsGiven>>,
      key: "endorser_id" | "subject_id",
    ) => {
      const lines: EndorsementLine[] = [];
      for (const row of rows)
        lines.push({ row, other: await findOrganisationById(ctx.db, row[key]) });
      return lines;
    };
    const rights = org.authority === 1 ? [] : await accreditationRightsOf(ctx.db, org.id, now);
    return c.html(
      <AccreditationPage
        v={viewOf(c)}
        received={await withOther(await endorsementsReceived(ctx.db, org.id, now), "endorser_id")}
        given={await withOther(await endorsementsGiven(ctx.db, org.id), "subject_id")}
        organisations={(await listOrganisations(ctx.db)).filter(
          (o) => o.id !== org.id && o.kind !== "platform",
        )}
        canEndorse={org.authority === 1 || rights.length > 0}
        canGrant={org.authority === 1}
        {...extra}
      />,
      status,
    );
  }
  app.get("/admin/accreditation", admin, (c) => accreditationPage(c));

  app.post("/admin/accreditation", admin, async (c) => {
    const org = orgOf(c);
    const form = c.get("form");
    const values = {
      subjectOrg: field(form, "subjectOrg", 100),
      comment_es: field(form, "comment_es", 2000),
      comment_en: field(form, "comment_en", 2000),
      validUntil: field(form, "validUntil", 40),
      mayAccredit: field(form, "mayAccredit", 5),
    };
    const parsed = endorsementSchema.safeParse({
      subjectOrg: values.subjectOrg,
      comment: localizedField(form, "comment") ?? { es: "" },
      ...(optionalText(form, "validUntil", 40) ? { validUntil: values.validUntil } : {}),
      ...(values.mayAccredit === "yes" ? { mayAccredit: true } : {}),
    });
    if (!parsed.success)
      return accreditationPage(c, { values, error: "console.accreditation.error.form" }, 422);
    const outcome = await endorseOrganisation(ctx, org, parsed.data);
    if (!outcome.ok)
      return accreditationPage(
        c,
        { values, error: outcome.code },
        outcome.status === 403 ? 403 : 422,
      );
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "endorsement.create",
        subject: outcome.endorsement.public_id,
        details: { subject: parsed.data.subjectOrg, mayAccredit: parsed.data.mayAccredit === true },
      },
      ctx.now(),
    );
    return accreditationPage(
      c,
      { notice: { kind: "ok", text: viewOf(c).t("console.accreditation.endorsed") } },
      201,
    );
  });

  app.post("/admin/accreditation/:id/withdraw", admin, async (c) => {
    const org = orgOf(c);
    const id = c.req.param("id");
    if (field(c.get("form"), "confirm", 5) !== "yes")
      return c.redirect("/console/admin/accreditation", 303);
    if (!(await withdrawEndorsementOf(ctx, org, id))) throw notFound(c);
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "endorsement.withdraw",
        subject: id,
      },
      ctx.now(),
    );
    return accreditationPage(c, {
      notice: { kind: "ok", text: viewOf(c).t("console.accreditation.withdrawn-now") },
    });
  });

  // The organisation's settings (the same as PATCH /orgs/:slug's learnerNameInCredentials).
  app.get("/admin/settings", admin, (c) =>
    c.html(<SettingsPage v={viewOf(c)} organisation={orgOf(c)} />),
  );

  app.post("/admin/settings", admin, async (c) => {
    const org = orgOf(c);
    const learnerName = field(c.get("form"), "learnerName", 5) === "yes";
    const updated =
      (await updateOrganisation(ctx.db, org.id, {
        learner_name_in_credentials: learnerName ? 1 : 0,
      })) ?? org;
    if ((org.learner_name_in_credentials !== 0) !== learnerName) {
      await recordAudit(
        ctx.db,
        {
          organisationId: org.id,
          actor: actorOf(staffOf(c)),
          action: "organisation.settings",
          details: { learnerName },
        },
        ctx.now(),
      );
    }
    return c.html(
      <SettingsPage
        v={viewOf(c)}
        organisation={updated}
        notice={{ kind: "ok", text: viewOf(c).t("console.settings.saved") }}
      />,
    );
  });

  app.get("/admin/audit", admin, async (c) => {
    const before = Number.parseInt(c.req.query("before") ?? "", 10);
    const page = await auditPage(ctx.db, orgOf(c).id, {
      ...(Number.isSafeInteger(before) && before > 0 ? { before } : {}),
    });
    return c.html(<AuditPage v={viewOf(c)} events={page.events} next={page.next} />);
  });
}
