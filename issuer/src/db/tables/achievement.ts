import type { ColumnType, Generated } from "kysely";

export type AchievementKind = "unit" | "microcredential" | "qualification";
export type AchievementFramework = "conocer" | "sep" | "institution";

/** `issuer_achievement`: an organisation's catalogue (standards, units, programmes). */
export interface AchievementTable {
  id: Generated<number>;
  organisation_id: number;
  /** `EC0217.01`, a unit code, a SEP programme key; unique per organisation. */
  code: string;
  kind: AchievementKind;
  framework: AchievementFramework;
  name_es: string;
  name_en: string | null;
  description_es: string;
  description_en: string | null;
  criteria_es: string;
  criteria_en: string | null;
  /** CONOCER competence level 1-5. */
  level: number | null;
  sector: string | null;
  /** For a unit: the code of the standard it belongs to. */
  standard_code: string | null;
  /** JSON string[]: for a qualification, the codes of its required units. */
  unit_codes: string;
  isced_code: string | null;
  isced_name: string | null;
  eqf_level: number | null;
  /** JSON `IdentifierEntry[]` (e.g. an RVOE agreement). */
  other_identifiers: string;
  /** The badge image (an https address), since migration 0009. */
  image_url: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}
