import type { Hono } from "hono";
import type { IssuerContext } from "../../context.js";
import { listOrganisations } from "../../db/repositories/organisations.js";
import { findStaffByEmail } from "../../db/repositories/staff.js";
import { createOrganisationSchema } from "../../http/schemas.js";
import { platformActor, recordAudit } from "../../services/audit.js";
import { createOrganisation } from "../../services/organisations.js";
import { inviteStaff, isEmail, normalizeEmail } from "../../services/staff.js";
import type { ConsoleEnv } from "../env.js";
import { type FormErrors, formErrorsOf, localizedField, optionalText } from "../form-errors.js";
import { requirePlatform } from "../guards.js";
import { sendInvitationMail } from "../mail.js";
import { viewOf } from "../view.js";
import { OrganisationCreatedPage, PlatformPage } from "../views/platform.js";

/** The platform admin's pages: organisations and their first admin. */
export function platformConsoleRoutes(app: Hono<ConsoleEnv>, ctx: IssuerContext) {
  const platform = requirePlatform();

  app.get("/platform", platform, async (c) => {
    return c.html(<PlatformPage v={viewOf(c)} organisations={await listOrganisations(ctx.db)} />);
  });

  app.post("/platform/organisations", platform, async (c) => {
    const form = c.get("form");
    const values = Object.fromEntries(
      [
        "slug",
        "kind",
        "name_es",
        "name_en",
        "url",
        "email",
        "didMethod",
        "admin_name",
        "admin_email",
      ].map((k) => [k, optionalText(form, k, 300) ?? ""]),
    );
    const input = {
      slug: optionalText(form, "slug", 100),
      kind: optionalText(form, "kind", 40),
      name: localizedField(form, "name", 300) ?? { es: "" },
      ...(optionalText(form, "url", 500) ? { url: optionalText(form, "url", 500) } : {}),
      ...(optionalText(form, "email", 254) ? { email: optionalText(form, "email", 254) } : {}),
      didMethod: optionalText(form, "didMethod", 10) ?? "web",
    };
    const parsed = createOrganisationSchema.safeParse(input);
    const errors: FormErrors = parsed.success
      ? {}
      : formErrorsOf(parsed.error.issues, { slug: "console.platform.error.slug" });
    const adminName = optionalText(form, "admin_name", 200) ?? "";
    const adminEmail = normalizeEmail(optionalText(form, "admin_email", 254) ?? "");
    if (!adminName) errors["admin_name"] = "console.staff.error.name";
    if (!isEmail(adminEmail)) errors["admin_email"] = "console.staff.error.email";
    else if (await findStaffByEmail(ctx.db, adminEmail)) {
      errors["admin_email"] = "console.staff.error.taken";
    }
    const again = async (status: 409 | 422, extra: Record<string, string> = {}) =>
      c.html(
        <PlatformPage
          v={viewOf(c)}
          organisations={await listOrganisations(ctx.db)}
          values={values}
          errors={{ ...errors, ...extra } as FormErrors}
        />,
        status,
      );
    if (!parsed.success || Object.keys(errors).length) return again(422);
    const org = await createOrganisation(ctx, {
      ...parsed.data,
      otherIdentifiers: undefined,
    });
    if (!org) return again(409, { slug: "console.platform.error.slug-taken" });
    await recordAudit(
      ctx.db,
      {
        organisationId: org.id,
        actor: platformActor,
        action: "organisation.create",
        subject: org.slug,
      },
      ctx.now(),
    );
    const invited = await inviteStaff(
      ctx,
      org,
      { email: adminEmail, name: adminName, role: "admin" },
      platformActor,
    );
    const mail = invited.ok
      ? await sendInvitationMail(ctx, {
          organisation: org,
          invitationId: invited.invitationId,
          email: invited.staff.email,
          name: invited.staff.name,
          role: "admin",
          invitedBy: platformActor.label,
          url: invited.url,
          expiresAt: invited.expiresAt,
        })
      : undefined;
    return c.html(
      <OrganisationCreatedPage
        v={viewOf(c)}
        slug={org.slug}
        name={org.name_es}
        invitation={invited.ok ? { url: invited.url, email: invited.staff.email } : undefined}
        inviteError={invited.ok ? undefined : Object.values(invited.errors)[0]}
        mail={mail}
      />,
      201,
    );
  });
}
