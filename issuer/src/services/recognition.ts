import { randomBytes } from "node:crypto";
import { buildAchievementCredential, type JsonObject } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import type { MessageKey } from "@avala/i18n";
import type { IssuerContext } from "../context.js";
import { latestOffer } from "../db/repositories/claims.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import {
  decideRecognitionRequest,
  findRecognitionRequestById,
  findRecognitionTable,
  insertRecognitionRequest,
  type RecognitionRequestRow,
  saveRecognitionTable,
  standingRecognitionRequests,
} from "../db/repositories/recognition.js";
import { useStandardChallenge } from "../db/repositories/standard-requests.js";
import type { StandardRequestMode } from "../db/tables/standard-request.js";
import { claimUrl } from "./claims.js";
import { issueCredential } from "./issuance.js";
import { issuerProfile, profileInputOf } from "./organisations.js";
import {
  type CredentialFacts,
  type CredentialFault,
  checkPresentation,
  credentialFacts,
  credentialFault,
  digestOf,
  type PresentationFault,
} from "./presented-credentials.js";

/**
 * Certificates to credits (issue 15, part 2). A school publishes a recognition table: which
 * CONOCER units or standards, SEP microcredentials or other issuers' achievements count toward
 * which module of which programme, for how many credits. A holder presents credentials (the
 * same single-use challenge, signed presentation and checks as units to a standard); the school
 * issues at once an OB 3.0 recognition credential for the programme: the recognised modules as
 * `result` (described by the achievement's `resultDescription`), the total as `creditsEarned`,
 * and the recognised credentials as `evidence` (ids and digests).
 */

export interface LocalizedName {
  es: string;
  en?: string | undefined;
}

/** What counts: a CONOCER unit or standard by code, or an issuer's achievement (id, code or name). */
export type RecognitionCounts =
  | { unit: string }
  | { standard: string }
  | { issuer: string; achievement: string };

export interface RecognitionEntry {
  programme: { id: string; name: LocalizedName };
  module: { code: string; name: LocalizedName };
  credits: number;
  counts: RecognitionCounts;
}

export interface RecognisedModule {
  code: string;
  name: LocalizedName;
  credits: number;
  /** The ids of the credentials that earned it. */
  credentials: string[];
}

export interface RecognitionEvidence {
  id: string;
  name: string;
  issuer: { id: string; name: string };
  module: string;
  digestMultibase: string;
}

export type RecognitionRefusal = {
  ok: false;
  status: 422;
  code: MessageKey;
  params?: Record<string, string>;
  /** The credential at fault, when one is. */
  credential?: string;
};

/** What a request was checked to earn: kept with it, shown to the clerk, put in the credential. */
export interface Recognition {
  programme: { id: string; name: LocalizedName };
  /** Every module of the programme (the achievement's `resultDescription`). */
  modules: Array<{ code: string; name: LocalizedName; credits: number }>;
  recognised: RecognisedModule[];
  creditsEarned: number;
  creditsAvailable: number;
  evidence: RecognitionEvidence[];
  notRecognised: Array<{ id: string; name: string; issuer: string }>;
}

export type RecognitionOutcome = { ok: true; request: RecognitionRequestRow } | RecognitionRefusal;

const DEFAULT_MODE: StandardRequestMode = "automatic";

export async function recognitionTableOf(
  ctx: IssuerContext,
  org: OrganisationRow,
): Promise<RecognitionEntry[]> {
  const row = await findRecognitionTable(ctx.db, org.id);
  return row ? entriesOf(row.entries) : [];
}

/** A stored table's entries (JSON text written by `publishRecognitionTable`). */
export function entriesOf(text: string): RecognitionEntry[] {
  const value = parseJsonText(text);
  return Array.isArray(value) ? (value as RecognitionEntry[]) : [];
}

/** Whether the school issues at once (the default) or after a clerk's review. */
export async function recognitionModeOf(
  ctx: IssuerContext,
  org: OrganisationRow,
): Promise<StandardRequestMode> {
  return (await findRecognitionTable(ctx.db, org.id))?.mode ?? DEFAULT_MODE;
}

export async function publishRecognitionTable(
  ctx: IssuerContext,
  org: OrganisationRow,
  entries: RecognitionEntry[],
  mode: StandardRequestMode = DEFAULT_MODE,
) {
  await saveRecognitionTable(ctx.db, {
    organisation_id: org.id,
    entries: JSON.stringify(entries),
    mode,
    updated_at: ctx.now().toISOString(),
  });
}

