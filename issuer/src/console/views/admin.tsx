import type { MessageKey } from "@avala/i18n";
import type { Child } from "hono/jsx";
import type { EndorsementRow } from "../../db/repositories/endorsements.js";
import type { OrganisationRow } from "../../db/repositories/organisations.js";
import type { StaffInvitationRow, StaffRow } from "../../db/repositories/staff.js";
import type { ApiTokenRow } from "../../db/repositories/tokens.js";
import type { AuditView } from "../../services/audit.js";
import type { PublicKeyView } from "../../services/keys.js";
import { readReason } from "../../services/status-reasons.js";
import type { FormErrors } from "../form-errors.js";
import type { MailState } from "../mail.js";
import type { View } from "../view.js";
import { CopyField, Input, ListTable, roleLabel, Select } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { MailStateText } from "./mail.js";

export type AdminTab = "staff" | "tokens" | "keys" | "accreditation" | "settings" | "audit";

const tabs: Array<{ id: AdminTab; key: MessageKey }> = [
  { id: "staff", key: "console.admin.staff" },
  { id: "tokens", key: "console.admin.tokens" },
  { id: "keys", key: "console.admin.keys" },
  { id: "accreditation", key: "console.admin.accreditation" },
  { id: "settings", key: "console.admin.settings" },
  { id: "audit", key: "console.admin.audit" },
];

function AdminLayout(props: {
  v: View;
  tab: AdminTab;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
  children?: Child;
}) {
  const { v, tab } = props;
  const current = tabs.find((t) => t.id === tab)!;
  return (
    <Layout v={v} title={v.t(current.key)} nav="admin" notice={props.notice}>
      <h1>{v.t("console.admin.title")}</h1>
      <ul class="subnav">
        {tabs.map((t) => (
          <li>
            <a href={`/console/admin/${t.id}`} aria-current={t.id === tab ? "page" : undefined}>
              {v.t(t.key)}
            </a>
          </li>
        ))}
      </ul>
      <h2>{v.t(current.key)}</h2>
      {props.children}
    </Layout>
  );
}

const roleOptions = (v: View) =>
  (["viewer", "operator", "admin"] as const).map((r) => ({ value: r, label: v.t(roleLabel[r]) }));

