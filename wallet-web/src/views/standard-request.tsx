import type { LocalizedText, MessageKey } from "@avala/i18n";
import type { StackProgress, StackVersion } from "../services/stacking.js";
import type { Certifier, HeldUnit } from "../services/standard-request.js";
import { Layout, PostForm } from "./layout.js";
import type { View } from "./view.js";

/** The standard's units held and the bodies that certify it, each with a request button. */
export function StandardRequestPage(props: {
  v: View;
  code: string;
  /** The replaced version whose units go along (`?from=`). */
  from?: string | undefined;
  units: HeldUnit[];
  certifiers: Certifier[];
}) {
  const { v, code, units, certifiers } = props;
  const title = v.t("wallet.standard-request.title", { code });
  return (
    <Layout v={v} title={title} nav="credentials">
      <div class="narrow">
        <h1>{title}</h1>
        <p class="muted">{v.t("wallet.standard-request.lead")}</p>
        <section class="card" aria-labelledby="units-title">
          <h2 id="units-title">{v.t("wallet.standard-request.units")}</h2>
          {units.length === 0 ? (
            <p>{v.t("wallet.standard-request.no-units")}</p>
          ) : (
            <ul class="stacks">
              {units.map((u) => (
                <li>
                  <span class="chip chip-ok">{`✓ ${u.code}`}</span>
                  <div class="meta">
                    {u.name} · {v.t("wallet.standard-request.by", { issuer: u.issuerName })}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="card" aria-labelledby="certifiers-title">
          <h2 id="certifiers-title">{v.t("wallet.standard-request.certifiers")}</h2>
          {certifiers.length === 0 || units.length === 0 ? (
            <p>{v.t("wallet.standard-request.no-certifiers")}</p>
          ) : (
            <ul class="stacks">
              {certifiers.map((c) => {
                const name = (v.locale === "en" && c.name.en) || c.name.es;
                return (
                  <li class="stack-item">
                    <strong>{name}</strong>
                    <div class="meta">{v.t(`wallet.standard-request.mode.${c.mode}`)}</div>
                    <PostForm v={v} action={requestAction(code, props.from)}>
                      <input type="hidden" name="certifier" value={c.requestUrl} />
                      <button type="submit">
                        {v.t("wallet.standard-request.send", { org: name })}
                      </button>
                    </PostForm>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <p>
          <a href="/credentials">{v.t("wallet.standard-request.back")}</a>
        </p>
      </div>
    </Layout>
  );
}

function requestAction(code: string, from: string | undefined): string {
  const query = from ? `?from=${encodeURIComponent(from)}` : "";
  return `/standards/${encodeURIComponent(code)}/request${query}`;
}

/** A request that is waiting for a clerk, or that was refused (with the body's own words). */
export function StandardRequestResultPage(props: {
  v: View;
  code: string;
  state: "pending" | "refused" | "unreachable" | "invalid";
  detail?: LocalizedText | undefined;
  statusUrl?: string | undefined;
}) {
  const { v, code, state } = props;
  const title =
    state === "pending"
      ? v.t("wallet.standard-request.pending.title")
      : v.t("wallet.standard-request.refused.title");
  const message: MessageKey =
    state === "pending"
      ? "wallet.standard-request.pending"
      : state === "refused"
        ? "wallet.standard-request.refused"
        : state === "unreachable"
          ? "wallet.standard-request.unreachable"
          : "wallet.standard-request.invalid";
  return (
    <Layout v={v} title={title} nav="credentials">
      <div class="narrow card">
        <h1>{title}</h1>
        <p
          class={state === "pending" ? "notice notice-ok" : "notice notice-error"}
          role={state === "pending" ? "status" : "alert"}
        >
          {v.t(message)}
        </p>
        {props.detail ? <p id="standard-request-detail">{props.detail[v.locale]}</p> : null}
        <div class="row">
          {state === "pending" && props.statusUrl ? (
            <PostForm v={v} action={`/standards/${encodeURIComponent(code)}/request/status`}>
              <input type="hidden" name="status" value={props.statusUrl} />
              <button type="submit">{v.t("wallet.standard-request.check")}</button>
            </PostForm>
          ) : null}
          <a class="button secondary" href="/credentials">
            {v.t("wallet.standard-request.back")}
          </a>
        </div>
      </div>
    </Layout>
  );
}

/** Where "Request the standard's certificate" goes; units of a replaced version go along. */
export function standardRequestHref(stack: StackProgress): string {
  const from = stack.version?.supersededFrom;
  return `/standards/${encodeURIComponent(stack.code)}/request${
    from ? `?from=${encodeURIComponent(from)}` : ""
  }`;
}

/** What a standard's versions change in its progress, in plain words. */
export function StackVersionNotes(props: { v: View; code: string; version: StackVersion }) {
  const { v, code, version } = props;
  return (
    <div class="small">
      {version.supersededFrom ? (
        <p class="notice notice-warn">
          {v.t("wallet.stacks.superseded", { old: version.supersededFrom, code })}
        </p>
      ) : null}
      {version.expired ? (
        <p class="notice notice-warn">
          {v.t("wallet.stacks.expired", { code, date: version.expired })}
        </p>
      ) : null}
      {version.equivalences.length > 0 ? (
        <ul class="stacks">
          {version.equivalences.map((e) => (
            <li>{v.t("wallet.stacks.equivalence", { held: e.held, countsAs: e.countsAs })}</li>
          ))}
        </ul>
      ) : null}
      {version.notAccepted.length > 0 ? (
        <p>{v.t("wallet.stacks.not-accepted", { code, units: version.notAccepted.join(", ") })}</p>
      ) : null}
    </div>
  );
}
