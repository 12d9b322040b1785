import type { Achievement, Alignment, IdentifierEntry, LanguageMap, Related } from "./types.js";
import { frameworks } from "./vocabulary.js";

/**
 * The three kinds of achievement Avala issues:
 * - `unit`: a unit of competence, part of a CONOCER standard (e.g. unit U0586 of EC0217.01);
 * - `microcredential`: a short SEP or institutional course with its own outcomes;
 * - `qualification`: a whole standard or qualification, listing the units it is made of.
 */
export type AchievementKind = "unit" | "microcredential" | "qualification";

export interface LocalizedInput {
  es: string;
  en?: string;
}

export interface UnitReference {
  code: string;
  name: LocalizedInput;
  /** The unit's own achievement URL, when Avala's catalogue has one. */
  url?: string;
}

export interface AchievementInput {
  /** A stable URL for the achievement definition (the catalogue entry). */
  id: string;
  kind: AchievementKind;
  /** The human code: `EC0217.01`, a unit code, or a SEP programme key. */
  code: string;
  name: LocalizedInput;
  description: LocalizedInput;
  criteria: LocalizedInput;
  /** OB 3.0 achievementType; defaults by kind (Competency, MicroCredential, Certification). */
  achievementType?: string;
  /** Who defines the achievement: CONOCER standards and levels, or SEP. */
  framework?: "conocer" | "sep" | "institution";
  /** CONOCER competence level, 1 to 5. */
  level?: number;
  /** For a unit: the standard it belongs to. */
  standard?: UnitReference;
  /** For a qualification: the units it requires. */
  units?: UnitReference[];
  /** ISCED-F 2013 field of education and training, e.g. { code: "0613", name: "Software…" }. */
  iscedField?: { code: string; name: string };
  /** Indicative European Qualifications Framework level (1-8), for readers abroad. */
  eqfLevel?: number;
  creditsAvailable?: number;
  /** Further alignments or identifiers (e.g. an RVOE agreement number). */
  alignments?: Alignment[];
  otherIdentifiers?: IdentifierEntry[];
}

const defaultAchievementType: Record<AchievementKind, string> = {
  unit: "Competency",
  microcredential: "MicroCredential",
  qualification: "Certification",
};

export function languageMap(text: LocalizedInput): LanguageMap {
  return text.en ? { es: text.es, en: text.en } : { es: text.es };
}

/** The id of an achievement's English edition: the achievement's own id with `#en`. */
export function englishEditionId(achievementId: string): string {
  return `${achievementId.split("#")[0]}#en`;
}

/**
 * The English edition of an achievement, as OB 3.0 intends `Achievement.related` ("primarily
 * intended to identify alternate language editions"): a `Related` with `inLanguage: "en"` and
 * its texts in terms every published context defines (`name`, `description`: schema.org via
 * VC 2.0 and OB 3.0; `narrative`: OB 3.0). Undefined when there is no English text.
 */
export function englishEdition(input: AchievementInput): Related | undefined {
  const { name, description, criteria } = input;
  if (!name.en && !description.en && !criteria.en) return undefined;
  const edition: Related = { id: englishEditionId(input.id), type: ["Related"], inLanguage: "en" };
  if (name.en) edition.name = name.en;
  if (description.en) edition.description = description.en;
  if (criteria.en) edition.narrative = criteria.en;
  return edition;
}

function alignment(fields: Omit<Alignment, "type">): Alignment {
  return { type: ["Alignment"], ...fields };
}

/** Avala writes the English name of an alignment's target in OB's `targetDescription`. */
function englishName(name: LocalizedInput): { targetDescription?: string } {
  return name.en ? { targetDescription: name.en } : {};
}

function standardUrl(code: string, url?: string): string {
  return url ?? `${frameworks.conocerStandards.url}#${encodeURIComponent(code)}`;
}

