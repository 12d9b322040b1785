import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { AskKind } from "../openid4vp-query.js";
import { askKinds } from "../openid4vp-query.js";
import type { RequestStatus } from "../openid4vp-store.js";
import type { Verification } from "../verify.js";
import type { PageAssets } from "./page.js";
import { ResultView, renderDocument, T } from "./page.js";

/** An organisation the employer can ask for certificates from: its name, and its DID. */
export interface IssuerChoice {
  id: string;
  name: string;
}

/** "Ask a candidate for a certificate": the form, the waiting request, or its answer. */
export type AskPageModel = {
  locale: Locale;
  assets: PageAssets;
  /** Switching language: the same page in the other language. */
  toggleHref: string;
} & (
  | {
      view: "form";
      error?: string;
      values?: { kind?: string; code?: string; issuer?: string };
      /** The issuers the trust registry names, to choose from (else the identifier is typed). */
      issuers?: IssuerChoice[];
    }
  | {
      view: "waiting";
      /** "You are asking for a unit of competence of the standard EC0217.01." */
      asked: string;
      /** `openid4vp://?…` */
      link: string;
      /** Avala's web wallet, with the same request, when the deployment names it. */
      webWalletLink?: string;
      /** The QR code of `link`, as a data: URL. */
      qr: string;
      pollUrl: string;
      /** This page again (the Refresh button, for browsers without the script). */
      selfHref: string;
      minutes: number;
    }
  | {
      view: "answer";
      asked: string;
      status: Exclude<RequestStatus, "pending">;
      result?: Verification;
      /** While the answer is being checked, the page keeps polling this. */
      pollUrl?: string;
    }
);

