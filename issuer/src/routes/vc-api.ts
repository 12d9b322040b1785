import type { Credential, JsonObject } from "@avala/credentials";
import {
  AVALA_CONTEXT,
  checkContexts,
  checkOpenBadgesSchema,
  firstNonWebLink,
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
 * Credential types the issuer signs only in its own flows, each with the rules of that flow:
 * accreditation (an authority's endorsement, listed, withdrawable), the deployment's trust
 * registry, and status lists. The VC-API never signs them, whatever the caller's role. Matched
 * by the term and by the last segment of an IRI, so a full-IRI spelling is refused too.
 */
const RESERVED_TYPES: Readonly<Record<string, string>> = {
  EndorsementCredential: "POST /orgs/{slug}/endorsements",
  EndorsementSubject: "POST /orgs/{slug}/endorsements",
  AvalaTrustRegistry: "GET /trust-registry.json",
  TrustRegistry: "GET /trust-registry.json",
  BitstringStatusListCredential: "GET /status/…",
  BitstringStatusList: "GET /status/…",
  StatusList2021Credential: "GET /status/…",
  StatusList2021: "GET /status/…",
  RevocationList2020Credential: "GET /status/…",
};

/** The first reserved type in a credential or its subjects, with where it was found. */
function reservedTypeIn(credential: JsonObject): { type: string; field: string } | undefined {
  const reserved = (value: unknown) =>
    typesOf(value).find((t) => Object.hasOwn(RESERVED_TYPES, t.split(/[#/:]/).pop() ?? ""));
  const own = reserved(credential["type"]);
  if (own) return { type: own, field: "type" };
  const subjects = credential["credentialSubject"];
  const list = Array.isArray(subjects) ? subjects : [subjects];
  for (const [i, subject] of list.entries()) {
    if (!subject || typeof subject !== "object") continue;
    const found = reserved((subject as JsonObject)["type"]);
    if (found) {
      const at = Array.isArray(subjects) ? `credentialSubject[${i}]` : "credentialSubject";
      return { type: found, field: `${at}.type` };
    }
  }
  return undefined;
}

/**
 * The JSON path of the first `null` in a value (`credentialSubject.name`, `type[1]`), if any.
 * The body's depth is bounded (jsonBody), so the recursion is too.
 */
function firstNull(value: unknown, path = ""): string | undefined {
  if (value === null) return path || "(root)";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNull(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const found = firstNull(child, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * W3C VC-API `POST /credentials/issue`: the calling organisation signs a credential it
 * describes itself. `issuer` is always the organisation's stored Profile (with the endorsements
 * in force): the caller may leave it out or name the organisation (its DID, or an object with
 * that id, whose other fields are not used; an `endorsement` in it is refused). The issuer
 * assigns the one status entry, and the id when there is none. Nulls are refused, and the
 * contexts (published URLs only) and the OB 3.0 schema are checked before signing.
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
      // Avala's verifier refuses any null (`jsonld.malformed`): never sign one.
      const nullAt = firstNull(credential);
      if (nullAt !== undefined) throw reject("null is not a value; leave the property out", nullAt);
      const contexts = credential["@context"];
      if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) {
        throw reject(`must be an array that starts with ${VC_V2_CONTEXT}`, "@context");
      }
      if (!typesOf(credential["type"]).includes("VerifiableCredential")) {
        throw reject("must include VerifiableCredential", "type");
      }
      // Accreditation, the trust registry and status lists have flows of their own, with
      // their rules (only an authority accredits; every endorsement is listed and can be
      // withdrawn). Signing one here would let any organisation forge them.
      const reservedType = reservedTypeIn(credential);
      if (reservedType) {
        const flow = RESERVED_TYPES[reservedType.type.split(/[#/:]/).pop()!]!;
        throw fail(
          c,
          422,
          "issuer.credential.reserved-type",
          { type: reservedType.type, flow },
          {
            errors: [
              {
                field: `credential.${reservedType.field}`,
                reason: `reserved for the issuer's own flow: ${flow}`,
              },
            ],
          },
        );
      }
      if (credential["proof"] !== undefined) throw reject("must not carry a proof", "proof");
      // Links other wallets and pages may render (url, image, criteria, evidence): web only.
      const badLink = firstNonWebLink(credential);
      if (badLink !== undefined) {
        throw reject("must be an https address (http only for a loopback host)", badLink);
      }
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
      // The issuer is always the organisation's stored Profile, with the endorsements it
      // received that are in force. The caller may name it (its DID, or an object with that id),
      // but nothing else the caller says about the issuer is used; endorsements it brings are
      // refused, so an organisation cannot carry endorsements withdrawn or never given.
      const issuer = credential["issuer"];
      const issuerObject =
        issuer && typeof issuer === "object" && !Array.isArray(issuer)
          ? (issuer as JsonObject)
          : undefined;
      const issuerId = typeof issuer === "string" ? issuer : issuerObject?.["id"];
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
      for (const field of ["endorsement", "endorsementJwt"]) {
        if (issuerObject && field in issuerObject) {
          throw fail(c, 422, "issuer.credential.issuer-endorsement", undefined, {
            errors: [
              {
                field: `credential.issuer.${field}`,
                reason: "the issuer adds the endorsements its organisation received",
              },
            ],
          });
        }
      }
      const profile = await issuerProfile(ctx, ctx.db, org);
      if (!contexts.includes(AVALA_CONTEXT)) {
        // `localizedName` is a term of the Avala context only (as in EndorsementCredentials).
        delete profile.localizedName;
      }
      const isOpenBadge = typesOf(credential["type"]).some(
        (t) => t === "OpenBadgeCredential" || t === "AchievementCredential",
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
              issuer: profile,
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
