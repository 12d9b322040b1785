import { createHmac, randomUUID } from "node:crypto";
import { isValidCurp } from "@avala/credentials";
import { hashPassword } from "@avala/web-auth";
import type { IssuerContext } from "./context.js";
import { hashToken } from "./crypto/tokens.js";
import { findAchievement } from "./db/repositories/achievements.js";
import { latestOffer } from "./db/repositories/claims.js";
import { findCredentialByExternalId } from "./db/repositories/credentials.js";
import { endorsementsReceived } from "./db/repositories/endorsements.js";
import type { OrganisationRow } from "./db/repositories/organisations.js";
import { countOrganisations, findOrganisationBySlug } from "./db/repositories/organisations.js";
import { findStaffByEmail, insertStaff } from "./db/repositories/staff.js";
import { findTokenByHash, insertToken } from "./db/repositories/tokens.js";
import { issueAward, prepareAwards } from "./services/awards.js";
import { addAchievement, type NewAchievement } from "./services/catalogue.js";
import { claimUrl, createOffer } from "./services/claims.js";
import { endorseOrganisation, PLATFORM_SLUG } from "./services/endorsements.js";
import { createOrganisation, type NewOrganisation } from "./services/organisations.js";

/** The demo organisation: a CONOCER-accredited certification body (ECE). */
export const DEMO_ORGANISATION = "ece-demo";

const CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";

/** Completes a CURP's 17 characters with its check digit (RENAPO's algorithm). */
export function withCurpCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i]!) * (18 - i);
  return `${first17}${(10 - (sum % 10)) % 10}`;
}

/** Fictitious learners with CURPs in a valid format (check digit included). */
export const demoLearners = [
  {
    name: "Ana López García",
    email: "ana.lopez@example.mx",
    curp: withCurpCheckDigit("LOGA040315MDFPRNA"),
  },
  {
    name: "Juan Pérez Hernández",
    email: "juan.perez@example.mx",
    curp: withCurpCheckDigit("PEHJ900722HJCRRN0"),
  },
  {
    name: "María Fernanda Ruiz Soto",
    email: "maria.ruiz@example.mx",
    curp: withCurpCheckDigit("RUSF981102MNLZTR0"),
  },
];

const demoNote = "Datos de demostración / Demo data";

const organisations: NewOrganisation[] = [
  {
    slug: "sep",
    kind: "sep",
    authority: true,
    name: { es: "Secretaría de Educación Pública (SEP)", en: "Ministry of Public Education (SEP)" },
    url: "https://www.gob.mx/sep",
    description: demoNote,
  },
  {
    slug: "conocer",
    kind: "conocer",
    authority: true,
    name: {
      es: "Consejo Nacional de Normalización y Certificación de Competencias Laborales (CONOCER)",
      en: "National Council for Standardisation and Certification of Labour Competencies (CONOCER)",
    },
    url: "https://conocer.gob.mx",
    description: demoNote,
  },
  {
    slug: PLATFORM_SLUG,
    kind: "platform",
    name: { es: "Avala (operador de la plataforma)", en: "Avala (platform operator)" },
    description: demoNote,
  },
  {
    slug: "conalep-demo",
    kind: "school",
    name: { es: "CONALEP Plantel Demostración", en: "CONALEP Demonstration Campus" },
    description: demoNote,
    otherIdentifiers: [
      { type: "IdentifierEntry", identifier: "09DPT9999Z", identifierType: "ext:CCT" },
    ],
  },
  {
    slug: DEMO_ORGANISATION,
    kind: "certification-body",
    name: {
      es: "Centro Evaluador Demostración, S.C. (ECE)",
      en: "Demonstration Certification Body (ECE)",
    },
    email: "certificacion@example.mx",
    description: demoNote,
    otherIdentifiers: [
      {
        type: "IdentifierEntry",
        identifier: "ECE-DEMO-001",
        identifierType: "ext:ConocerAccreditation",
      },
    ],
  },
];

const ec0217 = {
  code: "EC0217.01",
  es: "Impartición de cursos de formación del capital humano de manera presencial grupal",
  en: "Delivering in-person group training courses for human capital development",
};

const ecUnits: NewAchievement[] = [
  ["E1", "Preparar la sesión de formación", "Prepare the training session"],
  ["E2", "Conducir la sesión de formación", "Conduct the training session"],
  ["E3", "Evaluar el aprendizaje y la sesión", "Assess learning and the session"],
].map(([suffix, es, en]) => ({
  code: `${ec0217.code}-${suffix}`,
  kind: "unit",
  framework: "conocer",
  name: { es: es!, en: en! },
  description: {
    es: `Elemento del estándar ${ec0217.code} (código de demostración).`,
    en: `Element of standard ${ec0217.code} (demonstration code).`,
  },
  criteria: {
    es: "Evaluación de desempeño y producto por un evaluador certificado.",
    en: "Performance and product assessment by a certified assessor.",
  },
  level: 3,
  sector: "Educación y formación de personas",
  standardCode: ec0217.code,
}));

