import { z } from "zod/v4";
import { type JsonSchema, jsonResponse, type Operation } from "./openapi-operation.js";

// The OpenID4VCI operations of the OpenAPI document (see routes/openid4vci.ts). Their errors are
// the protocol's own JSON, not problem+json.

const oauthError: JsonSchema = {
  type: "object",
  properties: {
    error: { type: "string", description: "invalid_request, invalid_grant, invalid_proof, …" },
    error_description: { type: "string" },
  },
  required: ["error"],
};

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "OpenID4VCI / OAuth error", schema: oauthError, type: "application/json" },
    ]),
  );

const tag = "OpenID4VCI";

export const openid4vciOperations: Operation[] = [
  {
    method: "get",
    path: "/.well-known/openid-credential-issuer/orgs/{slug}",
    tag,
    access: "public",
    summary: "Credential issuer metadata of an organisation (OpenID4VCI §12.2)",
    description:
      "The credential issuer identifier is `<base>/orgs/{slug}`; the well-known path is inserted before it. One configuration, `OpenBadgeCredential_ldp_vc`.",
    responses: { 200: jsonResponse("Metadata"), ...errors(404) },
  },
  {
    method: "get",
    path: "/.well-known/oauth-authorization-server/orgs/{slug}",
    tag,
    access: "public",
    summary: "Authorization server metadata (RFC 8414): token endpoint, pre-authorized grant",
    responses: { 200: jsonResponse("Metadata"), ...errors(404) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/openid4vci/offers/{token}",
    tag,
    access: "public",
    summary: "The credential offer behind credential_offer_uri (a fresh pre-authorized code)",
    description: "`{token}` is the claim token. The PIN is never in the offer.",
    responses: { 200: jsonResponse("Credential offer"), ...errors(404, 409, 410) },
  },
  {
    method: "get",
    path: "/orgs/{slug}/openid4vci/offers/{token}/links",
    tag,
    access: "public",
    summary: "The offer as openid-credential-offer:// links, by reference and by value",
    responses: {
      200: jsonResponse("{ credentialOfferUri, byReference, byValue, txCodeRequired }"),
      ...errors(404, 409, 410),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/openid4vci/offers/{token}/qr.svg",
    tag,
    access: "public",
    summary: "QR code of the offer link: by reference, or by value with ?by=value (SVG)",
    responses: { 200: { description: "SVG", type: "image/svg+xml" }, ...errors(404, 409, 410) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/openid4vci/token",
    tag,
    access: "public",
    summary: "Token endpoint: pre-authorized code (and tx_code PIN) for an access token",
    body: {
      "application/x-www-form-urlencoded": {
        type: "object",
        properties: {
          grant_type: { const: "urn:ietf:params:oauth:grant-type:pre-authorized_code" },
          "pre-authorized_code": { type: "string" },
          tx_code: { type: "string" },
        },
        required: ["grant_type", "pre-authorized_code"],
      },
    },
    responses: {
      200: jsonResponse("{ access_token, token_type, expires_in }"),
      ...errors(400, 413),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/openid4vci/nonce",
    tag,
    access: "public",
    summary: "Nonce endpoint: a single-use c_nonce for the proof",
    responses: { 200: jsonResponse("{ c_nonce, c_nonce_expires_in }"), ...errors(404) },
  },
  {
    method: "post",
    path: "/orgs/{slug}/openid4vci/credential",
    tag,
    access: "public",
    summary: "Credential endpoint: the credential bound to the DID of the proof",
    description:
      "Bearer access token; `credential_configuration_id` and one `openid4vci-proof+jwt` (`proofs.jwt[0]` or `proof`) with kid did:key / did:jwk, aud = the credential issuer, iat and nonce. The offer is used up.",
    body: {
      "application/json": {
        type: "object",
        properties: {
          credential_configuration_id: { const: "OpenBadgeCredential_ldp_vc" },
          proofs: {
            type: "object",
            properties: { jwt: { type: "array", items: { type: "string" } } },
          },
        },
      },
    },
    responses: { 200: jsonResponse("{ credentials: [{ credential }] }"), ...errors(400, 401, 413) },
  },
  {
    method: "patch",
    path: "/orgs/{slug}/openid4vci/settings",
    tag,
    access: "admin",
    summary: "Whether this organisation's OpenID4VCI offers ask for a PIN (tx_code)",
    body: { "application/json": z.object({ txCode: z.boolean() }).strict() },
    responses: { 200: jsonResponse("{ txCode }") },
  },
];
