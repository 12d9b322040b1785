import type { IdentifierEntry, IssuerProfileInput, Profile } from "@avala/credentials";
import { buildProfile, generateSigningKey } from "@avala/credentials";
import { parseJsonText, toFlag } from "@avala/db";
import type { DidDocument } from "@avala/did";
import { buildDidDocument, didWebFromOrigin } from "@avala/did";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import { endorsementsReceived } from "../db/repositories/endorsements.js";
import {
  findOrganisationBySlug,
  identifiersOf,
  insertOrganisation,
  type OrganisationRow,
} from "../db/repositories/organisations.js";
import type { DidMethod, IssuerTables, OrganisationKind } from "../db/schema.js";

type Db = Kysely<IssuerTables>;

export interface NewOrganisation {
  slug: string;
  kind: OrganisationKind;
  authority?: boolean;
  name: { es: string; en?: string | undefined };
  url?: string | undefined;
  email?: string | undefined;
  description?: string | undefined;
  otherIdentifiers?: IdentifierEntry[] | undefined;
  didMethod?: DidMethod | undefined;
}

/** The did:web of an organisation: `did:web:<host>:orgs:<slug>`, served at /orgs/:slug/did.json. */
export function organisationDidWeb(publicUrl: string, slug: string): string {
  return didWebFromOrigin(publicUrl, ["orgs", slug]);
}

/**
 * Creates an organisation with its first key (did:web by default). Returns undefined when the
 * slug is taken. Runs in one transaction: no organisation without a key.
 */
export async function createOrganisation(
  ctx: IssuerContext,
  input: NewOrganisation,
): Promise<OrganisationRow | undefined> {
  const method = input.didMethod ?? "web";
  const didKey = method === "key" ? await generateSigningKey() : undefined;
  const did = didKey ? didKey.controller : organisationDidWeb(ctx.config.publicUrl, input.slug);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findOrganisationBySlug(trx, input.slug)) return undefined;
    const org = await insertOrganisation(trx, {
      slug: input.slug,
      kind: input.kind,
      authority: toFlag(input.authority ?? false),
      name_es: input.name.es,
      name_en: input.name.en ?? null,
      url: input.url ?? null,
      email: input.email ?? null,
      description: input.description ?? null,
      other_identifiers: JSON.stringify(input.otherIdentifiers ?? []),
      did_method: method,
      did,
      created_at: ctx.now().toISOString(),
    });
    if (didKey) await ctx.keys.store(trx, org, didKey, 1);
    else await ctx.keys.generateNext(trx, org);
    return org;
  });
}

export function profileInputOf(org: OrganisationRow): IssuerProfileInput {
  const input: IssuerProfileInput = {
    id: org.did,
    name: org.name_en ? { es: org.name_es, en: org.name_en } : { es: org.name_es },
  };
  if (org.url) input.url = org.url;
  if (org.email) input.email = org.email;
  if (org.description) input.description = org.description;
  const identifiers = identifiersOf(org);
  if (identifiers.length) input.otherIdentifiers = identifiers;
  return input;
}

/**
 * The organisation's issuer Profile as it goes into credentials: with the endorsements it
 * received (OB 3.0 `Profile.endorsement`), so verifiers can show who accredits it.
 */
export async function issuerProfile(ctx: IssuerContext, db: Db, org: OrganisationRow) {
  const profile: Profile = buildProfile(profileInputOf(org));
  const endorsements = await endorsementsReceived(db, org.id, ctx.now().toISOString());
  if (endorsements.length) {
    profile.endorsement = endorsements.map((e) => parseJsonText(e.credential));
  }
  return profile;
}

export async function didDocumentOf(
  ctx: IssuerContext,
  db: Db,
  org: OrganisationRow,
): Promise<DidDocument> {
  const methods = await ctx.keys.verificationMethods(db, org);
  return buildDidDocument({ id: org.did, verificationMethods: methods });
}

/** An organisation as the API shows it. */
export function organisationView(ctx: IssuerContext, org: OrganisationRow) {
  const base = `${ctx.config.publicUrl}/orgs/${encodeURIComponent(org.slug)}`;
  return {
    slug: org.slug,
    kind: org.kind,
    authority: org.authority === 1,
    name: org.name_en ? { es: org.name_es, en: org.name_en } : { es: org.name_es },
    url: org.url,
    email: org.email,
    description: org.description,
    otherIdentifiers: identifiersOf(org),
    did: org.did,
    didDocument: org.did_method === "web" ? `${base}/did.json` : null,
    profile: base,
    createdAt: org.created_at,
    /** New credentials carry the learner's name as recorded (`credentialSubject.name`). */
    learnerNameInCredentials: org.learner_name_in_credentials !== 0,
  };
}

export function parseIdentifierEntries(text: string): IdentifierEntry[] {
  const value = parseJsonText(text);
  return Array.isArray(value) ? (value as IdentifierEntry[]) : [];
}
