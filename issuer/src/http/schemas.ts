import { isWebLink } from "@avala/credentials";
import { z } from "zod/v4";
import { organisationKinds } from "../db/schema.js";
import { batchColumns } from "../services/batches.js";

/**
 * Request schemas: the validators use them, and the OpenAPI document is generated from them,
 * so the two cannot disagree. Every object is strict: an unknown field is a 400 problem.
 */

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "lower-case letters, digits and '-', 1-63")
  .describe("URL-safe organisation identifier");

const text = (max: number) => z.string().trim().min(1).max(max);

/** A link that ends up in credentials and pages: https (http only for a loopback host). */
const webLink = z
  .string()
  .trim()
  .max(500)
  .refine((v) => isWebLink(v), "an https address (http only for a loopback host, in development)")
  .describe("https URL");

export const localizedSchema = z
  .object({ es: text(2000), en: text(2000).optional() })
  .strict()
  .describe("A text in Spanish (required) and English");

const identifierTypes = [
  "name",
  "sourcedId",
  "systemId",
  "productId",
  "userName",
  "accountId",
  "emailAddress",
  "nationalIdentityNumber",
  "isbn",
  "issn",
  "identifier",
] as const;

export const identifierEntrySchema = z
  .object({
    identifier: text(200),
    identifierType: z
      .string()
      .refine(
        (v) =>
          (identifierTypes as readonly string[]).includes(v) ||
          /^ext:[A-Za-z0-9._-]{1,60}$/.test(v),
        "an OB 3.0 identifier type or ext:Name",
      )
      .describe("OB 3.0 IdentifierTypeEnum or `ext:…`, e.g. `ext:CCT`, `ext:ConocerAccreditation`"),
  })
  .strict();

const isoInstant = z
  .string()
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    "an ISO 8601 date or date-time with zone",
  )
  .describe("ISO 8601 date (YYYY-MM-DD) or date-time with zone");

export const statusPurposeSchema = z.enum(["revocation", "suspension"]);
export const cryptosuiteSchema = z.enum(["eddsa-rdfc-2022", "Ed25519Signature2020"]);

export const createOrganisationSchema = z
  .object({
    slug: slugSchema,
    kind: z.enum(organisationKinds),
    authority: z.boolean().optional().describe("SEP or CONOCER units that accredit others"),
    name: localizedSchema,
    url: webLink.optional(),
    email: z.email().max(254).optional(),
    description: text(2000).optional(),
    otherIdentifiers: z.array(identifierEntrySchema).max(20).optional(),
    didMethod: z.enum(["web", "key"]).optional().describe("did:web (default) or did:key"),
  })
  .strict();

export const updateOrganisationSchema = z
  .object({
    authority: z.boolean().optional().describe("platform admin only"),
    name: localizedSchema.optional(),
    url: webLink.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    description: text(2000).nullable().optional(),
    otherIdentifiers: z.array(identifierEntrySchema).max(20).optional(),
    learnerNameInCredentials: z
      .boolean()
      .optional()
      .describe(
        "Whether new credentials carry the learner's name as recorded (credentialSubject.name); on by default",
      ),
  })
  .strict();

export const createTokenSchema = z
  .object({
    role: z.enum(["admin", "operator"]),
    label: text(100).describe("What the token is for, e.g. 'SIS nightly export'"),
  })
  .strict();

export const createAchievementSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-', up to 64")
      .describe("EC0217.01, a unit code, a SEP programme key"),
    kind: z.enum(["unit", "microcredential", "qualification"]),
    framework: z.enum(["conocer", "sep", "institution"]).optional(),
    name: localizedSchema,
    description: localizedSchema,
    criteria: localizedSchema,
    level: z.number().int().min(1).max(5).optional().describe("CONOCER competence level"),
    sector: text(200).optional(),
    standardCode: text(64).optional().describe("For a unit: the standard it belongs to"),
    units: z
      .array(text(64))
      .max(100)
      .optional()
      .describe("For a qualification: codes of required units (already in the catalogue)"),
    iscedField: z
      .object({ code: z.string().regex(/^\d{2,4}$/), name: text(200) })
      .strict()
      .optional(),
    eqfLevel: z.number().int().min(1).max(8).optional().describe("Indicative EQF level"),
    otherIdentifiers: z.array(identifierEntrySchema).max(20).optional(),
    image: webLink.optional().describe("The badge image (OB 3.0 Achievement.image), https"),
  })
  .strict();

/** Editing a catalogue entry: everything but its code and kind, which credentials name. */
export const updateAchievementSchema = createAchievementSchema.omit({ code: true, kind: true });

