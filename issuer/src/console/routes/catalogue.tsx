import type { Context, Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { findAchievement, listAchievements } from "../../db/repositories/achievements.js";
import { createAchievementSchema, updateAchievementSchema } from "../../http/schemas.js";
import { recordAudit } from "../../services/audit.js";
import {
  achievementInputOf,
  addAchievement,
  type CatalogueOutcome,
  editAchievement,
} from "../../services/catalogue.js";
import { actorOf } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import {
  type FormErrors,
  formErrorsOf,
  localizedField,
  optionalInteger,
  optionalText,
} from "../form-errors.js";
import { notFound, orgOf, requireStaff, staffOf } from "../guards.js";
import { viewOf } from "../view.js";
import {
  AchievementFormPage,
  type AchievementValues,
  achievementTextFields,
  CataloguePage,
  valuesOfRow,
} from "../views/catalogue.js";

function valuesOf(form: FormData): AchievementValues {
  const values = Object.fromEntries(
    achievementTextFields.map((name) => [name, optionalText(form, name, 2000) ?? ""]),
  ) as AchievementValues;
  values.units = form
    .getAll("units")
    .filter((u): u is string => typeof u === "string")
    .slice(0, 100);
  return values;
}

/** The form as the API's request body (`createAchievementSchema`). */
function requestOf(form: FormData): Record<string, unknown> {
  const isced = optionalText(form, "isced_code", 10);
  const iscedName = optionalText(form, "isced_name", 200);
  const units = valuesOf(form).units ?? [];
  const optional = (name: string, value: unknown) => (value === undefined ? {} : { [name]: value });
  return {
    ...optional("code", optionalText(form, "code", 100)),
    ...optional("kind", optionalText(form, "kind", 40)),
    ...optional("framework", optionalText(form, "framework", 40)),
    name: localizedField(form, "name") ?? { es: "" },
    description: localizedField(form, "description") ?? { es: "" },
    criteria: localizedField(form, "criteria") ?? { es: "" },
    ...optional("level", optionalInteger(form, "level")),
    ...optional("sector", optionalText(form, "sector", 300)),
    ...optional("standardCode", optionalText(form, "standardCode", 100)),
    ...(units.length ? { units } : {}),
    ...(isced || iscedName ? { iscedField: { code: isced ?? "", name: iscedName ?? "" } } : {}),
    ...optional("eqfLevel", optionalInteger(form, "eqfLevel")),
    ...optional("image", optionalText(form, "image", 600)),
  };
}

const overrides = {
  code: "console.catalogue.error.code",
  level: "console.catalogue.error.level",
  eqfLevel: "console.catalogue.error.eqf",
  "iscedField.code": "console.catalogue.error.isced",
} as const;

function outcomeErrors(outcome: Exclude<CatalogueOutcome, { ok: true }>): FormErrors {
  if (outcome.reason === "exists") return { code: "console.catalogue.error.exists" };
  if (outcome.reason === "unknown-unit") return { units: "console.catalogue.error.unit" };
  return { units: "console.catalogue.error.unit-has-units" };
}

/** The catalogue: list, add, edit (admins), with a preview of the credential it makes. */
export function catalogueRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const viewer = requireStaff("viewer");
  const admin = requireStaff("admin");

  async function unitsOf(c: Context<ConsoleEnv>) {
    return (await listAchievements(ctx.db, orgOf(c).id)).filter((a) => a.kind === "unit");
  }

  app.get("/catalogue", viewer, async (c) =>
    c.html(<CataloguePage v={viewOf(c)} rows={await listAchievements(ctx.db, orgOf(c).id)} />),
  );

  app.get("/catalogue/new", admin, async (c) =>
    c.html(
      <AchievementFormPage
        v={viewOf(c)}
        mode="new"
        values={{ kind: "unit" }}
        units={await unitsOf(c)}
        issuerName={orgOf(c).name_es}
      />,
    ),
  );

  app.post("/catalogue", admin, async (c) => {
    const org = orgOf(c);
    const form = c.get("form");
    const values = valuesOf(form);
    const parsed = createAchievementSchema.safeParse(requestOf(form));
    const again = async (errors: FormErrors, status: 409 | 422) =>
      c.html(
        <AchievementFormPage
          v={viewOf(c)}
          mode="new"
          values={values}
          errors={errors}
          units={await unitsOf(c)}
          issuerName={org.name_es}
        />,
        status,
      );
    if (!parsed.success) return again(formErrorsOf(parsed.error.issues, overrides), 422);
    const outcome = await addAchievement(
      ctx.db,
      org,
      { ...parsed.data, otherIdentifiers: undefined },
      ctx.now().toISOString(),
    );
    if (!outcome.ok) return again(outcomeErrors(outcome), outcome.reason === "exists" ? 409 : 422);
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "achievement.create",
        subject: outcome.achievement.code,
      },
      ctx.now(),
    );
    return c.redirect(
      `/console/catalogue/${encodeURIComponent(outcome.achievement.code)}?m=created`,
      303,
    );
  });

  app.get("/catalogue/:code", viewer, async (c) => {
    const org = orgOf(c);
    const row = await findAchievement(ctx.db, org.id, c.req.param("code"));
    if (!row) throw notFound(c);
    const m = c.req.query("m");
    const v = viewOf(c);
    return c.html(
      <AchievementFormPage
        v={v}
        mode="edit"
        values={valuesOfRow(row)}
        units={(await unitsOf(c)).filter((u) => u.code !== row.code)}
        preview={await achievementInputOf(ctx.config, ctx.db, org, row)}
        issuerName={org.name_es}
        notice={
          m === "created"
            ? v.t("console.catalogue.created")
            : m === "saved"
              ? v.t("console.catalogue.saved")
              : undefined
        }
      />,
    );
  });

  app.post("/catalogue/:code", admin, async (c) => {
    const org = orgOf(c);
    const code = c.req.param("code");
    const row = await findAchievement(ctx.db, org.id, code);
    if (!row) throw notFound(c);
    const form = c.get("form");
    const values = { ...valuesOf(form), code: row.code, kind: row.kind };
    const { code: _code, kind: _kind, ...request } = requestOf(form);
    const parsed = updateAchievementSchema.safeParse(request);
    const again = async (errors: FormErrors, status: 422) =>
      c.html(
        <AchievementFormPage
          v={viewOf(c)}
          mode="edit"
          values={values}
          errors={errors}
          units={(await unitsOf(c)).filter((u) => u.code !== row.code)}
          preview={await achievementInputOf(ctx.config, ctx.db, org, row)}
          issuerName={org.name_es}
        />,
        status,
      );
    if (!parsed.success) return again(formErrorsOf(parsed.error.issues, overrides), 422);
    const outcome = await editAchievement(ctx.db, org, row.code, {
      ...parsed.data,
      otherIdentifiers: undefined,
    });
    if (!outcome) throw notFound(c);
    if (!outcome.ok) return again(outcomeErrors(outcome), 422);
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: actorOf(staffOf(c)),
        action: "achievement.update",
        subject: row.code,
      },
      ctx.now(),
    );
    return c.redirect(`/console/catalogue/${encodeURIComponent(row.code)}?m=saved`, 303);
  });
}