const ecStandard: NewAchievement = {
  code: ec0217.code,
  kind: "qualification",
  framework: "conocer",
  name: { es: ec0217.es, en: ec0217.en },
  description: {
    es: "Estándar de Competencia del CONOCER para instructores que imparten cursos presenciales a grupos.",
    en: "CONOCER competence standard for instructors who deliver in-person courses to groups.",
  },
  criteria: {
    es: "Demostrar las tres unidades del estándar ante una Entidad de Certificación y Evaluación acreditada.",
    en: "Demonstrate the standard's three units before an accredited certification body.",
  },
  level: 3,
  sector: "Educación y formación de personas",
  units: ecUnits.map((u) => u.code),
  iscedField: { code: "0111", name: "Education science" },
  eqfLevel: 4,
};

const microcredential: NewAchievement = {
  code: "MC-SEP-PY-01",
  kind: "microcredential",
  framework: "sep",
  name: { es: "Fundamentos de programación en Python", en: "Python programming fundamentals" },
  description: {
    es: "Microcredencial de 40 horas: variables, control de flujo, funciones y pruebas.",
    en: "40-hour microcredential: variables, control flow, functions and tests.",
  },
  criteria: {
    es: "Aprobar el proyecto final y el examen práctico.",
    en: "Pass the final project and the practical exam.",
  },
  iscedField: { code: "0613", name: "Software and applications development and analysis" },
  eqfLevel: 4,
};

export interface DemoCredential {
  externalId: string;
  organisation: string;
  achievementCode: string;
  id: string;
  claimUrl: string | null;
  claimed: boolean;
}

export interface DemoInfo {
  /** The demo organisation's slug (`ece-demo`). */
  organisation: string;
  organisationDid: string;
  /** Its admin API token (AVALA_DEMO_TOKEN, or derived from the master key). */
  token: string;
  /** False when an admin revoked the demo token. */
  tokenActive: boolean;
  /**
   * The demo organisation's console admin (a staff account): the password is derived from the
   * master key, so it is the same at every start; `created` on the start that made it.
   */
  consoleLogin: { email: string; password: string; created: boolean };
  achievementCode: string;
  /** The `platform` organisation's DID: the trust registry's operator. */
  registryOperator: string;
  credentials: DemoCredential[];
}

const DEMO_STAFF = { email: "clara.mendoza@ece-demo.example", name: "Clara Mendoza" };

/** The demo organisation's console admin, created once with a password derived from the key. */
async function ensureDemoStaff(ctx: IssuerContext, org: OrganisationRow) {
  const password = `demo-${createHmac("sha256", ctx.secrets.derivedDemoToken())
    .update("avala demo console password")
    .digest("base64url")
    .slice(0, 12)}`;
  if (await findStaffByEmail(ctx.db, DEMO_STAFF.email)) {
    return { email: DEMO_STAFF.email, password, created: false };
  }
  await insertStaff(ctx.db, {
    public_id: randomUUID(),
    organisation_id: org.id,
    email: DEMO_STAFF.email,
    name: DEMO_STAFF.name,
    role: "admin",
    password_hash: await hashPassword(password),
    created_at: ctx.now().toISOString(),
    disabled_at: null,
    last_sign_in_at: null,
  });
  return { email: DEMO_STAFF.email, password, created: true };
}

async function ensureOrganisation(
  ctx: IssuerContext,
  input: NewOrganisation,
): Promise<OrganisationRow> {
  const existing = await findOrganisationBySlug(ctx.db, input.slug);
  if (existing) return existing;
  return (
    (await createOrganisation(ctx, input)) ?? (await findOrganisationBySlug(ctx.db, input.slug))!
  );
}

async function ensureEndorsement(
  ctx: IssuerContext,
  endorser: OrganisationRow,
  subject: OrganisationRow,
  comment: { es: string; en: string },
  mayAccredit = false,
) {
  const received = await endorsementsReceived(ctx.db, subject.id, ctx.now().toISOString());
  if (received.some((e) => e.endorser_id === endorser.id)) return;
  await endorseOrganisation(ctx, endorser, { subjectOrg: subject.slug, comment, mayAccredit });
}

async function ensureAchievement(ctx: IssuerContext, org: OrganisationRow, input: NewAchievement) {
  if (await findAchievement(ctx.db, org.id, input.code)) return;
  await addAchievement(ctx.db, org, input, ctx.now().toISOString());
}

