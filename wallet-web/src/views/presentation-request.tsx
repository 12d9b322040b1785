import type { MessageKey } from "@avala/i18n";
import { describeCredential } from "@avala/verifier";
import type { DcqlCredentialQuery } from "../services/dcql.js";
import { documentOf } from "../services/holding.js";
import type { AnswerResult, ConsentModel, RequestRefusal } from "../services/openid4vp-wallet.js";
import { kindLine } from "./components.js";
import { Layout, PostForm } from "./layout.js";
import type { View } from "./view.js";

/** Avala's OB `achievementType`s in plain words; other values are not named. */
const kindWords: Record<string, MessageKey> = {
  Competency: "wallet.openid4vp.ask.kind.unit",
  MicroCredential: "wallet.openid4vp.ask.kind.microcredential",
  Certification: "wallet.openid4vp.ask.kind.qualification",
};

const last = (path: Array<string | number | null>) =>
  [...path].reverse().find((p): p is string => typeof p === "string") ?? "";

/**
 * What a credential query asks for, in plain words: "una unidad de competencia · del estándar
 * EC0217.01". Claims Avala knows (kind, standard, code, issuer) are named; any other is named by
 * the last word of its path. `issuerNames`: names of issuers the holder holds credentials from.
 */
export function askedFor(
  v: View,
  query: DcqlCredentialQuery,
  issuerNames: Map<string, string>,
): string {
  let kind = v.t("wallet.openid4vp.ask.any");
  const parts: string[] = [];
  for (const claim of query.claims ?? []) {
    const path = claim.path.join(".");
    const values = (claim.values ?? []).map(String);
    const first = values[0];
    if (path === "credentialSubject.achievement.achievementType" && first && kindWords[first]) {
      kind = v.t(kindWords[first]);
    } else if (path.endsWith("alignment..targetCode") && first) {
      parts.push(v.t("wallet.openid4vp.ask.standard", { code: values.join(", ") }));
    } else if (path === "credentialSubject.achievement.humanCode" && first) {
      parts.push(v.t("wallet.openid4vp.ask.code", { code: values.join(", ") }));
    } else if ((path === "issuer.id" || path === "issuer") && first) {
      const names = values.map((id) => issuerNames.get(id)).filter(Boolean);
      parts.push(
        names.length > 0
          ? v.t("wallet.openid4vp.ask.issuer", { name: names.join(", ") })
          : v.t("wallet.openid4vp.ask.issuer.other"),
      );
    } else if (last(claim.path)) {
      parts.push(v.t("wallet.openid4vp.ask.other", { field: last(claim.path) }));
    }
  }
  return parts.length > 0 ? `${kind} ${parts.join(", ")}` : kind;
}

