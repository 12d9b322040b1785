import type { AchievementInput } from "@avala/credentials";
import type { AchievementRow } from "../../db/repositories/achievements.js";
import { roleAllows } from "../../services/staff.js";
import type { FormErrors } from "../form-errors.js";
import type { View } from "../view.js";
import { Input, ListTable, Select, TextArea } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { CredentialPreview, kindKey } from "./preview.js";

export const achievementTextFields = [
  "code",
  "kind",
  "framework",
  "name_es",
  "name_en",
  "description_es",
  "description_en",
  "criteria_es",
  "criteria_en",
  "level",
  "sector",
  "standardCode",
  "isced_code",
  "isced_name",
  "eqfLevel",
  "image",
] as const;
export type AchievementField = (typeof achievementTextFields)[number];

/** What the catalogue form shows: its text fields and the units ticked. */
export type AchievementValues = Partial<Record<AchievementField, string>> & { units?: string[] };

export function valuesOfRow(row: AchievementRow): AchievementValues {
  let units: string[] = [];
  try {
    units = JSON.parse(row.unit_codes) as string[];
  } catch {
    units = [];
  }
  return {
    code: row.code,
    kind: row.kind,
    framework: row.framework,
    name_es: row.name_es,
    name_en: row.name_en ?? "",
    description_es: row.description_es,
    description_en: row.description_en ?? "",
    criteria_es: row.criteria_es,
    criteria_en: row.criteria_en ?? "",
    level: row.level === null ? "" : String(row.level),
    sector: row.sector ?? "",
    standardCode: row.standard_code ?? "",
    isced_code: row.isced_code ?? "",
    isced_name: row.isced_name ?? "",
    eqfLevel: row.eqf_level === null ? "" : String(row.eqf_level),
    image: row.image_url ?? "",
    units,
  };
}