function AskForm(props: {
  locale: Locale;
  values?: { kind?: string; code?: string; issuer?: string } | undefined;
  issuers?: IssuerChoice[] | undefined;
}) {
  const { locale } = props;
  const values = props.values ?? {};
  const issuers = props.issuers ?? [];
  const listed = issuers.some((i) => i.id === values.issuer);
  const checked = (kind: AskKind) => (values.kind ?? "unit") === kind;
  return (
    <form class="method" method="post" action="/ask" id="ask-form">
      <input type="hidden" name="lang" value={locale} />
      <fieldset class="choices">
        <legend>
          <T k="openid4vp.ask.kind" locale={locale} />
        </legend>
        {askKinds.map((kind) => (
          <label class="choice">
            <input type="radio" name="kind" value={kind} checked={checked(kind)} />
            <span>{t(`openid4vp.ask.kind.${kind}`, locale)}</span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="code">
          <T k="openid4vp.ask.code" locale={locale} />
        </label>
        <input
          type="text"
          id="code"
          name="code"
          maxlength={40}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          placeholder="EC0217.01"
          value={values.code ?? ""}
        />
      </div>
      {issuers.length > 0 ? (
        <div class="field">
          <label for="issuer">
            <T k="openid4vp.ask.issuer.choose" locale={locale} />
          </label>
          <select id="issuer" name="issuer">
            <option value="">—</option>
            {issuers.map((issuer) => (
              <option value={issuer.id} selected={issuer.id === values.issuer}>
                {issuer.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <details class="field" open={issuers.length === 0 || (!!values.issuer && !listed)}>
        <summary>
          <T
            k={issuers.length > 0 ? "openid4vp.ask.issuer.other" : "openid4vp.ask.issuer"}
            locale={locale}
          />
        </summary>
        <p class="hint" id="issuer-hint">
          <T k="openid4vp.ask.issuer.hint" locale={locale} />
        </p>
        <input
          type="text"
          id="issuer-other"
          name="issuer-other"
          maxlength={400}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          placeholder="did:web:…"
          aria-label={t("openid4vp.ask.issuer", locale)}
          aria-describedby="issuer-hint"
          value={values.issuer && !listed ? values.issuer : ""}
        />
      </details>
      <button type="submit" class="button primary" id="ask-submit">
        <T k="openid4vp.ask.submit" locale={locale} />
      </button>
    </form>
  );
}

function Waiting(props: Extract<AskPageModel, { view: "waiting" }>) {
  const { locale } = props;
  return (
    <section class="method" id="request" data-poll={props.pollUrl}>
      <p class="asked">{props.asked}</p>
      <p>
        <T k="openid4vp.wait.scan" locale={locale} />
      </p>
      <img class="qr" id="request-qr" src={props.qr} alt={t("openid4vp.wait.qr-alt", locale)} />
      <div class="links">
        <a class="button primary" id="same-device" href={props.link}>
          <T k="openid4vp.wait.same-device" locale={locale} />
        </a>
        {props.webWalletLink ? (
          <a class="button" id="web-wallet" href={props.webWalletLink}>
            <T k="openid4vp.wait.web-wallet" locale={locale} />
          </a>
        ) : null}
      </div>
      <p>
        <T k="openid4vp.wait.link" locale={locale} />
      </p>
      <code class="request-link" id="request-link">
        {props.link}
      </code>
      <p class="waiting" role="status">
        <T k="openid4vp.wait.waiting" locale={locale} />
      </p>
      <p class="hint">
        <T k="openid4vp.wait.expires" locale={locale} params={{ minutes: props.minutes }} />
      </p>
      <a class="button" href={props.selfHref} id="refresh">
        <T k="openid4vp.wait.refresh" locale={locale} />
      </a>
    </section>
  );
}

/** "It is what you asked for" (or not), up front: the check the verifier added for the ask. */
function MatchLine(props: { result: Verification; locale: Locale }) {
  const check = props.result.checks.find(
    (c) => c.code === "openid4vp.matches" || c.code === "openid4vp.no-match",
  );
  if (!check) return null;
  return (
    <p class={`match match-${check.outcome}`} id="match" data-outcome={check.outcome}>
      {check.message[props.locale]}
    </p>
  );
}

function Answer(props: Extract<AskPageModel, { view: "answer" }>) {
  const { locale } = props;
  return (
    <>
      <h2 class="answer-title">
        <T k="openid4vp.result.title" locale={locale} />
      </h2>
      <p class="asked">{props.asked}</p>
      {props.status === "answered" && props.result ? (
        <>
          <MatchLine result={props.result} locale={locale} />
          <ResultView result={props.result} locale={locale} />
        </>
      ) : (
        <p
          class="error"
          role="status"
          id="answer-status"
          data-status={props.status}
          {...(props.pollUrl ? { "data-poll": props.pollUrl } : {})}
        >
          {props.status === "declined"
            ? t("openid4vp.result.declined", locale)
            : props.status === "checking"
              ? t("openid4vp.result.checking", locale)
              : t("openid4vp.result.expired", locale)}
        </p>
      )}
      <p>
        <a class="button" href={`/ask?lang=${locale}`} id="ask-again">
          <T k="openid4vp.result.again" locale={locale} />
        </a>
      </p>
    </>
  );
}

/** The ask page: server-rendered, escaped by JSX, in the verify page's frame plus its own style. */
export function renderAskPage(model: AskPageModel): string {
  const { locale } = model;
  return renderDocument({
    locale,
    title: t("openid4vp.ask.title", locale),
    style: model.assets.style,
    head: (
      <>
        <link rel="stylesheet" href={model.assets.askStyle} />
        {model.view === "answer" ? <script src={model.assets.script} defer /> : null}
        {model.view === "waiting" || (model.view === "answer" && model.pollUrl) ? (
          <script src={model.assets.askScript} defer />
        ) : null}
      </>
    ),
    toggle: { kind: "link", href: model.toggleHref },
    mainClass: model.view === "answer" ? "has-result" : undefined,
    children: (
      <>
        <h1>
          <T k="openid4vp.ask.title" locale={locale} />
        </h1>
        {model.view === "form" ? (
          <>
            <p class="intro">
              <T k="openid4vp.ask.intro" locale={locale} />
            </p>
            {model.error ? (
              <p class="error" role="alert" id="error">
                {model.error}
              </p>
            ) : null}
            <AskForm locale={locale} values={model.values} issuers={model.issuers} />
          </>
        ) : null}
        {model.view === "waiting" ? <Waiting {...model} /> : null}
        {model.view === "answer" ? <Answer {...model} /> : null}
        <p>
          <a href={`/?lang=${locale}`} id="back">
            <T k="openid4vp.ask.back" locale={locale} />
          </a>
        </p>
      </>
    ),
  });
}
