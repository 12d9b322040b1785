import { parseJsonText } from "@avala/db";
import type { IssuerContext } from "../context.js";
import { findAchievement } from "../db/repositories/achievements.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import {
  findStandardVersion,
  type StandardVersionRow,
  saveStandardVersion,
} from "../db/repositories/standard-requests.js";

/**
 * Versions and expiry of standards (issue 15, part 3). A CONOCER standard's code carries its
 * version (`EC0217.01`, then `EC0217.02`); the catalogue records until when a version may be
 * certified, which version superseded it, and which units of earlier versions the current one
 * accepts in place of its own (equivalences).
 */

export type StandardStanding =
  | { state: "current"; validUntil?: string }
  | { state: "expired"; validUntil: string }
  | { state: "superseded"; next: string; validUntil?: string };

/** Equivalences: a required unit code and the older unit codes that count as it. */
export type Equivalences = Record<string, string[]>;

export interface StandardVersionInput {
  validUntil?: string | null | undefined;
  supersededBy?: string | null | undefined;
  equivalences?: Equivalences | undefined;
}

export function equivalencesOf(row: StandardVersionRow | undefined): Equivalences {
  const value = row ? parseJsonText(row.equivalences) : undefined;
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Equivalences = {};
  for (const [unit, older] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(older)) out[unit] = older.filter((u): u is string => typeof u === "string");
  }
  return out;
}

/** Whether a standard of this catalogue may still be certified, at the issuer's clock. */
export async function standardStanding(
  ctx: IssuerContext,
  org: OrganisationRow,
  code: string,
): Promise<StandardStanding> {
  const row = await findStandardVersion(ctx.db, org.id, code);
  const validUntil = row?.valid_until ?? undefined;
  if (row?.superseded_by) {
    return { state: "superseded", next: row.superseded_by, ...(validUntil ? { validUntil } : {}) };
  }
  if (validUntil && validUntil <= ctx.now().toISOString()) return { state: "expired", validUntil };
  return { state: "current", ...(validUntil ? { validUntil } : {}) };
}

/**
 * Which unit codes the standard accepts, each mapped to the required unit it counts as: its own
 * units, and the older units its equivalences name.
 */
export async function unitsAccepted(
  ctx: IssuerContext,
  org: OrganisationRow,
  code: string,
  required: readonly string[],
): Promise<Map<string, string>> {
  const accepted = new Map(required.map((u) => [u, u]));
  const equivalences = equivalencesOf(await findStandardVersion(ctx.db, org.id, code));
  for (const [unit, older] of Object.entries(equivalences)) {
    if (!required.includes(unit)) continue;
    for (const old of older) if (!accepted.has(old)) accepted.set(old, unit);
  }
  return accepted;
}

/** Records a standard's version facts; undefined when the code is not a standard here. */
export async function setStandardVersion(
  ctx: IssuerContext,
  org: OrganisationRow,
  code: string,
  input: StandardVersionInput,
) {
  const standard = await findAchievement(ctx.db, org.id, code);
  if (standard?.kind !== "qualification") return undefined;
  const existing = await findStandardVersion(ctx.db, org.id, code);
  const row: StandardVersionRow = {
    organisation_id: org.id,
    code,
    valid_until:
      input.validUntil === undefined ? (existing?.valid_until ?? null) : input.validUntil,
    superseded_by:
      input.supersededBy === undefined ? (existing?.superseded_by ?? null) : input.supersededBy,
    equivalences: JSON.stringify(input.equivalences ?? equivalencesOf(existing)),
    updated_at: ctx.now().toISOString(),
  };
  await saveStandardVersion(ctx.db, row);
  return standardVersionView(row);
}

/** A standard's version facts as the public catalogue shows them. */
export function standardVersionView(row: StandardVersionRow | undefined) {
  return {
    validUntil: row?.valid_until ?? null,
    supersededBy: row?.superseded_by ?? null,
    equivalences: equivalencesOf(row),
  };
}

export async function standardVersionOf(ctx: IssuerContext, org: OrganisationRow, code: string) {
  return standardVersionView(await findStandardVersion(ctx.db, org.id, code));
}
