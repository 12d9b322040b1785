import type { AchievementInput, IdentifierEntry, UnitReference } from "@avala/credentials";
import { buildAchievement } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import type { Kysely } from "kysely";
import type { IssuerConfig } from "../config.js";
import {
  type AchievementRow,
  findAchievement,
  findAchievementsByCodes,
  insertAchievement,
  updateAchievement,
} from "../db/repositories/achievements.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { AchievementFramework, AchievementKind, IssuerTables } from "../db/schema.js";

type Db = Kysely<IssuerTables>;

export interface NewAchievement {
  code: string;
  kind: AchievementKind;
  framework?: AchievementFramework | undefined;
  name: { es: string; en?: string | undefined };
  description: { es: string; en?: string | undefined };
  criteria: { es: string; en?: string | undefined };
  level?: number | undefined;
  sector?: string | undefined;
  standardCode?: string | undefined;
  units?: string[] | undefined;
  iscedField?: { code: string; name: string } | undefined;
  eqfLevel?: number | undefined;
  otherIdentifiers?: IdentifierEntry[] | undefined;
  /** The badge image: an https address (OB 3.0 `Achievement.image`). */
  image?: string | undefined;
}

/** What may change in a catalogue entry: everything but its code and kind. */
export type AchievementChanges = Omit<NewAchievement, "code" | "kind">;

export function achievementUrl(config: IssuerConfig, slug: string, code: string): string {
  return `${config.publicUrl}/orgs/${encodeURIComponent(slug)}/achievements/${encodeURIComponent(code)}`;
}

function localized(es: string, en: string | null) {
  return en ? { es, en } : { es };
}

export type CatalogueOutcome =
  | { ok: true; achievement: AchievementRow }
  | { ok: false; reason: "exists" | "unknown-unit" | "invalid"; code: string; detail?: string };

function defaultFramework(input: NewAchievement): AchievementFramework {
  return input.kind === "microcredential" ? "sep" : "conocer";
}

/** Why a list of unit codes cannot be a qualification's: a code that is not a unit here. */
async function unitProblem(
  db: Db,
  org: OrganisationRow,
  kind: AchievementKind,
  code: string,
  units: string[],
): Promise<Exclude<CatalogueOutcome, { ok: true }> | undefined> {
  if (kind === "unit" && units.length) {
    return { ok: false, reason: "invalid", code, detail: "a unit does not list units" };
  }
  if (units.length) {
    const found = await findAchievementsByCodes(db, org.id, units);
    const known = new Set(found.filter((a) => a.kind === "unit").map((a) => a.code));
    const missing = units.find((u) => !known.has(u));
    if (missing !== undefined) return { ok: false, reason: "unknown-unit", code: missing };
  }
  return undefined;
}

/**
 * Changes a catalogue entry (its texts, level, alignments, units, image). Credentials already
 * issued keep what they were signed with; the next ones carry the change.
 */
export async function editAchievement(
  db: Db,
  org: OrganisationRow,
  code: string,
  input: AchievementChanges,
): Promise<CatalogueOutcome | undefined> {
  const existing = await findAchievement(db, org.id, code);
  if (!existing) return undefined;
  const units = input.units ?? [];
  const problem = await unitProblem(db, org, existing.kind, code, units);
  if (problem) return problem;
  const row = await updateAchievement(db, existing.id, {
    framework: input.framework ?? existing.framework,
    name_es: input.name.es,
    name_en: input.name.en ?? null,
    description_es: input.description.es,
    description_en: input.description.en ?? null,
    criteria_es: input.criteria.es,
    criteria_en: input.criteria.en ?? null,
    level: input.level ?? null,
    sector: input.sector ?? null,
    standard_code: input.standardCode ?? null,
    unit_codes: JSON.stringify(units),
    isced_code: input.iscedField?.code ?? null,
    isced_name: input.iscedField?.name ?? null,
    eqf_level: input.eqfLevel ?? null,
    ...(input.otherIdentifiers
      ? { other_identifiers: JSON.stringify(input.otherIdentifiers) }
      : {}),
    image_url: input.image ?? null,
  });
  return row ? { ok: true, achievement: row } : undefined;
}

