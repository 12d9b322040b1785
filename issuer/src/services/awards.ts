import type {
  AchievementInput,
  Cryptosuite,
  IdentifierKind,
  JsonObject,
  Profile,
  SigningKey,
} from "@avala/credentials";
import { buildAchievementCredential, isValidCurp, normalizeIdentifier } from "@avala/credentials";
import type { Locale } from "@avala/i18n";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import { type AchievementRow, findAchievement } from "../db/repositories/achievements.js";
import { type ClaimOfferRow, latestOffer } from "../db/repositories/claims.js";
import type { CredentialRow } from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { IssuerTables, StatusPurpose } from "../db/schema.js";
import { achievementInputOf } from "./catalogue.js";
import { type IssueInput, type IssueOutcome, issueCredential } from "./issuance.js";
import { enqueueClaimMail } from "./mail-outbox.js";
import { issuerProfile, profileInputOf } from "./organisations.js";

type Db = Kysely<IssuerTables>;

export interface Learner {
  email?: string | undefined;
  curp?: string | undefined;
  did?: string | undefined;
  name?: string | undefined;
  /** The learner's language, when known: the claim e-mail is written in it. */
  locale?: Locale | undefined;
}

export interface AwardInput {
  achievement: AchievementRow;
  learner: Learner;
  externalId: string;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  /** A web page that shows the learner's work (OB 3.0 `evidence`), an https address. */
  evidence?: string | undefined;
  /** More OB 3.0 `Evidence` (a standard's units: their ids and digests). */
  evidenceItems?: JsonObject[] | undefined;
  statusPurpose: StatusPurpose;
  cryptosuite: Cryptosuite;
  batchId?: number | undefined;
  /** The external id is known not to be issued yet (batch chunks check in one query). */
  knownNew?: boolean | undefined;
  inTransaction?: (trx: Db, credential: CredentialRow, offer?: ClaimOfferRow) => Promise<void>;
  /** Queue the claim e-mail when the learner has an e-mail address (default true). */
  claimMail?: boolean | undefined;
}

/** What many awards of one organisation share; computed once per request or batch chunk. */
export interface AwardPreparation {
  profile: Profile;
  achievements: Map<number, Promise<AchievementInput>>;
  /** The organisation's current key, when the caller signs many at once. */
  signingKey?: SigningKey;
}

export async function prepareAwards(
  ctx: IssuerContext,
  org: OrganisationRow,
): Promise<AwardPreparation> {
  return { profile: await issuerProfile(ctx, ctx.db, org), achievements: new Map() };
}

/**
 * Issues an OB 3.0 AchievementCredential from the catalogue to a learner: the CURP and email go
 * into the credential only as salted hashes (the core does that); the database keeps the email
 * (for delivery) and a keyed HMAC of the CURP, never the CURP. The learner's name goes in as
 * recorded (`credentialSubject.name`) unless the organisation turned that off.
 */
export async function issueAward(
  ctx: IssuerContext,
  org: OrganisationRow,
  award: AwardInput,
  prepared: AwardPreparation,
): Promise<IssueOutcome> {
  return issueCredential(ctx, await awardIssueInput(ctx, org, award, prepared));
}

/**
 * What `issueCredential` needs to issue an award: the credential's builder, the learner as
 * stored, and the step that queues the claim e-mail in the issuing transaction. A batch chunk
 * signs many of these outside the transaction (`signIssue`) and stores them in one
 * (`storeIssue`).
 */
