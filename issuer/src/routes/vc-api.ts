import type { Credential, JsonObject } from "@avala/credentials";
import {
  checkContexts,
  checkOpenBadgesSchema,
  toDateTime,
  VC_V2_CONTEXT,
} from "@avala/credentials";
import { jsonBody } from "@avala/http-middleware";
import { Hono } from "hono";
import type { IssuerContext } from "../context.js";
import { tokenAccess } from "../http/auth.js";
import type { IssuerEnv } from "../http/env.js";
import { fail } from "../http/problems.js";
import { vcIssueSchema } from "../http/schemas.js";
import { valid } from "../http/validation.js";
import { CredentialRejectedError, issueCredential } from "../services/issuance.js";
import { issuerProfile } from "../services/organisations.js";
import { offerView } from "./views.js";

function typesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((t): t is string => typeof t === "string");
}

/**
 * W3C VC-API `POST /credentials/issue`: the calling organisation signs a credential it
 * describes itself. The issuer fills in `issuer` (its DID and Profile) when left out and refuses
 * any other; it assigns the one status entry and the id when there is none.
 */
export function vcApiRoutes(ctx: IssuerContext) {
  const app = new Hono<IssuerEnv>();

  app.post(
    "/credentials/issue",
    tokenAccess(ctx),
    jsonBody({ maxBytes: ctx.config.limits.jsonBodyBytes }),
    valid("json", vcIssueSchema),
    async (c) => {
      const org = c.get("organisation");
      const { credential, options } = c.req.valid("json");
      const reject = (reason: string, field: string) =>
        fail(
          c,
          422,
          "issuer.credential.invalid",
          { reason },
          { errors: [{ field: `credential.${field}`, reason }] },
        );
      const contexts = credential["@context"];
      if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) {
        throw reject(`must be an array that starts with ${VC_V2_CONTEXT}`, "@context");
      }
      if (!typesOf(credential["type"]).includes("VerifiableCredential")) {
        throw reject("must include VerifiableCredential", "type");
      }
      if (credential["proof"] !== undefined) throw reject("must not carry a proof", "proof");
      if (credential["credentialStatus"] !== undefined) {
        throw fail(c, 422, "issuer.credential.status-present", undefined, {
          errors: [{ field: "credential.credentialStatus", reason: "assigned by the issuer" }],
        });
      }
      const subject = credential["credentialSubject"];
      if (!subject || typeof subject !== "object") {
        throw reject("must be an object or an array of objects", "credentialSubject");
      }
      const id = credential["id"];
      if (id !== undefined && (typeof id !== "string" || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(id))) {
        throw reject("must be a URI", "id");
      }
      for (const field of ["validFrom", "validUntil"] as const) {
        const value = credential[field];
        if (value !== undefined && (typeof value !== "string" || Number.isNaN(Date.parse(value)))) {
          throw reject("must be an XML Schema dateTime", field);
        }
      }
      const issuer = credential["issuer"];
      const issuerId =
        typeof issuer === "string"
          ? issuer
          : issuer && typeof issuer === "object"
            ? (issuer as JsonObject)["id"]
            : undefined;
      if (issuer !== undefined && issuerId !== org.did) {
        throw fail(
          c,
          422,
          "issuer.credential.issuer-mismatch",
          { did: org.did },
          {
            errors: [{ field: "credential.issuer", reason: `must be ${org.did}` }],
          },
        );
      }
      const profile = issuer === undefined ? await issuerProfile(ctx, ctx.db, org) : undefined;
      const isOpenBadge = typesOf(credential["type"]).some(
        (t) =>
          t === "OpenBadgeCredential" ||
          t === "AchievementCredential" ||
          t === "EndorsementCredential",
      );
      const offerable = !Array.isArray(subject);
      let outcome: Awaited<ReturnType<typeof issueCredential>>;
      try {
        outcome = await issueCredential(ctx, {
          organisation: org,
          statusPurpose: options?.credentialStatus?.statusPurpose ?? "revocation",
          cryptosuite: options?.cryptosuite ?? "eddsa-rdfc-2022",
          vcId: typeof id === "string" ? id : undefined,
          offer: offerable,
          build: ({ id: vcId, credentialStatus }) => {
            const document = {
              ...structuredClone(credential),
              id: vcId,
              issuer: profile ?? issuer,
              validFrom: toDateTime(
                typeof credential["validFrom"] === "string" ? credential["validFrom"] : ctx.now(),
              ),
              credentialStatus,
            } as Credential;
            const contextCheck = checkContexts(document);
            if (contextCheck.outcome !== "pass") {
              throw new TypeError(`@context: ${contextCheck.message.en}`);
            }
            if (isOpenBadge) {
              const schema = checkOpenBadgesSchema(document);
              if (schema.outcome === "fail") throw new TypeError(schema.message.en);
            }
            return document;
          },
        });
      } catch (error) {
        if (error instanceof CredentialRejectedError) {
          throw fail(
            c,
            422,
            "issuer.credential.invalid",
            { reason: error.message },
            {
              errors: [{ field: "credential", reason: error.message }],
            },
          );
        }
        throw error;
      }
      if (outcome.kind === "duplicate-id" || outcome.kind === "duplicate-external-id") {
        throw fail(
          c,
          409,
          "issuer.credential.duplicate-id",
          { id: String(id ?? "") },
          {
            errors: [{ field: "credential.id", reason: "already issued" }],
          },
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

  return app;
}
