import type { AchievementInput } from "@avala/credentials";
import { raw } from "hono/html";
import type { CredentialRow } from "../../db/repositories/credentials.js";
import type { CredentialState } from "../../db/schema.js";
import type { FoundCredential } from "../../services/search.js";
import { roleAllows } from "../../services/staff.js";
import { reasonKey, statusReasons } from "../../services/status-reasons.js";
import type { FormErrors } from "../form-errors.js";
import type { MailState } from "../mail.js";
import type { View } from "../view.js";
import { CopyField, Input, ListTable, Select, StatusChip } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { MailStateText } from "./mail.js";
import { CredentialPreview } from "./preview.js";

export type SearchValues = Partial<
  Record<"name" | "email" | "curp" | "externalId" | "achievementCode" | "batch" | "status", string>
>;

function SearchForm({ v, values, errors }: { v: View; values: SearchValues; errors: FormErrors }) {
  return (
    <div class="card">
      {/* A POST: a CURP typed here never ends up in an address, a history or a log. */}
      <PostForm v={v} action="/console/credentials/search">
        <div class="form-grid">
          <Input
            v={v}
            name="name"
            type="search"
            label={v.t("console.search.name")}
            value={values.name}
            maxlength={200}
          />
          <Input
            v={v}
            name="email"
            type="search"
            label={v.t("console.field.learner-email")}
            value={values.email}
            maxlength={254}
          />
          <Input
            v={v}
            name="curp"
            type="search"
            label={v.t("console.search.curp")}
            hint={v.t("console.search.curp-hint")}
            value={values.curp}
            error={errors["curp"]}
            maxlength={18}
            autocomplete="off"
          />
          <Input
            v={v}
            name="externalId"
            type="search"
            label={v.t("console.field.external-id")}
            value={values.externalId}
            maxlength={200}
          />
          <Input
            v={v}
            name="achievementCode"
            type="search"
            label={v.t("console.search.achievement")}
            value={values.achievementCode}
            maxlength={64}
          />
          <Input
            v={v}
            name="batch"
            type="search"
            label={v.t("console.search.batch")}
            value={values.batch}
            maxlength={64}
          />
          <Select
            v={v}
            name="status"
            label={v.t("console.search.status")}
            value={values.status ?? ""}
            options={[
              { value: "", label: v.t("console.search.any") },
              { value: "active", label: v.t("console.status.active") },
              { value: "suspended", label: v.t("console.status.suspended") },
              { value: "revoked", label: v.t("console.status.revoked") },
            ]}
          />
        </div>
        <div class="actions">
          <button type="submit">{v.t("console.search.submit")}</button>
          <a class="button secondary" href="/console/credentials">
            {v.t("console.search.clear")}
          </a>
        </div>
      </PostForm>
    </div>
  );
}