/** Adds an achievement to an organisation's catalogue; a qualification's units must exist. */
export async function addAchievement(
  db: Db,
  org: OrganisationRow,
  input: NewAchievement,
  now: string,
): Promise<CatalogueOutcome> {
  const units = input.units ?? [];
  const problem = await unitProblem(db, org, input.kind, input.code, units);
  if (problem) return problem;
  const row = await insertAchievement(db, {
    organisation_id: org.id,
    code: input.code,
    kind: input.kind,
    framework: input.framework ?? defaultFramework(input),
    name_es: input.name.es,
    name_en: input.name.en ?? null,
    description_es: input.description.es,
    description_en: input.description.en ?? null,
    criteria_es: input.criteria.es,
    criteria_en: input.criteria.en ?? null,
    level: input.level ?? null,
    sector: input.sector ?? null,
    standard_code: input.standardCode ?? null,
    unit_codes: JSON.stringify(units),
    isced_code: input.iscedField?.code ?? null,
    isced_name: input.iscedField?.name ?? null,
    eqf_level: input.eqfLevel ?? null,
    other_identifiers: JSON.stringify(input.otherIdentifiers ?? []),
    image_url: input.image ?? null,
    created_at: now,
  });
  if (!row) return { ok: false, reason: "exists", code: input.code };
  return { ok: true, achievement: row };
}

function stringList(text: string): string[] {
  const value = parseJsonText(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The core's `AchievementInput` for a catalogue entry (units and standard resolved). */
export async function achievementInputOf(
  config: IssuerConfig,
  db: Db,
  org: OrganisationRow,
  row: AchievementRow,
): Promise<AchievementInput> {
  const input: AchievementInput = {
    id: achievementUrl(config, org.slug, row.code),
    kind: row.kind,
    code: row.code,
    name: localized(row.name_es, row.name_en),
    description: localized(row.description_es, row.description_en),
    criteria: localized(row.criteria_es, row.criteria_en),
    framework: row.framework,
  };
  if (row.level !== null) input.level = row.level;
  if (row.isced_code && row.isced_name) {
    input.iscedField = { code: row.isced_code, name: row.isced_name };
  }
  if (row.eqf_level !== null) input.eqfLevel = row.eqf_level;
  const identifiers = parseJsonText(row.other_identifiers);
  if (Array.isArray(identifiers) && identifiers.length) {
    input.otherIdentifiers = identifiers as IdentifierEntry[];
  }
  const unitCodes = stringList(row.unit_codes);
  if (unitCodes.length) {
    const units = await findAchievementsByCodes(db, org.id, unitCodes);
    const byCode = new Map(units.map((u) => [u.code, u]));
    input.units = unitCodes.map((code): UnitReference => {
      const unit = byCode.get(code);
      return {
        code,
        name: unit ? localized(unit.name_es, unit.name_en) : { es: code },
        url: achievementUrl(config, org.slug, code),
      };
    });
  }
  if (row.kind === "unit" && row.standard_code) {
    const standard = await findAchievement(db, org.id, row.standard_code);
    input.standard = {
      code: row.standard_code,
      name: standard ? localized(standard.name_es, standard.name_en) : { es: row.standard_code },
      ...(standard ? { url: achievementUrl(config, org.slug, standard.code) } : {}),
    };
  }
  return input;
}

/** A catalogue entry as the API shows it, with the OB 3.0 `Achievement` it becomes. */
export async function achievementView(
  config: IssuerConfig,
  db: Db,
  org: OrganisationRow,
  row: AchievementRow,
) {
  const input = await achievementInputOf(config, db, org, row);
  return {
    code: row.code,
    kind: row.kind,
    framework: row.framework,
    name: input.name,
    description: input.description,
    criteria: input.criteria,
    level: row.level,
    sector: row.sector,
    standardCode: row.standard_code,
    units: stringList(row.unit_codes),
    iscedField: input.iscedField ?? null,
    eqfLevel: row.eqf_level,
    image: row.image_url,
    achievement: buildAchievement(input),
  };
}
