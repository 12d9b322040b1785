import { Layout, PostForm } from "./layout.js";
import { formatDate, type View } from "./view.js";

export function AccountPage({
  v,
  counts,
}: {
  v: View;
  counts: { credentials: number; shares: number };
}) {
  const account = v.account!;
  return (
    <Layout v={v} title={v.t("wallet.account.title")} nav="account">
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
    </Layout>
  );
}
