import { z } from "zod/v4";
import type { IssuerConfig } from "./config.js";
import {
  batchQuerySchema,
  batchRowJsonSchema,
  claimSchema,
  createAchievementSchema,
  createOrganisationSchema,
  createTokenSchema,
  endorsementSchema,
  issueAwardSchema,
  listQuerySchema,
  pageQuerySchema,
  statusChangeSchema,
  updateOrganisationSchema,
  vcIssueSchema,
  vcStatusSchema,
} from "./http/schemas.js";
import { openid4vciOperations } from "./openapi-openid4vci.js";
import type { Access, JsonSchema, Operation } from "./openapi-operation.js";
import { recognitionOperations } from "./openapi-recognition.js";
import { standardRequestOperations } from "./openapi-standard-requests.js";
import { outboxQuerySchema } from "./routes/outbox.js";
import { batchColumns } from "./services/batches.js";

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
});
const str = (description?: string): JsonSchema => ({
  type: "string",
  ...(description ? { description } : {}),
});
const int = (description?: string): JsonSchema => ({
  type: "integer",
  ...(description ? { description } : {}),
});
const anyObject = (description: string): JsonSchema => ({ type: "object", description });
const localized = object({ es: str(), en: str() }, ["es"]);

const outboxMessage = object({
  id: str(),
  kind: { type: "string", enum: ["claim-offer", "staff-invite"] },
  reference: str("The offer id or the invitation id"),
  recipient: str(),
  locale: str("es, en, or null: Spanish with English below"),
  subject: str(),
  state: { type: "string", enum: ["queued", "sending", "sent", "failed", "cancelled"] },
  attempts: int(),
  nextAttemptAt: str(),
  lastError: str("SMTP reply or reason; never a secret"),
  createdAt: str(),
  sentAt: str(),
  waiting: str("smtp-not-configured when SMTP_URL is not set"),
});

const credentialSummary = object({
  id: str("The credential's id in this API (UUID)"),
  credentialId: str("The VC's `id`"),
  externalId: str(),
  status: { type: "string", enum: ["active", "suspended", "revoked"] },
  statusPurpose: { type: "string", enum: ["revocation", "suspension"] },
  statusListCredential: str(),
  statusListIndex: int(),
  subject: str("The holder's DID once claimed"),
  learner: object({ email: str(), name: str() }),
  issuedAt: str(),
  updatedAt: str(),
});
const batchProgress = object({
  id: str(),
  state: { type: "string", enum: ["processing", "completed"] },
  source: { type: "string", enum: ["csv", "json"] },
  statusPurpose: str(),
  total: int(),
  issued: int(),
  skipped: int("Rows whose external id was already issued (exactly once)"),
  failed: int(),
  pending: int(),
  createdAt: str(),
  completedAt: str(),
});
const organisation = object({
  slug: str(),
  kind: str(),
  authority: { type: "boolean" },
  name: localized,
  did: str(),
  didDocument: str(),
  profile: str(),
  learnerNameInCredentials: {
    type: "boolean",
    description: "New credentials carry the learner's name as recorded (credentialSubject.name)",
  },
});
const offer = object(
  {
    offer: object({
      issuer: object({ id: str(), name: str(), localizedName: localized }),
      achievement: object({ name: str(), code: str(), localizedName: localized }),
      expiresAt: str(),
      recipient: object({
        name: str("The learner's name as the issuer recorded it (null if none)"),
        email: str("The learner's e-mail as the issuer recorded it (null if none)"),
      }),
    }),
    challenge: str("Single-use nonce for the presentation's proof"),
    domain: str("The issuer's origin, for the presentation's proof"),
  },
  ["offer", "challenge", "domain"],
);

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description: problemText[s] ?? "Problem",
        schema: { $ref: "#/components/schemas/Problem" },
        type: "application/problem+json",
      },
    ]),
  );
