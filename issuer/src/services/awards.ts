import type {
  AchievementInput,
  Cryptosuite,
  IdentifierKind,
  Profile,
  SigningKey,
} from "@avala/credentials";
import { buildAchievementCredential, normalizeIdentifier } from "@avala/credentials";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import type { AchievementRow } from "../db/repositories/achievements.js";
import type { CredentialRow } from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { IssuerTables, StatusPurpose } from "../db/schema.js";
import { achievementInputOf } from "./catalogue.js";
import { type IssueOutcome, issueCredential } from "./issuance.js";
import { issuerProfile, profileInputOf } from "./organisations.js";

type Db = Kysely<IssuerTables>;

export interface Learner {
  email?: string | undefined;
  curp?: string | undefined;
  did?: string | undefined;
  name?: string | undefined;
}

export interface AwardInput {
  achievement: AchievementRow;
  learner: Learner;
  externalId: string;
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  statusPurpose: StatusPurpose;
  cryptosuite: Cryptosuite;
  batchId?: number | undefined;
  /** The external id is known not to be issued yet (batch chunks check in one query). */
  knownNew?: boolean | undefined;
  inTransaction?: (trx: Db, credential: CredentialRow) => Promise<void>;
}

/** What many awards of one organisation share; computed once per request or batch chunk. */
export interface AwardPreparation {
  profile: Profile;
  achievements: Map<number, AchievementInput>;
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
 * (for delivery) and a keyed HMAC of the CURP, never the CURP.
 */
export async function issueAward(
  ctx: IssuerContext,
  org: OrganisationRow,
  award: AwardInput,
  prepared: AwardPreparation,
): Promise<IssueOutcome> {
  let achievement = prepared.achievements.get(award.achievement.id);
  if (!achievement) {
    achievement = await achievementInputOf(ctx.config, ctx.db, org, award.achievement);
    prepared.achievements.set(award.achievement.id, achievement);
  }
  const identifiers: Array<{ kind: IdentifierKind; value: string }> = [];
  if (award.learner.curp) identifiers.push({ kind: "curp", value: award.learner.curp });
  if (award.learner.email) identifiers.push({ kind: "email", value: award.learner.email });
  const validFrom = award.validFrom ?? ctx.now();
  const definition = achievement;
  return issueCredential(ctx, {
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
        },
        validFrom,
        ...(award.validUntil ? { validUntil: award.validUntil } : {}),
        credentialStatus,
      });
      // The Profile with the endorsements this organisation received (OB 3.0 Profile.endorsement).
      credential.issuer = prepared.profile;
      return credential;
    },
    ...(award.inTransaction ? { inTransaction: award.inTransaction } : {}),
  });
}
