import type { CredentialDescription, Verification } from "@avala/verifier";
import { describeWithdrawal } from "@avala/verifier";
import type { StoredCredential } from "../db/repositories.js";
import { keepOnly, keptUnchecked } from "../services/generic.js";
import type { StatusWord } from "../services/holding.js";
import { pushableForm } from "../services/ob3-push.js";
import type { StackProgress } from "../services/stacking.js";
import { Badge, ChecksList, kindLine, StatusChip, TrustChip, VerdictBanner } from "./components.js";
import { GenericClaims } from "./generic-claims.js";
import { Layout, PostForm } from "./layout.js";
import { PublicPageCard } from "./public-page.js";
import { StackVersionNotes, standardRequestHref } from "./standard-request.js";
import { formatDate, formatDateTime, type View } from "./view.js";

export interface CredentialItem {
  row: StoredCredential;
  description: CredentialDescription;
  word: StatusWord;
  image?: string | undefined;
  /** An Open Badges 2.0 badge: what its verification is worth, in plain words. */
  assurance?: string | undefined;
}

export function StackList({ v, stacks }: { v: View; stacks: StackProgress[] }) {
  if (stacks.length === 0) return null;
  return (
    <section aria-labelledby="stacks-title" class="card">
      <h2 id="stacks-title">{v.t("wallet.stacks.title")}</h2>
      <p class="muted small">{v.t("wallet.stacks.lead")}</p>
      <ul class="stacks">
        {stacks.map((s) => {
          const total = s.required?.length;
          const label = s.complete
            ? v.t("wallet.stacks.complete", { code: s.code })
            : total
              ? v.t("wallet.stacks.progress", { held: s.held.length, total, code: s.code })
              : v.plural(
                  s.held.length,
                  "wallet.stacks.progress-unknown.one",
                  "wallet.stacks.progress-unknown.other",
                  { held: s.held.length, code: s.code },
                );
          return (
            <li class="stack-item">
              <div class="spread">
                <strong>{label}</strong>
                {s.complete ? <span class="chip chip-ok">{v.t("wallet.stacks.done")}</span> : null}
              </div>
              {s.name ? <div class="meta">{s.name}</div> : null}
              {total ? (
                <progress max={total} value={Math.min(s.held.length, total)} aria-label={label}>
                  {`${s.held.length}/${total}`}
                </progress>
              ) : null}
              <div class="stack-units">
                {(s.required ?? s.held).map((unit) => (
                  <span class={s.held.includes(unit) ? "chip chip-ok" : "chip chip-muted"}>
                    {s.held.includes(unit) ? `✓ ${unit}` : unit}
                  </span>
                ))}
              </div>
              {s.version ? <StackVersionNotes v={v} code={s.code} version={s.version} /> : null}
              {!s.complete && s.held.length > 0 && !s.version?.expired ? (
                <a class="button secondary" href={standardRequestHref(s)}>
                  {v.t("wallet.standard-request.link")}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function CredentialListPage(props: {
  v: View;
  items: CredentialItem[];
  stacks: StackProgress[];
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
}) {
  const { v, items } = props;
  return (
    <Layout v={v} title={v.t("wallet.list.title")} nav="credentials" notice={props.notice}>
      <div class="spread">
        <h1>{v.t("wallet.list.title")}</h1>
        <a class="button secondary" href="/add">
          {v.t("wallet.list.add")}
        </a>
      </div>
      <p class="muted">
        {v.t("wallet.list.greeting", { name: v.account?.display_name ?? "" })}{" "}
        {items.length > 0
          ? v.plural(items.length, "wallet.list.count.one", "wallet.list.count.other")
          : null}
      </p>
      {items.length === 0 ? (
        <div class="card empty">
          <h2>{v.t("wallet.list.empty.title")}</h2>
          <p class="muted">{v.t("wallet.list.empty.text")}</p>
          <a class="button" href="/add">
            {v.t("wallet.list.add")}
          </a>
        </div>
      ) : (
        <>
          <StackList v={v} stacks={props.stacks} />
          <p>
            <a class="button secondary" href="/recognition">
              {v.t("wallet.recognition.link")}
            </a>
          </p>
          <form method="get" action="/shares/new">
            <h2>{v.t("wallet.list.held")}</h2>
            <ul class="credentials">
              {items.map((item) => (
                <li class="credential">
                  <span class="pick">
                    {/* Open Badges 2.0 badges and unchecked credentials are not shared. */}
                    <input
                      hidden={keepOnly(item.row) ? true : undefined}
                      disabled={keepOnly(item.row) ? true : undefined}
                      type="checkbox"
                      class="pick-box"
                      name="c"
                      value={item.row.public_id}
                      id={`pick-${item.row.public_id}`}
                      aria-label={v.t("wallet.list.select", {
                        name: item.description.achievement.name,
                      })}
                    />
                  </span>
                  <Badge description={item.description} image={item.image} />
                  <div class="credential-body">
                    <a class="credential-title" href={`/credentials/${item.row.public_id}`}>
                      {item.description.achievement.name}
                    </a>
                    <div class="meta">{kindLine(item.description)}</div>
                    <div class="meta">
                      {item.description.issuer.name}
                      {item.description.validFrom ? ` · ${item.description.validFrom.text}` : ""}
                    </div>
                    {item.assurance ? (
                      <div class="meta" data-ob2-assurance>
                        {item.assurance}
                      </div>
                    ) : null}
                    <div class="row">
                      <StatusChip v={v} word={item.word} />
                      <TrustChip v={v} description={item.description} />
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            <div class="toolbar">
              <button type="submit" class="block">
                {v.t("wallet.list.share-selected")}
              </button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

/**
 * Revoked or suspended: since when and why, as the issuer published it (the verifier reads the
 * status entry's notice when it checks the status).
 */
function Withdrawal({ v, verification }: { v: View; verification: Verification }) {
  const failed = (code: string) =>
    verification.checks.some((c) => c.code === code && c.outcome === "fail");
  const status = failed("status.revoked")
    ? "revoked"
    : failed("status.suspended")
      ? "suspended"
      : undefined;
  if (!status) return null;
  const notice = verification.kind === "credential" ? verification.statusNotice : undefined;
  const w = describeWithdrawal(status, notice, v.locale);
  return (
    <p class="notice notice-warn" data-withdrawn={status} data-since={w.since?.iso}>
      <strong>{w.heading}</strong>
      {w.reason ? (
        <>
          <br />
          {w.reason}
        </>
      ) : null}
    </p>
  );
}

export function CredentialDetailPage(props: {
  v: View;
  row: StoredCredential;
  description: CredentialDescription;
  verification: Verification;
  image?: string | undefined;
  boundTo: "you" | "identifiers" | "someone-else" | "unknown";
  notice?: { kind: "ok" | "warn" | "error"; text: string } | undefined;
  /** The credential's permanent public page (none: never published). */
  publicPage?: { url: string; live: boolean } | undefined;
}) {
  const { v, row, description: d, verification } = props;
  const id = row.public_id;
  return (
    <Layout v={v} title={d.achievement.name} nav="credentials" notice={props.notice}>
      <p class="small">
        <a href="/credentials">← {v.t("wallet.detail.back")}</a>
      </p>
      <div class="card">
        <div class="hero">
          <Badge description={d} image={props.image} large />
          <div>
            <h1>{d.achievement.name}</h1>
            <p class="meta">{kindLine(d)}</p>
            <div class="row">
              <TrustChip v={v} description={d} />
            </div>
          </div>
        </div>
      </div>
      <VerdictBanner v={v} verification={verification} />
      {verification.kind === "credential" && verification.ob2 ? (
        <p
          class={`notice ${verification.ob2.assurance === "signed" ? "notice-ok" : "notice-warn"}`}
          data-ob2-assurance={verification.ob2.assurance}
        >
          {verification.ob2.assuranceText[v.locale]}
        </p>
      ) : null}
      <Withdrawal v={v} verification={verification} />
      {d.accreditation.status === "unknown" ? (
        <p class="notice notice-warn">{v.t("wallet.detail.unknown-issuer")}</p>
      ) : null}

      <section class="card" aria-labelledby="what">
        <h2 id="what">{v.t("wallet.detail.what")}</h2>
        {d.achievement.description ? <p>{d.achievement.description}</p> : null}
        <dl class="facts">
          <dt>{v.t("wallet.detail.kind")}</dt>
          <dd>{d.achievement.kindText}</dd>
          {d.achievement.code ? (
            <>
              <dt>{v.t("wallet.detail.code")}</dt>
              <dd>{d.achievement.code}</dd>
            </>
          ) : null}
          {d.level ? (
            <>
              <dt>{v.t("wallet.detail.level")}</dt>
              <dd>{d.level.text}</dd>
            </>
          ) : null}
          {d.standard && d.standard.code !== d.achievement.code ? (
            <>
              <dt>{v.t("wallet.detail.standard")}</dt>
              <dd>
                {d.standard.code}
                {d.standard.name ? ` — ${d.standard.name}` : ""}
              </dd>
            </>
          ) : null}
          {d.achievement.criteria ? (
            <>
              <dt>{v.t("wallet.detail.criteria")}</dt>
              <dd>{d.achievement.criteria}</dd>
            </>
          ) : null}
        </dl>
        {d.units.length > 0 ? (
          <>
            <h3 class="units-title">{v.t("wallet.detail.units", { count: d.units.length })}</h3>
            <ul class="units">
              {d.units.map((u) => (
                <li>
                  {u.code ? <span class="chip chip-muted">{u.code}</span> : null}
                  <span>{u.name}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <GenericClaims v={v} d={d} />
      </section>

      <section class="card" aria-labelledby="who">
        <h2 id="who">{v.t("wallet.detail.issuer")}</h2>
        <dl class="facts">
          <dt>{v.t("wallet.detail.issuer-name")}</dt>
          <dd>
            {d.issuer.url ? (
              <a href={d.issuer.url} rel="noopener noreferrer">
                {d.issuer.name}
              </a>
            ) : (
              d.issuer.name
            )}
          </dd>
          <dt>{v.t("wallet.detail.accredited-by")}</dt>
          <dd>
            {d.accreditation.status === "accredited" || d.accreditation.status === "authority"
              ? (d.accreditation.text ?? d.accreditation.chain.join(" → "))
              : d.accreditation.status === "unknown"
                ? v.t("wallet.detail.accredited-none")
                : v.t("wallet.detail.accredited-unchecked")}
          </dd>
        </dl>
        {d.issuer.id ? (
          // The issuer's identifier (a DID or a web address) is for whoever wants to look it
          // up, not a fact to read first: it stays folded.
          <details class="small">
            <summary>{v.t("wallet.detail.issuer-id")}</summary>
            <p>
              <code>{d.issuer.id}</code>
            </p>
          </details>
        ) : null}
      </section>

      <section class="card" aria-labelledby="dates">
        <h2 id="dates">{v.t("wallet.detail.dates")}</h2>
        <dl class="facts">
          <dt>{v.t("wallet.detail.valid-from")}</dt>
          <dd>{d.validFrom?.text ?? "—"}</dd>
          <dt>{v.t("wallet.detail.valid-until")}</dt>
          <dd>{d.validUntil?.text ?? v.t("wallet.detail.no-expiry")}</dd>
          <dt>{v.t("wallet.detail.added")}</dt>
          <dd>{formatDate(row.added_at, v.locale)}</dd>
          <dt>{v.t("wallet.detail.checked")}</dt>
          <dd>{formatDateTime(row.checked_at, v.locale)}</dd>
          <dt>{v.t("wallet.detail.holder")}</dt>
          <dd>{v.t(`wallet.detail.bound.${props.boundTo}`)}</dd>
        </dl>
      </section>

      <section class="card" aria-labelledby="share">
        <h2 id="share">{v.t("wallet.detail.use")}</h2>
        {keepOnly(row) ? (
          // An Open Badges 2.0 badge, or a credential Avala cannot check, is held and shown;
          // it is passed on only as a file.
          <>
            <p class="small muted" data-keep-only>
              {v.t(keptUnchecked(row) ? "wallet.generic.keep-only" : "wallet.detail.ob2-keep-only")}
            </p>
            <div class="actions">
              <a class="button secondary" href={`/credentials/${id}/download`} download>
                {v.t("wallet.detail.download")}
              </a>
            </div>
          </>
        ) : (
          <div class="actions">
            <a class="button" href={`/shares/new?c=${id}`}>
              {v.t("wallet.detail.share")}
            </a>
            <PostForm v={v} action={`/credentials/${id}/linkedin`}>
              <button type="submit" class="secondary block">
                {v.t("wallet.detail.linkedin")}
              </button>
            </PostForm>
            <a class="button secondary" href={`/credentials/${id}/download`} download>
              {v.t("wallet.detail.download")}
            </a>
            <a class="button secondary" href={`/credentials/${id}/certificate.pdf`} download>
              {v.t("wallet.detail.download-pdf")}
            </a>
            <a class="button secondary" href={`/present?c=${id}`}>
              {v.t("wallet.detail.present")}
            </a>
            {pushableForm(row) ? (
              // Open Badges 3.0 held as JSON; other credentials are not offered to other hosts.
              <a class="button secondary" href={`/credentials/${id}/send-ob3`}>
                {v.t("wallet.ob3.send.action")}
              </a>
            ) : null}
          </div>
        )}
      </section>

      {keepOnly(row) ? null : <PublicPageCard v={v} credentialId={id} page={props.publicPage} />}

      <details class="card">
        <summary>{v.t("wallet.detail.checks")}</summary>
        <ChecksList v={v} checks={verification.checks} />
      </details>

      <PostForm
        v={v}
        action={`/credentials/${id}/delete`}
        confirm={v.t("wallet.detail.delete.confirm")}
        class="noprint"
      >
        <button type="submit" class="danger">
          {v.t("wallet.detail.delete")}
        </button>
      </PostForm>
    </Layout>
  );
}
