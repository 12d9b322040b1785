import { Layout } from "./layout.js";
import type { View } from "./view.js";

export function ErrorPage({ v, status, detail }: { v: View; status: number; detail?: string }) {
  const title =
    status === 404
      ? v.t("wallet.error.not-found")
      : status === 403
        ? v.t("wallet.error.forbidden")
        : status === 429
          ? v.t("wallet.error.too-many")
          : status === 413
            ? v.t("wallet.error.too-large")
            : status < 500
              ? v.t("wallet.error.bad-request")
              : v.t("wallet.error.server");
  return (
    <Layout v={v} title={title}>
      <div class="narrow card">
        <h1>{title}</h1>
        {detail ? <p>{detail}</p> : null}
        <p class="muted small">{v.t("wallet.error.code", { status })}</p>
        <a class="button" href={v.account ? "/credentials" : "/"}>
          {v.t("wallet.error.home")}
        </a>
      </div>
    </Layout>
  );
}
