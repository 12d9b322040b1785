import { createHash, randomUUID } from "node:crypto";
import type { Credential, JsonObject } from "@avala/credentials";
import { buildEndorsementCredential, signCredential } from "@avala/credentials";
import { parseJsonText } from "@avala/db";
import { buildStatusEntry } from "@avala/status-list";
import type { TrustRegistryEntry } from "@avala/trust-registry";
import { buildTrustRegistryCredential } from "@avala/trust-registry";
import type { IssuerContext } from "../context.js";
import {
  accreditationRightsOf,
  type EndorsementRow,
  endorsementsInForce,
  findEndorsement,
  insertEndorsement,
  withdrawEndorsement,
} from "../db/repositories/endorsements.js";
import {
  findOrganisationBySlug,
  listOrganisations,
  type OrganisationRow,
} from "../db/repositories/organisations.js";
import { allocateStatusSlot, bumpStatusListVersion } from "../db/repositories/status-lists.js";
import { profileInputOf } from "./organisations.js";
import { statusListUrl } from "./status.js";

export interface NewEndorsement {
  subjectOrg: string;
  comment: { es: string; en?: string | undefined };
  validUntil?: string | undefined;
  /** Also grant the right to accredit others (an authority only). */
  mayAccredit?: boolean | undefined;
}

export type EndorsementOutcome =
  | { ok: true; endorsement: EndorsementRow; credential: Credential }
  | {
      ok: false;
      status: 403 | 404 | 422;
      code:
        | "issuer.endorsement.not-authority"
        | "issuer.endorsement.grant-not-authority"
        | "issuer.organisation.not-found"
        | "issuer.endorsement.self";
      params?: Record<string, string>;
    };

/**
 * An organisation entitled to accredit endorses another organisation with an OB 3.0
 * EndorsementCredential signed with its own key. From then on the endorsed organisation's
 * Profile in every credential it issues carries it (`Profile.endorsement`). The endorsement has
 * one `BitstringStatusListEntry` (revocation) on the endorser's own list, at a random index,
 * like any credential the endorser issues: withdrawing it sets that bit.
 *
 * Who may accredit (docs/architecture.md): an authority (SEP, CONOCER), which may also grant
 * the endorsed organisation the right to accredit others (`mayAccredit`); and an organisation
 * holding such a grant in force, whose endorsements embed the grant in its profile so that a
 * verifier sees the whole chain. Only an authority grants the right: it is never passed on.
 */
export async function endorseOrganisation(
  ctx: IssuerContext,
  endorser: OrganisationRow,
  input: NewEndorsement,
): Promise<EndorsementOutcome> {
  const isAuthority = endorser.authority === 1;
  const now = ctx.now();
  const rights = isAuthority
    ? []
    : await accreditationRightsOf(ctx.db, endorser.id, now.toISOString());
  if (!isAuthority && rights.length === 0) {
    return { ok: false, status: 403, code: "issuer.endorsement.not-authority" };
  }
  if (input.mayAccredit && !isAuthority) {
    return { ok: false, status: 403, code: "issuer.endorsement.grant-not-authority" };
  }
  const subject = await findOrganisationBySlug(ctx.db, input.subjectOrg);
  if (!subject) {
    return {
      ok: false,
      status: 422,
      code: "issuer.organisation.not-found",
      params: { slug: input.subjectOrg },
    };
  }
  if (subject.id === endorser.id)
    return { ok: false, status: 422, code: "issuer.endorsement.self" };
  const publicId = randomUUID();
  // One transaction: the revocation entry on the endorser's own list, the credential built
  // around it and signed with the endorser's current key, and the row. A rollback returns the
  // index unused.
  return ctx.db.transaction().execute(async (trx): Promise<EndorsementOutcome> => {
    const slot = await allocateStatusSlot(trx, {
      organisationId: endorser.id,
      purpose: "revocation",
      length: ctx.config.limits.statusListLength,
      now: now.toISOString(),
    });
    const unsigned = buildEndorsementCredential({
      id: `urn:uuid:${publicId}`,
      issuer: profileInputOf(endorser),
      subjectId: subject.did,
      comment: input.comment,
      validFrom: now,
      ...(input.validUntil ? { validUntil: input.validUntil } : {}),
      ...(input.mayAccredit ? { mayAccredit: true } : {}),
      // A single object: the OB 3.0 EndorsementCredential schema allows no array here.
      credentialStatus: buildStatusEntry({
        listCredentialUrl: statusListUrl(ctx.config, endorser.slug, "revocation", slot.listNumber),
        index: slot.index,
        statusPurpose: "revocation",
      }),
    });
    if (rights.length > 0) {
      (unsigned.issuer as JsonObject).endorsement = rights.map((r) =>
        parseJsonText(r.credential),
      ) as JsonObject[];
    }
    const credential = await signCredential(unsigned, {
      key: await ctx.keys.signingKey(trx, endorser.id),
      documentLoader: ctx.signingLoader,
      date: now,
    });
    const endorsement = await insertEndorsement(trx, {
      public_id: publicId,
      endorser_id: endorser.id,
      subject_id: subject.id,
      credential: JSON.stringify(credential),
      comment_es: input.comment.es,
      comment_en: input.comment.en ?? null,
      created_at: now.toISOString(),
      valid_until: typeof credential.validUntil === "string" ? credential.validUntil : null,
      withdrawn_at: null,
      status_list_id: slot.listId,
      status_index: slot.index,
      may_accredit: input.mayAccredit ? 1 : 0,
    });
    return { ok: true, endorsement, credential };
  });
}

