import type { Credential, JsonObject } from "@avala/credentials";
import { checkOpenBadgesSchema, toDateTime } from "@avala/credentials";
import { jsonBody } from "@avala/http-middleware";
import { type Context, Hono } from "hono";
import type { IssuerContext } from "../context.js";
import { listStatusEvents } from "../db/repositories/credentials.js";
import { tokenAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { fail, noteOf } from "../http/problems.js";
import { vcIssueSchema, vcStatusSchema } from "../http/schemas.js";
import { valid } from "../http/validation.js";
import {
  type DataModel,
  dataModelOf,
  RuleViolationError,
  violation,
} from "../services/credential-rules.js";
import { CredentialRejectedError, issueCredential } from "../services/issuance.js";
import { issuerFor } from "../services/issuer-shape.js";
import { jsonLdViolation } from "../services/jsonld-rejection.js";
import { issuerProfile } from "../services/organisations.js";
import { knownDigestsOf } from "../services/related-resource-digests.js";
import { isManagedStatusUrl } from "../services/status.js";
import { updateStatusByVcApi } from "../services/vc-api-status.js";
import { managesStatus, type Refusal, refusalOf } from "../services/vc-issue-input.js";
import { historyView, offerView } from "./views.js";

/** The Bitstring Status List context: VC 1.1 credentials need it for a managed entry. */
const STATUS_LIST_CONTEXT = "https://www.w3.org/ns/credentials/status/v1";

function typesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * The credential as it is signed: the caller's document with its id, the issuer, the time of
 * issue where the data model needs a date the caller left out (VC 1.1 requires issuanceDate;
 * OB 3.0 requires validFrom; dates given are kept as given), and the status entry Avala
 * manages when it manages one (`managesStatus`). An OB credential must pass the OB 3.0 schema.
 */
function documentToSign(
  credential: JsonObject,
  parts: {
    id: string;
    issuer: string | JsonObject;
    issuedAt: string;
    model: DataModel;
    managedStatus: JsonObject | undefined;
  },
): Credential {
  const document: JsonObject = { ...structuredClone(credential), id: parts.id };
  document["issuer"] = parts.issuer;
  const start = parts.model === "1.1" ? "issuanceDate" : "validFrom";
  if (document[start] === undefined) document[start] = parts.issuedAt;
  if (parts.managedStatus) {
    document["credentialStatus"] = parts.managedStatus;
    const contexts = document["@context"] as unknown[];
    if (parts.model === "1.1" && !contexts.includes(STATUS_LIST_CONTEXT)) {
      document["@context"] = [...contexts, STATUS_LIST_CONTEXT];
    }
  }
  const isOpenBadge = typesOf(document["type"]).some(
    (t) => t === "OpenBadgeCredential" || t === "AchievementCredential",
  );
  if (isOpenBadge) {
    const schema = checkOpenBadgesSchema(document);
    if (schema.outcome === "fail") {
      const reason = schema.message.en;
      throw new RuleViolationError(violation("issuer.credential.invalid", "", reason, { reason }));
    }
  }
  return document as Credential;
}

/** The rule a refused signing broke: one of ours, JSON-LD's, or the core's message. */
function rejectionRefusal(error: CredentialRejectedError, credential: JsonObject): Refusal {
  const cause = error.cause;
  if (cause instanceof RuleViolationError) return cause.violation;
  return (
    jsonLdViolation(cause, credential) ??
    violation("issuer.credential.invalid", "", error.message, { reason: error.message })
  );
}

/**
 * W3C VC-API: `POST /credentials/issue` (the calling organisation signs a credential it
 * describes itself, VC 2.0 or VC 1.1) and `POST /credentials/status` (revoke, suspend,
 * reinstate what it issued).
 *
 * Issuing: `issuer` is required and is always the organisation, in the terms the credential's
 * contexts define (see `issuerFor`): the caller names it (its DID, or an object with that id;
 * its other fields are not used, an `endorsement` in it is refused). The credential must keep
 * every MUST of the VC Data Model (`credential-rules.ts`), its contexts must be published ones
 * or inline objects processed offline (never Avala's retired private context), and OB
 * credentials must pass the OB 3.0 schema. The status entry: see `managesStatus`.
 */
export function vcApiRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();

  const refuse = (c: Context<IssuerEnv>, refusal: Refusal) => {
    const field = refusal.field ? `credential.${refusal.field}` : "credential";
    return fail(c, 422, refusal.code, refusal.params, {
      errors: [{ field, reason: refusal.reason }],
    });
  };

  app.post(
    "/credentials/issue",
    tokenAccess(ctx),
    jsonBody({ maxBytes: ctx.config.limits.jsonBodyBytes }),
    valid("json", vcIssueSchema),
    async (c) => {
      const org = c.get("organisation");
      const { credential, options } = c.req.valid("json");
      const issuedAt = toDateTime(ctx.now());
      const ownStatus = credential["credentialStatus"] !== undefined;
      const refusal = await refusalOf(credential, {
        did: org.did,
        ownAndManagedStatus: ownStatus && options?.credentialStatus !== undefined,
        rules: {
          issuedAt,
          isManagedStatusUrl: (url) => isManagedStatusUrl(ctx.config, url),
          knownDigests: knownDigestsOf,
        },
      });
      if (refusal) throw refuse(c, refusal);
      const model = dataModelOf(credential) ?? "2.0";
      const managed = managesStatus({
        model,
        ownStatus,
        asked: options?.credentialStatus !== undefined,
      });
      const issuer = issuerFor({
        contexts: credential["@context"] as unknown[],
        model,
        requested: credential["issuer"],
        profile: await issuerProfile(ctx, ctx.db, org),
      });
      const id = credential["id"];
      let outcome: Awaited<ReturnType<typeof issueCredential>>;
      try {
        outcome = await issueCredential(ctx, {
          organisation: org,
          statusPurpose: options?.credentialStatus?.statusPurpose ?? "revocation",
          cryptosuite: options?.cryptosuite ?? "eddsa-rdfc-2022",
          vcId: typeof id === "string" ? id : undefined,
          offer: !Array.isArray(credential["credentialSubject"]),
          build: ({ id: vcId, credentialStatus }) =>
            documentToSign(credential, {
              id: vcId,
              issuer,
              issuedAt,
              model,
              managedStatus: managed ? credentialStatus : undefined,
            }),
        });
      } catch (error) {
        if (error instanceof CredentialRejectedError) {
          throw refuse(c, rejectionRefusal(error, credential));
        }
        throw error;
      }
      if (outcome.kind === "duplicate-id" || outcome.kind === "duplicate-external-id") {
        throw fail(
          c,
          409,
          "issuer.credential.duplicate-id",
          { id: String(id ?? "") },
          { errors: [{ field: "credential.id", reason: "already issued" }] },
        );
      }
      const offer = offerView(ctx, outcome.offer);
      return c.json(
        {
          verifiableCredential: outcome.signed,
          ...(offer ? { claimUrl: offer.url } : {}),
        },
        201,
      );
    },
  );

  app.post(
    "/credentials/status",
    tokenAccess(ctx),
    jsonBody({ maxBytes: ctx.config.limits.jsonBodyBytes }),
    valid("json", vcStatusSchema),
    async (c) => {
      const org = c.get("organisation");
      const principal = c.get("principal");
      const input = c.req.valid("json");
      const outcome = await updateStatusByVcApi(ctx, org, input, {
        actor: principal.actor,
        actorLabel: principal.label,
      });
      if (!outcome.ok) {
        const { field } = outcome;
        const reason =
          outcome.code === "issuer.status.value-conflict"
            ? "differs from credentialStatus.status"
            : "does not match the credential's status entry";
        throw fail(
          c,
          outcome.status,
          outcome.code,
          { id: input.credentialId.slice(0, 64) },
          field ? { errors: [{ field, reason }] } : undefined,
        );
      }
      const note =
        outcome.status === "revoked" && outcome.credential.status_purpose === "suspension"
          ? noteOf(c, "issuer.status.revoked-suspension-only")
          : undefined;
      return c.json({
        id: outcome.credential.public_id,
        credentialId: outcome.credential.vc_id,
        previous: outcome.previous,
        status: outcome.status,
        ...(note ? { note } : {}),
        history: historyView(await listStatusEvents(ctx.db, outcome.credential.id)),
      });
    },
  );

  return app;
}