const problemText: Record<number, string> = {
  400: "Malformed request (JSON, CSV, unknown fields, wrong types)",
  401: "No valid token",
  403: "The token may not do this",
  404: "Not found (or not yours)",
  409: "Conflict with the current state",
  410: "Gone (expired)",
  413: "Body too large",
  415: "Unsupported media type",
  422: "Well-formed but not acceptable (reasons in `errors`)",
  429: "Too many requests",
};

const csvDescription = `CSV with a header row. Columns: ${batchColumns.join(", ")}. externalId and achievementCode are required; give at least one of email, curp, did. Dates are ISO 8601.`;

/** Every endpoint of the issuer. A test checks this list against the app's routes. */
export const operations: Operation[] = [
  {
    method: "get",
    path: "/",
    tag: "Service",
    summary: "Service index",
    access: "public",
    responses: { 200: { description: "Links" } },
  },
  {
    method: "get",
    path: "/health",
    tag: "Service",
    summary: "Health check (database reachable)",
    access: "public",
    responses: { 200: { description: "OK" } },
  },
  {
    method: "get",
    path: "/openapi.json",
    tag: "Service",
    summary: "This OpenAPI 3.1 document",
    access: "public",
    responses: { 200: { description: "OpenAPI" } },
  },
  {
    method: "get",
    path: "/docs",
    tag: "Service",
    summary: "Readable API documentation (HTML, no scripts)",
    access: "public",
    responses: { 200: { description: "HTML", type: "text/html" } },
  },
  {
    method: "get",
    path: "/assets/issuer.css",
    tag: "Service",
    summary: "Stylesheet of the HTML pages",
    access: "public",
    responses: { 200: { description: "CSS", type: "text/css" } },
  },
  {
    method: "get",
    path: "/trust-registry.json",
    tag: "Trust",
    access: "public",
    summary: "The deployment's trust registry",
    description:
      "A VC signed by the `platform` organisation listing the authorities (SEP, CONOCER) and the organisations they endorsed (accredited). Cached for 300 s, with an ETag.",
    responses: {
      200: { description: "Signed AvalaTrustRegistry credential" },
      304: { description: "Not modified" },
      ...problems(404),
    },
  },
  {
    method: "post",
    path: "/orgs",
    tag: "Platform",
    access: "platform",
    summary: "Create an organisation (and its first admin token)",
    description:
      "Generates the organisation's Ed25519 key and DID (did:web served at /orgs/{slug}/did.json, or did:key). The admin token is shown once.",
    body: { "application/json": createOrganisationSchema },
    responses: {
      201: {
        description: "Created",
        schema: object({
          organisation,
          token: object({ id: str(), role: str(), label: str(), token: str("Shown once") }),
        }),
      },
      ...problems(400, 401, 403, 409, 413, 415),
    },
  },
  {
    method: "get",
    path: "/orgs",
    tag: "Platform",
    access: "platform",
    summary: "List organisations",
    responses: {
      200: {
        description: "Organisations",
        schema: object({ organisations: { type: "array", items: organisation } }),
      },
      ...problems(401, 403),
    },
  },
  {
    method: "patch",
    path: "/orgs/{slug}",
    tag: "Platform",
    access: "admin-or-platform",
    summary: "Update an organisation's profile and settings; mark an authority (platform only)",
    description:
      "The organisation's admin or the platform. `learnerNameInCredentials: false` keeps learners' names out of the credentials issued from then on (the name stays in the issuer's records for delivery); `true` (the default) signs it as `credentialSubject.name`.",
    body: { "application/json": updateOrganisationSchema },
    responses: {
      200: { description: "Updated", schema: object({ organisation }) },
      ...problems(400, 401, 403, 404),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}",
    tag: "Organisations",
    access: "public",
    summary: "The organisation's OB 3.0 issuer Profile (with endorsements received)",
    responses: { 200: { description: "Profile" }, ...problems(404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/did.json",
    tag: "Organisations",
    access: "public",
    summary: "did:web DID document (every key, current and rotated out)",
    responses: { 200: { description: "DID document" }, ...problems(404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/endorsements",
    tag: "Endorsements",
    access: "public",
    summary: "Endorsements the organisation received and gave",
    responses: { 200: { description: "Endorsements" }, ...problems(404) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/endorsements",
    tag: "Endorsements",
    access: "admin",
    summary: "An authority endorses (accredits) another organisation",
    description:
      "Issues an OB 3.0 EndorsementCredential about the subject organisation, signed by the authority, with one BitstringStatusListEntry (revocation) on the authority's own status list. It is embedded in the subject's Profile (`issuer.endorsement`) in every credential it issues afterwards. Only organisations with the authority flag (SEP, CONOCER).",
    body: { "application/json": endorsementSchema },
    responses: {
      201: { description: "Endorsement with its signed credential" },
      ...problems(400, 401, 403, 404, 422),
    },
  },
  {
    method: "delete",
    path: "/orgs/{slug}/endorsements/{id}",
    tag: "Endorsements",
    access: "admin",
    summary: "Withdraw an endorsement this organisation gave",
    description:
      "The endorsement leaves the subject's Profile and the trust registry, and its revocation bit is set at once: the copies embedded in credentials issued earlier show as revoked to any verifier that checks status. Withdrawing twice changes nothing.",
    responses: { 204: { description: "Withdrawn" }, ...problems(401, 403, 404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/tokens",
    tag: "Access",
    access: "admin-or-platform",
    summary: "List API tokens (never the tokens themselves)",
    responses: { 200: { description: "Tokens" }, ...problems(401, 403, 404) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/tokens",
    tag: "Access",
    access: "admin-or-platform",
    summary: "Create an API token (shown once)",
    body: { "application/json": createTokenSchema },
    responses: {
      201: {
        description: "Token",
        schema: object({
          id: str(),
          role: str(),
          label: str(),
          createdAt: str(),
          token: str("Shown once; stored only as a SHA-256 hash"),
        }),
      },
      ...problems(400, 401, 403, 404),
    },
  },
  {
    method: "delete",
    path: "/orgs/{slug}/tokens/{tokenId}",
    tag: "Access",
    access: "admin-or-platform",
    summary: "Revoke an API token",
    responses: { 204: { description: "Revoked" }, ...problems(401, 403, 404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/keys",
    tag: "Keys",
    access: "admin",
    summary: "The organisation's public keys",
    responses: { 200: { description: "Keys" }, ...problems(401, 403, 404) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/keys/rotate",
    tag: "Keys",
    access: "admin",
    summary: "Rotate the signing key",
    description:
      "A new key signs from now on; older keys stay in the DID document so credentials they signed still verify. did:key organisations cannot rotate (409).",
    responses: {
      201: { description: "The new key and the DID document" },
      ...problems(401, 403, 404, 409),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/achievements",
    tag: "Catalogue",
    access: "public",
    summary: "The organisation's catalogue",
    responses: { 200: { description: "Achievements" }, ...problems(404) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/achievements",
    tag: "Catalogue",
    access: "admin",
    summary: "Add a standard, unit, programme or microcredential",
    body: { "application/json": createAchievementSchema },
    responses: {
      201: { description: "The entry and its OB 3.0 Achievement" },
      ...problems(400, 401, 403, 404, 409, 422),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/achievements/{code}",
    tag: "Catalogue",
    access: "public",
    summary: "An achievement as OB 3.0 JSON (its id is this URL)",
    responses: { 200: { description: "Achievement" }, ...problems(404) },
  },
  {
    method: "post",
    path: "/credentials/issue",
    tag: "Issuing",
    access: "token",
    summary: "W3C VC-API: issue a credential",
    description:
      "Signs a VC 2.0 credential (or VC 1.1 input, issued as VC 1.1) as the token's organisation. `issuer` is always the organisation, in terms the credential's contexts define: with an Open Badges 3.0 context its stored Profile (with the endorsements in force); otherwise the DID when you send it as a string, else `{ id, name }` (VC 2.0) or `{ id }` (VC 1.1). `issuer` is required (422 `issuer.credential.issuer-required`): the organisation's DID, or an object with that `id` (its other fields are not used); another issuer (422 `issuer.credential.issuer-mismatch`) or an `issuer.endorsement` is refused. `@context`: the base context first, then published context URLs or inline objects (processed offline, never fetched; a protected term redefined is 422 `issuer.credential.protected-term`); Avala's retired context `https://w3id.org/avala/v1` is 422 `issuer.credential.retired-context`. Every MUST of VC Data Model 2.0 is checked and a breach is a 422 naming the rule in `code` and the field in `errors` (dates are XML Schema dateTimeStamps kept as given, validFrom ≤ validUntil, ids are URLs, credentialStatus/credentialSchema/evidence/refreshService/termsOfUse typed, relatedResource with unique ids and a digest, which for a resource Avala holds must be that resource's (422 `issuer.credential.related-resource-mismatch`; other resources are never fetched, only the digest's syntax is checked), name/description text or language value objects, …); nulls and a `proof` are refused; OB credentials are checked against the OB 3.0 schema. The time of issue fills `validFrom` (VC 2.0) or `issuanceDate` (VC 1.1) when absent. Status: your own `credentialStatus` (checked; not on this issuer's lists) is kept as it is and Avala does not manage it; otherwise Avala assigns one BitstringStatusListEntry, revocation by default or `options.credentialStatus.statusPurpose`, except to VC 1.1 input, which gets it only when `options.credentialStatus` asks (with the status list context the VC 1.1 context lacks); both at once is 422 `issuer.credential.status-present`. `options.cryptosuite`: eddsa-rdfc-2022 (default) or Ed25519Signature2020.",
    body: { "application/json": vcIssueSchema },
    responses: {
      201: {
        description: "Issued",
        schema: object(
          {
            verifiableCredential: anyObject("The signed credential"),
            claimUrl: str("One-time claim URL for a wallet"),
          },
          ["verifiableCredential"],
        ),
      },
      ...problems(400, 401, 409, 413, 415, 422),
    },
  },
  {
    method: "post",
    path: "/credentials/status",
    tag: "Status",
    access: "token",
    summary: "W3C VC-API: update a credential's status (revoke, suspend, reinstate)",
    description:
      "The VC-API (VCALM) status service for the token's organisation's credentials. `credentialId` is the credential's `id` (or its id in this API); another organisation's credential is a 404. `credentialStatus` names the entry: `{ type: \"BitstringStatusListEntry\", statusPurpose }` (optionally its `id`, `statusListCredential` and `statusListIndex`, which must be the credential's: else 422 `issuer.status.entry-mismatch`), or a one-entry array (the earlier shape, with the value in the entry's `status`: true/\"1\" or false/\"0\"). `status` is the bit's new value, true by default: revocation true revokes (final; false is 409 `issuer.status.revoked-final`, or `issuer.status.not-revoked`); suspension true suspends and false reinstates. The same rules and history as `POST /orgs/{slug}/credentials/{id}/status` (a revocation-only entry cannot be suspended: 409). A credential issued with its own `credentialStatus` is not Avala's to change (409 `issuer.status.not-managed`). `indexAllocator` is accepted and not used.",
    body: { "application/json": vcStatusSchema },
    responses: {
      200: {
        description: "Updated",
        schema: object({
          id: str("The credential's id in this API"),
          credentialId: str("The VC's `id`"),
          previous: { type: "string", enum: ["active", "suspended", "revoked"] },
          status: { type: "string", enum: ["active", "suspended", "revoked"] },
          note: anyObject("When a suspension-only credential is revoked: what verifiers see"),
          history: { type: "array", items: anyObject("A status change") },
        }),
      },
      ...problems(400, 401, 403, 404, 409, 413, 415, 422),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/credentials",
    tag: "Issuing",
    access: "operator",
    summary: "Issue a credential from the catalogue to a learner",
    description:
      "Builds an OB 3.0 AchievementCredential. The learner's CURP and email go into the credential only as salted hashes; the CURP is never stored. `externalId` makes issuing idempotent: a second request with the same id is a 409 naming the existing credential.",
    body: { "application/json": issueAwardSchema },
    responses: {
      201: {
        description: "Issued",
        schema: {
          allOf: [
            credentialSummary,
            object({
              claimUrl: str(),
              claimExpiresAt: str(),
              verifiableCredential: anyObject("The signed credential"),
            }),
          ],
        },
      },
      ...problems(400, 401, 403, 404, 409, 422),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/credentials",
    tag: "Issuing",
    access: "operator",
    summary: "List credentials (newest first)",
    query: listQuerySchema,
    responses: {
      200: {
        description: "Credentials",
        schema: object({
          credentials: { type: "array", items: credentialSummary },
          next: str("Cursor for `before`"),
        }),
      },
      ...problems(400, 401, 404),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/credentials/{id}",
    tag: "Issuing",
    access: "operator",
    summary: "A credential with its claim offer and status history",
    responses: { 200: { description: "Credential" }, ...problems(401, 404) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/credentials/{id}/offer",
    tag: "Delivery",
    access: "operator",
    summary: "A new claim offer (e.g. the last one expired)",
    responses: {
      201: { description: "Offer", schema: object({ url: str(), expiresAt: str() }) },
      ...problems(401, 404, 409),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/credentials/{id}/resend-claim",
    tag: "Delivery",
    access: "operator",
    summary: "Send the claim e-mail again",
    description:
      "Queues the claim e-mail to the learner's address again: with the current offer while it is open, else with a new one. 409 when the credential has no learner e-mail (`issuer.outbox.no-recipient`), is revoked or was claimed. The message goes out through the outbox (see `GET /orgs/{slug}/outbox`).",
    responses: {
      202: {
        description: "Queued",
        schema: object({
          message: outboxMessage,
          offer: object({ expiresAt: str(), new: { type: "boolean" } }),
        }),
      },
      ...problems(401, 404, 409),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/outbox",
    tag: "Delivery",
    access: "admin",
    summary: "E-mail outbox: claim offers and invitations with their delivery state",
    description:
      "Newest first. Each message is queued, sending, sent, failed (after retries with exponential back-off, or a permanent SMTP refusal) or cancelled (its offer was claimed, revoked or expired before it went out). Without SMTP_URL messages stay queued (`waiting: smtp-not-configured`) and go out once it is set.",
    query: outboxQuerySchema,
    responses: {
      200: {
        description: "Messages",
        schema: object({
          transport: object({ configured: { type: "boolean" } }),
          counts: anyObject("Messages per state"),
          messages: { type: "array", items: outboxMessage },
          next: str("Cursor for `before`"),
        }),
      },
      ...problems(400, 401, 403, 404),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/credentials/{id}/status",
    tag: "Status",
    access: "operator",
    summary: "Revoke, suspend or reinstate",
    description:
      "Records the reason, who and when. Revocation is final (reinstating a revoked credential is 409). Suspension applies only to credentials issued with a suspension entry (else 409: it can only be revoked). Revoking a credential whose one entry is a suspension entry sets that bit for good, so verifiers see it as suspended, not revoked: the answer then carries a `note` ({ code, detail, localizedDetail }) that says so. The status list reflects the change at once.",
    body: { "application/json": statusChangeSchema },
    responses: { 200: { description: "New status and history" }, ...problems(400, 401, 404, 409) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/status",
    tag: "Status",
    access: "public",
    summary: "The organisation's status lists",
    responses: { 200: { description: "Lists" }, ...problems(404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/status/{purpose}/{listNumber}",
    tag: "Status",
    access: "public",
    summary: "A signed BitstringStatusListCredential",
    description:
      "Signed with the organisation's current key; `Cache-Control: no-cache` (a change shows at once), weak ETag by list version (If-None-Match → 304).",
    responses: {
      200: { description: "Status list credential" },
      304: { description: "Not modified" },
      ...problems(404),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/status/{purpose}/{listNumber}/entries/{index}",
    tag: "Status",
    access: "public",
    summary: "A status entry's notice: status, since when, and the reason if published",
    description:
      "What each credential's BitstringStatusListEntry names as `statusReference` (VC 2.0 credentials). `status` is the credential's (`active`, `suspended`, `revoked`), `since` the time of its last change (null if it never changed), `reason` only when the clerk published it with the change (`publicReason`): `{ code, es, en }`, the reason's label in both languages followed by the clerk's own words. `Cache-Control: no-cache`. The status list's bit is what counts; this notice only explains it. An index no credential of this issuer uses (or one whose credential brought its own `credentialStatus`) is a 404.",
    responses: {
      200: {
        description: "Notice",
        schema: object(
          {
            statusListCredential: str(),
            statusListIndex: str(),
            statusPurpose: { type: "string", enum: ["revocation", "suspension"] },
            status: { type: "string", enum: ["active", "suspended", "revoked"] },
            since: { type: ["string", "null"], format: "date-time" },
            reason: {
              type: ["object", "null"],
              properties: { code: str(), es: str(), en: str() },
            },
          },
          ["statusListCredential", "statusListIndex", "statusPurpose", "status", "since", "reason"],
        ),
      },
      ...problems(404),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/batches",
    tag: "Batches",
    access: "operator",
    summary: "Issue to a cohort (CSV or JSON array)",
    description: `Rows are stored first (one transaction), then issued in the background, each credential in a transaction that also marks its row done. A row whose externalId was already issued is skipped: sending a batch twice, or resuming after a crash, issues each credential exactly once. Bad rows are reported per line and never stop the others. ${csvDescription}`,
    query: batchQuerySchema,
    body: {
      "text/csv": { type: "string", description: csvDescription },
      "application/json": z.array(batchRowJsonSchema),
    },
    responses: {
      202: { description: "Accepted; poll the Location", schema: batchProgress },
      ...problems(400, 401, 404, 413, 415, 422),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/batches",
    tag: "Batches",
    access: "operator",
    summary: "Recent batches",
    responses: { 200: { description: "Batches" }, ...problems(401, 404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/batches/{id}",
    tag: "Batches",
    access: "operator",
    summary: "Progress: total, issued, skipped, failed, pending",
    responses: { 200: { description: "Progress", schema: batchProgress }, ...problems(401, 404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/batches/{id}/errors",
    tag: "Batches",
    access: "operator",
    summary: "Per-row error report (line, field, reason)",
    query: pageQuerySchema,
    responses: {
      200: {
        description: "Errors",
        schema: object({
          batch: str(),
          errors: {
            type: "array",
            items: object({ line: int(), externalId: str(), field: str(), reason: str() }),
          },
          next: str(),
        }),
      },
      ...problems(401, 404),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/batches/{id}/credentials",
    tag: "Batches",
    access: "operator",
    summary: "Issued rows with their claim URLs (for delivery)",
    query: pageQuerySchema,
    responses: { 200: { description: "Rows" }, ...problems(401, 404) },
  },
  {
    method: "get",
    path: "/claims/{token}",
    tag: "Delivery",
    access: "public",
    summary: "A claim offer",
    description:
      'With `Accept: application/json`: the offer, a fresh single-use `challenge` and the `domain` for the wallet\'s DID-authentication presentation. Otherwise a bilingual page (Accept-Language or ?lang=es|en) with a "Save to my wallet" button and a QR code. Expired → 410, claimed → 409, unknown → 404.',
    responses: {
      200: { description: "Offer (JSON) or page (HTML)", schema: offer },
      ...problems(404, 409, 410, 429),
    },
  },
  {
    method: "post",
    path: "/claims/{token}",
    tag: "Delivery",
    access: "public",
    summary: "Claim: present the holder's DID, receive the bound credential",
    description:
      "The presentation must be signed by the holder's did:key, with the challenge and domain from the GET. On success the credential is re-signed with credentialSubject.id = holder (same id, same status entry) and the offer is used up.",
    body: { "application/json": claimSchema },
    responses: {
      201: {
        description: "The bound credential",
        schema: object(
          {
            verifiableCredential: anyObject("The signed credential"),
            compactCredential: anyObject(
              "Its compact QR edition, bound to the holder too (when it has one): a small OB 3.0 credential on the same status entry, for a QR code that verifies offline (@avala/compact-credential)",
            ),
          },
          ["verifiableCredential"],
        ),
      },
      ...problems(400, 404, 409, 410, 422, 429),
    },
  },
  {
    method: "get",
    path: "/claims/{token}/qr.png",
    tag: "Delivery",
    access: "public",
    summary: "QR code of the claim URL (PNG)",
    responses: { 200: { description: "PNG", type: "image/png" }, ...problems(404) },
  },
  {
    method: "get",
    path: "/claims/{token}/qr.svg",
    tag: "Delivery",
    access: "public",
    summary: "QR code of the claim URL (SVG)",
    responses: { 200: { description: "SVG", type: "image/svg+xml" }, ...problems(404) },
  },
  ...openid4vciOperations,
  ...standardRequestOperations,
  ...recognitionOperations,
];

const accessText: Record<Access, string> = {
  public: "Public",
  platform: "Platform admin token",
  admin: "Organisation token, role admin",
  "admin-or-platform": "Organisation token (admin) or platform admin token",
  operator: "Organisation token (operator or admin)",
  token: "Any organisation token (the organisation is the token's)",
};

const paramText: Record<string, string> = {
  slug: "Organisation slug",
  id: "Resource id (UUID)",
  code: "Achievement code, e.g. EC0217.01",
  tokenId: "Token id (UUID), not the token",
  token: "Claim token from the claim URL",
  purpose: "revocation or suspension",
  listNumber: "List number, from 1",
};

function toSchema(schema: JsonSchema | z.ZodType): JsonSchema {
  if (schema instanceof z.ZodType) {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    delete json["$schema"];
    return json;
  }
  return schema;
}

/** The OpenAPI 3.1 document for this deployment. */
export function openApiDocument(config: IssuerConfig) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: unknown[] = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
      description: paramText[name ?? ""] ?? name,
    }));
    if (op.query) {
      const query = toSchema(op.query) as { properties?: Record<string, JsonSchema> };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({
          name,
          in: "query",
          required: false,
          schema,
          ...(schema["description"] ? { description: schema["description"] } : {}),
        });
      }
    }
    const operation: Record<string, unknown> = {
      operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      "x-access": accessText[op.access],
      security: op.access === "public" ? [] : [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema || r.type
              ? {
                  content: { [r.type ?? "application/json"]: r.schema ? { schema: r.schema } : {} },
                }
              : {}),
          },
        ]),
      ),
    };
    if (op.body) {
      operation["requestBody"] = {
        required: true,
        content: Object.fromEntries(
          Object.entries(op.body).map(([type, schema]) => [type, { schema: toSchema(schema) }]),
        ),
      };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Avala issuer",
      version: "0.1.0",
      description:
        "Issues, holds and revokes Open Badges 3.0 / W3C VC 2.0 credentials for Mexican technical and vocational education (SEP, CONOCER). Errors are RFC 9457 application/problem+json with `type`, `title`, `status`, `detail` (in the request's language), `localizedDetail` (es, en), `code` and, for input errors, `errors` [{ field, line, reason }].",
      license: { name: "MIT" },
    },
    servers: [{ url: config.publicUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An organisation API token (avl_…) or the platform admin token",
        },
      },
      schemas: {
        Problem: object(
          {
            type: str("https://w3id.org/avala/problems#<code>"),
            title: str(),
            status: int(),
            detail: str("In the request's language (Accept-Language)"),
            code: str("Stable message key"),
            localizedDetail: localized,
            errors: {
              type: "array",
              items: object({ field: str(), line: int(), reason: str() }, ["reason"]),
            },
          },
          ["type", "title", "status"],
        ),
      },
    },
    paths,
  };
}
