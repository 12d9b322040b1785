import type { MessageKey } from "@avala/i18n";
import type { OrganisationRow } from "../../db/repositories/organisations.js";
import { organisationKinds } from "../../db/schema.js";
import type { FormErrors } from "../form-errors.js";
import type { MailState } from "../mail.js";
import type { View } from "../view.js";
import { CopyField, Input, ListTable, Select } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { MailStateText } from "./mail.js";

export function orgKindKey(kind: string): MessageKey {
  return `console.org-kind.${kind}` as MessageKey;
}

export function PlatformPage({
  v,
  organisations,
  values = {},
  errors = {},
}: {
  v: View;
  organisations: OrganisationRow[];
  values?: Record<string, string>;
  errors?: FormErrors;
}) {
  return (
    <Layout v={v} title={v.t("console.platform.title")} nav="platform">
      <h1>{v.t("console.platform.title")}</h1>
      <ListTable
        head={[
          v.t("console.platform.slug"),
          v.t("console.field.name"),
          v.t("console.platform.kind"),
        ]}
      >
        {organisations.map((o) => (
          <tr>
            <td data-label={v.t("console.platform.slug")}>
              <code>{o.slug}</code>
            </td>
            <td data-label={v.t("console.field.name")}>{o.name_es}</td>
            <td data-label={v.t("console.platform.kind")}>
              {v.t(orgKindKey(o.kind))}
              {o.authority === 1 ? ` · ${v.t("console.platform.authority")}` : ""}
            </td>
          </tr>
        ))}
      </ListTable>
      <section class="card">
        <h2>{v.t("console.platform.new")}</h2>
        <p class="muted">{v.t("console.platform.new-intro")}</p>
        <PostForm v={v} action="/console/platform/organisations">
          <div class="form-grid">
            <Input
              v={v}
              name="slug"
              label={v.t("console.platform.slug")}
              hint={v.t("console.platform.slug-hint")}
              value={values["slug"]}
              error={errors["slug"]}
              maxlength={63}
              required
            />
            <Select
              v={v}
              name="kind"
              label={v.t("console.platform.kind")}
              value={values["kind"] || "school"}
              error={errors["kind"]}
              options={organisationKinds
                .filter((k) => k !== "platform")
                .map((k) => ({ value: k, label: v.t(orgKindKey(k)) }))}
            />
            <Input
              v={v}
              name="name_es"
              label={v.t("console.platform.name-es")}
              value={values["name_es"]}
              error={errors["name.es"]}
              lang="es"
              maxlength={300}
              required
            />
            <Input
              v={v}
              name="name_en"
              label={v.t("console.platform.name-en")}
              value={values["name_en"]}
              error={errors["name.en"]}
              lang="en"
              maxlength={300}
            />
            <Input
              v={v}
              name="url"
              type="url"
              label={v.t("console.platform.url")}
              value={values["url"]}
              error={errors["url"]}
              maxlength={500}
            />
            <Input
              v={v}
              name="email"
              type="email"
              label={v.t("console.platform.email")}
              value={values["email"]}
              error={errors["email"]}
              maxlength={254}
            />
            <Select
              v={v}
              name="didMethod"
              label={v.t("console.platform.did")}
              value={values["didMethod"] || "web"}
              options={[
                { value: "web", label: v.t("console.platform.did-web") },
                { value: "key", label: v.t("console.platform.did-key") },
              ]}
            />
          </div>
          <fieldset>
            <legend>{v.t("console.platform.first-admin")}</legend>
            <div class="form-grid">
              <Input
                v={v}
                name="admin_name"
                label={v.t("console.field.name")}
                value={values["admin_name"]}
                error={errors["admin_name"]}
                maxlength={200}
                required
              />
              <Input
                v={v}
                name="admin_email"
                type="email"
                label={v.t("console.field.email")}
                value={values["admin_email"]}
                error={errors["admin_email"]}
                maxlength={254}
                required
              />
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit">{v.t("console.platform.create")}</button>
          </div>
        </PostForm>
      </section>
    </Layout>
  );
}

export function OrganisationCreatedPage({
  v,
  slug,
  name,
  invitation,
  inviteError,
  mail,
}: {
  v: View;
  slug: string;
  name: string;
  invitation: { url: string; email: string } | undefined;
  inviteError: MessageKey | undefined;
  mail: MailState | undefined;
}) {
  return (
    <Layout
      v={v}
      title={v.t("console.platform.created")}
      nav="platform"
      notice={{ kind: "ok", text: v.t("console.platform.created-text", { name, slug }) }}
    >
      <div class="card">
        <h1>{v.t("console.platform.created")}</h1>
        {invitation ? (
          <>
            <p>{v.t("console.platform.invited", { email: invitation.email })}</p>
            {mail ? <MailStateText v={v} state={mail} /> : null}
            <CopyField
              v={v}
              id="invitation-url"
              value={invitation.url}
              label={v.t("console.staff.invitation-link")}
            />
          </>
        ) : inviteError ? (
          <p class="notice notice-error">{v.t(inviteError)}</p>
        ) : null}
        <a class="button secondary" href="/console/platform">
          {v.t("console.back")}
        </a>
      </div>
    </Layout>
  );
}
