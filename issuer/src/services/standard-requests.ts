import { randomBytes } from "node:crypto";
import type { JsonObject } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import type { MessageKey } from "@avala/i18n";
import type { IssuerContext } from "../context.js";
import { type AchievementRow, findAchievement } from "../db/repositories/achievements.js";
import { latestOffer } from "../db/repositories/claims.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import {
  decideStandardRequest,
  deleteStaleStandardChallenges,
  findStandardMode,
  insertStandardChallenge,
  insertStandardRequest,
  type StandardRequestRow,
  useStandardChallenge,
} from "../db/repositories/standard-requests.js";
import type { StandardRequestMode } from "../db/tables/standard-request.js";
import { issueAward, prepareAwards } from "./awards.js";
import { claimUrl } from "./claims.js";
import {
  type CredentialFacts,
  type CredentialFault,
  checkPresentation,
  credentialFacts,
  credentialFault,
  digestOf,
  type PresentationFault,
} from "./presented-credentials.js";
import { standardStanding, unitsAccepted } from "./standard-versions.js";

/**
 * Units to a standard (issue 15, part 1): a holder presents unit credentials, signed over a
 * single-use challenge of the certification body with its domain; each unit is verified with the
 * verifier library (genuine, current, not withdrawn, from an accredited issuer, bound to the
 * presenting holder), together they must cover the standard's required units as this body's
 * catalogue lists them (units of earlier versions through the version's equivalences), and the
 * standard must still be current. The standard's credential is then issued to the holder, at
 * once or after a clerk's review, with the units as OB 3.0 `evidence` (ids and digests).
 */

/** What a standard's credential rests on: one unit credential, named and digested. */
export interface UnitEvidence {
  id: string;
  code: string;
  name: string;
  issuer: { id: string; name: string };
  /** Multibase (base64url) SHA-256 multihash of the unit credential's RDFC-1.0 canonical form. */
  digestMultibase: string;
}

export type StandardRequestRefusal = {
  ok: false;
  status: 404 | 409 | 422;
  code: MessageKey;
  params?: Record<string, string>;
  /** The unit at fault, when one is. */
  unit?: string;
};

export type StandardRequestOutcome =
  | { ok: true; request: StandardRequestRow }
  | StandardRequestRefusal;

const DEFAULT_MODE: StandardRequestMode = "review";
const CHALLENGE_SECONDS = 600;

export async function standardModeOf(
  ctx: IssuerContext,
  org: OrganisationRow,
): Promise<StandardRequestMode> {
  return (await findStandardMode(ctx.db, org.id)) ?? DEFAULT_MODE;
}

