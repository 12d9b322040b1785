import type { MessageKey } from "@avala/i18n";
import type { Share } from "../db/repositories.js";
import { type ShareState, shareDurations } from "../services/shares.js";
import { FieldError, kindLine } from "./components.js";
import type { CredentialItem } from "./credentials.js";
import { Layout, PostForm } from "./layout.js";
import { formatDate, formatDateTime, type View } from "./view.js";

type Notice = { kind: "ok" | "warn" | "error"; text: string } | undefined;

const stateChip: Record<ShareState, { cls: string; key: MessageKey }> = {
  active: { cls: "chip chip-ok", key: "wallet.shares.state.active" },
  expired: { cls: "chip chip-muted", key: "wallet.shares.state.expired" },
  revoked: { cls: "chip chip-bad", key: "wallet.shares.state.revoked" },
};

export function ShareStateChip({ v, state }: { v: View; state: ShareState }) {
  return <span class={stateChip[state].cls}>{v.t(stateChip[state].key)}</span>;
}

export function SharesPage(props: {
  v: View;
  shares: Array<{ share: Share; state: ShareState; count: number }>;
  notice?: Notice;
}) {
  const { v } = props;
  return (
    <Layout v={v} title={v.t("wallet.shares.title")} nav="shares" notice={props.notice}>
      <h1>{v.t("wallet.shares.title")}</h1>
      <p class="muted">{v.t("wallet.shares.lead")}</p>
      {props.shares.length === 0 ? (
        <div class="card empty">
          <p class="muted">{v.t("wallet.shares.empty")}</p>
          <a class="button" href="/credentials">
            {v.t("wallet.shares.choose")}
          </a>
        </div>
      ) : (
        <ul class="credentials">
          {props.shares.map(({ share, state, count }) => (
            <li class="credential">
              <div class="credential-body">
                <a class="credential-title" href={`/shares/${share.public_id}`}>
                  {share.label || v.t("wallet.shares.untitled")}
                </a>
                <div class="meta">
                  {[
                    v.plural(
                      count,
                      "wallet.count.credentials.one",
                      "wallet.count.credentials.other",
                    ),
                    v.plural(
                      share.view_count,
                      "wallet.count.views.one",
                      "wallet.count.views.other",
                    ),
                    v.t("wallet.shares.until", { date: formatDate(share.expires_at, v.locale) }),
                  ].join(" · ")}
                </div>
                <ShareStateChip v={v} state={state} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <PresentCallout v={v} />
    </Layout>
  );
}

function PresentCallout({ v }: { v: View }) {
  return (
    <section class="card">
      <h2>{v.t("wallet.present.title")}</h2>
      <p class="muted small">{v.t("wallet.present.lead")}</p>
      <a class="button secondary" href="/present">
        {v.t("wallet.present.open")}
      </a>
    </section>
  );
}

export function NewSharePage(props: {
  v: View;
  items: CredentialItem[];
  defaultDays: number;
  /** What the holder sent, when the form comes back with an error. */
  values?: { label?: string; days?: number };
  /** Errors by field: `c` (the credentials chosen) and `days`. */
  errors?: { c?: MessageKey; days?: MessageKey };
}) {
  const { v, items } = props;
  const errors = props.errors ?? {};
  const defaultLabel =
    props.values?.label ?? (items.length === 1 ? items[0]!.description.achievement.name : "");
  const chosenDays = props.values?.days ?? props.defaultDays;
  // The menu, plus the configured default or the chosen length when the menu lacks it.
  const durations = [...new Set<number>([...shareDurations, props.defaultDays, chosenDays])].sort(
    (a, b) => a - b,
  );
  return (
    <Layout
      v={v}
      title={v.t("wallet.share.new.title")}
      nav="shares"
      notice={errors.c ? { kind: "error", text: v.t(errors.c) } : undefined}
    >
      <div class="narrow">
        <h1>{v.t("wallet.share.new.title")}</h1>
        <PostForm v={v} action="/shares" class="card">
          <fieldset>
            <legend>{v.t("wallet.share.new.which")}</legend>
            {items.map((item) => (
              <label class="check">
                <input type="checkbox" name="c" value={item.row.public_id} checked />
                <span>
                  {item.description.achievement.name}
                  <span class="hint">{kindLine(item.description)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="label">
              {v.t("wallet.share.new.label")}
              <span class="hint">{v.t("wallet.share.new.label.hint")}</span>
            </label>
            <input type="text" id="label" name="label" maxlength={120} value={defaultLabel} />
          </div>
          <div class="field">
            <label for="days">{v.t("wallet.share.new.expiry")}</label>
            <select
              id="days"
              name="days"
              aria-invalid={errors.days ? "true" : undefined}
              aria-describedby={errors.days ? "days-error" : undefined}
            >
              {durations.map((d) => (
                <option value={String(d)} selected={d === chosenDays}>
                  {v.t("wallet.share.new.days", { days: d })}
                </option>
              ))}
            </select>
            <FieldError v={v} error={errors.days} id="days-error" />
          </div>
          <p class="small muted">{v.t("wallet.share.new.explain")}</p>
          <button type="submit" class="block">
            {v.t("wallet.share.new.submit")}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

export function ShareDetailPage(props: {
  v: View;
  share: Share;
  state: ShareState;
  link: string;
  items: CredentialItem[];
  notice?: Notice;
}) {
  const { v, share, state } = props;
  // LinkedIn gets the credential's permanent page, never this link (which expires).
  const only = props.items.length === 1 ? props.items[0]!.row.public_id : undefined;
  const id = share.public_id;
  return (
    <Layout
      v={v}
      title={share.label || v.t("wallet.shares.untitled")}
      nav="shares"
      notice={props.notice}
    >
      <p class="small">
        <a href="/shares">← {v.t("wallet.shares.back")}</a>
      </p>
      <div class="spread">
        <h1>{share.label || v.t("wallet.shares.untitled")}</h1>
        <ShareStateChip v={v} state={state} />
      </div>
      {state === "active" ? (
        <section class="card">
          <h2>{v.t("wallet.share.link")}</h2>
          <div class="linkbox">
            <input
              type="text"
              id="share-link"
              readonly
              value={props.link}
              aria-label={v.t("wallet.share.link")}
            />
            <button
              type="button"
              class="secondary"
              data-copy="share-link"
              data-copied={v.t("wallet.share.copied")}
            >
              {v.t("wallet.share.copy")}
            </button>
          </div>
          <p class="small muted">{v.t("wallet.share.link.explain")}</p>
          <div class="grid grid-2">
            <div class="share-qr">
              <img
                src={`/shares/${id}/qr.svg`}
                alt={v.t("wallet.share.qr.alt")}
                width="240"
                height="240"
                id="share-qr"
              />
            </div>
            <div class="stack">
              <a class="button" href={props.link} rel="noopener">
                {v.t("wallet.share.open")}
              </a>
              <a class="button secondary" href={`/shares/${id}/print`}>
                {v.t("wallet.share.print")}
              </a>
              <a class="button secondary" href={`/shares/${id}/qr.png`} download="avala-qr.png">
                {v.t("wallet.share.qr.download")}
              </a>
              {only ? (
                <PostForm v={v} action={`/credentials/${only}/linkedin`}>
                  <button type="submit" class="secondary block">
                    {v.t("wallet.share.linkedin")}
                  </button>
                </PostForm>
              ) : null}
            </div>
          </div>
        </section>
      ) : (
        <p class="notice notice-warn">
          {v.t(state === "revoked" ? "wallet.share.revoked" : "wallet.share.expired")}
        </p>
      )}
      <section class="card">
        <dl class="facts">
          <dt>{v.t("wallet.share.views")}</dt>
          <dd>
            <strong id="view-count">{share.view_count}</strong>
            {share.last_viewed_at
              ? ` · ${v.t("wallet.share.last-view", { date: formatDateTime(share.last_viewed_at, v.locale) })}`
              : ""}
          </dd>
          <dt>{v.t("wallet.share.created")}</dt>
          <dd>{formatDateTime(share.created_at, v.locale)}</dd>
          <dt>{v.t(state === "revoked" ? "wallet.share.revoked-at" : "wallet.share.expires")}</dt>
          <dd>
            {formatDateTime(state === "revoked" ? share.revoked_at : share.expires_at, v.locale)}
          </dd>
        </dl>
        <h2>{v.t("wallet.share.contains")}</h2>
        <ul class="units">
          {props.items.map((item) => (
            <li>
              <a href={`/credentials/${item.row.public_id}`}>{item.description.achievement.name}</a>
              <span class="muted small">{kindLine(item.description)}</span>
            </li>
          ))}
        </ul>
      </section>
      {state === "active" ? (
        <PostForm
          v={v}
          action={`/shares/${id}/revoke`}
          confirm={v.t("wallet.share.revoke.confirm")}
        >
          <button type="submit" class="danger">
            {v.t("wallet.share.revoke")}
          </button>
          <span class="hint">{v.t("wallet.share.revoke.explain")}</span>
        </PostForm>
      ) : null}
    </Layout>
  );
}

export function SharePrintPage(props: {
  v: View;
  share: Share;
  link: string;
  holderName: string;
  items: CredentialItem[];
}) {
  const { v, share } = props;
  return (
    <Layout v={v} title={share.label || v.t("wallet.shares.untitled")} bare>
      <div class="print-sheet">
        <p class="noprint row">
          <a href={`/shares/${share.public_id}`}>← {v.t("wallet.shares.back")}</a>
          <button type="button" data-print>
            {v.t("wallet.share.print.now")}
          </button>
        </p>
        <h1>{props.holderName}</h1>
        <p class="muted">{v.t("wallet.share.print.lead")}</p>
        <ul>
          {props.items.map((item) => (
            <li>
              <strong>{item.description.achievement.name}</strong>
              <br />
              <span class="small muted">
                {kindLine(item.description)} · {item.description.issuer.name}
              </span>
              {item.row.compact_document ? (
                <figure class="compact-qr">
                  <img
                    src={`/credentials/${item.row.public_id}/compact-qr.svg`}
                    alt={v.t("wallet.share.print.offline-alt")}
                  />
                  <figcaption class="small">{v.t("wallet.share.print.offline")}</figcaption>
                </figure>
              ) : null}
            </li>
          ))}
        </ul>
        <div class="share-qr">
          <img src={`/shares/${share.public_id}/qr.svg`} alt={v.t("wallet.share.qr.alt")} />
        </div>
        <p class="small">
          <code>{props.link}</code>
        </p>
        <p class="small muted">
          {v.t("wallet.share.print.valid-until", {
            date: formatDate(share.expires_at, v.locale),
          })}
        </p>
      </div>
    </Layout>
  );
}

export function PresentPage(props: {
  v: View;
  items: CredentialItem[];
  selected: string[];
  values?: { challenge: string; domain: string };
  error?: MessageKey;
}) {
  const { v, items } = props;
  return (
    <Layout
      v={v}
      title={v.t("wallet.present.title")}
      nav="shares"
      notice={props.error ? { kind: "error", text: v.t(props.error) } : undefined}
    >
      <div class="narrow">
        <h1>{v.t("wallet.present.title")}</h1>
        <p class="muted">{v.t("wallet.present.lead")}</p>
        {items.length === 0 ? (
          <p class="card">{v.t("wallet.list.empty.text")}</p>
        ) : (
          <PostForm v={v} action="/present" class="card">
            <fieldset>
              <legend>{v.t("wallet.present.which")}</legend>
              {items.map((item) => (
                <label class="check">
                  <input
                    type="checkbox"
                    name="c"
                    value={item.row.public_id}
                    checked={props.selected.includes(item.row.public_id)}
                  />
                  <span>
                    {item.description.achievement.name}
                    <span class="hint">{item.description.issuer.name}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {/* The verifier's challenge and domain are technical: kept under a closed
                "Advanced options", opened again when the graduate already typed in it. */}
            <details
              class="advanced"
              open={Boolean(props.error || props.values?.challenge || props.values?.domain)}
            >
              <summary>{v.t("wallet.present.advanced")}</summary>
              <div class="field">
                <label for="challenge">
                  {v.t("wallet.present.challenge")}
                  <span class="hint">{v.t("wallet.present.challenge.hint")}</span>
                </label>
                <input
                  type="text"
                  id="challenge"
                  name="challenge"
                  maxlength={500}
                  autocomplete="off"
                  value={props.values?.challenge ?? ""}
                />
              </div>
              <div class="field">
                <label for="domain">
                  {v.t("wallet.present.domain")}
                  <span class="hint">{v.t("wallet.present.domain.hint")}</span>
                </label>
                <input
                  type="text"
                  id="domain"
                  name="domain"
                  maxlength={500}
                  autocomplete="off"
                  value={props.values?.domain ?? ""}
                />
              </div>
            </details>
            <button type="submit" class="block">
              {v.t("wallet.present.submit")}
            </button>
          </PostForm>
        )}
      </div>
    </Layout>
  );
}
