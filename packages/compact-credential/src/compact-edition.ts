import type { Credential, JsonObject } from "@avala/credentials";
import { achievementTexts, OB_V3_CONTEXT, VC_V2_CONTEXT } from "@avala/credentials";

/**
 * How much of the full credential a compact edition keeps, from the richest to the smallest;
 * the issuer signs the first that fits the QR code.
 */
export interface CompactEditionShape {
  /** Longest achievement description, in characters (cut at a word, with "…"). */
  description: number;
  /** Keep the English name (OB `related`, the English edition) when the credential has one. */
  english: boolean;
  /** Keep the achievement's code (`humanCode`). */
  code: boolean;
}

export const compactEditionShapes: readonly CompactEditionShape[] = Object.freeze([
  { description: 160, english: true, code: true },
  { description: 80, english: true, code: true },
  { description: 160, english: false, code: true },
  { description: 80, english: false, code: true },
  { description: 40, english: false, code: true },
  { description: 20, english: false, code: true },
  { description: 20, english: false, code: false },
]);

function object(value: unknown): JsonObject | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function string(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** `text` cut to at most `max` characters, at a word boundary when there is one, with "…". */
export function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.·-]+$/u, "")}…`;
}

function isWebUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\/\S+$/i.test(value);
}

/**
 * The compact edition of a full OB 3.0 credential (unsigned): a second, small OB 3.0
 * `AchievementCredential` that says the same thing in few words, on the same status list entry
 * (list, index and purpose; the entry's optional `id` and `statusReference` are left out), so
 * revoking one revokes both: the issuer as a minimal Profile {id, type, name}; the subject's id (the holder's DID
 * when bound) and name when the issuer recorded them; the achievement's id, type, kind, name,
 * a short description, criteria by reference (the achievement's own address) and, when `shape`
 * asks, its code and English name; `validFrom`/`validUntil`. No credential `name` (optional in
 * OB 3.0.3; the achievement's name says it). Only terms of the VC 2.0 and OB 3.0.3 contexts,
 * so that CBOR-LD compresses every one of them.
 *
 * Undefined for anything that is not a VC 2.0 OB credential with one subject and an
 * achievement (the VC-API may sign other shapes): those get no compact edition.
 */
export function compactEditionOf(
  credential: Credential,
  options: { id: string; shape?: CompactEditionShape },
): Credential | undefined {
  const shape = options.shape ?? compactEditionShapes[0]!;
  const contexts = credential["@context"];
  if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) return undefined;
  if (!contexts.includes(OB_V3_CONTEXT)) return undefined;
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  const obType = types.find((t) => t === "OpenBadgeCredential" || t === "AchievementCredential");
  if (!obType) return undefined;
  const issuer =
    typeof credential.issuer === "string" ? { id: credential.issuer } : credential.issuer;
  const issuerObject = object(issuer);
  const issuerId = string(issuerObject?.["id"]);
  const issuerName = string(issuerObject?.["name"]);
  const subject = object(credential.credentialSubject);
  const achievement = object(subject?.["achievement"]);
  const achievementId = string(achievement?.["id"]);
  const name = string(achievement?.["name"]);
  const validFrom = string(credential["validFrom"]);
  const status = object(credential["credentialStatus"]);
  if (!issuerId || !issuerName || !subject || !achievement || !achievementId || !name) {
    return undefined;
  }
  if (!validFrom || !status) return undefined;
  // The entry's list, index and purpose, which are what a verifier checks. Its optional `id`
  // and `statusReference` (where the issuer publishes since when and why) are URLs of some 60
  // bytes each that the QR code cannot spare; `statusReference` follows from list and index.
  const statusEntry: JsonObject = {};
  for (const key of ["type", "statusPurpose", "statusListIndex", "statusListCredential"]) {
    if (status[key] !== undefined) statusEntry[key] = status[key];
  }

  const criteria = object(achievement["criteria"]);
  const criteriaId =
    string(criteria?.["id"]) ?? (isWebUrl(achievementId) ? achievementId : undefined);
  const narrative = string(criteria?.["narrative"]);
  const compactAchievement: JsonObject = {
    id: achievementId,
    type: ["Achievement"],
  };
  const achievementType = string(achievement["achievementType"]);
  if (achievementType) compactAchievement["achievementType"] = achievementType;
  compactAchievement["name"] = name;
  compactAchievement["description"] = shorten(
    string(achievement["description"]) ?? name,
    shape.description,
  );
  compactAchievement["criteria"] = criteriaId
    ? { id: criteriaId }
    : { narrative: shorten(narrative ?? name, shape.description) };
  const code = string(achievement["humanCode"]);
  if (shape.code && code) compactAchievement["humanCode"] = code;
  const inLanguage = string(achievement["inLanguage"]);
  if (inLanguage) compactAchievement["inLanguage"] = inLanguage;
  const english = achievementTexts(achievement, "en").name;
  if (shape.english && english && english !== name) {
    compactAchievement["related"] = [
      { id: `${achievementId}#en`, type: ["Related"], inLanguage: "en", name: english },
    ];
  }

  const compactSubject: JsonObject = {};
  const subjectId = string(subject["id"]);
  if (subjectId) compactSubject["id"] = subjectId;
  compactSubject["type"] = ["AchievementSubject"];
  const learner = string(subject["name"]);
  if (learner) compactSubject["name"] = learner;
  compactSubject["achievement"] = compactAchievement;

  const compact: Credential = {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: options.id,
    type: ["VerifiableCredential", obType],
    issuer: { id: issuerId, type: ["Profile"], name: issuerName },
    validFrom,
    credentialSubject: compactSubject,
    credentialStatus: statusEntry,
  };
  const validUntil = string(credential["validUntil"]);
  if (validUntil) compact["validUntil"] = validUntil;
  return compact;
}
