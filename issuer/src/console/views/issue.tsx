import type { AchievementInput } from "@avala/credentials";
import type { AchievementRow } from "../../db/repositories/achievements.js";
import type { FormErrors } from "../form-errors.js";
import type { View } from "../view.js";
import { Input, Select } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { CredentialPreview } from "./preview.js";

export interface IssueValues {
  name: string;
  email: string;
  curp: string;
  achievementCode: string;
  validFrom: string;
  validUntil: string;
  evidence: string;
  externalId: string;
}

function achievementLabel(v: View, a: AchievementRow): string {
  const name = v.locale === "en" && a.name_en ? a.name_en : a.name_es;
  return `${a.code} · ${name}`;
}

export function IssueFormPage({
  v,
  catalogue,
  values,
  errors = {},
}: {
  v: View;
  catalogue: AchievementRow[];
  values: Partial<IssueValues>;
  errors?: FormErrors;
}) {
  return (
    <Layout v={v} title={v.t("console.issue.title")} nav="issue">
      <h1>{v.t("console.issue.title")}</h1>
      <p class="muted">{v.t("console.issue.intro")}</p>
      {catalogue.length === 0 ? (
        <p class="notice notice-warn">
          {v.t("console.issue.no-catalogue")}{" "}
          <a href="/console/catalogue">{v.t("console.nav.catalogue")}</a>
        </p>
      ) : (
        <div class="card">
          <PostForm v={v} action="/console/issue/preview">
            <div class="form-grid">
              <Input
                v={v}
                name="name"
                label={v.t("console.field.learner-name")}
                value={values.name}
                error={errors["name"]}
                autocomplete="off"
                maxlength={200}
                required
              />
              <Input
                v={v}
                name="email"
                type="email"
                label={v.t("console.field.learner-email")}
                hint={v.t("console.field.learner-email-hint")}
                value={values.email}
                error={errors["email"]}
                autocomplete="off"
                maxlength={254}
              />
              <Input
                v={v}
                name="curp"
                label={v.t("console.field.curp")}
                hint={v.t("console.field.curp-hint")}
                value={values.curp}
                error={errors["curp"]}
                autocomplete="off"
                maxlength={18}
              />
              <Select
                v={v}
                name="achievementCode"
                label={v.t("console.field.achievement")}
                value={values.achievementCode}
                error={errors["achievementCode"]}
                required
                options={catalogue.map((a) => ({ value: a.code, label: achievementLabel(v, a) }))}
              />
              <Input
                v={v}
                name="validFrom"
                type="date"
                label={v.t("console.field.valid-from")}
                value={values.validFrom}
                error={errors["validFrom"]}
              />
              <Input
                v={v}
                name="validUntil"
                type="date"
                label={v.t("console.field.valid-until")}
                value={values.validUntil}
                error={errors["validUntil"]}
              />
              <Input
                v={v}
                name="evidence"
                type="url"
                label={v.t("console.field.evidence")}
                hint={v.t("console.field.evidence-hint")}
                value={values.evidence}
                error={errors["evidence"]}
                maxlength={500}
              />
              <Input
                v={v}
                name="externalId"
                label={v.t("console.field.external-id")}
                hint={v.t("console.field.external-id-hint")}
                value={values.externalId}
                error={errors["externalId"]}
                maxlength={200}
              />
            </div>
            <div class="actions">
              <button type="submit">{v.t("console.issue.preview")}</button>
            </div>
          </PostForm>
        </div>
      )}
    </Layout>
  );
}

export function IssuePreviewPage({
  v,
  values,
  issuerName,
  achievement,
  image,
}: {
  v: View;
  values: IssueValues;
  issuerName: string;
  achievement: AchievementInput;
  image: string | null;
}) {
  return (
    <Layout v={v} title={v.t("console.issue.preview-title")} nav="issue">
      <h1>{v.t("console.issue.preview-title")}</h1>
      <p class="muted">{v.t("console.issue.preview-intro")}</p>
      <div class="grid grid-side">
        <CredentialPreview
          v={v}
          issuerName={issuerName}
          achievement={achievement}
          image={image}
          learnerName={values.name}
          validFrom={values.validFrom || new Date().toISOString()}
          validUntil={values.validUntil || undefined}
          evidence={values.evidence || undefined}
          hashedIdentity={Boolean(values.curp || values.email)}
        />
        <div class="card">
          <dl class="facts">
            <dt>{v.t("console.field.learner-email")}</dt>
            <dd>{values.email || "—"}</dd>
            <dt>{v.t("console.field.curp")}</dt>
            <dd>{values.curp ? <code>{values.curp.toUpperCase()}</code> : "—"}</dd>
            <dt>{v.t("console.field.external-id")}</dt>
            <dd>
              <code>{values.externalId}</code>
            </dd>
          </dl>
          <PostForm v={v} action="/console/issue">
            {Object.entries(values).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <div class="actions">
              <button type="submit">{v.t("console.issue.confirm")}</button>
              <button type="submit" class="secondary" formaction="/console/issue/edit">
                {v.t("console.issue.edit")}
              </button>
            </div>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}
