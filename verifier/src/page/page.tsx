import type { Check, Verdict } from "@avala/credentials";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { Child } from "hono/jsx";
import type { CredentialDescription } from "../describe.js";
import { describeCredential, describeWithdrawal } from "../describe.js";
import { standardVersionFacts } from "../standard-version.js";
import type { StatusNotice } from "../status-notice.js";
import type { CredentialVerification, Verification } from "../verify.js";
import { GenericClaims, genericDetail } from "./generic-claims.js";

/** URLs of the page's own assets (with a content hash, so they can be cached for long). */
export interface PageAssets {
  script: string;
  style: string;
  jsqr: string;
  /** The ask page's own script (polling) and styles (page/ask-page.tsx). */
  askScript: string;
  askStyle: string;
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

/** A message of the catalogue as JSX text (escaped). */
export function T(props: { k: MessageKey; locale: Locale; params?: MessageParams }) {
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

/**
 * The person: "Issued to María José Núñez, as recorded by the issuer" when the credential
 * carries the name, then how the person is identified; without a name, only that.
 */
function Holder(props: { d: CredentialDescription; locale: Locale }) {
  const { d, locale } = props;
  if (!d.holder.name) return <>{d.holder.text}</>;
  const mark = "\u0000";
  const [before = "", after = ""] = t("verifier.holder.named", locale, { name: mark }).split(mark);
  return (
    <>
      <span class="holder-name">
        {before}
        <strong>{d.holder.name}</strong>
        {after}
      </span>
      <span class="holder-id">{d.holder.text}</span>
    </>
  );
}

/**
 * The standard's code; a link to its public record (CONOCER's register, say) when the credential
 * names one: the code itself is the link, so the facts keep their place on a phone's first screen.
 */
function StandardCode(props: { standard: { code: string; url?: string }; locale: Locale }) {
  const { code, url } = props.standard;
  if (!url) return <span class="code nowrap">{code}</span>;
  return (
    <a
      class="code nowrap record"
      href={url}
      rel="noopener noreferrer nofollow"
      target="_blank"
      title={t("verifier.standard.record", props.locale)}
      aria-label={`${code}: ${t("verifier.standard.record", props.locale)}`}
    >
      {code}
    </a>
  );
}

/** The facts a reader wants first: whose it is, what it is, who stands behind it, when. */
function Certificate(props: { d: CredentialDescription; locale: Locale }) {
  const { d, locale } = props;
  // A qualification is the certification of its own standard: one row says both.
  const ownStandard = d.standard !== undefined && d.standard.code === d.achievement.code;
  return (
    <dl class="certificate">
      <Row name="holder" label={t("verifier.field.holder", locale)}>
        <Holder d={d} locale={locale} />
      </Row>
      <Row name="kind" label={t("verifier.field.kind", locale)}>
        {d.achievement.kindText}
        {ownStandard && d.standard ? (
          <>
            {" · "}
            <StandardCode standard={d.standard} locale={locale} />
          </>
        ) : null}
      </Row>
      {ownStandard ? null : d.standard ? (
        <Row name="standard" label={t("verifier.field.standard", locale)}>
          <StandardCode standard={d.standard} locale={locale} />
          {d.standard.name && d.standard.code !== d.achievement.code ? ` · ${d.standard.name}` : ""}
        </Row>
      ) : d.achievement.code ? (
        <Row name="code" label={t("verifier.field.code", locale)}>
          {d.achievement.code}
        </Row>
      ) : null}
      <Row name="issuer" label={t("verifier.field.issuer", locale)}>
        {d.issuer.name}
      </Row>
      {d.accreditation.status !== "unverified" ? (
        <Row name="accreditation" label={t("verifier.field.accreditation", locale)}>
          {d.accreditation.status === "accredited" || d.accreditation.status === "authority"
            ? d.accreditation.text
            : t("verifier.accreditation.none", locale)}
        </Row>
      ) : null}
      {d.validFrom || d.validUntil ? (
        <Row name="dates" label={t("verifier.field.dates", locale)}>
          {d.validFrom ? (
            <span data-field="valid-from">
              {t("verifier.field.valid-from", locale)}{" "}
              <time datetime={d.validFrom.iso}>{d.validFrom.text}</time>
            </span>
          ) : null}
          {d.validUntil ? (
            <span data-field="valid-until">
              {t("verifier.field.valid-until", locale)}{" "}
              <time datetime={d.validUntil.iso}>{d.validUntil.text}</time>
            </span>
          ) : null}
        </Row>
      ) : null}
      {d.level ? (
        <Row name="level" label={t("verifier.field.level", locale)}>
          {d.level.text}
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
    </dl>
  );
}

/** Raw identifiers and the list of checks, folded away under "Technical details". */
function TechnicalDetails(props: {
  locale: Locale;
  checks: Check[];
  d?: CredentialDescription;
  url?: string;
  summary?: string;
  /** The bundle's own details get their own title, apart from each certificate's. */
  bundle?: boolean;
}) {
  const { locale, d } = props;
  return (
    <details class="technical">
      <summary>
        <T
          k={props.bundle ? "verifier.technical.bundle-title" : "verifier.technical.title"}
          locale={locale}
        />
      </summary>
      {props.summary ? <p class="summary">{props.summary}</p> : null}
      {props.url ? (
        <p class="source">
          <T k="verifier.result.from-link" locale={locale} params={{ url: props.url }} />
        </p>
      ) : null}
      {d?.issuer.id || d?.holder.kind === "did" ? (
        <dl class="identifiers">
          {d.issuer.id ? (
            <Row name="issuer-id" label={t("verifier.technical.issuer-id", locale)}>
              <span class="did">{d.issuer.id}</span>
            </Row>
          ) : null}
          {d.holder.kind === "did" ? (
            <Row name="holder-id" label={t("verifier.technical.holder-id", locale)}>
              <span class="did">{d.holder.id}</span>
            </Row>
          ) : null}
        </dl>
      ) : null}
      <h4 class="checks-title">
        <T k="verifier.checks.title" locale={locale} />
      </h4>
      <ChecksList checks={props.checks} locale={locale} />
    </details>
  );
}

/**
 * What the banner says: the verdict, or `unchecked` for a document that is not valid only
 * because something could not be checked (a suite or key Avala cannot use, a key or list that
 * could not be fetched) while nothing failed: that is not a forgery, and must not read as one.
 */
export type BannerState = Verdict | "unchecked" | "revoked" | "suspended";

const statusFailures = new Set([
  "status.revoked",
  "status.suspended",
  "ob2.revoked",
  "ob2.revoked-because",
]);

/**
 * Revoked or suspended: the only failures are the status list's, and everything else was
 * checked (so the document is the issuer's, withdrawn by it, not a forgery).
 */
function withdrawal(checks: readonly Check[]): "revoked" | "suspended" | undefined {
  const failures = checks.filter(
    (c) => c.outcome === "fail" && c.code !== "presentation.credential-invalid",
  );
  if (failures.length === 0 || !failures.every((c) => statusFailures.has(c.code))) return;
  if (checks.some((c) => c.outcome === "could-not-check")) return;
  return failures.some((c) => c.code !== "status.suspended") ? "revoked" : "suspended";
}

export function bannerState(verdict: Verdict, checks: readonly Check[]): BannerState {
  if (verdict !== "invalid") return verdict;
  const withdrawn = withdrawal(checks);
  if (withdrawn) return withdrawn;
  if (checks.some((c) => c.outcome === "fail")) return verdict;
  return checks.some((c) => c.outcome === "could-not-check") ? "unchecked" : verdict;
}

/** A PDF whose printed text contradicts its credential (or cannot be read): said up front. */
function printedMismatch(checks: readonly Check[], locale: Locale): string[] {
  return checks
    .filter((c) => c.outcome !== "pass" && c.code.startsWith("pdf.printed-"))
    .map((c) => c.message[locale]);
}

/** A status list that did not answer (offline, say, with a printed QR): said up front too. */
function statusNotReached(checks: readonly Check[], locale: Locale): string[] {
  return checks.some((c) => c.code === "status.unavailable")
    ? [t("verifier.status.not-reached", locale)]
    : [];
}

const bannerIcons: Record<BannerState, string> = {
  valid: "✓",
  "valid-with-warnings": "!",
  invalid: "✗",
  unchecked: "?",
  revoked: "⊘",
  suspended: "‖",
};

/**
 * The verdict. Revoked or suspended: "Revoked by the issuer on 12 March 2027" and the reason,
 * when the issuer published them (its notice, `statusNotice`); the signed status list alone
 * decides the state.
 */
function Banner(props: {
  state: BannerState;
  locale: Locale;
  level: 2 | 3;
  checks: readonly Check[];
  notice?: StatusNotice | undefined;
  /** Said instead of the verdict's usual detail (an Open Badges 2.0 badge's assurance). */
  detail?: string | undefined;
}) {
  const { state, locale } = props;
  const withdrawn =
    state === "revoked" || state === "suspended"
      ? describeWithdrawal(state, props.notice, locale)
      : undefined;
  const facts = withdrawn
    ? withdrawn.reason
      ? [withdrawn.reason]
      : []
    : [
        ...printedMismatch(props.checks, locale),
        ...statusNotReached(props.checks, locale),
        ...standardVersionFacts(props.checks, locale),
      ];
  const heading = withdrawn?.heading ?? t(`verifier.verdict.${state}`, locale);
  const since = withdrawn?.since ? { "data-since": withdrawn.since.iso } : {};
  return (
    <div class={`banner banner-${state}`} data-banner={state} {...since}>
      <span class="icon" aria-hidden="true">
        {bannerIcons[state]}
      </span>
      <div>
        {props.level === 2 ? <h2 id="verdict">{heading}</h2> : <h4>{heading}</h4>}
        <p>{props.detail ?? t(`verifier.verdict.${state}.detail`, locale)}</p>
        {facts.map((fact) => (
          <p class="withdrawn-fact">{fact}</p>
        ))}
      </div>
    </div>
  );
}

/** The notice of the first credential withdrawn in the way the banner says, if any. */
function noticeFor(result: Verification, state: BannerState): StatusNotice | undefined {
  if (state !== "revoked" && state !== "suspended") return undefined;
  const code = `status.${state}`;
  const credentials =
    result.kind === "credential"
      ? [result]
      : result.kind === "presentation"
        ? result.credentials
        : [];
  return credentials.find((c) => c.statusNotice && c.checks.some((k) => k.code === code))
    ?.statusNotice;
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

/**
 * Whether the signature and its binding to the issuer held: only then do the hashes in the
 * credential say anything about the person (a forger can put anyone's there).
 */
function signatureHolds(checks: readonly Check[]): boolean {
  const passed = (id: Check["check"]) => checks.some((c) => c.check === id && c.outcome === "pass");
  return passed("proof") && passed("issuer");
}

/** A hashed CURP or e-mail of the credential (OB 3.0 IdentityObject), for the page's script. */
interface HashedIdentity {
  kind: "curp" | "email";
  /** Lower-case hex SHA-256 of the normalised value followed by the salt. */
  hash: string;
  salt: string;
}

const identityKinds: Record<string, HashedIdentity["kind"]> = {
  nationalIdentityNumber: "curp",
  emailAddress: "email",
};

/** The credential's salted SHA-256 CURPs and e-mails (others cannot be checked here). */
function hashedIdentities(document: unknown): HashedIdentity[] {
  // An Open Badges 2.0 badge: its `recipient`, when it is a salted SHA-256 of an e-mail.
  const recipient = (document as { recipient?: unknown } | undefined)?.recipient as
    | Record<string, unknown>
    | undefined;
  if (recipient && typeof recipient === "object" && !Array.isArray(recipient)) {
    const match = /^sha256\$([0-9a-fA-F]{64})$/.exec(String(recipient.identity ?? ""));
    const salt = recipient.salt ?? "";
    const email = recipient.type === undefined || recipient.type === "email";
    if (!match || !email || recipient.hashed !== true || typeof salt !== "string") return [];
    return salt.length > 256 ? [] : [{ kind: "email", hash: match[1]!.toLowerCase(), salt }];
  }
  const subject = (document as { credentialSubject?: unknown } | undefined)?.credentialSubject;
  const first = Array.isArray(subject) ? subject[0] : subject;
  const entries = (first as { identifier?: unknown } | undefined)?.identifier;
  const out: HashedIdentity[] = [];
  for (const entry of Array.isArray(entries) ? entries.slice(0, 10) : [entries]) {
    if (!entry || typeof entry !== "object") continue;
    const e = entry as Record<string, unknown>;
    const kind = identityKinds[String(e.identityType)];
    const hash = typeof e.identityHash === "string" ? e.identityHash : "";
    const match = /^sha256\$([0-9a-fA-F]{64})$/.exec(hash);
    const salt = e.salt === undefined ? "" : e.salt;
    if (!kind || !match || e.hashed === false || typeof salt !== "string" || salt.length > 256) {
      continue;
    }
    out.push({ kind, hash: match[1]!.toLowerCase(), salt });
  }
  return out;
}

/**
 * "Check the CURP or e-mail the candidate gave you": compared in the browser (verify.js, with
 * WebCrypto) against the credential's salted hashes; nothing typed is sent. Hidden until the
 * script shows it; without any CURP or e-mail in the credential, a plain note instead.
 */
function IdentityCheck(props: { document: unknown; locale: Locale; id: string }) {
  const { locale, id } = props;
  const identities = hashedIdentities(props.document);
  const messages = {
    "data-match-curp": t("verifier.identity.match.curp", locale),
    "data-match-email": t("verifier.identity.match.email", locale),
    "data-no-match-curp": t("verifier.identity.no-match.curp", locale),
    "data-no-match-email": t("verifier.identity.no-match.email", locale),
    "data-none-curp": t("verifier.identity.none.curp", locale),
    "data-none-email": t("verifier.identity.none.email", locale),
    "data-unrecognised": t("verifier.identity.unrecognised", locale),
  };
  return (
    <section class="identity" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        <T k="verifier.identity.title" locale={locale} />
      </h4>
      {identities.length === 0 ? (
        <p class="hint" data-identity-none>
          <T k="verifier.identity.none" locale={locale} />
        </p>
      ) : (
        <>
          <form
            class="identity-check"
            data-identity-check
            data-identities={JSON.stringify(identities)}
            {...messages}
            hidden
          >
            <p class="hint" id={`${id}-hint`}>
              <T k="verifier.identity.hint" locale={locale} />
            </p>
            <label for={`${id}-input`}>
              <T k="verifier.identity.label" locale={locale} />
            </label>
            <div class="identity-row">
              <input
                type="text"
                id={`${id}-input`}
                autocomplete="off"
                autocapitalize="off"
                spellcheck={false}
                maxlength={254}
                required
                aria-describedby={`${id}-hint ${id}-result`}
              />
              <button type="submit" class="button">
                <T k="verifier.identity.submit" locale={locale} />
              </button>
            </div>
            <p class="identity-result" id={`${id}-result`} role="status" />
          </form>
          <noscript>
            <p class="hint">
              <T k="verifier.identity.noscript" locale={locale} />
            </p>
          </noscript>
        </>
      )}
    </section>
  );
}

function CredentialCard(props: {
  credential: CredentialVerification;
  locale: Locale;
  index?: number;
  url?: string;
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
            checks={credential.checks}
            notice={credential.statusNotice}
          />
        </>
      ) : null}
      {d ? (
        <>
          <h3 class="achievement">{d.achievement.name}</h3>
          <Certificate d={d} locale={locale} />
          {d.achievement.description ? (
            <p class="description">{d.achievement.description}</p>
          ) : null}
          <GenericClaims d={d} locale={locale} />
          {signatureHolds(credential.checks) ? (
            <IdentityCheck
              document={credential.document}
              locale={locale}
              id={`identity-${props.index ?? 0}`}
            />
          ) : null}
        </>
      ) : null}
      <TechnicalDetails
        locale={locale}
        checks={credential.checks}
        {...(d ? { d } : {})}
        {...(props.url ? { url: props.url } : {})}
      />
    </article>
  );
}

/**
 * An Open Badges 2.0 badge that holds (or could not be confirmed): what that assurance is worth
 * in plain words, instead of the verdict's usual sentence about a signature and an accredited
 * issuer ("confirmed on the issuer's site just now" is weaker than "signed by the issuer").
 */
function ob2Detail(result: Verification, state: BannerState, locale: Locale): string | undefined {
  if (result.kind !== "credential" || !result.ob2) return undefined;
  if (state !== "valid" && state !== "valid-with-warnings" && state !== "unchecked")
    return undefined;
  return result.ob2.assuranceText[locale];
}

export function ResultView(props: { result: Verification; locale: Locale; url?: string }) {
  const { result, locale } = props;
  const checks = allChecks(result);
  const state = bannerState(result.verdict, checks);
  const single = result.kind === "presentation" && result.credentials.length === 1;
  const url = props.url ? { url: props.url } : {};
  return (
    <section
      id="result"
      class={`result verdict-${result.verdict} state-${state}`}
      data-verdict={result.verdict}
      data-state={state}
      aria-labelledby="verdict"
      aria-live="polite"
    >
      <Banner
        state={state}
        locale={locale}
        level={2}
        checks={checks}
        notice={noticeFor(result, state)}
        detail={ob2Detail(result, state, locale) ?? genericDetail(result, state, locale)}
      />
      {result.kind === "credential" ? (
        <CredentialCard credential={result} locale={locale} {...url} />
      ) : null}
      {result.kind === "presentation" ? (
        <>
          {result.credentials.map((credential, index) => (
            <CredentialCard
              credential={credential}
              locale={locale}
              {...(single ? {} : { index })}
            />
          ))}
          <TechnicalDetails
            locale={locale}
            checks={result.checks}
            bundle
            summary={t("verifier.presentation.summary", locale, {
              count: result.credentials.length,
            })}
            {...url}
          />
        </>
      ) : null}
      {result.kind === "unknown" ? (
        <TechnicalDetails locale={locale} checks={result.checks} {...url} />
      ) : null}
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
          accept=".json,.jsonld,.jwt,.png,.svg,.pdf,application/json,application/ld+json,application/vc+jwt,image/png,image/svg+xml,application/pdf"
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

function LanguageToggle(props: { locale: Locale; toggle: PageModel["toggle"] }) {
  const target = other(props.locale);
  const label = t("verifier.language.switch", props.locale);
  const aria = `${t("verifier.language.label", target)}: ${label}`;
  if (props.toggle.kind === "submit") {
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
      href={props.toggle.href}
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

/**
 * The frame every page of the verifier shares: the head (its title, the shared stylesheet and
 * what the page adds), the brand and the language switch, `main`, and the privacy line.
 */
export function renderDocument(props: {
  locale: Locale;
  title: string;
  head: Child;
  toggle: PageModel["toggle"];
  mainClass: string | undefined;
  children: Child;
  style: string;
}): string {
  const { locale } = props;
  const page = (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Avala`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={props.style} />
        {props.head}
      </head>
      <body>
        <header class="top">
          <p class="brand">Avala</p>
          <LanguageToggle locale={locale} toggle={props.toggle} />
        </header>
        <main class={props.mainClass}>{props.children}</main>
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

/** The whole verify page: server-rendered, escaped by JSX, one script and one stylesheet. */
export function renderPage(model: PageModel): string {
  const { locale } = model;
  return renderDocument({
    locale,
    title: t("verifier.page.title", locale),
    style: model.assets.style,
    head: <script src={model.assets.script} defer />,
    toggle: model.toggle,
    mainClass: model.result ? "has-result" : undefined,
    children: (
      <>
        <h1>
          <T k="verifier.page.title" locale={locale} />
        </h1>
        {model.result ? null : (
          <p class="intro">
            <T k="verifier.page.intro" locale={locale} />
          </p>
        )}
        {model.result ? null : (
          <p class="ask-link">
            <a href={`/ask?lang=${locale}`} id="ask-link">
              <T k="openid4vp.link" locale={locale} />
            </a>
          </p>
        )}
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
      </>
    ),
  });
}
