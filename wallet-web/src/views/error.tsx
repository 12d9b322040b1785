import type { LocalizedText, MessageKey } from "@avala/i18n";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { WalletEnv } from "../http/env.js";
import { Layout } from "./layout.js";
import { type View, viewOf } from "./view.js";

/** The heading of the error page for each status the wallet answers with. */
const titles: Partial<Record<number, MessageKey>> = {
  400: "wallet.error.bad-request",
  403: "wallet.error.forbidden",
  404: "wallet.error.not-found",
  410: "wallet.error.gone",
  413: "wallet.error.too-large",
  415: "wallet.error.unsupported",
  429: "wallet.error.too-many",
};

export function errorTitleKey(status: number): MessageKey {
  return titles[status] ?? (status < 500 ? "wallet.error.bad-request" : "wallet.error.server");
}

/**
 * The page for a problem. Its words come only from the catalogue: the title from the status,
 * the detail from the problem's message (see `problemMessage`), both in the page's language.
 */
export function ErrorPage({
  v,
  status,
  detail,
}: {
  v: View;
  status: number;
  detail?: LocalizedText | undefined;
}) {
  const title = v.t(errorTitleKey(status));
  return (
    <Layout v={v} title={title}>
      <div class="narrow card">
        <h1>{title}</h1>
        {detail ? <p>{detail[v.locale]}</p> : null}
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
  detail: LocalizedText | undefined,
  headers: Record<string, string>,
) {
  return c.html(<ErrorPage v={viewOf(c)} status={status} detail={detail} />, status, headers);
}