/** Ensures the demo admin token exists (unless it was revoked: then it stays revoked). */
async function ensureDemoToken(ctx: IssuerContext, org: OrganisationRow) {
  const token = ctx.config.demoToken ?? ctx.secrets.derivedDemoToken();
  const hash = hashToken(token);
  const existing = await findTokenByHash(ctx.db, hash);
  if (existing)
    return { token, active: existing.revoked_at === null && existing.organisation_id === org.id };
  await insertToken(ctx.db, {
    token_id: randomUUID(),
    organisation_id: org.id,
    token_hash: hash,
    role: "admin",
    label: "demo admin token",
    created_at: ctx.now().toISOString(),
    revoked_at: null,
  });
  return { token, active: true };
}

/** Whether `startIssuer` should seed: an empty database, or one seeded before. */
export async function shouldSeedDemo(ctx: IssuerContext): Promise<boolean> {
  if ((await countOrganisations(ctx.db)) === 0) return true;
  return (await findOrganisationBySlug(ctx.db, DEMO_ORGANISATION)) !== undefined;
}

/**
 * Seeds (idempotently) the demo deployment: SEP and CONOCER as authorities, the platform
 * organisation, a CONALEP campus endorsed by SEP, a certification body accredited by CONOCER,
 * EC0217.01 with its units, a SEP microcredential, and a few credentials for fictitious
 * learners. Running it again adds only what is missing.
 */
export async function seedDemo(ctx: IssuerContext): Promise<DemoInfo> {
  const orgs = new Map<string, OrganisationRow>();
  for (const input of organisations) orgs.set(input.slug, await ensureOrganisation(ctx, input));
  const sep = orgs.get("sep")!;
  const conocer = orgs.get("conocer")!;
  const conalep = orgs.get("conalep-demo")!;
  const ece = orgs.get(DEMO_ORGANISATION)!;
  const platform = orgs.get(PLATFORM_SLUG)!;

  // An ECE accredits its assessment centres: CONOCER grants it that right.
  await ensureEndorsement(
    ctx,
    conocer,
    ece,
    {
      es: "Entidad de Certificación y Evaluación acreditada por el CONOCER",
      en: "Certification and assessment body accredited by CONOCER",
    },
    true,
  );
  await ensureEndorsement(ctx, sep, conalep, {
    es: "Plantel con programas con Reconocimiento de Validez Oficial de Estudios (RVOE) de la SEP",
    en: "Campus whose programmes hold SEP official recognition (RVOE)",
  });

  for (const unit of ecUnits) await ensureAchievement(ctx, ece, unit);
  await ensureAchievement(ctx, ece, ecStandard);
  await ensureAchievement(ctx, conalep, microcredential);

  const demoToken = await ensureDemoToken(ctx, ece);
  const consoleLogin = await ensureDemoStaff(ctx, ece);

  const awards = [
    {
      org: ece,
      code: ec0217.code,
      learner: demoLearners[0]!,
      externalId: "demo-ec0217-ana",
      purpose: "revocation" as const,
    },
    {
      org: ece,
      code: `${ec0217.code}-E1`,
      learner: demoLearners[1]!,
      externalId: "demo-ec0217-e1-juan",
      purpose: "suspension" as const,
    },
    {
      org: conalep,
      code: microcredential.code,
      learner: demoLearners[2]!,
      externalId: "demo-mc-python-maria",
      purpose: "revocation" as const,
    },
  ];
  const credentials: DemoCredential[] = [];
  for (const award of awards) {
    if (!isValidCurp(award.learner.curp))
      throw new Error(`demo CURP not valid: ${award.externalId}`);
    let row = await findCredentialByExternalId(ctx.db, award.org.id, award.externalId);
    if (!row) {
      const achievement = (await findAchievement(ctx.db, award.org.id, award.code))!;
      const outcome = await issueAward(
        ctx,
        award.org,
        {
          achievement,
          learner: award.learner,
          externalId: award.externalId,
          statusPurpose: award.purpose,
          cryptosuite: "eddsa-rdfc-2022",
          // Demo learners' addresses are made up: never mail them (the demo prints the links).
          claimMail: false,
        },
        await prepareAwards(ctx, award.org),
      );
      row =
        outcome.kind === "issued"
          ? outcome.credential
          : outcome.kind === "duplicate-external-id"
            ? outcome.existing
            : undefined;
    }
    if (!row) continue;
    let offer = await latestOffer(ctx.db, row.id);
    if (offer && !offer.claimed_at && offer.expires_at <= ctx.now().toISOString()) {
      offer = await createOffer(ctx, ctx.db, row);
    }
    credentials.push({
      externalId: award.externalId,
      organisation: award.org.slug,
      achievementCode: award.code,
      id: row.public_id,
      claimUrl: offer && !offer.claimed_at ? claimUrl(ctx, offer.offer_id) : null,
      claimed: Boolean(offer?.claimed_at),
    });
  }
  return {
    organisation: ece.slug,
    organisationDid: ece.did,
    token: demoToken.token,
    tokenActive: demoToken.active,
    consoleLogin,
    achievementCode: ec0217.code,
    registryOperator: platform.did,
    credentials,
  };
}