export const learnerSchema = z
  .object({
    email: z.email().max(254).optional(),
    curp: z
      .string()
      .trim()
      .length(18)
      .optional()
      .describe("Mexican CURP; only hashed, never stored"),
    did: z
      .string()
      .max(500)
      .regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/)
      .optional(),
    name: text(200).optional(),
  })
  .strict();

export const issueAwardSchema = z
  .object({
    achievementCode: text(64),
    learner: learnerSchema,
    externalId: text(200).describe("Your system's id for this award: issuing is once per id"),
    validFrom: isoInstant.optional(),
    validUntil: isoInstant.optional(),
    evidence: webLink
      .optional()
      .describe("A page that shows the learner's work (OB 3.0 evidence), https"),
    statusPurpose: statusPurposeSchema.optional().describe("revocation (default) or suspension"),
    cryptosuite: cryptosuiteSchema.optional(),
  })
  .strict();

export const vcIssueSchema = z
  .object({
    credential: z
      .record(z.string(), z.unknown())
      .describe("An unsigned VC 2.0 credential (OB 3.0 or not), or VC 1.1 input"),
    options: z
      .object({
        credentialStatus: z
          .object({
            type: z.literal("BitstringStatusListEntry"),
            statusPurpose: statusPurposeSchema,
          })
          .strict()
          .optional(),
        cryptosuite: cryptosuiteSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const vcStatusEntrySchema = z
  .object({
    type: z.literal("BitstringStatusListEntry"),
    statusPurpose: statusPurposeSchema,
    id: z.string().max(2048).optional().describe("The entry's id, if you name the entry"),
    statusListIndex: z
      .string()
      .regex(/^(0|[1-9]\d{0,15})$/, "an integer ≥ 0 in base 10, as a string")
      .optional(),
    statusListCredential: z.string().max(2048).optional(),
    status: z
      .union([z.boolean(), z.enum(["0", "1"])])
      .optional()
      .describe("The VC-API's earlier shape: the new value inside the entry"),
  })
  .strict();

export const vcStatusSchema = z
  .object({
    credentialId: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      .describe("The credential's `id` (or its id in this API)"),
    credentialStatus: z
      .union([vcStatusEntrySchema, z.array(vcStatusEntrySchema).length(1)])
      .describe("The status entry to update (Avala credentials carry one)"),
    status: z
      .boolean()
      .optional()
      .describe("The entry's new value: true sets it (revoked, suspended), false clears it"),
    indexAllocator: z
      .string()
      .max(2048)
      .optional()
      .describe("Accepted and not used: the issuer allocates indexes itself"),
  })
  .strict();

export const statusChangeSchema = z
  .object({
    action: z.enum(["revoke", "suspend", "reinstate"]),
    reason: text(500),
    publicReason: z
      .boolean()
      .optional()
      .describe(
        "Publish the reason with the credential's status, where verifiers read it (the entry's statusReference); default false",
      ),
  })
  .strict();

export const batchQuerySchema = z
  .object({
    statusPurpose: statusPurposeSchema
      .optional()
      .describe("The status entry of every credential: revocation (default) or suspension"),
    cryptosuite: cryptosuiteSchema.optional().describe("eddsa-rdfc-2022 (default)"),
  })
  .strict();

export const batchRowJsonSchema = z
  .object(
    Object.fromEntries(batchColumns.map((c) => [c, z.string()])) as Record<
      (typeof batchColumns)[number],
      z.ZodString
    >,
  )
  .partial()
  .describe("One row: the same fields as the CSV columns");

export const listQuerySchema = z
  .object({
    externalId: z.string().max(200).optional().describe("Only the credential with this id"),
    status: z.enum(["active", "suspended", "revoked"]).optional().describe("Only this status"),
    before: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional()
      .describe("Paging cursor from `next`"),
    limit: z
      .string()
      .regex(/^\d{1,4}$/)
      .optional()
      .describe("1-200, default 50"),
  })
  .strict();

export const pageQuerySchema = z
  .object({
    after: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional()
      .describe("Paging cursor (line number) from `next`"),
    limit: z
      .string()
      .regex(/^\d{1,4}$/)
      .optional()
      .describe("1-1000, default 200"),
  })
  .strict();

export const claimSchema = z
  .object({
    presentation: z
      .record(z.string(), z.unknown())
      .describe("A Verifiable Presentation signed by the holder's did:key with the challenge"),
  })
  .strict();

export const endorsementSchema = z
  .object({
    subjectOrg: slugSchema.describe("Slug of the endorsed organisation"),
    comment: localizedSchema,
    validUntil: isoInstant.optional(),
    mayAccredit: z
      .boolean()
      .optional()
      .describe(
        "Also grant the right to accredit others (an authority only): a certification body that accredits its assessment centres",
      ),
  })
  .strict();