export function ConsentPage({
  v,
  model,
  error,
}: {
  v: View;
  model: ConsentModel;
  error?: MessageKey | undefined;
}) {
  const issuerNames = new Map<string, string>();
  const described = new Map(
    model.queries.flatMap((q) =>
      q.matches.map((row) => {
        const description = describeCredential(documentOf(row), v.locale);
        if (description.issuer.id) issuerNames.set(description.issuer.id, description.issuer.name);
        return [row.public_id, description] as const;
      }),
    ),
  );
  const optional = new Set(
    model.request.query.credentialSets
      ? model.request.query.credentials
          .map((c) => c.id)
          .filter(
            (id) =>
              !model.request.query.credentialSets!.some(
                (set) => set.required && set.options.every((option) => option.includes(id)),
              ),
          )
      : [],
  );
  const base = `/openid4vp/requests/${model.row.public_id}`;
  return (
    <Layout
      v={v}
      title={v.t("wallet.openid4vp.title")}
      nav="shares"
      notice={error ? { kind: "error", text: v.t(error, { site: model.site }) } : undefined}
    >
      <div class="narrow">
        <h1>{v.t("wallet.openid4vp.title")}</h1>
        <p>
          <strong>{v.t("wallet.openid4vp.who", { site: model.site })}</strong>
        </p>
        <p class="muted small">{v.t("wallet.openid4vp.who.note")}</p>
        {model.answerable ? (
          <PostForm v={v} action={`${base}/answer`} class="card" id="consent">
            {model.queries.map(({ query, matches }) => (
              <fieldset>
                <legend>
                  {askedFor(v, query, issuerNames)}
                  {optional.has(query.id) ? ` ${v.t("wallet.openid4vp.ask.optional")}` : ""}
                </legend>
                {query.multiple ? <p class="hint">{v.t("wallet.openid4vp.ask.several")}</p> : null}
                {matches.length === 0 ? (
                  <p class="muted small">{v.t("wallet.openid4vp.none.one")}</p>
                ) : (
                  matches.map((row, index) => {
                    const d = described.get(row.public_id)!;
                    return (
                      <label class="check">
                        <input
                          type={query.multiple ? "checkbox" : "radio"}
                          name={`q.${query.id}`}
                          value={row.public_id}
                          checked={!optional.has(query.id) && index === 0}
                        />
                        <span>
                          {d.achievement.name}
                          <span class="hint">
                            {kindLine(d)} · {d.issuer.name}
                          </span>
                        </span>
                      </label>
                    );
                  })
                )}
              </fieldset>
            ))}
            <p class="muted small">{v.t("wallet.openid4vp.whole", { site: model.site })}</p>
            <button type="submit" class="block">
              {v.t("wallet.openid4vp.consent")}
            </button>
          </PostForm>
        ) : (
          <div class="card">
            <p>{v.t("wallet.openid4vp.none")}</p>
            <ul>
              {model.queries.map(({ query }) => (
                <li>{askedFor(v, query, issuerNames)}</li>
              ))}
            </ul>
          </div>
        )}
        <PostForm v={v} action={`${base}/decline`}>
          <button type="submit" class="secondary block">
            {v.t("wallet.openid4vp.decline")}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}

const refusalKeys: Record<RequestRefusal, MessageKey> = {
  malformed: "wallet.openid4vp.refusal.malformed",
  "too-large": "wallet.openid4vp.refusal.too-large",
  unreachable: "wallet.openid4vp.refusal.unreachable",
  "response-mode": "wallet.openid4vp.refusal.response-mode",
  client: "wallet.openid4vp.refusal.client",
  "client-mismatch": "wallet.openid4vp.refusal.client-mismatch",
  insecure: "wallet.openid4vp.refusal.insecure",
  format: "wallet.openid4vp.refusal.format",
  expired: "wallet.openid4vp.refusal.expired",
  answered: "wallet.openid4vp.refusal.answered",
};

export function RequestRefusedPage({
  v,
  refusal,
  message,
  site,
}: {
  v: View;
  refusal: RequestRefusal;
  /** Another sentence than the refusal's (with `site`). */
  message?: MessageKey;
  site?: string;
}) {
  return (
    <Layout v={v} title={v.t("wallet.openid4vp.refused.title")} nav="shares">
      <div class="narrow card">
        <h1>{v.t("wallet.openid4vp.refused.title")}</h1>
        <p>{v.t(message ?? refusalKeys[refusal], { site: site ?? "" })}</p>
        {message ? null : <p class="muted small">{v.t("wallet.openid4vp.refused.nothing-sent")}</p>}
        <p>
          <a href="/credentials">{v.t("wallet.openid4vp.back")}</a>
        </p>
      </div>
    </Layout>
  );
}

export function AnsweredPage({
  v,
  kind,
  site,
  result,
}: {
  v: View;
  kind: "sent" | "declined";
  site: string;
  result: Extract<AnswerResult, { ok: true }>;
}) {
  const title = v.t(
    kind === "sent" ? "wallet.openid4vp.sent.title" : "wallet.openid4vp.declined.title",
  );
  return (
    <Layout v={v} title={title} nav="shares">
      <div class="narrow card">
        <h1>{title}</h1>
        <p>
          {v.t(kind === "sent" ? "wallet.openid4vp.sent.text" : "wallet.openid4vp.declined.text", {
            site,
          })}
        </p>
        {result.redirectUri ? (
          <p>
            <a href={result.redirectUri} class="button" rel="noreferrer">
              {v.t("wallet.openid4vp.continue", { site: new URL(result.redirectUri).host })}
            </a>
          </p>
        ) : null}
        <p>
          <a href="/credentials">{v.t("wallet.openid4vp.back")}</a>
        </p>
      </div>
    </Layout>
  );
}
