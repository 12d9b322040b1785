import { randomUUID } from "node:crypto";
import type { Context, Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import type { AchievementRow } from "../../db/repositories/achievements.js";
import { listAchievements } from "../../db/repositories/achievements.js";
import { issueAwardSchema } from "../../http/schemas.js";
import { recordAudit } from "../../services/audit.js";
import { checkAwardRequest, issueAward, prepareAwards } from "../../services/awards.js";
import { achievementInputOf } from "../../services/catalogue.js";
import { CredentialRejectedError } from "../../services/issuance.js";
import { actorOf } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { type FormErrors, formErrorsOf, optionalText } from "../form-errors.js";
import { orgOf, requireStaff, staffOf } from "../guards.js";
import { sendClaimMail } from "../mail.js";
import { viewOf } from "../view.js";
import { IssueFormPage, IssuePreviewPage, type IssueValues } from "../views/issue.js";

const fieldNames = [
  "name",
  "email",
  "curp",
  "achievementCode",
  "validFrom",
  "validUntil",
  "evidence",
  "externalId",
] as const;

function valuesOf(form: FormData): IssueValues {
  return Object.fromEntries(
    fieldNames.map((name) => [name, optionalText(form, name, 500) ?? ""]),
  ) as unknown as IssueValues;
}

/** The form as the API's request (`issueAwardSchema`), so both follow the same rules. */
function requestOf(values: IssueValues) {
  const learner = {
    ...(values.email ? { email: values.email } : {}),
    ...(values.curp ? { curp: values.curp.toUpperCase() } : {}),
    ...(values.name ? { name: values.name } : {}),
  };
  return {
    achievementCode: values.achievementCode,
    learner,
    externalId: values.externalId,
    ...(values.validFrom ? { validFrom: values.validFrom } : {}),
    ...(values.validUntil ? { validUntil: values.validUntil } : {}),
    ...(values.evidence ? { evidence: values.evidence } : {}),
  };
}

const errorFields: Record<string, string> = {
  "learner.email": "email",
  "learner.curp": "curp",
  "learner.name": "name",
  learner: "email",
};

/** Issue one: a form, a preview of the credential, then issue; the result is its detail page. */
export function issueRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const operator = requireStaff("operator");

  async function catalogue(c: Context<ConsoleEnv>): Promise<AchievementRow[]> {
    return listAchievements(ctx.db, orgOf(c).id);
  }

  /** Validates the form with the API's schema and rules; the errors keyed by form field. */
  async function check(c: Context<ConsoleEnv>, values: IssueValues) {
    const org = orgOf(c);
    const parsed = issueAwardSchema.safeParse(requestOf(values));
    if (!parsed.success) {
      const errors: FormErrors = {};
      for (const [path, key] of Object.entries(
        formErrorsOf(parsed.error.issues, { "learner.curp": "console.issue.error.curp" }),
      )) {
        errors[errorFields[path] ?? path] = key;
      }
      return { ok: false as const, errors };
    }
    const rules = await checkAwardRequest(ctx.db, org, parsed.data);
    if (!rules.ok) {
      const field = errorFields[rules.errors[0]?.field ?? ""] ?? rules.errors[0]?.field ?? "name";
      return { ok: false as const, errors: { [field]: rules.code } as FormErrors };
    }
    return { ok: true as const, input: parsed.data, achievement: rules.achievement };
  }

  app.get("/issue", operator, async (c) => {
    const today = ctx.now().toISOString().slice(0, 10);
    return c.html(
      <IssueFormPage
        v={viewOf(c)}
        catalogue={await catalogue(c)}
        values={{ validFrom: today, achievementCode: c.req.query("achievement") ?? "" }}
      />,
    );
  });

  app.post("/issue/edit", operator, async (c) => {
    return c.html(
      <IssueFormPage
        v={viewOf(c)}
        catalogue={await catalogue(c)}
        values={valuesOf(c.get("form"))}
      />,
    );
  });

  app.post("/issue/preview", operator, async (c) => {
    const values = valuesOf(c.get("form"));
    // Issuing is once per external id: fixing it here makes a double submission harmless.
    if (!values.externalId) values.externalId = `console-${randomUUID()}`;
    const checked = await check(c, values);
    if (!checked.ok) {
      return c.html(
        <IssueFormPage
          v={viewOf(c)}
          catalogue={await catalogue(c)}
          values={values}
          errors={checked.errors}
        />,
        422,
      );
    }
    const org = orgOf(c);
    return c.html(
      <IssuePreviewPage
        v={viewOf(c)}
        values={values}
        issuerName={org.name_es}
        achievement={await achievementInputOf(ctx.config, ctx.db, org, checked.achievement)}
        image={checked.achievement.image_url}
      />,
    );
  });

  app.post("/issue", operator, async (c) => {
    const values = valuesOf(c.get("form"));
    if (!values.externalId) values.externalId = `console-${randomUUID()}`;
    const checked = await check(c, values);
    const again = (errors: FormErrors, status: 409 | 422) =>
      catalogue(c).then((list) =>
        c.html(
          <IssueFormPage v={viewOf(c)} catalogue={list} values={values} errors={errors} />,
          status,
        ),
      );
    if (!checked.ok) return again(checked.errors, 422);
    const org = orgOf(c);
    const staff = staffOf(c);
    let outcome: Awaited<ReturnType<typeof issueAward>>;
    try {
      outcome = await issueAward(
        ctx,
        org,
        {
          achievement: checked.achievement,
          learner: checked.input.learner,
          externalId: checked.input.externalId,
          validFrom: checked.input.validFrom,
          validUntil: checked.input.validUntil,
          evidence: checked.input.evidence,
          statusPurpose: "revocation",
          cryptosuite: "eddsa-rdfc-2022",
        },
        await prepareAwards(ctx, org),
      );
    } catch (error) {
      if (error instanceof CredentialRejectedError) {
        return again({ achievementCode: "console.issue.error.rejected" }, 422);
      }
      throw error;
    }
    if (outcome.kind === "duplicate-external-id") {
      // Sent twice (a double click, the back button): the first one stands.
      return c.redirect(`/console/credentials/${outcome.existing.public_id}?m=duplicate`, 303);
    }
    if (outcome.kind !== "issued")
      return again({ externalId: "console.issue.error.duplicate" }, 409);
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staff),
        action: "credential.issue",
        subject: outcome.credential.public_id,
        details: { achievement: checked.achievement.code, externalId: checked.input.externalId },
      },
      ctx.now(),
    );
    await sendClaimMail(ctx, org, outcome.credential);
    return c.redirect(`/console/credentials/${outcome.credential.public_id}?m=issued`, 303);
  });
}