/** The table as programmes, each with its modules and what counts for them (the public view). */
export function programmesOf(entries: RecognitionEntry[]) {
  const programmes = new Map<
    string,
    {
      id: string;
      name: LocalizedName;
      creditsAvailable: number;
      modules: Array<{
        code: string;
        name: LocalizedName;
        credits: number;
        counts: RecognitionCounts[];
      }>;
    }
  >();
  for (const entry of entries) {
    let programme = programmes.get(entry.programme.id);
    if (!programme) {
      programme = { ...entry.programme, creditsAvailable: 0, modules: [] };
      programmes.set(entry.programme.id, programme);
    }
    let module = programme.modules.find((m) => m.code === entry.module.code);
    if (!module) {
      module = { ...entry.module, credits: entry.credits, counts: [] };
      programme.modules.push(module);
    }
    module.credits = Math.max(module.credits, entry.credits);
    module.counts.push(entry.counts);
  }
  for (const programme of programmes.values()) {
    programme.creditsAvailable = programme.modules.reduce((sum, m) => sum + m.credits, 0);
  }
  return [...programmes.values()];
}

/** Whether a presented credential is what a table entry counts. */
function matches(counts: RecognitionCounts, facts: CredentialFacts): boolean {
  if ("unit" in counts) return facts.code === counts.unit;
  if ("standard" in counts) return facts.code === counts.standard;
  if (facts.issuer.id !== counts.issuer) return false;
  return [facts.achievementId, facts.code, facts.name].includes(counts.achievement);
}

/** An issuer the school named in its table is trusted for what the table names of it. */
const namesIssuer = (entries: RecognitionEntry[], issuer: string) =>
  entries.some((e) => "issuer" in e.counts && e.counts.issuer === issuer);

function refuse(code: MessageKey, params?: Record<string, string>): RecognitionRefusal {
  return {
    ok: false,
    status: 422,
    code,
    ...(params ? { params } : {}),
    ...(params?.["credential"] ? { credential: params["credential"] } : {}),
  };
}

const presentationRefusals: Record<PresentationFault, MessageKey> = {
  challenge: "issuer.recognition-request.challenge",
  "holder-not-did-key": "issuer.recognition-request.holder-not-did-key",
  "presentation-invalid": "issuer.recognition-request.presentation-invalid",
  empty: "issuer.recognition-request.empty",
};

const credentialRefusals: Record<CredentialFault, MessageKey> = {
  revoked: "issuer.recognition-request.credential-revoked",
  suspended: "issuer.recognition-request.credential-suspended",
  expired: "issuer.recognition-request.credential-expired",
  invalid: "issuer.recognition-request.credential-invalid",
  "foreign-holder": "issuer.recognition-request.credential-foreign-holder",
  unaccredited: "issuer.recognition-request.credential-unaccredited",
};

const shownName = (facts: CredentialFacts) =>
  facts.code && facts.code !== facts.name
    ? `${facts.code} · ${facts.name}`
    : facts.name || facts.id;

/**
 * Checks a holder's presentation against `programmeId` of this school's table and issues the
 * recognition credential for the modules it earns. Credentials that count for nothing are named
 * in the answer; a faulty one (revoked, another holder's, …) refuses the whole request.
 */
