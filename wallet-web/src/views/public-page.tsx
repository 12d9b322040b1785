import type { MessageKey } from "@avala/i18n";
import type { CredentialDescription, Verification } from "@avala/verifier";
import type { StatusWord } from "../services/holding.js";
import { Badge, kindLine } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import { formatDateTime, type View } from "./view.js";

const verdictText: Record<StatusWord, MessageKey> = {
  valid: "wallet.public.verdict.valid",
  warnings: "wallet.public.verdict.warnings",
  "unknown-issuer": "wallet.public.verdict.unknown-issuer",
  expired: "wallet.public.verdict.expired",
  suspended: "wallet.public.verdict.suspended",
  revoked: "wallet.public.verdict.revoked",
  invalid: "wallet.public.verdict.invalid",
  unchecked: "wallet.verdict.unchecked",
};

const verdictClass: Record<StatusWord, string> = {
  valid: "verdict verdict-valid",
  warnings: "verdict verdict-valid-with-warnings",
  "unknown-issuer": "verdict verdict-valid-with-warnings",
  expired: "verdict verdict-valid-with-warnings",
  suspended: "verdict verdict-valid-with-warnings",
  revoked: "verdict verdict-invalid",
  invalid: "verdict verdict-invalid",
  unchecked: "verdict verdict-unchecked",
};

/** Who vouches for the issuer, in a sentence (only from the verified trust result). */
function accreditationText(v: View, d: CredentialDescription): string {
  if (d.accreditation.status === "accredited" || d.accreditation.status === "authority") {
    return d.accreditation.text ?? d.accreditation.chain.join(" → ");
  }
  return d.accreditation.status === "unknown"
    ? v.t("wallet.detail.accredited-none")
    : v.t("wallet.detail.accredited-unchecked");
}

/**
 * A credential's permanent public page, for whoever opens it (an employer, a LinkedIn visitor),
 * without signing in: the verdict of a verification run as it opens, then whose it is, what was
 * achieved, who issued it and who vouches for them, the dates, and how to check it for oneself.
 */
export function PublicCredentialPage(props: {
  v: View;
  description: CredentialDescription;
  verification: Verification;
  word: StatusWord;
  image?: string | undefined;
  checkedAt: string;
  verifyUrl: string;
  credentialUrl: string;
  /** Revoked or suspended: since when and why, as the issuer published it. */
  withdrawal?: { heading: string; reason?: string } | undefined;
}) {
  const { v, description: d, word } = props;
  const notable = props.verification.checks
    .filter((c) => c.outcome !== "pass")
    .slice(0, 4)
    .map((c) => c.message[v.locale]);
  const person = d.holder.name ?? d.holder.text;
  return (
    <Layout
      v={v}
      title={d.holder.name ? `${d.achievement.name} · ${d.holder.name}` : d.achievement.name}
    >
      <article class="public-page" data-state={word}>
        <div class="card">
          <p class="eyebrow">{v.t("wallet.public.eyebrow")}</p>
          <div class="hero">
            <Badge description={d} image={props.image} large />
            <div>
              <h1>{d.achievement.name}</h1>
              <p class="meta">{kindLine(d)}</p>
            </div>
          </div>
          <div class={verdictClass[word]} role="status" id="public-verdict">
            <strong>{props.withdrawal?.heading ?? v.t(verdictText[word])}</strong>
            {props.withdrawal?.reason ? <span>{props.withdrawal.reason}</span> : null}
            {notable.length > 0 ? (
              <ul class="small">
                {notable.map((text) => (
                  <li>{text}</li>
                ))}
              </ul>
            ) : null}
            <span class="small">
              {v.t("wallet.public.checked", { time: formatDateTime(props.checkedAt, v.locale) })}
            </span>
          </div>
          <dl class="facts">
            <dt>{v.t("wallet.public.person")}</dt>
            <dd class={d.holder.name ? "fact-strong" : undefined}>{person}</dd>
            <dt>{v.t("wallet.public.achievement")}</dt>
            <dd>
              {d.achievement.name}
              {d.level ? ` · ${d.level.text}` : ""}
            </dd>
            {d.standard ? (
              <>
                <dt>{v.t("wallet.detail.standard")}</dt>
                <dd>
                  {d.standard.code}
                  {d.standard.name && d.standard.name !== d.achievement.name
                    ? ` — ${d.standard.name}`
                    : ""}
                </dd>
              </>
            ) : null}
            <dt>{v.t("wallet.public.issuer")}</dt>
            <dd>{d.issuer.name}</dd>
            <dt>{v.t("wallet.detail.accredited-by")}</dt>
            <dd>{accreditationText(v, d)}</dd>
            <dt>{v.t("wallet.detail.valid-from")}</dt>
            <dd>{d.validFrom?.text ?? "—"}</dd>
            <dt>{v.t("wallet.detail.valid-until")}</dt>
            <dd>{d.validUntil?.text ?? v.t("wallet.detail.no-expiry")}</dd>
          </dl>
        </div>
        <section class="card" aria-labelledby="verify-yourself">
          <h2 id="verify-yourself">{v.t("wallet.public.verify")}</h2>
          <p class="small muted">{v.t("wallet.public.verify.explain")}</p>
          <div class="actions">
            <a class="button" href={props.verifyUrl} id="verify-link" rel="noopener">
              {v.t("wallet.public.verify")}
            </a>
            <a class="button secondary" href={props.credentialUrl} download="credential.json">
              {v.t("wallet.public.download")}
            </a>
          </div>
        </section>
        <p class="small muted">{v.t("wallet.public.footer")}</p>
      </article>
    </Layout>
  );
}

/** The holder's side, on the credential's page: publish, see and copy, withdraw. */
export function PublicPageCard(props: {
  v: View;
  credentialId: string;
  /** The page's address and whether it is up; undefined when never published. */
  page?: { url: string; live: boolean } | undefined;
}) {
  const { v, credentialId: id, page } = props;
  return (
    <section class="card" aria-labelledby="public-page" id="public-page-card">
      <h2 id="public-page">{v.t("wallet.page.title")}</h2>
      {page?.live ? (
        <>
          <p class="small">{v.t("wallet.page.published")}</p>
          <div class="linkbox">
            <input
              type="text"
              id="public-page-link"
              readonly
              value={page.url}
              aria-label={v.t("wallet.page.address")}
            />
            <button
              type="button"
              class="secondary"
              data-copy="public-page-link"
              data-copied={v.t("wallet.share.copied")}
            >
              {v.t("wallet.share.copy")}
            </button>
          </div>
          <div class="actions">
            <a class="button secondary" href={page.url} rel="noopener">
              {v.t("wallet.page.open")}
            </a>
            <PostForm
              v={v}
              action={`/credentials/${id}/public-page/withdraw`}
              confirm={v.t("wallet.page.withdraw.confirm")}
            >
              <button type="submit" class="danger block">
                {v.t("wallet.page.withdraw")}
              </button>
            </PostForm>
          </div>
        </>
      ) : (
        <>
          <p class="small muted">{page ? v.t("wallet.page.withdrawn") : v.t("wallet.page.lead")}</p>
          <PostForm v={v} action={`/credentials/${id}/public-page`}>
            <button type="submit" class="secondary block">
              {v.t("wallet.page.publish")}
            </button>
          </PostForm>
        </>
      )}
    </section>
  );
}