export async function awardIssueInput(
  ctx: IssuerContext,
  org: OrganisationRow,
  award: AwardInput,
  prepared: AwardPreparation,
): Promise<IssueInput> {
  // The promise is kept, so that a chunk's rows, built side by side, look each achievement up once.
  let pending = prepared.achievements.get(award.achievement.id);
  if (!pending) {
    pending = achievementInputOf(ctx.config, ctx.db, org, award.achievement);
    prepared.achievements.set(award.achievement.id, pending);
  }
  const achievement = await pending;
  const identifiers: Array<{ kind: IdentifierKind; value: string }> = [];
  if (award.learner.curp) identifiers.push({ kind: "curp", value: award.learner.curp });
  if (award.learner.email) identifiers.push({ kind: "email", value: award.learner.email });
  const validFrom = award.validFrom ?? ctx.now();
  const definition = achievement;
  // The learner's name as recorded, unless the organisation keeps names out of its credentials.
  const name = org.learner_name_in_credentials !== 0 ? award.learner.name?.trim() : undefined;
  return {
    organisation: org,
    statusPurpose: award.statusPurpose,
    cryptosuite: award.cryptosuite,
    externalId: award.externalId,
    achievementId: award.achievement.id,
    batchId: award.batchId,
    learner: {
      email: award.learner.email ? normalizeIdentifier("email", award.learner.email) : null,
      name: award.learner.name ?? null,
      curpHmac: award.learner.curp
        ? ctx.secrets.curpIndex(normalizeIdentifier("curp", award.learner.curp))
        : null,
    },
    offer: true,
    signingKey: prepared.signingKey,
    knownNew: award.knownNew,
    build: ({ id, credentialStatus }) => {
      const credential = buildAchievementCredential({
        id,
        issuer: profileInputOf(org),
        achievement: definition,
        subject: {
          ...(award.learner.did ? { did: award.learner.did } : {}),
          ...(identifiers.length ? { identifiers } : {}),
          ...(name ? { name } : {}),
        },
        validFrom,
        ...(award.validUntil ? { validUntil: award.validUntil } : {}),
        evidence: [
          ...(award.evidence ? [{ id: award.evidence, type: ["Evidence"] }] : []),
          ...(award.evidenceItems ?? []),
        ],
        credentialStatus,
      });
      // The Profile with the endorsements this organisation received (OB 3.0 Profile.endorsement).
      credential.issuer = prepared.profile;
      // The catalogue's badge image (OB 3.0 Achievement.image), an https address.
      if (award.achievement.image_url) {
        (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement[
          "image"
        ] = { id: award.achievement.image_url, type: "Image" };
      }
      return credential;
    },
    // The claim e-mail is queued in the transaction that creates the offer (one insert).
    inTransaction: async (trx, credential, created) => {
      if (award.claimMail !== false) {
        const offer = created ?? (await latestOffer(trx, credential.id));
        if (offer) {
          await enqueueClaimMail(ctx, trx, {
            organisation: org,
            credential,
            offer,
            achievement: award.achievement,
            locale: award.learner.locale,
          });
        }
      }
      await award.inTransaction?.(trx, credential, created);
    },
  };
}

/** What an award request asks for, as `issueAwardSchema` reads it. */
export interface AwardRequest {
  achievementCode: string;
  learner: Learner;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
}

export type AwardRequestCheck =
  | { ok: true; achievement: AchievementRow }
  | {
      ok: false;
      status: 422;
      code:
        | "issuer.credential.learner-missing"
        | "issuer.credential.invalid-curp"
        | "issuer.credential.invalid-dates"
        | "issuer.achievement.not-found";
      params?: Record<string, string>;
      errors: Array<{ field: string; reason: string }>;
    };

/**
 * The rules an award request must meet beyond its schema, the same for the API and the console:
 * a learner named by e-mail, CURP or DID; a valid CURP; `validUntil` after `validFrom`; an
 * achievement of this organisation's catalogue.
 */
export async function checkAwardRequest(
  db: Db,
  org: OrganisationRow,
  input: AwardRequest,
): Promise<AwardRequestCheck> {
  if (!input.learner.email && !input.learner.curp && !input.learner.did) {
    return {
      ok: false,
      status: 422,
      code: "issuer.credential.learner-missing",
      errors: [{ field: "learner", reason: "give at least email, curp or did" }],
    };
  }
  if (input.learner.curp !== undefined && !isValidCurp(input.learner.curp)) {
    return {
      ok: false,
      status: 422,
      code: "issuer.credential.invalid-curp",
      errors: [{ field: "learner.curp", reason: "not a valid CURP" }],
    };
  }
  if (
    input.validFrom &&
    input.validUntil &&
    Date.parse(input.validUntil) <= Date.parse(input.validFrom)
  ) {
    return {
      ok: false,
      status: 422,
      code: "issuer.credential.invalid-dates",
      errors: [{ field: "validUntil", reason: "must be later than validFrom" }],
    };
  }
  const achievement = await findAchievement(db, org.id, input.achievementCode);
  if (!achievement) {
    return {
      ok: false,
      status: 422,
      code: "issuer.achievement.not-found",
      params: { code: input.achievementCode },
      errors: [{ field: "achievementCode", reason: "not in the catalogue" }],
    };
  }
  return { ok: true, achievement };
}