export async function requestRecognition(
  ctx: IssuerContext,
  org: OrganisationRow,
  programmeId: string,
  presentation: JsonObject,
): Promise<RecognitionOutcome> {
  const entries = await recognitionTableOf(ctx, org);
  const programme = programmesOf(entries).find((p) => p.id === programmeId);
  if (!programme) {
    return refuse("issuer.recognition-request.unknown-programme", {
      programme: programmeId,
      org: org.name_es,
    });
  }
  const checked = await checkPresentation(ctx, org.id, presentation);
  if (!checked.ok) {
    return refuse(
      presentationRefusals[checked.fault],
      checked.reason ? { reason: checked.reason } : undefined,
    );
  }
  const { holder, challenge } = checked;
  const modules = new Map<string, RecognisedModule>();
  const evidence: RecognitionEvidence[] = [];
  const notRecognised: Array<{ id: string; name: string; issuer: string }> = [];
  for (const presented of checked.credentials) {
    const document = presented.document ?? {};
    const facts = credentialFacts(document);
    const fault = credentialFault(presented, facts, holder, namesIssuer(entries, facts.issuer.id));
    if (fault) {
      return refuse(credentialRefusals[fault.fault], {
        credential: shownName(facts) || "?",
        issuer: facts.issuer.name || "?",
        ...(fault.reason ? { reason: fault.reason } : {}),
      });
    }
    const module = programme.modules.find((m) => m.counts.some((c) => matches(c, facts)));
    if (!module) {
      notRecognised.push({ id: facts.id, name: shownName(facts), issuer: facts.issuer.name });
      continue;
    }
    const earned = modules.get(module.code) ?? {
      code: module.code,
      name: module.name,
      credits: module.credits,
      credentials: [],
    };
    earned.credentials.push(facts.id);
    modules.set(module.code, earned);
    evidence.push({
      id: facts.id,
      name: shownName(facts),
      issuer: facts.issuer,
      module: module.code,
      digestMultibase: await digestOf(ctx, document),
    });
  }
  if (modules.size === 0) {
    return refuse("issuer.recognition-request.nothing-recognised", {
      programme: programme.name.es,
      credentials: notRecognised.map((c) => c.name).join(", "),
    });
  }
  // Credits are granted once: credentials a standing request of this holder for this programme
  // already recognised (pending, or issued and not revoked) are not recognised again.
  const already = new Set<string>();
  for (const earlier of await standingRecognitionRequests(ctx.db, org.id, programme.id, holder)) {
    for (const e of recognitionOf(earlier).evidence) already.add(e.id);
  }
  if (evidence.every((e) => already.has(e.id))) {
    return refuse("issuer.recognition-request.already-recognised", {
      programme: programme.name.es,
      credentials: evidence.map((e) => e.name).join(", "),
    });
  }
  // Single use: only now, when everything held, is the challenge spent.
  if (!(await useStandardChallenge(ctx.db, challenge, org.id, ctx.now().toISOString()))) {
    return refuse("issuer.recognition-request.challenge");
  }
  const recognised = programme.modules
    .map((m) => modules.get(m.code))
    .filter((m): m is RecognisedModule => m !== undefined);
  const recognition: Recognition = {
    programme: { id: programme.id, name: programme.name },
    modules: programme.modules.map(({ code, name, credits }) => ({ code, name, credits })),
    recognised,
    creditsEarned: recognised.reduce((sum, m) => sum + m.credits, 0),
    creditsAvailable: programme.creditsAvailable,
    evidence,
    notRecognised,
  };
  const request = await insertRecognitionRequest(ctx.db, {
    public_id: randomBytes(16).toString("base64url"),
    organisation_id: org.id,
    programme_id: programme.id,
    holder_did: holder,
    state: "pending",
    recognition: JSON.stringify(recognition),
    credential_id: null,
    created_at: ctx.now().toISOString(),
    decided_at: null,
    decided_by: null,
  });
  if ((await recognitionModeOf(ctx, org)) === "automatic") {
    return { ok: true, request: await approveRecognitionRequest(ctx, org, request, "automatic") };
  }
  return { ok: true, request };
}

export function recognitionOf(request: RecognitionRequestRow): Recognition {
  return parseJsonText(request.recognition) as unknown as Recognition;
}

class RequestDecided extends Error {}

/**
 * Issues the recognition credential for a pending request, bound to the holder; its claim offer
 * is how the wallet takes it. Returns the request as it now stands.
 */
export async function approveRecognitionRequest(
  ctx: IssuerContext,
  org: OrganisationRow,
  request: RecognitionRequestRow,
  decidedBy: string,
): Promise<RecognitionRequestRow> {
  try {
    await issueRecognition(ctx, org, request, decidedBy);
  } catch (error) {
    if (!(error instanceof RequestDecided)) throw error;
  }
  return (await findRecognitionRequestById(ctx.db, request.id)) ?? request;
}

/** A clerk refuses a pending request; false when it was decided already. */
export async function refuseRecognitionRequest(
  ctx: IssuerContext,
  request: RecognitionRequestRow,
  decidedBy: string,
): Promise<boolean> {
  return decideRecognitionRequest(ctx.db, request.id, {
    state: "refused",
    credential_id: null,
    decided_at: ctx.now().toISOString(),
    decided_by: decidedBy,
  });
}

