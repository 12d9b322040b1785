import type { MessageKey } from "@avala/i18n";
import { TextField } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { formatDate, type View } from "./view.js";

export function AccountPage({
  v,
  counts,
  deleteError,
}: {
  v: View;
  counts: { credentials: number; shares: number };
  /** Why the account was not deleted (a wrong password, too many attempts). */
  deleteError?: { key: MessageKey; minutes?: number } | undefined;
}) {
  const account = v.account!;
  return (
    <Layout
      v={v}
      title={v.t("wallet.account.title")}
      nav="account"
      notice={
        deleteError
          ? {
              kind: "error",
              text: v.t(
                deleteError.key,
                deleteError.minutes ? { minutes: deleteError.minutes } : undefined,
              ),
            }
          : undefined
      }
    >
      <h1>{v.t("wallet.account.title")}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{v.t("wallet.signup.name")}</dt>
          <dd>{account.display_name}</dd>
          <dt>{v.t("wallet.signup.email")}</dt>
          <dd>{account.email}</dd>
          <dt>{v.t("wallet.account.since")}</dt>
          <dd>{formatDate(account.created_at, v.locale)}</dd>
          <dt>{v.t("wallet.account.holding")}</dt>
          <dd>
            {[
              v.plural(
                counts.credentials,
                "wallet.count.credentials.one",
                "wallet.count.credentials.other",
              ),
              v.plural(counts.shares, "wallet.count.links.one", "wallet.count.links.other"),
            ].join(", ")}
          </dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="export-title">
        <h2 id="export-title">{v.t("wallet.account.export.title")}</h2>
        <p class="muted small">{v.t("wallet.account.export.text")}</p>
        <a class="button secondary" href="/account/export" id="export" download>
          {v.t("wallet.account.export.action")}
        </a>
      </section>
      <section class="card" aria-labelledby="apps-title">
        <h2 id="apps-title">{v.t("wallet.ob3.apps.title")}</h2>
        <a href="/account/connected-apps" id="connected-apps">
          {v.t("wallet.ob3.apps.link")}
        </a>
      </section>
      <section class="card">
        <h2>{v.t("wallet.account.did")}</h2>
        <p class="muted small">{v.t("wallet.account.did.explain")}</p>
        <p>
          <code id="holder-did">{account.holder_did}</code>
        </p>
      </section>
      <section class="card">
        <h2>{v.t("wallet.account.language")}</h2>
        <div class="row">
          <a
            class="button secondary"
            href={`/lang/es?next=${encodeURIComponent(v.here)}`}
            lang="es"
          >
            {v.t("wallet.language.es")}
          </a>
          <a
            class="button secondary"
            href={`/lang/en?next=${encodeURIComponent(v.here)}`}
            lang="en"
          >
            {v.t("wallet.language.en")}
          </a>
        </div>
      </section>
      <PostForm v={v} action="/signout">
        <button type="submit" class="secondary">
          {v.t("wallet.account.signout")}
        </button>
      </PostForm>
      <section class="card danger-zone" aria-labelledby="delete-title" id="delete-account">
        <h2 id="delete-title">{v.t("wallet.account.delete.title")}</h2>
        <p class="small">{v.t("wallet.account.delete.text")}</p>
        <PostForm v={v} action="/account/delete" confirm={v.t("wallet.account.delete.confirm")}>
          <TextField
            v={v}
            name="password"
            type="password"
            label={v.t("wallet.account.delete.password")}
            autocomplete="current-password"
            maxlength={1024}
            error={deleteError && !deleteError.minutes ? deleteError.key : undefined}
          />
          <button type="submit" class="danger">
            {v.t("wallet.account.delete.action")}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}
