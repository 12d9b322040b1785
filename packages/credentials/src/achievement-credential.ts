import type { AchievementInput, LocalizedInput } from "./achievement.js";
import { buildAchievement } from "./achievement.js";
import type { IdentifierKind } from "./identity-hash.js";
import { hashedIdentifier } from "./identity-hash.js";
import type {
  AchievementCredential,
  AchievementSubject,
  Credential,
  IdentifierEntry,
  JsonObject,
  Profile,
} from "./types.js";
import { MAY_ACCREDIT_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from "./vocabulary.js";
import { isWebLink } from "./web-link.js";

export interface IssuerProfileInput {
  /** The issuer's DID (did:web or did:key). */
  id: string;
  /**
   * The organisation's official name goes into the Profile (`name`, a single string in OB 3.0).
   * An English name is not signed: OB 3.0's Profile has no language editions, and a name is
   * a proper name (it stays in the organisation's own records and the trust registry).
   */
  name: LocalizedInput;
  url?: string;
  email?: string;
  description?: string;
  /** E.g. a CONOCER accreditation number, a school's CCT key. */
  otherIdentifiers?: IdentifierEntry[];
}

export interface SubjectInput {
  /** The holder's DID, when known (a wallet claim binds it). */
  did?: string;
  /** Identifiers to bind as salted hashes (a CURP never appears in clear). */
  identifiers?: Array<{ kind: IdentifierKind; value: string; salt?: string }>;
  /**
   * The learner's name as the issuer recorded it: `credentialSubject.name` (schema:name in the
   * VC 2.0 context), what a verifier shows as the person. Trimmed; at most 200 characters and
   * no control characters (else a TypeError).
   */
  name?: string;
}

/** Longest learner name a credential carries (`credentialSubject.name`). */
export const MAX_SUBJECT_NAME = 200;

/**
 * The learner's name as it goes into `credentialSubject.name`: trimmed, not empty, at most
 * `MAX_SUBJECT_NAME` characters, no control characters. Anything else throws a TypeError.
 */
export function subjectName(value: unknown): string {
  if (typeof value !== "string") throw new TypeError("A subject name must be a string.");
  const name = value.trim();
  if (!name) throw new TypeError("A subject name must not be empty.");
  if ([...name].length > MAX_SUBJECT_NAME) {
    throw new TypeError(`A subject name is at most ${MAX_SUBJECT_NAME} characters.`);
  }
  // Controls (C0, DEL, C1), line and paragraph separators, and bidirectional controls (which
  // could show a name other than the one signed): a name is one line of plain text.
  if (/[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(name)) {
    throw new TypeError("A subject name must not contain control characters.");
  }
  return name;
}

export interface AchievementCredentialInput {
  /** The credential's id: a URL at the issuer or a `urn:uuid:`. */
  id: string;
  issuer: IssuerProfileInput;
  achievement: AchievementInput;
  subject: SubjectInput;
  validFrom: Date | string;
  validUntil?: Date | string;
  /** Bitstring Status List entries (revocation, suspension). */
  credentialStatus?: JsonObject | JsonObject[];
  evidence?: JsonObject[];
}

/** An XML Schema dateTime in UTC without fractions (what every VC library accepts). */
export function toDateTime(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** An OB 3.0 issuer `Profile`, in OB's own terms only. */
export function buildProfile(input: IssuerProfileInput): Profile {
  const profile: Profile = { id: input.id, type: ["Profile"], name: input.name.es };
  if (input.url) {
    if (!isWebLink(input.url)) throw new TypeError("buildProfile: url must be an https address");
    profile.url = input.url;
  }
  if (input.email) profile.email = input.email;
  if (input.description) profile.description = input.description;
  if (input.otherIdentifiers?.length) profile.otherIdentifier = input.otherIdentifiers;
  return profile;
}

/**
 * An unsigned Open Badges 3.0 `AchievementCredential` (VC Data Model 2.0) for a unit,
 * microcredential or qualification. Sign it with `signCredential`. Its `@context` is only the
 * published VC 2.0 and OB 3.0 contexts: any verifier that holds those verifies it offline.
 * Spanish goes in OB's strings; English in the achievement's English edition (`related`).
 */
export function buildAchievementCredential(
  input: AchievementCredentialInput,
): AchievementCredential {
  if (!input.subject.did && !input.subject.identifiers?.length) {
    throw new TypeError("A credential subject needs a DID or at least one identifier.");
  }
  const subject: AchievementSubject = {
    type: ["AchievementSubject"],
    achievement: buildAchievement(input.achievement),
  };
  if (input.subject.did) subject.id = input.subject.did;
  if (input.subject.name !== undefined) subject.name = subjectName(input.subject.name);
  if (input.subject.identifiers?.length) {
    subject.identifier = input.subject.identifiers.map((i) =>
      hashedIdentifier(i.kind, i.value, i.salt),
    );
  }
  const credential: AchievementCredential = {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: buildProfile(input.issuer),
    validFrom: toDateTime(input.validFrom),
    name: input.achievement.name.es,
    credentialSubject: subject,
  };
  if (input.validUntil !== undefined) credential.validUntil = toDateTime(input.validUntil);
  if (input.credentialStatus) credential.credentialStatus = input.credentialStatus;
  if (input.evidence?.length) credential.evidence = input.evidence;
  return credential;
}

export interface EndorsementCredentialInput {
  id: string;
  /** The endorser (e.g. CONOCER, SEP). */
  issuer: IssuerProfileInput;
  /** What is endorsed: an organisation's Profile id (its DID) or an Achievement id. */
  subjectId: string;
  /** The claim in words, e.g. "Entidad de certificación acreditada por CONOCER". */
  comment: LocalizedInput;
  validFrom: Date | string;
  validUntil?: Date | string;
  credentialStatus?: JsonObject | JsonObject[];
  /**
   * The endorser (an authority) also grants the subject the right to accredit others
   * (`credentialSubject.mayAccredit: true`, defined by an inline context: see
   * `MAY_ACCREDIT_CONTEXT`).
   */
  mayAccredit?: boolean;
}

/** An unsigned Open Badges 3.0 `EndorsementCredential` (accreditation of an organisation). */
export function buildEndorsementCredential(input: EndorsementCredentialInput): Credential {
  const credential: Credential = {
    "@context": input.mayAccredit
      ? [VC_V2_CONTEXT, OB_V3_CONTEXT, { ...MAY_ACCREDIT_CONTEXT }]
      : [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ["VerifiableCredential", "EndorsementCredential"],
    issuer: buildProfile(input.issuer),
    validFrom: toDateTime(input.validFrom),
    name: input.comment.es,
    credentialSubject: {
      id: input.subjectId,
      type: ["EndorsementSubject"],
      endorsementComment: input.comment.en
        ? `${input.comment.es} / ${input.comment.en}`
        : input.comment.es,
      ...(input.mayAccredit ? { mayAccredit: true } : {}),
    },
  };
  if (input.validUntil !== undefined) credential.validUntil = toDateTime(input.validUntil);
  if (input.credentialStatus) credential.credentialStatus = input.credentialStatus;
  return credential;
}
