import type { LocalizedText, MessageKey } from "@avala/i18n";
import type { View } from "../view.js";
import { Layout } from "./layout.js";

const titles: Partial<Record<number, MessageKey>> = {
  400: "console.error.bad-request",
  403: "console.error.forbidden",
  404: "console.error.not-found-title",
  409: "console.error.conflict",
  413: "console.error.too-large",
  415: "console.error.bad-request",
  422: "console.error.bad-request",
  429: "console.error.too-many",
};

/** The page for a problem: its title from the status, its words from the catalogue. */
export function ErrorPage({
  v,
  status,
  detail,
}: {
  v: View;
  status: number;
  detail?: LocalizedText | undefined;
}) {
  const title = v.t(
    titles[status] ?? (status < 500 ? "console.error.bad-request" : "console.error.server"),
  );
  return (
    <Layout v={v} title={title}>
      <div class="narrow card">
        <h1>{title}</h1>
        {detail ? <p>{detail[v.locale]}</p> : null}
        <p class="muted small">{v.t("console.error.code", { status })}</p>
        <a class="button" href="/console">
          {v.t("console.error.home")}
        </a>
      </div>
    </Layout>
  );
}
