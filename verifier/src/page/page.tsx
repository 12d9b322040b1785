import type { Check, Verdict } from "@avala/credentials";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { Child } from "hono/jsx";
import type { CredentialDescription } from "../describe.js";
import { describeCredential } from "../describe.js";
import type { CredentialVerification, Verification } from "../verify.js";

/** URLs of the page's own assets (with a content hash, so they can be cached for long). */
export interface PageAssets {
  script: string;
  style: string;
  jsqr: string;
}

export interface PageModel {
  locale: Locale;
  assets: PageAssets;
  result?: Verification;
  /** What the paste box holds: the pasted text, or the document that was verified. */
  pasted?: string;
  /** The link that was verified. */
  url?: string;
  /** A message for the person (e.g. "the file is too large"). */
  error?: string;
  /** After a POST, switching language re-submits the paste form; otherwise it is a link. */
  toggle: { kind: "link"; href: string } | { kind: "submit" };
}

const other = (locale: Locale): Locale => (locale === "es" ? "en" : "es");

function T(props: { k: MessageKey; locale: Locale; params?: MessageParams }) {
  return <>{t(props.k, props.locale, props.params)}</>;
}

const outcomeOrder: Record<Check["outcome"], number> = {
  fail: 0,
  "could-not-check": 1,
  warning: 2,
  pass: 3,
};

const marks: Record<Check["outcome"], string> = {
  pass: "✓",
  fail: "✗",
  warning: "!",
  "could-not-check": "?",
};

function ChecksList(props: { checks: Check[]; locale: Locale }) {
  const sorted = [...props.checks].sort(
    (a, b) => outcomeOrder[a.outcome] - outcomeOrder[b.outcome],
  );
  return (
    <ul class="checks">
      {sorted.map((check) => (
        <li
          class={`check outcome-${check.outcome}`}
          data-code={check.code}
          data-outcome={check.outcome}
        >
          <span class="mark" aria-hidden="true">
            {marks[check.outcome]}
          </span>
          <span class="outcome">{t(`verifier.outcome.${check.outcome}`, props.locale)}</span>
          <span class="message">{check.message[props.locale]}</span>
        </li>
      ))}
    </ul>
  );
}

