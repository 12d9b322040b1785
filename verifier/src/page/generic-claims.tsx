import type { Check } from "@avala/credentials";
import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { CredentialDescription } from "../describe.js";
import { isGenericCredential } from "../generic/recognise.js";
import type { Verification } from "../verify.js";

/**
 * What a credential that is not an Open Badge says (`description.generic.claims`): labelled
 * lines, as many as the bounds let through, and how many more there are.
 */
export function GenericClaims(props: { d: CredentialDescription; locale: Locale }) {
  const generic = props.d.generic;
  if (!generic) return null;
  const { locale } = props;
  return (
    <section class="claims" aria-labelledby="claims-title" data-generic-claims>
      <h4 id="claims-title">{t("generic.claims.title", locale)}</h4>
      {generic.claims.length === 0 ? (
        <p class="hint">{t("generic.claims.none", locale)}</p>
      ) : (
        <dl class="claims-list">
          {generic.claims.map((line) => (
            <div class="row" data-claim={line.label}>
              <dt>{line.label}</dt>
              <dd>{line.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {generic.more > 0 ? (
        <p class="hint" data-claims-more={generic.more}>
          {t("generic.claims.more", locale, { count: generic.more })}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The banner's sentence for one credential that is not an Open Badge: "signature checked" when
 * its proof and issuer held, or that its format cannot be read; undefined otherwise (the
 * verdict's usual sentence then applies).
 */
export function genericDetail(result: Verification, state: string, locale: Locale) {
  if (result.kind !== "credential" || !result.document) return undefined;
  if (result.ob2 || !isGenericCredential(result.document)) return undefined;
  const passed = (id: Check["check"]) =>
    result.checks.some((c) => c.check === id && c.outcome === "pass");
  if (
    (state === "valid" || state === "valid-with-warnings") &&
    passed("proof") &&
    passed("issuer")
  ) {
    return t("generic.verdict.checked", locale);
  }
  const unreadable = result.checks.some(
    (c) => c.code === "generic.proof-not-checked" || c.code === "proof.unsupported",
  );
  return state === "unchecked" && unreadable ? t("generic.verdict.unreadable", locale) : undefined;
}