export function StaffPage({
  v,
  staff,
  invitations,
  values = {},
  errors = {},
  invited,
  notice,
}: {
  v: View;
  staff: StaffRow[];
  invitations: Map<number, StaffInvitationRow>;
  values?: Record<string, string>;
  errors?: FormErrors;
  invited?: { url: string; email: string; mail: MailState } | undefined;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  return (
    <AdminLayout v={v} tab="staff" notice={notice}>
      {invited ? (
        <div class="card">
          <p>{v.t("console.staff.invited", { email: invited.email })}</p>
          <MailStateText v={v} state={invited.mail} />
          <CopyField
            v={v}
            id="invitation-url"
            value={invited.url}
            label={v.t("console.staff.invitation-link")}
          />
        </div>
      ) : null}
      <ListTable
        head={[v.t("console.field.name"), v.t("console.staff.role"), v.t("console.staff.state")]}
      >
        {staff.map((s) => {
          const state =
            s.disabled_at !== null ? "disabled" : s.password_hash === null ? "invited" : "active";
          const self = s.id === v.staff!.id;
          return (
            <tr>
              <td data-label={v.t("console.field.name")}>
                {s.name}
                <span class="hint">{s.email}</span>
              </td>
              <td data-label={v.t("console.staff.role")}>
                {self ? (
                  v.t(roleLabel[s.role])
                ) : (
                  <PostForm
                    v={v}
                    action={`/console/admin/staff/${s.public_id}/role`}
                    class="copy-row"
                  >
                    <select name="role" aria-label={v.t("console.staff.role-of", { name: s.name })}>
                      {roleOptions(v).map((o) => (
                        <option value={o.value} selected={o.value === s.role}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary">
                      {v.t("console.save")}
                    </button>
                  </PostForm>
                )}
              </td>
              <td data-label={v.t("console.staff.state")}>
                {v.t(`console.staff.state.${state}`)}
                {state === "invited" && invitations.get(s.id) ? (
                  <span class="hint">
                    {v.t("console.staff.invited-until", {
                      date: v.date(invitations.get(s.id)!.expires_at),
                    })}
                  </span>
                ) : null}
                {self ? null : (
                  <PostForm
                    v={v}
                    action={`/console/admin/staff/${s.public_id}/${state === "disabled" ? "enable" : "disable"}`}
                  >
                    <button type="submit" class="secondary">
                      {v.t(state === "disabled" ? "console.staff.enable" : "console.staff.disable")}
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          );
        })}
      </ListTable>
      <section class="card">
        <h3>{v.t("console.staff.invite")}</h3>
        <p class="muted small">{v.t("console.staff.invite-intro")}</p>
        <PostForm v={v} action="/console/admin/staff">
          <div class="form-grid">
            <Input
              v={v}
              name="name"
              label={v.t("console.field.name")}
              value={values["name"]}
              error={errors["name"]}
              maxlength={200}
              required
            />
            <Input
              v={v}
              name="email"
              type="email"
              label={v.t("console.field.email")}
              value={values["email"]}
              error={errors["email"]}
              maxlength={254}
              required
            />
            <Select
              v={v}
              name="role"
              label={v.t("console.staff.role")}
              value={values["role"] ?? "operator"}
              options={roleOptions(v)}
            />
          </div>
          <div class="actions">
            <button type="submit">{v.t("console.staff.invite-submit")}</button>
          </div>
        </PostForm>
        <p class="small muted">{v.t("console.staff.roles-help")}</p>
      </section>
    </AdminLayout>
  );
}

export function TokensPage({
  v,
  tokens,
  created,
  errors = {},
}: {
  v: View;
  tokens: ApiTokenRow[];
  created?: { token: string; label: string } | undefined;
  errors?: FormErrors;
}) {
  return (
    <AdminLayout v={v} tab="tokens">
      <p class="muted">{v.t("console.tokens.intro")}</p>
      {created ? (
        <div class="card" role="status">
          <p>
            <strong>{v.t("console.tokens.created", { label: created.label })}</strong>
          </p>
          <p class="notice notice-warn">{v.t("console.tokens.once")}</p>
          <CopyField
            v={v}
            id="new-token"
            value={created.token}
            label={v.t("console.tokens.token")}
          />
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p class="muted">{v.t("console.tokens.none")}</p>
      ) : (
        <ListTable
          head={[
            v.t("console.tokens.label"),
            v.t("console.staff.role"),
            v.t("console.tokens.created-at"),
            "",
          ]}
        >
          {tokens.map((t) => (
            <tr>
              <td data-label={v.t("console.tokens.label")}>{t.label}</td>
              <td data-label={v.t("console.staff.role")}>{v.t(roleLabel[t.role])}</td>
              <td data-label={v.t("console.tokens.created-at")}>
                {v.date(t.created_at)}
                {t.revoked_at ? (
                  <span class="hint">
                    {v.t("console.tokens.revoked-at", { date: v.date(t.revoked_at) })}
                  </span>
                ) : null}
              </td>
              <td>
                {t.revoked_at ? null : (
                  <PostForm v={v} action={`/console/admin/tokens/${t.token_id}/revoke`}>
                    <button type="submit" class="secondary">
                      {v.t("console.tokens.revoke")}
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <section class="card">
        <h3>{v.t("console.tokens.new")}</h3>
        <PostForm v={v} action="/console/admin/tokens">
          <div class="form-grid">
            <Input
              v={v}
              name="label"
              label={v.t("console.tokens.label")}
              hint={v.t("console.tokens.label-hint")}
              error={errors["label"]}
              maxlength={100}
              required
            />
            <Select
              v={v}
              name="role"
              label={v.t("console.staff.role")}
              value="operator"
              options={(["operator", "admin"] as const).map((r) => ({
                value: r,
                label: v.t(roleLabel[r]),
              }))}
            />
          </div>
          <div class="actions">
            <button type="submit">{v.t("console.tokens.create")}</button>
          </div>
        </PostForm>
      </section>
    </AdminLayout>
  );
}

export function KeysPage({
  v,
  did,
  didMethod,
  keys,
  notice,
}: {
  v: View;
  did: string;
  didMethod: "web" | "key";
  keys: PublicKeyView[];
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  return (
    <AdminLayout v={v} tab="keys" notice={notice}>
      <p>
        {v.t("console.keys.did")} <code>{did}</code>
      </p>
      <ListTable
        head={[v.t("console.keys.key"), v.t("console.keys.created"), v.t("console.keys.state")]}
      >
        {keys.map((k) => (
          <tr>
            <td data-label={v.t("console.keys.key")}>
              <code>{k.verificationMethod}</code>
            </td>
            <td data-label={v.t("console.keys.created")}>{v.dateTime(k.createdAt)}</td>
            <td data-label={v.t("console.keys.state")}>
              {k.current
                ? v.t("console.keys.current")
                : v.t("console.keys.retired", { date: v.date(k.retiredAt) })}
            </td>
          </tr>
        ))}
      </ListTable>
      {didMethod === "web" ? (
        <section class="card">
          <h3>{v.t("console.keys.rotate")}</h3>
          <p>{v.t("console.keys.rotate-help")}</p>
          <PostForm v={v} action="/console/admin/keys/rotate">
            <label class="check">
              <input type="checkbox" name="confirm" value="yes" required />
              <span>{v.t("console.keys.rotate-confirm")}</span>
            </label>
            <div class="actions">
              <button type="submit" class="danger">
                {v.t("console.keys.rotate")}
              </button>
            </div>
          </PostForm>
        </section>
      ) : (
        <p class="notice notice-warn">{v.t("console.keys.did-key")}</p>
      )}
    </AdminLayout>
  );
}

/** The organisation's settings: for now, whether credentials carry the learner's name. */
export function SettingsPage({
  v,
  organisation,
  notice,
}: {
  v: View;
  organisation: OrganisationRow;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  return (
    <AdminLayout v={v} tab="settings" notice={notice}>
      <section class="card">
        <h3>{v.t("console.settings.credentials")}</h3>
        <PostForm v={v} action="/console/admin/settings">
          <label class="check">
            <input
              type="checkbox"
              name="learnerName"
              value="yes"
              checked={organisation.learner_name_in_credentials !== 0}
              aria-describedby="learner-name-hint"
            />
            <span>{v.t("console.settings.learner-name")}</span>
          </label>
          <p class="hint" id="learner-name-hint">
            {v.t("console.settings.learner-name-hint")}
          </p>
          <div class="actions">
            <button type="submit">{v.t("console.save")}</button>
          </div>
        </PostForm>
      </section>
    </AdminLayout>
  );
}

export interface EndorsementLine {
  row: EndorsementRow;
  other: OrganisationRow | undefined;
}

export function AccreditationPage({
  v,
  received,
  given,
  organisations,
  canEndorse,
  canGrant,
  values = {},
  error,
  notice,
}: {
  v: View;
  received: EndorsementLine[];
  given: EndorsementLine[];
  organisations: OrganisationRow[];
  canEndorse: boolean;
  canGrant: boolean;
  values?: Record<string, string>;
  error?: MessageKey | undefined;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  const nameOf = (o: OrganisationRow | undefined) =>
    o ? (v.locale === "en" && o.name_en ? o.name_en : o.name_es) : "—";
  return (
    <AdminLayout v={v} tab="accreditation" notice={notice}>
      <h3>{v.t("console.accreditation.received")}</h3>
      {received.length === 0 ? (
        <p class="muted">{v.t("console.accreditation.none-received")}</p>
      ) : (
        <ListTable
          head={[
            v.t("console.accreditation.by"),
            v.t("console.accreditation.comment"),
            v.t("console.accreditation.valid"),
          ]}
        >
          {received.map(({ row, other }) => (
            <tr>
              <td data-label={v.t("console.accreditation.by")}>
                {nameOf(other)}
                {row.may_accredit === 1 ? (
                  <span class="hint">{v.t("console.accreditation.may-accredit")}</span>
                ) : null}
              </td>
              <td data-label={v.t("console.accreditation.comment")}>
                {v.locale === "en" && row.comment_en ? row.comment_en : row.comment_es}
              </td>
              <td data-label={v.t("console.accreditation.valid")}>
                {v.date(row.created_at)} – {row.valid_until ? v.date(row.valid_until) : "…"}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <h3>{v.t("console.accreditation.given")}</h3>
      {given.length === 0 ? (
        <p class="muted">{v.t("console.accreditation.none-given")}</p>
      ) : (
        <ListTable head={[v.t("console.accreditation.to"), v.t("console.accreditation.valid"), ""]}>
          {given.map(({ row, other }) => (
            <tr>
              <td data-label={v.t("console.accreditation.to")}>
                {nameOf(other)}
                {row.may_accredit === 1 ? (
                  <span class="hint">{v.t("console.accreditation.may-accredit")}</span>
                ) : null}
              </td>
              <td data-label={v.t("console.accreditation.valid")}>
                {row.withdrawn_at
                  ? v.t("console.accreditation.withdrawn", { date: v.date(row.withdrawn_at) })
                  : `${v.date(row.created_at)} – ${row.valid_until ? v.date(row.valid_until) : "…"}`}
              </td>
              <td>
                {row.withdrawn_at ? null : (
                  <PostForm v={v} action={`/console/admin/accreditation/${row.public_id}/withdraw`}>
                    <label class="check">
                      <input type="checkbox" name="confirm" value="yes" required />
                      <span>{v.t("console.accreditation.withdraw-confirm")}</span>
                    </label>
                    <button type="submit" class="danger">
                      {v.t("console.accreditation.withdraw")}
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {canEndorse ? (
        <section class="card">
          <h3>{v.t("console.accreditation.endorse")}</h3>
          {error ? <p class="notice notice-error">{v.t(error)}</p> : null}
          <PostForm v={v} action="/console/admin/accreditation">
            <div class="form-grid">
              <Select
                v={v}
                name="subjectOrg"
                label={v.t("console.accreditation.to")}
                value={values["subjectOrg"]}
                options={organisations.map((o) => ({
                  value: o.slug,
                  label: `${nameOf(o)} (${o.slug})`,
                }))}
              />
              <Input
                v={v}
                name="validUntil"
                type="date"
                label={v.t("console.field.valid-until")}
                value={values["validUntil"]}
              />
              <Input
                v={v}
                name="comment_es"
                lang="es"
                label={v.t("console.accreditation.comment-es")}
                value={values["comment_es"]}
                maxlength={2000}
                required
              />
              <Input
                v={v}
                name="comment_en"
                lang="en"
                label={v.t("console.accreditation.comment-en")}
                value={values["comment_en"]}
                maxlength={2000}
              />
            </div>
            {canGrant ? (
              <label class="check">
                <input
                  type="checkbox"
                  name="mayAccredit"
                  value="yes"
                  checked={values["mayAccredit"] === "yes"}
                />
                <span>{v.t("console.accreditation.grant")}</span>
              </label>
            ) : null}
            <div class="actions">
              <button type="submit">{v.t("console.accreditation.endorse-submit")}</button>
            </div>
          </PostForm>
        </section>
      ) : (
        <p class="muted">{v.t("console.accreditation.cannot")}</p>
      )}
    </AdminLayout>
  );
}

const detailNames = new Set([
  "email",
  "role",
  "reason",
  "from",
  "to",
  "rows",
  "invalid",
  "label",
  "subject",
  "mayAccredit",
  "achievement",
  "externalId",
  "publicReason",
  "learnerName",
]);

/** A detail's value in words: roles, statuses and reasons in the reader's language. */
function detailValue(v: View, name: string, value: unknown): string {
  const text = String(value);
  if (name === "reason") return readReason(text, v.locale);
  if (name === "role" && text in roleLabel) return v.t(roleLabel[text as keyof typeof roleLabel]);
  if ((name === "from" || name === "to") && ["active", "suspended", "revoked"].includes(text)) {
    return v.t(`console.status.${text as "active" | "suspended" | "revoked"}`);
  }
  if (typeof value === "boolean") return v.t(value ? "console.yes" : "console.no");
  return text;
}

function auditText(v: View, e: AuditView): string {
  const key = `console.audit.action.${e.action}` as MessageKey;
  const details = Object.entries(e.details)
    .filter(([name]) => detailNames.has(name))
    .map(
      ([name, value]) =>
        `${v.t(`console.audit.detail.${name}` as MessageKey)}: ${detailValue(v, name, value)}`,
    )
    .join(", ");
  return details ? `${v.t(key)} (${details})` : v.t(key);
}

export function AuditPage({
  v,
  events,
  next,
}: {
  v: View;
  events: AuditView[];
  next: number | null;
}) {
  return (
    <AdminLayout v={v} tab="audit">
      <p class="muted">{v.t("console.audit.intro")}</p>
      {events.length === 0 ? (
        <p class="muted">{v.t("console.audit.none")}</p>
      ) : (
        <ListTable
          head={[
            v.t("console.audit.when"),
            v.t("console.audit.who"),
            v.t("console.audit.what"),
            v.t("console.audit.subject"),
          ]}
        >
          {events.map((e) => (
            <tr>
              <td data-label={v.t("console.audit.when")}>{v.dateTime(e.at)}</td>
              <td data-label={v.t("console.audit.who")}>{e.actorLabel}</td>
              <td data-label={v.t("console.audit.what")}>{auditText(v, e)}</td>
              <td data-label={v.t("console.audit.subject")}>
                <code>{e.subject ?? "—"}</code>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {next !== null ? (
        <a class="button secondary" href={`/console/admin/audit?before=${next}`}>
          {v.t("console.search.more")}
        </a>
      ) : null}
    </AdminLayout>
  );
}