/** A request as the holder and the clerk see it; the claim link once it is issued. */
export async function recognitionRequestView(ctx: IssuerContext, request: RecognitionRequestRow) {
  const offer =
    request.credential_id !== null ? await latestOffer(ctx.db, request.credential_id) : undefined;
  const { evidence: _evidence, modules: _modules, ...recognition } = recognitionOf(request);
  return {
    id: request.public_id,
    holder: request.holder_did,
    state: request.state,
    ...recognition,
    createdAt: request.created_at,
    decidedAt: request.decided_at,
    ...(offer && offer.claimed_at === null ? { claimUrl: claimUrl(ctx, offer.offer_id) } : {}),
  };
}

/** The programme's achievement id, and each module's `ResultDescription` id under it. */
export function programmeAchievementId(ctx: IssuerContext, org: OrganisationRow, id: string) {
  return `${ctx.config.publicUrl}/orgs/${encodeURIComponent(org.slug)}/recognition-table/${encodeURIComponent(id)}`;
}

const moduleResultId = (achievementId: string, code: string) =>
  `${achievementId}#module-${encodeURIComponent(code)}`;

/** The recognised credentials as OB 3.0 `Evidence`: id, name, what it earned, digest. */
function recognitionEvidenceItems(evidence: RecognitionEvidence[]): JsonObject[] {
  return evidence.map((item) => ({
    id: item.id,
    type: ["Evidence"],
    name: item.name,
    description: `Credencial emitida por ${item.issuer.name} (${item.issuer.id}), reconocida para el módulo ${item.module}.`,
    genre: "Recognised credential",
    digestMultibase: item.digestMultibase,
  }));
}

/** Issues the recognition credential, deciding the request in the same transaction. */
async function issueRecognition(
  ctx: IssuerContext,
  org: OrganisationRow,
  request: RecognitionRequestRow,
  decidedBy: string,
) {
  const input = recognitionOf(request);
  const holder = request.holder_did;
  const { programme } = input;
  const achievementId = programmeAchievementId(ctx, org, programme.id);
  const profile = await issuerProfile(ctx, ctx.db, org);
  const programmeEn = programme.name.en ?? programme.name.es;
  const outcome = await issueCredential(ctx, {
    organisation: org,
    statusPurpose: "revocation",
    cryptosuite: "eddsa-rdfc-2022",
    externalId: `recognition:${request.public_id}`,
    achievementId: null,
    offer: true,
    inTransaction: async (trx, credential) => {
      const decided = await decideRecognitionRequest(trx, request.id, {
        state: "issued",
        credential_id: credential.id,
        decided_at: ctx.now().toISOString(),
        decided_by: decidedBy,
      });
      // Decided meanwhile (a second clerk): roll the credential back.
      if (!decided) throw new RequestDecided();
    },
    build: ({ id, credentialStatus }) => {
      const credential = buildAchievementCredential({
        id,
        issuer: profileInputOf(org),
        achievement: {
          id: achievementId,
          kind: "qualification",
          framework: "institution",
          achievementType: "ext:CreditRecognition",
          code: programme.id,
          name: {
            es: `Reconocimiento de créditos: ${programme.name.es}`,
            en: `Credit recognition: ${programmeEn}`,
          },
          description: {
            es: `Módulos de ${programme.name.es} que ${org.name_es} reconoce por credenciales que la persona ya tiene, y los créditos que valen.`,
            en: `Modules of ${programmeEn} that ${org.name_en ?? org.name_es} recognises for credentials the person already holds, and the credits they are worth.`,
          },
          criteria: {
            es: "Credenciales auténticas, vigentes y a nombre de quien las presentó, que la tabla de reconocimiento de la escuela cuenta para un módulo.",
            en: "Genuine, current credentials of the person who presented them, which the school's recognition table counts for a module.",
          },
          creditsAvailable: input.creditsAvailable,
        },
        subject: { did: holder },
        validFrom: ctx.now(),
        evidence: recognitionEvidenceItems(input.evidence),
        credentialStatus,
      });
      credential.issuer = profile;
      const subject = credential.credentialSubject as unknown as JsonObject;
      (subject["achievement"] as JsonObject)["resultDescription"] = input.modules.map((m) => ({
        id: moduleResultId(achievementId, m.code),
        type: ["ResultDescription"],
        name: `${m.code} · ${m.name.es} (${m.credits} créditos)`,
        resultType: "Status",
      }));
      subject["result"] = input.recognised.map((m) => ({
        type: ["Result"],
        resultDescription: moduleResultId(achievementId, m.code),
        status: "Completed",
      }));
      subject["creditsEarned"] = input.creditsEarned;
      return credential;
    },
  });
  if (outcome.kind !== "issued") throw new Error("recognition credential not issued");
}
