import type { MessageKey } from "@avala/i18n";
import { Layout, PostForm } from "./layout.js";
import { formatDate, type View } from "./view.js";

/** A scope in plain words, or the scope itself when it has none (never the case for OB's). */
function ScopeList({ v, words }: { v: View; words: Array<MessageKey | string> }) {
  return (
    <ul class="checks scopes">
      {words.map((w) => (
        <li class="pass">{w.startsWith("wallet.") ? v.t(w as MessageKey) : w}</li>
      ))}
    </ul>
  );
}

/** The host part of a URL, as people read a site's name ("badges.example.org"). */
export function siteOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * "Connect <app> to your wallet?": what the app may do, in plain words, where it is, and the
 * two answers. The request's parameters go back with the form (the server reads them again).
 */
export function ConsentPage({
  v,
  client,
  scopes,
  hidden,
}: {
  v: View;
  client: { name: string; uri: string; tosUri: string; policyUri: string; redirectUri: string };
  scopes: Array<MessageKey | string>;
  hidden: Record<string, string>;
}) {
  const site = siteOf(client.uri);
  const back = siteOf(client.redirectUri);
  return (
    <Layout v={v} title={v.t("wallet.ob3.consent.title", { client: client.name })}>
      <section class="card narrow consent">
        <h1>{v.t("wallet.ob3.consent.title", { client: client.name })}</h1>
        <p>{v.t("wallet.ob3.consent.lead", { client: client.name, site })}</p>
        <ScopeList v={v} words={scopes} />
        <p class="muted small">{v.t("wallet.ob3.consent.return", { site: back })}</p>
        <p class="muted small">{v.t("wallet.ob3.consent.revoke-hint")}</p>
        <p class="small row">
          <a href={client.tosUri} rel="noopener noreferrer">
            {v.t("wallet.ob3.consent.terms", { client: client.name })}
          </a>
          <a href={client.policyUri} rel="noopener noreferrer">
            {v.t("wallet.ob3.consent.privacy", { client: client.name })}
          </a>
        </p>
        <PostForm v={v} action="/ims/ob/v3p0/oauth/authorize" class="actions">
          {Object.entries(hidden).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" name="decision" value="allow" id="allow">
            {v.t("wallet.ob3.consent.allow")}
          </button>
          <button type="submit" name="decision" value="deny" class="secondary" id="deny">
            {v.t("wallet.ob3.consent.deny")}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}

/** The learner's connected apps, each with what it may do and "Take access away". */
export function ConnectedAppsPage({
  v,
  apps,
  notice,
}: {
  v: View;
  apps: Array<{
    id: string;
    name: string;
    uri: string;
    since: string;
    scopes: Array<MessageKey | string>;
  }>;
  notice?: string | undefined;
}) {
  return (
    <Layout
      v={v}
      title={v.t("wallet.ob3.apps.title")}
      nav="account"
      notice={notice ? { kind: "ok", text: notice } : undefined}
    >
      <h1>{v.t("wallet.ob3.apps.title")}</h1>
      <p class="muted">{v.t("wallet.ob3.apps.lead")}</p>
      {apps.length === 0 ? (
        <p class="card empty" id="no-apps">
          {v.t("wallet.ob3.apps.none")}
        </p>
      ) : (
        apps.map((app) => (
          <section class="card connected-app" aria-label={app.name}>
            <h2>{app.name}</h2>
            <p class="muted small">
              {siteOf(app.uri)} ·{" "}
              {v.t("wallet.ob3.apps.since", { date: formatDate(app.since, v.locale) })}
            </p>
            <p class="small">{v.t("wallet.ob3.apps.can")}</p>
            <ScopeList v={v} words={app.scopes} />
            <PostForm
              v={v}
              action={`/account/connected-apps/${app.id}/revoke`}
              confirm={v.t("wallet.ob3.apps.revoke.confirm", { client: app.name })}
            >
              <button type="submit" class="danger">
                {v.t("wallet.ob3.apps.revoke")}
              </button>
            </PostForm>
          </section>
        ))
      )}
    </Layout>
  );
}

/** An authorization link that cannot be followed (unknown app, unregistered return address). */
export function ConsentErrorPage({ v, message }: { v: View; message: MessageKey }) {
  return (
    <Layout v={v} title={v.t("wallet.error.bad-request")}>
      <section class="card narrow">
        <h1>{v.t("wallet.error.bad-request")}</h1>
        <p id="consent-error">{v.t(message)}</p>
        <a class="button secondary" href="/credentials">
          {v.t("wallet.nav.credentials")}
        </a>
      </section>
    </Layout>
  );
}

/** "Send to another Open Badges host": the host's address, then "Continue". */
export function SendPage({
  v,
  id,
  name,
  value,
  error,
  sent,
}: {
  v: View;
  id: string;
  name: string;
  value?: string | undefined;
  error?: MessageKey | undefined;
  sent?: boolean;
}) {
  return (
    <Layout
      v={v}
      title={v.t("wallet.ob3.send.title")}
      nav="credentials"
      notice={
        sent
          ? { kind: "ok", text: v.t("wallet.ob3.send.sent") }
          : error
            ? { kind: "error", text: v.t(error) }
            : undefined
      }
    >
      <section class="card narrow">
        <h1>{v.t("wallet.ob3.send.title")}</h1>
        <p>{v.t("wallet.ob3.send.lead", { name })}</p>
        <PostForm v={v} action={`/credentials/${id}/send-ob3`}>
          <div class="field">
            <label for="host">
              {v.t("wallet.ob3.send.host")}
              <span class="hint">{v.t("wallet.ob3.send.host.hint")}</span>
            </label>
            <input
              type="url"
              id="host"
              name="host"
              required
              maxlength={2048}
              inputmode="url"
              autocomplete="url"
              value={value}
              aria-invalid={error ? "true" : undefined}
            />
          </div>
          <button type="submit" class="block" id="send-continue">
            {v.t("wallet.ob3.send.continue")}
          </button>
        </PostForm>
        <p class="small">
          <a href={`/credentials/${id}`}>{name}</a>
        </p>
      </section>
    </Layout>
  );
}

/** The host registered the wallet: a plain link takes the learner there to approve. */
export function SendGoPage({ v, site, href }: { v: View; site: string; href: string }) {
  return (
    <Layout v={v} title={v.t("wallet.ob3.send.title")} nav="credentials">
      <section class="card narrow">
        <h1>{v.t("wallet.ob3.send.title")}</h1>
        <p>{v.t("wallet.ob3.send.go.lead", { site })}</p>
        <a class="button block" id="send-go" href={href} rel="noreferrer">
          {v.t("wallet.ob3.send.go", { site })}
        </a>
      </section>
    </Layout>
  );
}