/**
 * Withdraws an endorsement the organisation gave: it leaves the endorsed organisation's Profile
 * (so later credentials no longer carry it) and the trust registry, and its revocation bit is
 * set on the endorser's status list, so every copy already embedded in credentials issued
 * earlier shows as revoked to any verifier that checks status. One transaction; withdrawing
 * twice changes nothing. False when the organisation gave no such endorsement.
 */
export async function withdrawEndorsementOf(
  ctx: IssuerContext,
  endorser: OrganisationRow,
  publicId: string,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const endorsement = await findEndorsement(trx, endorser.id, publicId);
    if (!endorsement) return false;
    const now = ctx.now().toISOString();
    const withdrawn = await withdrawEndorsement(trx, endorsement.id, now);
    if (withdrawn && endorsement.status_list_id !== null) {
      await bumpStatusListVersion(trx, endorsement.status_list_id, now);
    }
    return true;
  });
}

export function endorsementView(row: EndorsementRow, endorser?: string, subject?: string) {
  return {
    id: row.public_id,
    ...(endorser ? { endorser } : {}),
    ...(subject ? { subject } : {}),
    comment: row.comment_en ? { es: row.comment_es, en: row.comment_en } : { es: row.comment_es },
    createdAt: row.created_at,
    validUntil: row.valid_until,
    withdrawnAt: row.withdrawn_at,
    credential: parseJsonText(row.credential),
  };
}

/** The slug of the organisation that signs the trust registry. */
export const PLATFORM_SLUG = "platform";

/**
 * The deployment's trust registry: every authority organisation, and every organisation an
 * authority endorsed (one entry each, by its first endorsement in force), signed by the
 * `platform` organisation's key. Undefined when there is no platform organisation.
 */
export async function signedTrustRegistry(
  ctx: IssuerContext,
): Promise<{ body: string; etag: string } | undefined> {
  const platform = await findOrganisationBySlug(ctx.db, PLATFORM_SLUG);
  if (!platform) return undefined;
  const now = ctx.now();
  const organisations = await listOrganisations(ctx.db);
  const entries: TrustRegistryEntry[] = [];
  const listed = new Set<string>();
  const nameOf = (org: { name_es: string; name_en: string | null }) =>
    org.name_en ? { es: org.name_es, en: org.name_en } : { es: org.name_es };
  for (const org of organisations) {
    if (org.authority !== 1) continue;
    entries.push({ id: org.did, name: nameOf(org), role: "authority", kind: org.kind });
    listed.add(org.did);
  }
  // Accredited by an authority (one entry each, by its first endorsement in force), then by
  // an organisation that an authority gave the right to accredit.
  const inForce = await endorsementsInForce(ctx.db, now.toISOString());
  const list = (e: (typeof inForce)[number], grant: boolean) => {
    const org = organisations.find((o) => o.id === e.subject_id);
    if (!org || listed.has(e.subject_did)) return;
    entries.push({
      id: e.subject_did,
      name: nameOf(org),
      role: "accredited",
      accreditedBy: e.endorser_did,
      kind: e.subject_kind,
      ...(grant ? { mayAccredit: true } : {}),
      ...(e.valid_until ? { validUntil: e.valid_until } : {}),
    });
    listed.add(e.subject_did);
  };
  for (const e of inForce) {
    if (e.endorser_authority !== 1) continue;
    // Granted by any authority's endorsement in force, whichever one lists it.
    const granted = inForce.some(
      (g) => g.endorser_authority === 1 && g.may_accredit === 1 && g.subject_id === e.subject_id,
    );
    list(e, granted);
  }
  const mayAccredit = new Set(entries.filter((x) => x.mayAccredit).map((x) => x.id));
  for (const e of inForce) {
    if (e.endorser_authority !== 1 && mayAccredit.has(e.endorser_did)) list(e, false);
  }
  const key = await ctx.keys.signingKey(ctx.db, platform.id);
  // Signed again only when the entries or the key changed.
  const version = createHash("sha256")
    .update(JSON.stringify([key.id, entries]))
    .digest("base64url")
    .slice(0, 27);
  const cached = registryCache.get(ctx);
  if (cached?.version === version) return cached.value;
  const unsigned = buildTrustRegistryCredential({
    url: `${ctx.config.publicUrl}/trust-registry.json`,
    operator: platform.did,
    entries,
    validFrom: now,
  });
  const signed = await signCredential(unsigned, {
    key,
    documentLoader: ctx.signingLoader,
    date: now,
  });
  const value = { body: JSON.stringify(signed), etag: `W/"${version}"` };
  registryCache.set(ctx, { version, value });
  return value;
}

const registryCache = new WeakMap<
  IssuerContext,
  { version: string; value: { body: string; etag: string } }
>();