/** The alignments that carry codes, levels and fields in OB 3.0's own terms. */
export function achievementAlignments(input: AchievementInput): Alignment[] {
  const list: Alignment[] = [];
  const framework = input.framework ?? (input.kind === "microcredential" ? "sep" : "conocer");
  if (framework === "conocer") {
    if (input.kind === "unit") {
      list.push(
        alignment({
          targetName: input.name.es,
          targetCode: input.code,
          targetType: "ceasn:Competency",
          targetFramework: frameworks.conocerStandards.name,
          targetUrl: standardUrl(input.code),
          ...englishName(input.name),
        }),
      );
      if (input.standard) {
        list.push(
          alignment({
            targetName: input.standard.name.es,
            targetCode: input.standard.code,
            targetType: "ceterms:Credential",
            targetFramework: frameworks.conocerStandards.name,
            targetUrl: standardUrl(input.standard.code, input.standard.url),
            ...englishName(input.standard.name),
          }),
        );
      }
    } else {
      list.push(
        alignment({
          targetName: input.name.es,
          targetCode: input.code,
          targetType: "ceterms:Credential",
          targetFramework: frameworks.conocerStandards.name,
          targetUrl: standardUrl(input.code),
          ...englishName(input.name),
        }),
      );
    }
  }
  for (const unit of input.units ?? []) {
    list.push(
      alignment({
        targetName: unit.name.es,
        targetCode: unit.code,
        targetType: "ceasn:Competency",
        targetFramework:
          framework === "conocer" ? frameworks.conocerStandards.name : frameworks.sep.name,
        targetUrl: unit.url ?? standardUrl(unit.code),
        ...englishName(unit.name),
      }),
    );
  }
  if (input.level !== undefined) {
    if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5) {
      throw new RangeError("A CONOCER competence level is an integer from 1 to 5.");
    }
    list.push(
      alignment({
        targetName: `Nivel ${input.level} de competencia`,
        targetDescription: `Competence level ${input.level} of 5`,
        targetCode: String(input.level),
        targetType: "ext:CompetenceLevel",
        targetFramework: frameworks.conocerLevels.name,
        targetUrl: frameworks.conocerLevels.url,
      }),
    );
  }
  if (input.iscedField) {
    list.push(
      alignment({
        targetName: input.iscedField.name,
        targetCode: input.iscedField.code,
        targetType: "ext:ISCEDField",
        targetFramework: frameworks.iscedF.name,
        targetUrl: frameworks.iscedF.url,
      }),
    );
  }
  if (input.eqfLevel !== undefined) {
    if (!Number.isInteger(input.eqfLevel) || input.eqfLevel < 1 || input.eqfLevel > 8) {
      throw new RangeError("An EQF level is an integer from 1 to 8.");
    }
    list.push(
      alignment({
        targetName: `EQF level ${input.eqfLevel} (indicative)`,
        targetCode: String(input.eqfLevel),
        targetType: "ext:EQFLevel",
        targetFramework: frameworks.eqf.name,
        targetUrl: frameworks.eqf.url,
      }),
    );
  }
  return [...list, ...(input.alignments ?? [])];
}

/** An OB 3.0 `Achievement` for one of Avala's three kinds. */
export function buildAchievement(input: AchievementInput): Achievement {
  if (input.kind === "unit" && input.units?.length) {
    throw new TypeError("A unit of competence does not list units.");
  }
  const achievement: Achievement = {
    id: input.id,
    type: ["Achievement"],
    achievementType: input.achievementType ?? defaultAchievementType[input.kind],
    name: input.name.es,
    description: input.description.es,
    criteria: { narrative: input.criteria.es },
    humanCode: input.code,
    inLanguage: "es-MX",
  };
  const edition = englishEdition(input);
  if (edition) achievement.related = [edition];
  const alignments = achievementAlignments(input);
  if (alignments.length) achievement.alignment = alignments;
  if (input.iscedField) achievement.fieldOfStudy = input.iscedField.name;
  if (input.creditsAvailable !== undefined) achievement.creditsAvailable = input.creditsAvailable;
  if (input.otherIdentifiers?.length) achievement.otherIdentifier = input.otherIdentifiers;
  return achievement;
}

/** An achievement's texts in one language, for display. */
export interface AchievementTexts {
  name?: string;
  description?: string;
  criteria?: string;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value : undefined;
}

/** The primary subtag of a BCP 47 language tag, lower-cased (`es-MX` → `es`). */
function primaryLanguage(value: unknown): string | undefined {
  return typeof value === "string" ? value.split("-")[0]?.toLowerCase() || undefined : undefined;
}

/**
 * An achievement's name, description and criteria in `language` (e.g. `en`), read from any
 * JSON without throwing: its alternate language edition in that language (OB 3.0 `related`
 * with that `inLanguage`: `name`, `description`, `narrative`), unless the achievement itself is
 * in that language; else the language maps of credentials Avala signed before with its own
 * context (`localizedName`, `localizedDescription`, `criteria.localizedNarrative`); else its
 * own strings.
 */
export function achievementTexts(achievement: unknown, language: string): AchievementTexts {
  const a = objectOf(achievement) ?? {};
  const criteria = objectOf(a["criteria"]);
  const wanted = primaryLanguage(language);
  const edition =
    wanted && primaryLanguage(a["inLanguage"]) !== wanted
      ? (Array.isArray(a["related"]) ? a["related"] : [a["related"]])
          .map(objectOf)
          .find((r) => r !== undefined && primaryLanguage(r["inLanguage"]) === wanted)
      : undefined;
  const legacy = (map: unknown) => (wanted ? stringOf(objectOf(map)?.[wanted]) : undefined);
  const texts: AchievementTexts = {};
  const name = stringOf(edition?.["name"]) ?? legacy(a["localizedName"]) ?? stringOf(a["name"]);
  const description =
    stringOf(edition?.["description"]) ??
    legacy(a["localizedDescription"]) ??
    stringOf(a["description"]);
  const narrative =
    stringOf(edition?.["narrative"]) ??
    legacy(criteria?.["localizedNarrative"]) ??
    stringOf(criteria?.["narrative"]);
  if (name) texts.name = name;
  if (description) texts.description = description;
  if (narrative) texts.criteria = narrative;
  return texts;
}
