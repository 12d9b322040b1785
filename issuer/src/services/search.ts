import { isValidCurp, normalizeIdentifier } from "@avala/credentials";
import { type Kysely, sql } from "kysely";
import type { IssuerContext } from "../context.js";
import type { CredentialState, IssuerTables } from "../db/schema.js";

type Db = Kysely<IssuerTables>;

/** What a clerk may search by. Every field is optional; given ones must all match. */
export interface CredentialSearch {
  /** Part of the learner's name, any case. */
  name?: string;
  /** The learner's e-mail (whole, any case). */
  email?: string;
  /** The learner's CURP: matched through its keyed HMAC, never stored or compared in clear. */
  curp?: string;
  /** The issuing system's id for the award (whole). */
  externalId?: string;
  /** An achievement code of the catalogue. */
  achievementCode?: string;
  /** A batch's public id. */
  batch?: string;
  status?: CredentialState;
  /** Paging: credentials with a row id below this (newest first). */
  before?: number;
  limit?: number;
}

export interface FoundCredential {
  id: number;
  publicId: string;
  externalId: string | null;
  learnerName: string | null;
  learnerEmail: string | null;
  achievementCode: string | null;
  status: CredentialState;
  issuedAt: string;
  batch: string | null;
}

export type SearchOutcome =
  | { ok: true; results: FoundCredential[]; next: number | null }
  | { ok: false; field: "curp"; code: "console.search.curp-invalid" };

/** Escapes `%`, `_` and `\` for a LIKE pattern with `\` as the escape character. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Finds an organisation's credentials. The organisation is always part of the query: another
 * organisation's credentials cannot match. A CURP is normalised and HMAC-ed with the issuer's
 * key, the same way issuing stores it, and only the HMAC is compared.
 */
export async function searchCredentials(
  ctx: IssuerContext,
  organisationId: number,
  search: CredentialSearch,
): Promise<SearchOutcome> {
  const limit = Math.min(Math.max(search.limit ?? 25, 1), 200);
  const db: Db = ctx.db;
  let query = db
    .selectFrom("issuer_credential as c")
    .leftJoin("issuer_achievement as a", "a.id", "c.achievement_id")
    .leftJoin("issuer_batch as b", "b.id", "c.batch_id")
    .select([
      "c.id",
      "c.public_id",
      "c.external_id",
      "c.learner_name",
      "c.learner_email",
      "c.status",
      "c.issued_at",
      "a.code as achievement_code",
      "b.public_id as batch_public_id",
    ])
    .where("c.organisation_id", "=", organisationId);
  if (search.curp) {
    const curp = search.curp.trim().toUpperCase();
    if (!isValidCurp(curp))
      return { ok: false, field: "curp", code: "console.search.curp-invalid" };
    query = query.where(
      "c.learner_curp_hmac",
      "=",
      ctx.secrets.curpIndex(normalizeIdentifier("curp", curp)),
    );
  }
  if (search.name) {
    const pattern = `%${likeEscape(search.name.trim().toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(c.learner_name) like ${pattern} escape '\\'`);
  }
  if (search.email) {
    query = query.where("c.learner_email", "=", normalizeIdentifier("email", search.email));
  }
  if (search.externalId) query = query.where("c.external_id", "=", search.externalId.trim());
  if (search.achievementCode) query = query.where("a.code", "=", search.achievementCode.trim());
  if (search.batch) query = query.where("b.public_id", "=", search.batch.trim());
  if (search.status) query = query.where("c.status", "=", search.status);
  if (search.before !== undefined) query = query.where("c.id", "<", search.before);
  const rows = await query.orderBy("c.id", "desc").limit(limit).execute();
  return {
    ok: true,
    results: rows.map((r) => ({
      id: r.id,
      publicId: r.public_id,
      externalId: r.external_id,
      learnerName: r.learner_name,
      learnerEmail: r.learner_email,
      achievementCode: r.achievement_code,
      status: r.status,
      issuedAt: r.issued_at,
      batch: r.batch_public_id,
    })),
    next: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
  };
}

/** How many credentials an organisation has in each status. */
export async function credentialCounts(
  ctx: IssuerContext,
  organisationId: number,
): Promise<Record<CredentialState, number>> {
  const rows = await ctx.db
    .selectFrom("issuer_credential")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("organisation_id", "=", organisationId)
    .groupBy("status")
    .execute();
  const counts: Record<CredentialState, number> = { active: 0, suspended: 0, revoked: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
