import type { MessageKey } from "@avala/i18n";
import type { Oid4vciProblem, ResolvedOffer } from "../services/openid4vci-client.js";
import { Layout, PostForm } from "./layout.js";
import type { View } from "./view.js";

/** The message that explains a problem, in the page's language. */
export const oid4vciProblemKey = (problem: Oid4vciProblem): MessageKey =>
  `wallet.oid4vci.problem.${problem}`;

/**
 * An OpenID4VCI offer, in plain words: who offers which certificate, from which site; the PIN
 * field when the offer asks for one; accept or not now.
 */
export function Oid4vciOfferPage({
  v,
  offer,
  link,
  problem,
}: {
  v: View;
  offer: ResolvedOffer;
  /** The offer link as given (posted back: the offer is read again when accepted). */
  link: string;
  /** A PIN the issuer did not take, or none typed. */
  problem?: Oid4vciProblem | undefined;
}) {
  const tx = offer.txCode;
  return (
    <Layout
      v={v}
      title={v.t("wallet.oid4vci.title")}
      nav="add"
      notice={problem ? { kind: "error", text: v.t(oid4vciProblemKey(problem)) } : undefined}
    >
      <div class="narrow card">
        <h1>{v.t("wallet.oid4vci.title")}</h1>
        <p class="muted" id="oid4vci-lead">
          {v.t("wallet.oid4vci.lead", { issuer: offer.issuerName })}
        </p>
        <dl class="facts">
          <dt>{v.t("wallet.oid4vci.credential")}</dt>
          <dd>
            <strong>{offer.credentialName ?? v.t("wallet.oid4vci.unnamed")}</strong>
          </dd>
          <dt>{v.t("wallet.oid4vci.issuer")}</dt>
          <dd>{offer.issuerName}</dd>
          <dt>{v.t("wallet.oid4vci.site")}</dt>
          <dd>
            <code>{new URL(offer.credentialIssuer).host}</code>
          </dd>
        </dl>
        <p class="small muted">{v.t("wallet.oid4vci.explain")}</p>
        <PostForm v={v} action="/openid4vci">
          <input type="hidden" name="offer" value={link} />
          {tx ? (
            <div class="field">
              <label for="pin">
                {v.t("wallet.oid4vci.pin.label")}
                <span class="hint">{v.t("wallet.oid4vci.pin.hint")}</span>
                {/* The issuer's own words (in the language it chose), quoted as they came. */}
                {tx.description ? <span class="hint">“{tx.description}”</span> : null}
                {tx.length ? (
                  <span class="hint">
                    {v.t("wallet.oid4vci.pin.digits", { length: tx.length })}
                  </span>
                ) : null}
              </label>
              <input
                type="text"
                id="pin"
                name="pin"
                required
                autocomplete="one-time-code"
                inputmode={tx.numeric ? "numeric" : "text"}
                pattern={tx.numeric ? "[0-9]*" : undefined}
                maxlength={tx.length ?? 64}
                aria-invalid={problem ? "true" : undefined}
              />
            </div>
          ) : null}
          <div class="row">
            <button type="submit">{v.t("wallet.oid4vci.accept")}</button>
            <a class="button secondary" href="/credentials">
              {v.t("wallet.oid4vci.cancel")}
            </a>
          </div>
        </PostForm>
      </div>
    </Layout>
  );
}

export function Oid4vciProblemPage({ v, problem }: { v: View; problem: Oid4vciProblem }) {
  return (
    <Layout v={v} title={v.t("wallet.oid4vci.problem.title")} nav="add">
      <div class="narrow card">
        <h1>{v.t("wallet.oid4vci.problem.title")}</h1>
        <p class="notice notice-error" role="alert" id="oid4vci-problem">
          {v.t(oid4vciProblemKey(problem))}
        </p>
        <div class="row">
          <a class="button" href="/credentials">
            {v.t("wallet.claim.problem.to-wallet")}
          </a>
          <a class="button secondary" href="/add">
            {v.t("wallet.claim.problem.other")}
          </a>
        </div>
      </div>
    </Layout>
  );
}
