import type { AchievementInput, LocalizedInput } from "@avala/credentials";
import type { MessageKey } from "@avala/i18n";
import type { View } from "../view.js";

export const kindKey: Record<AchievementInput["kind"], MessageKey> = {
  unit: "console.kind.unit",
  microcredential: "console.kind.microcredential",
  qualification: "console.kind.qualification",
};

export function textIn(v: View, text: LocalizedInput | undefined): string {
  if (!text) return "";
  return (v.locale === "en" ? text.en : undefined) || text.es;
}

/** A few characters for the badge square: a short code as it is, else initials. */
function badgeText(achievement: AchievementInput): string {
  if (achievement.code.length <= 9) return achievement.code;
  const initials = achievement.name.es
    .split(/\s+/)
    .filter((w) => w.length > 3)
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .slice(0, 3);
  return initials || achievement.code.slice(0, 9);
}

export interface PreviewProps {
  v: View;
  issuerName: string;
  achievement: AchievementInput;
  image?: string | null | undefined;
  learnerName?: string | undefined;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  evidence?: string | undefined;
  /** The learner is named by CURP or e-mail: say how those travel. */
  hashedIdentity?: boolean;
}

/**
 * The credential as the learner's wallet and an employer's verify page show it: who issued
 * what to whom, when, its level and alignments, in the reader's language.
 */
export function CredentialPreview(props: PreviewProps) {
  const { v, achievement } = props;
  return (
    <section class="preview" aria-label={v.t("console.preview.title")}>
      <p class="small muted">{v.t("console.preview.title")}</p>
      <div class="preview-head">
        <span class="badge" aria-hidden="true">
          {badgeText(achievement)}
        </span>
        <div>
          <h3>{textIn(v, achievement.name)}</h3>
          <p class="small muted">
            {v.t(kindKey[achievement.kind])} · <code>{achievement.code}</code>
          </p>
        </div>
      </div>
      <dl class="facts">
        <dt>{v.t("console.preview.issuer")}</dt>
        <dd>{props.issuerName}</dd>
        {props.learnerName ? (
          <>
            <dt>{v.t("console.preview.learner")}</dt>
            <dd>{props.learnerName}</dd>
          </>
        ) : null}
        {props.validFrom !== undefined ? (
          <>
            <dt>{v.t("console.preview.valid")}</dt>
            <dd>
              {props.validUntil
                ? v.t("console.preview.valid-range", {
                    from: v.date(props.validFrom),
                    until: v.date(props.validUntil),
                  })
                : v.t("console.preview.valid-from", { from: v.date(props.validFrom) })}
            </dd>
          </>
        ) : null}
        <dt>{v.t("console.preview.description")}</dt>
        <dd>{textIn(v, achievement.description)}</dd>
        <dt>{v.t("console.preview.criteria")}</dt>
        <dd>{textIn(v, achievement.criteria)}</dd>
        {achievement.level !== undefined ? (
          <>
            <dt>{v.t("console.preview.level")}</dt>
            <dd>{v.t("console.preview.level-value", { level: achievement.level })}</dd>
          </>
        ) : null}
        {achievement.standard ? (
          <>
            <dt>{v.t("console.preview.standard")}</dt>
            <dd>
              <code>{achievement.standard.code}</code> {textIn(v, achievement.standard.name)}
            </dd>
          </>
        ) : null}
        {achievement.units?.length ? (
          <>
            <dt>{v.t("console.preview.units")}</dt>
            <dd>
              <ul>
                {achievement.units.map((u) => (
                  <li>
                    <code>{u.code}</code> {textIn(v, u.name)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {achievement.iscedField ? (
          <>
            <dt>{v.t("console.preview.isced")}</dt>
            <dd>
              <code>{achievement.iscedField.code}</code> {achievement.iscedField.name}
            </dd>
          </>
        ) : null}
        {achievement.eqfLevel !== undefined ? (
          <>
            <dt>{v.t("console.preview.eqf")}</dt>
            <dd>{v.t("console.preview.eqf-value", { level: achievement.eqfLevel })}</dd>
          </>
        ) : null}
        {props.image ? (
          <>
            <dt>{v.t("console.preview.image")}</dt>
            <dd>
              <a href={props.image} rel="noopener noreferrer">
                {props.image}
              </a>
            </dd>
          </>
        ) : null}
        {props.evidence ? (
          <>
            <dt>{v.t("console.preview.evidence")}</dt>
            <dd>
              <a href={props.evidence} rel="noopener noreferrer">
                {props.evidence}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {props.hashedIdentity ? <p class="small muted">{v.t("console.preview.identity")}</p> : null}
      <p class="small muted">{v.t("console.preview.employer")}</p>
    </section>
  );
}