export function SearchPage({
  v,
  values,
  errors = {},
  results,
  next,
  searched,
}: {
  v: View;
  values: SearchValues;
  errors?: FormErrors;
  results: FoundCredential[];
  next: number | null;
  searched: boolean;
}) {
  return (
    <Layout v={v} title={v.t("console.search.title")} nav="search">
      <h1>{v.t("console.search.title")}</h1>
      <SearchForm v={v} values={values} errors={errors} />
      <h2>{searched ? v.t("console.search.results") : v.t("console.search.latest")}</h2>
      {results.length === 0 ? (
        <p class="muted">{v.t("console.search.none")}</p>
      ) : (
        <ListTable
          head={[
            v.t("console.search.learner"),
            v.t("console.search.achievement"),
            v.t("console.search.status"),
            v.t("console.search.issued"),
          ]}
        >
          {results.map((r) => (
            <tr>
              <td data-label={v.t("console.search.learner")}>
                <a href={`/console/credentials/${r.publicId}`}>
                  {r.learnerName || r.learnerEmail || r.externalId || r.publicId}
                </a>
                {r.learnerEmail && r.learnerName ? (
                  <span class="hint">{r.learnerEmail}</span>
                ) : null}
              </td>
              <td data-label={v.t("console.search.achievement")}>
                <code>{r.achievementCode ?? "—"}</code>
              </td>
              <td data-label={v.t("console.search.status")}>
                <StatusChip v={v} status={r.status} />
              </td>
              <td data-label={v.t("console.search.issued")}>{v.date(r.issuedAt)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {next !== null ? (
        <PostForm v={v} action="/console/credentials/search">
          {Object.entries(values).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="before" value={String(next)} />
          <button type="submit" class="secondary">
            {v.t("console.search.more")}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}

export interface HistoryEntry {
  at: string;
  text: string;
  by: string;
}

export interface ClaimView {
  url: string;
  qrSvg: string;
  state: "open" | "claimed" | "expired";
  expiresAt: string;
  claimedAt: string | null;
  /** The same offer for other wallets (OpenID4VCI), and its PIN when the organisation asks one. */
  otherWallet?: { link: string; qrSvg: string; pin: string | undefined };
}

export function CredentialPage({
  v,
  credential,
  achievement,
  issuerName,
  image,
  claim,
  mail,
  history,
  batch,
  notice,
}: {
  v: View;
  credential: CredentialRow;
  achievement: AchievementInput | undefined;
  issuerName: string;
  image: string | null;
  claim: ClaimView | undefined;
  mail: MailState;
  history: HistoryEntry[];
  batch: string | null;
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  const canAct = roleAllows(v.staff!.role, "operator");
  const title = v.t("console.credential.title", {
    name: credential.learner_name || credential.learner_email || credential.external_id || "—",
  });
  const document = JSON.parse(credential.credential) as Record<string, unknown>;
  const validFrom = typeof document["validFrom"] === "string" ? document["validFrom"] : undefined;
  const validUntil =
    typeof document["validUntil"] === "string" ? document["validUntil"] : undefined;
  // The name as signed (none when the organisation keeps names out of its credentials).
  const subject = document["credentialSubject"] as Record<string, unknown> | undefined;
  const signedName = typeof subject?.["name"] === "string" ? subject["name"] : undefined;
  return (
    <Layout v={v} title={title} nav="search" notice={notice}>
      <h1>{title}</h1>
      <p>
        <StatusChip v={v} status={credential.status} />{" "}
        <span class="muted small">
          {v.t("console.credential.issued-on", { date: v.dateTime(credential.issued_at) })}
        </span>
      </p>
      <div class="grid grid-side">
        <div>
          <div class="card">
            <h2>{v.t("console.credential.claim")}</h2>
            {credential.status === "revoked" ? (
              <p data-claim-state="revoked">{v.t("console.credential.claim-revoked")}</p>
            ) : claim ? (
              <>
                <p data-claim-state={claim.state}>
                  {claim.state === "claimed"
                    ? v.t("console.credential.claimed", { date: v.dateTime(claim.claimedAt) })
                    : claim.state === "expired"
                      ? v.t("console.credential.claim-expired", { date: v.date(claim.expiresAt) })
                      : v.t("console.credential.claim-open", { date: v.date(claim.expiresAt) })}
                </p>
                {claim.state === "open" && !canAct ? (
                  <p class="small muted" data-claim-hidden>
                    {v.t("console.credential.claim-link-hidden")}
                  </p>
                ) : null}
                {claim.state === "open" && canAct ? (
                  <>
                    <CopyField
                      v={v}
                      id="claim-url"
                      value={claim.url}
                      label={v.t("console.credential.claim-link")}
                    />
                    <div class="qr" role="img" aria-label={v.t("console.credential.qr")}>
                      {raw(claim.qrSvg)}
                    </div>
                    <p class="small muted">{v.t("console.credential.claim-help")}</p>
                    {claim.otherWallet ? (
                      <>
                        <h3>{v.t("issuer.oid4vci.other-wallet")}</h3>
                        <CopyField
                          v={v}
                          id="claim-oid4vci"
                          value={claim.otherWallet.link}
                          label={v.t("issuer.oid4vci.other-wallet-link")}
                        />
                        <div class="qr" role="img" aria-label={v.t("issuer.oid4vci.other-wallet")}>
                          {raw(claim.otherWallet.qrSvg)}
                        </div>
                        {claim.otherWallet.pin ? (
                          <p data-oid4vci-pin>
                            {v.t("issuer.oid4vci.pin-for-clerk", { pin: claim.otherWallet.pin })}
                          </p>
                        ) : null}
                      </>
                    ) : null}
                  </>
                ) : null}
              </>
            ) : (
              <p class="muted">{v.t("console.credential.no-claim")}</p>
            )}
            <MailStateText v={v} state={mail} />
            {canAct && credential.status !== "revoked" && claim?.state !== "claimed" ? (
              <PostForm v={v} action={`/console/credentials/${credential.public_id}/resend`}>
                <button type="submit" class="secondary">
                  {v.t("console.action.resend")}
                </button>
              </PostForm>
            ) : null}
          </div>
          {canAct ? (
            <div class="card">
              <h2>{v.t("console.credential.actions")}</h2>
              <div class="actions">
                {credential.status !== "revoked" ? (
                  <a
                    class="button danger"
                    href={`/console/credentials/${credential.public_id}/status?action=revoke`}
                  >
                    {v.t("console.action.revoke")}
                  </a>
                ) : null}
                {credential.status === "active" && credential.status_purpose === "suspension" ? (
                  <a
                    class="button secondary"
                    href={`/console/credentials/${credential.public_id}/status?action=suspend`}
                  >
                    {v.t("console.action.suspend")}
                  </a>
                ) : null}
                {credential.status === "suspended" ? (
                  <a
                    class="button secondary"
                    href={`/console/credentials/${credential.public_id}/status?action=reinstate`}
                  >
                    {v.t("console.action.reinstate")}
                  </a>
                ) : null}
              </div>
              {credential.status === "revoked" ? (
                <p class="muted">{v.t("console.credential.revoked-final")}</p>
              ) : null}
            </div>
          ) : null}
          <div class="card">
            <h2>{v.t("console.credential.details")}</h2>
            {credential.status === "active" ? (
              <p>
                <a
                  class="button secondary"
                  href={`/console/credentials/${credential.public_id}/certificate.pdf`}
                  download
                >
                  {v.t("console.credential.pdf")}
                </a>
                <span class="hint">{v.t("console.credential.pdf-hint")}</span>
              </p>
            ) : null}
            <dl class="facts">
              <dt>{v.t("console.field.learner-email")}</dt>
              <dd>{credential.learner_email ?? "—"}</dd>
              <dt>{v.t("console.field.external-id")}</dt>
              <dd>
                <code>{credential.external_id ?? "—"}</code>
              </dd>
              <dt>{v.t("console.credential.id")}</dt>
              <dd>
                <code>{credential.public_id}</code>
              </dd>
              <dt>{v.t("console.credential.holder")}</dt>
              <dd>
                <code>{credential.subject_did ?? "—"}</code>
              </dd>
              {batch ? (
                <>
                  <dt>{v.t("console.search.batch")}</dt>
                  <dd>
                    <a href={`/console/batches/${batch}`}>
                      <code>{batch}</code>
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          </div>
          <div class="card">
            <h2>{v.t("console.credential.history")}</h2>
            <ol class="small">
              {history.map((h) => (
                <li>
                  <strong>{v.dateTime(h.at)}</strong> · {h.text} <span class="muted">· {h.by}</span>
                </li>
              ))}
            </ol>
          </div>
        </div>
        {achievement ? (
          <CredentialPreview
            v={v}
            issuerName={issuerName}
            achievement={achievement}
            image={image}
            learnerName={signedName}
            validFrom={validFrom}
            validUntil={validUntil}
            hashedIdentity={Boolean(credential.learner_curp_hmac || credential.learner_email)}
          />
        ) : null}
      </div>
    </Layout>
  );
}

export type StatusAction = "revoke" | "suspend" | "reinstate";

export function StatusConfirmPage({
  v,
  credential,
  action,
  reason,
  text,
  publicReason = false,
  errors = {},
}: {
  v: View;
  credential: CredentialRow;
  action: StatusAction;
  reason?: string;
  text?: string;
  /** The clerk asked to publish the reason with the status (off by default). */
  publicReason?: boolean;
  errors?: FormErrors;
}) {
  const title = v.t(`console.confirm.${action}.title`);
  const name = credential.learner_name || credential.learner_email || credential.external_id || "—";
  return (
    <Layout v={v} title={title} nav="search">
      <div class="narrow card">
        <h1>{title}</h1>
        <p>{v.t("console.confirm.who", { name })}</p>
        <p class={action === "revoke" ? "notice notice-warn" : "muted"}>
          {v.t(`console.confirm.${action}.warning`)}
        </p>
        <PostForm v={v} action={`/console/credentials/${credential.public_id}/status`}>
          <input type="hidden" name="action" value={action} />
          <Select
            v={v}
            name="reason"
            label={v.t("console.reason.label")}
            value={reason ?? ""}
            error={errors["reason"]}
            required
            options={[
              { value: "", label: v.t("console.reason.choose") },
              ...statusReasons.map((r) => ({ value: r, label: v.t(reasonKey(r)) })),
            ]}
          />
          <Input
            v={v}
            name="text"
            label={v.t("console.reason.text")}
            value={text}
            error={errors["text"]}
            maxlength={400}
          />
          {action === "reinstate" ? null : (
            <>
              <label class="check">
                <input
                  type="checkbox"
                  name="publicReason"
                  value="yes"
                  checked={publicReason}
                  aria-describedby="public-reason-hint"
                />
                <span>{v.t("console.reason.public")}</span>
              </label>
              <p class="hint" id="public-reason-hint">
                {v.t("console.reason.public-hint")}
              </p>
            </>
          )}
          <div class="actions">
            <button type="submit" class={action === "revoke" ? "danger" : undefined}>
              {v.t(`console.action.${action}`)}
            </button>
            <a class="button secondary" href={`/console/credentials/${credential.public_id}`}>
              {v.t("console.cancel")}
            </a>
          </div>
        </PostForm>
      </div>
    </Layout>
  );
}

export function statusWord(v: View, status: CredentialState): string {
  return v.t(`console.status.${status}`);
}
