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