export function CataloguePage({ v, rows }: { v: View; rows: AchievementRow[] }) {
  const admin = roleAllows(v.staff!.role, "admin");
  return (
    <Layout v={v} title={v.t("console.catalogue.title")} nav="catalogue">
      <h1>{v.t("console.catalogue.title")}</h1>
      <p class="muted">{v.t("console.catalogue.intro")}</p>
      {admin ? (
        <p>
          <a class="button" href="/console/catalogue/new">
            {v.t("console.catalogue.new")}
          </a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p class="muted">{v.t("console.catalogue.empty")}</p>
      ) : (
        <ListTable
          head={[
            v.t("console.catalogue.code"),
            v.t("console.field.name"),
            v.t("console.catalogue.kind"),
          ]}
        >
          {rows.map((r) => (
            <tr>
              <td data-label={v.t("console.catalogue.code")}>
                <a href={`/console/catalogue/${encodeURIComponent(r.code)}`}>
                  <code>{r.code}</code>
                </a>
              </td>
              <td data-label={v.t("console.field.name")}>
                {v.locale === "en" && r.name_en ? r.name_en : r.name_es}
              </td>
              <td data-label={v.t("console.catalogue.kind")}>{v.t(kindKey[r.kind])}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </Layout>
  );
}

export function AchievementFormPage({
  v,
  mode,
  values,
  errors = {},
  units,
  preview,
  issuerName,
  notice,
}: {
  v: View;
  mode: "new" | "edit";
  values: AchievementValues;
  errors?: FormErrors;
  /** The units of the catalogue a qualification may list. */
  units: AchievementRow[];
  preview?: AchievementInput | undefined;
  issuerName: string;
  notice?: string | undefined;
}) {
  const admin = roleAllows(v.staff!.role, "admin");
  const title =
    mode === "new"
      ? v.t("console.catalogue.new")
      : v.t("console.catalogue.edit", { code: values.code ?? "" });
  const action =
    mode === "new"
      ? "/console/catalogue"
      : `/console/catalogue/${encodeURIComponent(values.code ?? "")}`;
  const chosen = new Set(values.units ?? []);
  return (
    <Layout
      v={v}
      title={title}
      nav="catalogue"
      notice={notice ? { kind: "ok", text: notice } : undefined}
    >
      <h1>{title}</h1>
      <div class="grid grid-side">
        <div class="card">
          {admin ? null : <p class="notice notice-warn">{v.t("console.catalogue.read-only")}</p>}
          <PostForm v={v} action={action}>
            <fieldset class="plain" disabled={!admin}>
              <div class="form-grid">
                {mode === "new" ? (
                  <Input
                    v={v}
                    name="code"
                    label={v.t("console.catalogue.code")}
                    hint={v.t("console.catalogue.code-hint")}
                    value={values.code}
                    error={errors["code"]}
                    maxlength={64}
                    required
                  />
                ) : (
                  <input type="hidden" name="code" value={values.code} />
                )}
                {mode === "new" ? (
                  <Select
                    v={v}
                    name="kind"
                    label={v.t("console.catalogue.kind")}
                    value={values.kind ?? "unit"}
                    error={errors["kind"]}
                    options={(["unit", "microcredential", "qualification"] as const).map((k) => ({
                      value: k,
                      label: v.t(kindKey[k]),
                    }))}
                  />
                ) : null}
                <Select
                  v={v}
                  name="framework"
                  class="wide"
                  label={v.t("console.catalogue.framework")}
                  value={values.framework ?? ""}
                  options={[
                    { value: "", label: v.t("console.catalogue.framework-default") },
                    { value: "conocer", label: "CONOCER" },
                    { value: "sep", label: "SEP" },
                    { value: "institution", label: v.t("console.catalogue.framework-institution") },
                  ]}
                />
                <Input
                  v={v}
                  name="name_es"
                  lang="es"
                  label={v.t("console.catalogue.name-es")}
                  value={values.name_es}
                  error={errors["name.es"]}
                  maxlength={2000}
                  required
                />
                <Input
                  v={v}
                  name="name_en"
                  lang="en"
                  label={v.t("console.catalogue.name-en")}
                  value={values.name_en}
                  error={errors["name.en"]}
                  maxlength={2000}
                />
                <TextArea
                  v={v}
                  name="description_es"
                  lang="es"
                  label={v.t("console.catalogue.description-es")}
                  value={values.description_es}
                  error={errors["description.es"]}
                  maxlength={2000}
                  required
                />
                <TextArea
                  v={v}
                  name="description_en"
                  lang="en"
                  label={v.t("console.catalogue.description-en")}
                  value={values.description_en}
                  error={errors["description.en"]}
                  maxlength={2000}
                />
                <TextArea
                  v={v}
                  name="criteria_es"
                  lang="es"
                  label={v.t("console.catalogue.criteria-es")}
                  value={values.criteria_es}
                  error={errors["criteria.es"]}
                  maxlength={2000}
                  required
                />
                <TextArea
                  v={v}
                  name="criteria_en"
                  lang="en"
                  label={v.t("console.catalogue.criteria-en")}
                  value={values.criteria_en}
                  error={errors["criteria.en"]}
                  maxlength={2000}
                />
                <Input
                  v={v}
                  name="level"
                  type="number"
                  min={1}
                  max={5}
                  label={v.t("console.catalogue.level")}
                  hint={v.t("console.catalogue.level-hint")}
                  value={values.level}
                  error={errors["level"]}
                />
                <Input
                  v={v}
                  name="eqfLevel"
                  type="number"
                  min={1}
                  max={8}
                  label={v.t("console.catalogue.eqf")}
                  hint={v.t("console.catalogue.eqf-hint")}
                  value={values.eqfLevel}
                  error={errors["eqfLevel"]}
                />
                <Input
                  v={v}
                  name="isced_code"
                  label={v.t("console.catalogue.isced-code")}
                  hint={v.t("console.catalogue.isced-hint")}
                  value={values.isced_code}
                  error={errors["iscedField.code"] ?? errors["iscedField"]}
                  maxlength={4}
                  inputmode="numeric"
                />
                <Input
                  v={v}
                  name="isced_name"
                  label={v.t("console.catalogue.isced-name")}
                  value={values.isced_name}
                  error={errors["iscedField.name"]}
                  maxlength={200}
                />
                <Input
                  v={v}
                  name="standardCode"
                  label={v.t("console.catalogue.standard")}
                  hint={v.t("console.catalogue.standard-hint")}
                  value={values.standardCode}
                  error={errors["standardCode"]}
                  maxlength={64}
                />
                <Input
                  v={v}
                  name="sector"
                  label={v.t("console.catalogue.sector")}
                  value={values.sector}
                  error={errors["sector"]}
                  maxlength={200}
                />
                <Input
                  v={v}
                  name="image"
                  type="url"
                  class="wide"
                  label={v.t("console.catalogue.image")}
                  hint={v.t("console.catalogue.image-hint")}
                  value={values.image}
                  error={errors["image"]}
                  maxlength={500}
                />
              </div>
              {units.length && (mode === "new" || values.kind === "qualification") ? (
                <fieldset>
                  <legend>{v.t("console.catalogue.units")}</legend>
                  <span class="hint">{v.t("console.catalogue.units-hint")}</span>
                  {errors["units"] ? <span class="error-text">{v.t(errors["units"])}</span> : null}
                  {units.map((u) => (
                    <label class="check">
                      <input
                        type="checkbox"
                        name="units"
                        value={u.code}
                        checked={chosen.has(u.code)}
                      />
                      <span>
                        <code>{u.code}</code>{" "}
                        {v.locale === "en" && u.name_en ? u.name_en : u.name_es}
                      </span>
                    </label>
                  ))}
                </fieldset>
              ) : null}
              {admin ? (
                <div class="actions">
                  <button type="submit">{v.t("console.catalogue.save")}</button>
                  <a class="button secondary" href="/console/catalogue">
                    {v.t("console.cancel")}
                  </a>
                </div>
              ) : null}
            </fieldset>
          </PostForm>
        </div>
        {preview ? (
          <div>
            <CredentialPreview
              v={v}
              issuerName={issuerName}
              achievement={preview}
              image={values.image || undefined}
              learnerName={v.t("console.catalogue.sample-learner")}
              validFrom={new Date().toISOString()}
            />
            {mode === "edit" && roleAllows(v.staff!.role, "operator") ? (
              <p>
                <a
                  class="button"
                  href={`/console/issue?achievement=${encodeURIComponent(values.code ?? "")}`}
                >
                  {v.t("console.catalogue.issue-this")}
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Layout>
  );
}
