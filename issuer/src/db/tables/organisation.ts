import type { Generated } from "kysely";

/** The kinds of organisation Avala knows (`platform` runs the deployment and its registry). */
export const organisationKinds = [
  "sep",
  "conocer",
  "certification-body",
  "assessment-centre",
  "school",
  "private-institution",
  "foreign-institution",
  "platform",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export type DidMethod = "web" | "key";

/** `issuer_organisation`: a tenant, with its issuer Profile and its DID. */
export interface OrganisationTable {
  id: Generated<number>;
  /** URL-safe, unique; names the did:web path `/orgs/:slug`. */
  slug: string;
  kind: OrganisationKind;
  /** 1 for SEP and CONOCER units that accredit others (Flag). */
  authority: number;
  name_es: string;
  name_en: string | null;
  url: string | null;
  email: string | null;
  description: string | null;
  /** JSON: OB 3.0 `IdentifierEntry[]` (CCT key, ECE accreditation number, RFC…). */
  other_identifiers: string;
  did_method: DidMethod;
  did: string;
  created_at: string;
  /** 1: credentials carry the learner's name (`credentialSubject.name`); 0: they do not. */
  learner_name_in_credentials: Generated<number>;
}
