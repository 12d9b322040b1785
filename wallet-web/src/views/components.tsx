import type { Check } from "@avala/credentials";
import type { MessageKey } from "@avala/i18n";
import type { CredentialDescription, Verification } from "@avala/verifier";
import type { StatusWord } from "../services/holding.js";
import { statusWord } from "../services/holding.js";
import type { View } from "./view.js";

const chipClass: Record<StatusWord, string> = {
  valid: "chip chip-ok",
  warnings: "chip chip-warn",
  "unknown-issuer": "chip chip-warn",
  expired: "chip chip-warn",
  suspended: "chip chip-warn",
  revoked: "chip chip-bad",
  invalid: "chip chip-bad",
  unchecked: "chip chip-muted",
};

const chipText: Record<StatusWord, MessageKey> = {
  valid: "wallet.status.valid",
  warnings: "wallet.status.warnings",
  "unknown-issuer": "wallet.status.unknown-issuer",
  expired: "wallet.status.expired",
  suspended: "wallet.status.suspended",
  revoked: "wallet.status.revoked",
  invalid: "wallet.status.invalid",
  unchecked: "wallet.status.unchecked",
};

export function StatusChip({ v, word }: { v: View; word: StatusWord }) {
  return <span class={chipClass[word]}>{v.t(chipText[word])}</span>;
}

/** Who vouches for the issuer, as a chip: an authority, accredited, or nobody known. */
export function TrustChip({ v, description }: { v: View; description: CredentialDescription }) {
  const status = description.accreditation.status;
  if (status === "authority" || status === "accredited") {
    const by = description.accreditation.chain[0];
    const short = by ? shortName(by) : undefined;
    return (
      <span class="chip chip-info">
        {status === "authority"
          ? v.t("wallet.trust.authority")
          : by
            ? v.t("wallet.trust.accredited-by", { authority: short! })
            : v.t("wallet.trust.accredited")}
      </span>
    );
  }
  if (status === "unknown")
    return <span class="chip chip-warn">{v.t("wallet.trust.unknown")}</span>;
  return <span class="chip chip-muted">{v.t("wallet.trust.not-checked")}</span>;
}

/** An organisation's acronym when its name ends with one ("… (CONOCER)"), else the name. */
export function shortName(name: string): string {
  const acronym = /\(([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9.-]{1,15})\)\s*$/.exec(name);
  return acronym ? acronym[1]! : name;
}

/** A code like `EC0217.01` may wrap only after its dots, never inside a number. */
function breakAfterDots(text: string) {
  const parts = text.split(".");
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [`${part}.`, <wbr />] : [part]));
}

/** The square next to a credential: its image when it carries one inline, else its code. */
export function Badge({
  description,
  image,
  large,
}: {
  description: CredentialDescription;
  image?: string | undefined;
  large?: boolean;
}) {
  return (
    <span class={large ? "badge badge-lg" : "badge"} aria-hidden="true">
      {image ? <img src={image} alt="" /> : breakAfterDots(badgeText(description))}
    </span>
  );
}

export function verdictKey(verification: Verification): MessageKey {
  switch (verification.verdict) {
    case "valid":
      return "wallet.verdict.valid";
    case "valid-with-warnings":
      return "wallet.verdict.warnings";
    default:
      // Not an Open Badge, in a format Avala cannot check: "could not be checked", not "invalid".
      return statusWord(verification) === "unchecked"
        ? "wallet.verdict.unchecked"
        : "wallet.verdict.invalid";
  }
}

/** The verdict in a sentence, with the checks that did not pass right under it. */
export function VerdictBanner({ v, verification }: { v: View; verification: Verification }) {
  const notable = verification.checks.filter((c) => c.outcome !== "pass");
  return (
    <div
      class={`verdict verdict-${statusWord(verification) === "unchecked" ? "unchecked" : verification.verdict}`}
      role="status"
    >
      <strong>{v.t(verdictKey(verification))}</strong>
      {notable.length > 0 ? (
        <ul class="small">
          {notable.slice(0, 6).map((c) => (
            <li>{c.message[v.locale]}</li>
          ))}
        </ul>
      ) : (
        <span class="small">{v.t("wallet.verdict.all-passed")}</span>
      )}
    </div>
  );
}

export function ChecksList({ v, checks }: { v: View; checks: Check[] }) {
  return (
    <ul class="checks">
      {checks.map((c) => (
        <li class={c.outcome}>
          {c.message[v.locale]}
          <span class="muted small"> ({c.code})</span>
        </li>
      ))}
    </ul>
  );
}

/** A field's error, announced next to it. */
export function FieldError({ v, error, id }: { v: View; error?: MessageKey; id: string }) {
  return error ? (
    <span class="hint notice-error" id={id} role="alert">
      {v.t(error)}
    </span>
  ) : null;
}

/** A labelled text input with its validation message wired for screen readers. */
export function TextField(props: {
  v: View;
  name: "name" | "email" | "password";
  type: "text" | "email" | "password";
  label: string;
  hint?: string;
  autocomplete: string;
  maxlength: number;
  minlength?: number;
  value?: string;
  error?: MessageKey | undefined;
}) {
  const errorId = `${props.name}-error`;
  return (
    <div class="field">
      <label for={props.name}>
        {props.label}
        {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      <input
        type={props.type}
        id={props.name}
        name={props.name}
        autocomplete={props.autocomplete}
        required
        maxlength={props.maxlength}
        minlength={props.minlength}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      <FieldError v={props.v} error={props.error} id={errorId} />
    </div>
  );
}

/** A verification's main document type in words. */
export function kindLine(description: CredentialDescription): string {
  const parts = [description.achievement.kindText];
  if (description.achievement.code) parts.push(description.achievement.code);
  if (description.level) parts.push(description.level.text);
  return parts.join(" · ");
}

/**
 * The badge image of a credential when it is carried inline (`data:`): the page loads nothing
 * from other sites (CSP `img-src 'self' data:`), so remote images are not shown.
 */
export function inlineImage(document: Record<string, unknown>): string | undefined {
  const subject = Array.isArray(document["credentialSubject"])
    ? document["credentialSubject"][0]
    : document["credentialSubject"];
  const achievement =
    subject && typeof subject === "object"
      ? (subject as Record<string, unknown>)["achievement"]
      : undefined;
  for (const node of [achievement, document]) {
    if (!node || typeof node !== "object") continue;
    const image = (node as Record<string, unknown>)["image"];
    const url =
      typeof image === "string"
        ? image
        : image && typeof image === "object"
          ? (image as Record<string, unknown>)["id"]
          : undefined;
    if (
      typeof url === "string" &&
      url.length <= 512 * 1024 &&
      /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(url)
    ) {
      return url;
    }
  }
  return undefined;
}

/**
 * A few characters for the badge square: a unit's own part of its code (`E1` of
 * `EC0217.01-E1`), a short code as it is, else the initials of the name.
 */
export function badgeText(description: CredentialDescription): string {
  const code = description.achievement.code ?? "";
  const standard = description.standard?.code;
  if (standard && code.startsWith(standard) && code.length > standard.length) {
    return (
      code
        .slice(standard.length)
        .replace(/^[-.\s]+/, "")
        .slice(0, 6) || code.slice(0, 9)
    );
  }
  if (code && code.length <= 9) return code;
  const initials = description.achievement.name
    .split(/\s+/)
    .filter((word) => word.length > 3)
    .map((word) => word[0]!.toUpperCase())
    .join("")
    .slice(0, 3);
  return initials || code.slice(0, 9) || "★";
}
