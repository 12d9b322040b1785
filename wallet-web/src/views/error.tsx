import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { WalletEnv } from "../http/env.js";
import { Layout } from "./layout.js";
import { type View, viewOf } from "./view.js";

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

/** The error page as a response, with the status and headers of the problem it stands for. */
export function renderErrorPage(
  c: Context<WalletEnv>,
  status: ContentfulStatusCode,
  detail: string | undefined,
  headers: Record<string, string>,
) {
  return c.html(<ErrorPage v={viewOf(c)} status={status} detail={detail} />, status, headers);
}