/** A fresh single-use challenge for a presentation of units to this organisation. */
export async function issueStandardChallenge(ctx: IssuerContext, org: OrganisationRow) {
  const now = ctx.now();
  if (Math.random() < 0.01) await deleteStaleStandardChallenges(ctx.db, now.toISOString());
  const challenge = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + CHALLENGE_SECONDS * 1000).toISOString();
  await insertStandardChallenge(ctx.db, {
    challenge,
    organisation_id: org.id,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { challenge, domain: ctx.config.publicUrl, expiresAt };
}

function refuse(
  code: MessageKey,
  params?: Record<string, string>,
  status: 404 | 409 | 422 = 422,
): StandardRequestRefusal {
  return {
    ok: false,
    status,
    code,
    ...(params ? { params } : {}),
    ...(params?.["unit"] ? { unit: params["unit"] } : {}),
  };
}

const presentationRefusals: Record<PresentationFault, MessageKey> = {
  challenge: "issuer.standard-request.challenge",
  "holder-not-did-key": "issuer.standard-request.holder-not-did-key",
  "presentation-invalid": "issuer.standard-request.presentation-invalid",
  empty: "issuer.standard-request.no-units",
};

const unitRefusals: Record<CredentialFault, MessageKey> = {
  revoked: "issuer.standard-request.unit-revoked",
  suspended: "issuer.standard-request.unit-suspended",
  expired: "issuer.standard-request.unit-expired",
  invalid: "issuer.standard-request.unit-invalid",
  "foreign-holder": "issuer.standard-request.unit-foreign-holder",
  unaccredited: "issuer.standard-request.unit-unaccredited",
};

/** The refusal a unit's own fault earns, naming it. */
function unitRefusal(
  found: { fault: CredentialFault; reason?: string },
  facts: CredentialFacts,
): StandardRequestRefusal {
  const named = { unit: facts.code ?? (facts.id || "?"), issuer: facts.issuer.name || "?" };
  return refuse(unitRefusals[found.fault], {
    ...named,
    ...(found.reason ? { reason: found.reason } : {}),
  });
}

/** The standard's catalogue entry, if this organisation certifies it and it is current. */
async function currentStandard(
  ctx: IssuerContext,
  org: OrganisationRow,
  code: string,
): Promise<{ ok: true; standard: AchievementRow; required: string[] } | StandardRequestRefusal> {
  const standard = await findAchievement(ctx.db, org.id, code);
  const required = standard ? stringList(standard.unit_codes) : [];
  if (standard?.kind !== "qualification" || required.length === 0) {
    return refuse("issuer.standard-request.not-a-standard", { code, org: org.name_es });
  }
  const standing = await standardStanding(ctx, org, code);
  if (standing.state === "expired") {
    return refuse("issuer.standard-request.standard-expired", {
      code,
      date: standing.validUntil.slice(0, 10),
    });
  }
  if (standing.state === "superseded") {
    return refuse("issuer.standard-request.standard-superseded", { code, next: standing.next });
  }
  return { ok: true, standard, required };
}

function stringList(text: string): string[] {
  const value = parseJsonText(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Checks a request for `standardCode` and records it: issued at once (automatic) or pending a
 * clerk's review. Refusals name the unit at fault.
 */
export async function requestStandard(
  ctx: IssuerContext,
  org: OrganisationRow,
  standardCode: string,
  presentation: JsonObject,
): Promise<StandardRequestOutcome> {
  const current = await currentStandard(ctx, org, standardCode);
  if (!current.ok) return current;

  const checked = await checkPresentation(ctx, org.id, presentation);
  if (!checked.ok) {
    return refuse(
      presentationRefusals[checked.fault],
      checked.reason ? { reason: checked.reason } : undefined,
    );
  }
  const { holder, challenge } = checked;

  const accepted = await unitsAccepted(ctx, org, standardCode, current.required);
  const evidence: UnitEvidence[] = [];
  const covered = new Set<string>();
  for (const unit of checked.credentials) {
    const document = unit.document ?? {};
    const facts = credentialFacts(document);
    const fault = credentialFault(unit, facts, holder);
    if (fault) return unitRefusal(fault, facts);
    const counts = facts.code ? accepted.get(facts.code) : undefined;
    if (!facts.code || counts === undefined) {
      return refuse("issuer.standard-request.unit-not-in-standard", {
        unit: facts.code ?? facts.id,
        code: standardCode,
      });
    }
    covered.add(counts);
    evidence.push({
      id: facts.id,
      code: facts.code,
      name: facts.name,
      issuer: facts.issuer,
      digestMultibase: await digestOf(ctx, document),
    });
  }
  const missing = current.required.filter((u) => !covered.has(u));
  if (missing.length > 0) {
    return refuse("issuer.standard-request.unit-missing", {
      unit: missing.join(", "),
      code: standardCode,
    });
  }

  // Single use: only now, when everything held, is the challenge spent.
  const now = ctx.now().toISOString();
  if (!(await useStandardChallenge(ctx.db, challenge, org.id, now))) {
    return refuse("issuer.standard-request.challenge");
  }
  const request = await insertStandardRequest(ctx.db, {
    public_id: randomBytes(16).toString("base64url"),
    organisation_id: org.id,
    achievement_id: current.standard.id,
    standard_code: standardCode,
    holder_did: holder,
    state: "pending",
    evidence: JSON.stringify(evidence),
    credential_id: null,
    created_at: now,
    decided_at: null,
    decided_by: null,
  });
  if ((await standardModeOf(ctx, org)) === "automatic") {
    return { ok: true, request: await approveStandardRequest(ctx, org, request, "automatic") };
  }
  return { ok: true, request };
}

/** The units as OB 3.0 `Evidence`: the unit credential's id, what it is, and its digest. */
export function evidenceItems(evidence: UnitEvidence[]): JsonObject[] {
  return evidence.map((unit) => ({
    id: unit.id,
    type: ["Evidence"],
    name: `${unit.code} · ${unit.name}`,
    description: `Unidad de competencia acreditada por ${unit.issuer.name} (${unit.issuer.id}).`,
    genre: "Unit of competence",
    digestMultibase: unit.digestMultibase,
  }));
}

export function evidenceOf(request: StandardRequestRow): UnitEvidence[] {
  const value = parseJsonText(request.evidence);
  return Array.isArray(value) ? (value as UnitEvidence[]) : [];
}

/**
 * Issues the standard's credential for a pending request, bound to the holder, with the units as
 * evidence; its claim offer is how the wallet takes it. Returns the request as it now stands.
 */
export async function approveStandardRequest(
  ctx: IssuerContext,
  org: OrganisationRow,
  request: StandardRequestRow,
  decidedBy: string,
): Promise<StandardRequestRow> {
  const standard = await findAchievement(ctx.db, org.id, request.standard_code);
  if (!standard) return request;
  try {
    await issueAward(
      ctx,
      org,
      {
        achievement: standard,
        learner: { did: request.holder_did },
        externalId: `standard-request:${request.public_id}`,
        evidenceItems: evidenceItems(evidenceOf(request)),
        statusPurpose: "revocation",
        cryptosuite: "eddsa-rdfc-2022",
        claimMail: false,
        inTransaction: async (trx, credential) => {
          const decided = await decideStandardRequest(trx, request.id, {
            state: "issued",
            credential_id: credential.id,
            decided_at: ctx.now().toISOString(),
            decided_by: decidedBy,
          });
          // Decided meanwhile (a second clerk): roll the credential back.
          if (!decided) throw new RequestDecided();
        },
      },
      await prepareAwards(ctx, org),
    );
  } catch (error) {
    if (!(error instanceof RequestDecided)) throw error;
  }
  return (await reload(ctx, request)) ?? request;
}

/** A clerk refuses a pending request; false when it was decided already. */
export async function refuseStandardRequest(
  ctx: IssuerContext,
  request: StandardRequestRow,
  decidedBy: string,
): Promise<boolean> {
  return decideStandardRequest(ctx.db, request.id, {
    state: "refused",
    credential_id: null,
    decided_at: ctx.now().toISOString(),
    decided_by: decidedBy,
  });
}

class RequestDecided extends Error {}

async function reload(ctx: IssuerContext, request: StandardRequestRow) {
  return ctx.db
    .selectFrom("issuer_standard_request")
    .selectAll()
    .where("id", "=", request.id)
    .executeTakeFirst();
}

/** A request as the holder and the clerk see it; the claim link once it is issued. */
export async function standardRequestView(ctx: IssuerContext, request: StandardRequestRow) {
  const offer =
    request.credential_id !== null ? await latestOffer(ctx.db, request.credential_id) : undefined;
  return {
    id: request.public_id,
    standardCode: request.standard_code,
    holder: request.holder_did,
    state: request.state,
    units: evidenceOf(request),
    createdAt: request.created_at,
    decidedAt: request.decided_at,
    ...(offer && offer.claimed_at === null ? { claimUrl: claimUrl(ctx, offer.offer_id) } : {}),
  };
}