function Row(props: { label: string; children: Child; name: string }) {
  return (
    <div class="row" data-field={props.name}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function Certificate(props: { d: CredentialDescription; locale: Locale }) {
  const { d, locale } = props;
  return (
    <dl class="certificate">
      <Row name="holder" label={t("verifier.field.holder", locale)}>
        <span class={d.holder.kind === "did" ? "did" : undefined}>{d.holder.text}</span>
      </Row>
      <Row name="kind" label={t("verifier.field.kind", locale)}>
        {d.achievement.kindText}
      </Row>
      {d.achievement.code ? (
        <Row name="code" label={t("verifier.field.code", locale)}>
          {d.achievement.code}
        </Row>
      ) : null}
      {d.level ? (
        <Row name="level" label={t("verifier.field.level", locale)}>
          {d.level.text}
        </Row>
      ) : null}
      {d.standard && d.standard.code !== d.achievement.code ? (
        <Row name="standard" label={t("verifier.field.standard", locale)}>
          {d.standard.code}
          {d.standard.name ? ` · ${d.standard.name}` : ""}
        </Row>
      ) : null}
      {d.units.length > 0 ? (
        <Row name="units" label={t("verifier.field.units", locale)}>
          <ul class="units">
            {d.units.map((u) => (
              <li>
                {u.code ? <span class="code">{u.code}</span> : null} {u.name}
              </li>
            ))}
          </ul>
        </Row>
      ) : null}
      <Row name="issuer" label={t("verifier.field.issuer", locale)}>
        {d.issuer.name}
        {d.issuer.id ? <span class="did">{d.issuer.id}</span> : null}
      </Row>
      {d.accreditation.status !== "unverified" ? (
        <Row name="accreditation" label={t("verifier.field.accreditation", locale)}>
          {d.accreditation.status === "accredited" || d.accreditation.status === "authority"
            ? d.accreditation.text
            : t("verifier.accreditation.none", locale)}
        </Row>
      ) : null}
      {d.validFrom ? (
        <Row name="valid-from" label={t("verifier.field.valid-from", locale)}>
          <time datetime={d.validFrom.iso}>{d.validFrom.text}</time>
        </Row>
      ) : null}
      {d.validUntil ? (
        <Row name="valid-until" label={t("verifier.field.valid-until", locale)}>
          <time datetime={d.validUntil.iso}>{d.validUntil.text}</time>
        </Row>
      ) : null}
    </dl>
  );
}

/**
 * What the banner says: the verdict, or `unchecked` for a document that is not valid only
 * because something could not be checked (a suite or key Avala cannot use, a key or list that
 * could not be fetched) while nothing failed: that is not a forgery, and must not read as one.
 */
export type BannerState = Verdict | "unchecked";

export function bannerState(verdict: Verdict, checks: readonly Check[]): BannerState {
  if (verdict !== "invalid" || checks.some((c) => c.outcome === "fail")) return verdict;
  return checks.some((c) => c.outcome === "could-not-check") ? "unchecked" : verdict;
}

const bannerIcons: Record<BannerState, string> = {
  valid: "✓",
  "valid-with-warnings": "!",
  invalid: "✗",
  unchecked: "?",
};

function Banner(props: { state: BannerState; locale: Locale; level: 2 | 3 }) {
  const { state, locale } = props;
  const heading = t(`verifier.verdict.${state}`, locale);
  return (
    <div class={`banner banner-${state}`} data-banner={state}>
      <span class="icon" aria-hidden="true">
        {bannerIcons[state]}
      </span>
      <div>
        {props.level === 2 ? <h2 id="verdict">{heading}</h2> : <h4>{heading}</h4>}
        <p>{t(`verifier.verdict.${state}.detail`, locale)}</p>
      </div>
    </div>
  );
}

/**
 * Every check of a verification: a presentation's own and its credentials' (not the summary
 * `presentation.credential-invalid`, which only repeats what the credentials say).
 */
function allChecks(result: Verification): Check[] {
  if (result.kind !== "presentation") return result.checks;
  return [
    ...result.checks.filter((c) => c.code !== "presentation.credential-invalid"),
    ...result.credentials.flatMap((c) => c.checks),
  ];
}

function CredentialCard(props: {
  credential: CredentialVerification;
  locale: Locale;
  index?: number;
}) {
  const { credential, locale } = props;
  const d = credential.document
    ? describeCredential(credential.document, locale, credential.trust)
    : undefined;
  return (
    <article class={`credential verdict-${credential.verdict}`} data-verdict={credential.verdict}>
      {props.index !== undefined ? (
        <>
          <p class="eyebrow">
            <T
              k="verifier.credential.number"
              locale={locale}
              params={{ number: props.index + 1 }}
            />
          </p>
          <Banner
            state={bannerState(credential.verdict, credential.checks)}
            locale={locale}
            level={3}
          />
        </>
      ) : null}
      {d ? (
        <>
          <h3 class="achievement">{d.achievement.name}</h3>
          {d.achievement.description ? (
            <p class="description">{d.achievement.description}</p>
          ) : null}
          <Certificate d={d} locale={locale} />
        </>
      ) : null}
      <h4 class="checks-title">
        <T k="verifier.checks.title" locale={locale} />
      </h4>
      <ChecksList checks={credential.checks} locale={locale} />
    </article>
  );
}

export function ResultView(props: { result: Verification; locale: Locale; url?: string }) {
  const { result, locale } = props;
  const state = bannerState(result.verdict, allChecks(result));
  return (
    <section
      id="result"
      class={`result verdict-${result.verdict}${state === "unchecked" ? " state-unchecked" : ""}`}
      data-verdict={result.verdict}
      aria-labelledby="verdict"
      aria-live="polite"
    >
      <Banner state={state} locale={locale} level={2} />
      {props.url ? (
        <p class="source">
          <T k="verifier.result.from-link" locale={locale} params={{ url: props.url }} />
        </p>
      ) : null}
      {result.kind === "credential" ? <CredentialCard credential={result} locale={locale} /> : null}
      {result.kind === "presentation" ? (
        <>
          <p class="summary">
            <T
              k="verifier.presentation.summary"
              locale={locale}
              params={{ count: result.credentials.length }}
            />
          </p>
          <ChecksList checks={result.checks} locale={locale} />
          {result.credentials.map((credential, index) => (
            <CredentialCard credential={credential} locale={locale} index={index} />
          ))}
        </>
      ) : null}
      {result.kind === "unknown" ? <ChecksList checks={result.checks} locale={locale} /> : null}
    </section>
  );
}

function Methods(props: { model: PageModel }) {
  const { locale, pasted, url } = props.model;
  const scanMessages = {
    "data-looking": t("verifier.scan.looking", locale),
    "data-found": t("verifier.scan.found", locale),
    "data-unavailable": t("verifier.scan.unavailable", locale),
    "data-unrecognised": t("verifier.scan.unrecognised", locale),
  };
  return (
    <section class="methods" aria-labelledby="methods-title">
      <h2 id="methods-title">
        {props.model.result
          ? t("verifier.methods.title", locale)
          : t("verifier.methods.first", locale)}
      </h2>
      <div
        id="scan"
        class="method"
        hidden
        data-lang={locale}
        data-jsqr={props.model.assets.jsqr}
        {...scanMessages}
      >
        <h3>
          <T k="verifier.scan.title" locale={locale} />
        </h3>
        <button type="button" id="scan-start" class="button primary">
          <T k="verifier.scan.start" locale={locale} />
        </button>
        <button type="button" id="scan-stop" class="button" hidden>
          <T k="verifier.scan.stop" locale={locale} />
        </button>
        <video id="scan-video" playsinline muted hidden />
        <canvas id="scan-canvas" hidden />
        <p id="scan-status" class="hint" role="status" />
      </div>
      <noscript>
        <p class="hint">
          <T k="verifier.noscript" locale={locale} />
        </p>
      </noscript>
      <form class="method" method="get" action="/" id="url-form">
        <h3>
          <label for="url">
            <T k="verifier.url.title" locale={locale} />
          </label>
        </h3>
        <p class="hint" id="url-hint">
          <T k="verifier.url.hint" locale={locale} />
        </p>
        <input
          type="url"
          id="url"
          name="url"
          inputmode="url"
          autocomplete="off"
          placeholder="https://…"
          required
          aria-describedby="url-hint"
          value={url ?? ""}
        />
        <input type="hidden" name="lang" value={locale} />
        <button type="submit" class="button">
          <T k="verifier.submit" locale={locale} />
        </button>
      </form>
      <form class="method" method="post" action="/" enctype="multipart/form-data" id="file-form">
        <h3>
          <label for="file">
            <T k="verifier.file.title" locale={locale} />
          </label>
        </h3>
        <p class="hint" id="file-hint">
          <T k="verifier.file.hint" locale={locale} />
        </p>
        <input
          type="file"
          id="file"
          name="file"
          required
          aria-describedby="file-hint"
          accept=".json,.jsonld,.jwt,.png,.svg,application/json,application/ld+json,application/vc+jwt,image/png,image/svg+xml"
        />
        <button type="submit" class="button" name="lang" value={locale} id="file-submit">
          <T k="verifier.submit" locale={locale} />
        </button>
      </form>
      <form class="method" method="post" action="/" id="paste-form">
        <h3>
          <label for="document">
            <T k="verifier.paste.title" locale={locale} />
          </label>
        </h3>
        <p class="hint" id="document-hint">
          <T k="verifier.paste.hint" locale={locale} />
        </p>
        <textarea
          id="document"
          name="document"
          rows={6}
          spellcheck={false}
          autocomplete="off"
          autocapitalize="off"
          required
          aria-describedby="document-hint"
        >
          {pasted ?? ""}
        </textarea>
        <button type="submit" class="button" name="lang" value={locale} id="paste-submit">
          <T k="verifier.submit" locale={locale} />
        </button>
      </form>
    </section>
  );
}

function LanguageToggle(props: { model: PageModel }) {
  const target = other(props.model.locale);
  const label = t("verifier.language.switch", props.model.locale);
  const aria = `${t("verifier.language.label", target)}: ${label}`;
  if (props.model.toggle.kind === "submit") {
    return (
      <button
        type="submit"
        form="paste-form"
        name="lang"
        value={target}
        formnovalidate
        class="lang-toggle"
        id="lang-toggle"
        lang={target}
        aria-label={aria}
      >
        {label}
      </button>
    );
  }
  return (
    <a
      href={props.model.toggle.href}
      class="lang-toggle"
      id="lang-toggle"
      hreflang={target}
      lang={target}
      aria-label={aria}
    >
      {label}
    </a>
  );
}

/** The whole verify page: server-rendered, escaped by JSX, one script and one stylesheet. */
export function renderPage(model: PageModel): string {
  const { locale } = model;
  const page = (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${t("verifier.page.title", locale)} · Avala`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={model.assets.style} />
        <script src={model.assets.script} defer />
      </head>
      <body>
        <header class="top">
          <p class="brand">Avala</p>
          <LanguageToggle model={model} />
        </header>
        <main>
          <h1>
            <T k="verifier.page.title" locale={locale} />
          </h1>
          <p class="intro">
            <T k="verifier.page.intro" locale={locale} />
          </p>
          {model.error ? (
            <p class="error" role="alert" id="error">
              {model.error}
            </p>
          ) : null}
          {model.result ? (
            <ResultView
              result={model.result}
              locale={locale}
              {...(model.url ? { url: model.url } : {})}
            />
          ) : null}
          <Methods model={model} />
        </main>
        <footer>
          <p>
            <T k="verifier.page.privacy" locale={locale} />
          </p>
        </footer>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}
