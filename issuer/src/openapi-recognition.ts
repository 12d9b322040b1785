import type { z } from "zod/v4";
import {
  recognitionListQuerySchema,
  recognitionRequestSchema,
  recognitionTableSchema,
} from "./routes/recognition.js";

// The operations of certificates-to-credits (issue 15, part 2; see routes/recognition.ts).
// Errors are problem+json like the rest of the API; a refusal about one credential names it in
// `credential`.

type JsonSchema = Record<string, unknown>;

const problem = (description: string) => ({
  description,
  schema: { $ref: "#/components/schemas/Problem" },
  type: "application/problem+json",
});
const json = (description: string) => ({ description, schema: { type: "object" } });
const tag = "School credits from certificates";

/** The shape `openapi.ts` documents (its `Operation`, restated to keep imports one-way). */
interface RecognitionOperation {
  method: "get" | "post" | "put";
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: "public" | "admin" | "operator";
  query?: z.ZodObject;
  body?: Record<string, JsonSchema | z.ZodType>;
  responses: Record<string, { description: string; schema?: JsonSchema; type?: string }>;
}

export const recognitionOperations: RecognitionOperation[] = [
  {
    method: "get",
    path: "/recognition-tables",
    tag,
    access: "public",
    summary: "Schools of this issuer that publish a recognition table, with their programmes",
    responses: { 200: json("Schools, programmes, modules, challengeUrl, requestUrl") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-table",
    tag,
    access: "public",
    summary: "A school's recognition table: what counts toward which module, for how many credits",
    responses: { 200: json("Entries and programmes"), 404: problem("Unknown organisation") },
  },
  {
    method: "put",
    path: "/orgs/{slug}/recognition-table",
    tag,
    access: "admin",
    summary: "Publish (replace) the school's recognition table (at most 500 entries) and its mode",
    body: { "application/json": recognitionTableSchema },
    responses: {
      200: json("The table as published"),
      400: problem("Malformed table"),
      401: problem("No valid token"),
      413: problem("Table too large"),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-requests/challenge",
    tag,
    access: "public",
    summary: "A single-use challenge (10 min) and the domain for the credentials' presentation",
    responses: { 200: json("challenge, domain, expiresAt"), 404: problem("Unknown organisation") },
  },
  {
    method: "post",
    path: "/orgs/{slug}/recognition-requests",
    tag,
    access: "public",
    summary: "Ask a school for credits with a signed presentation of credentials",
    description:
      "The presentation is signed by the holder's did:key over the challenge, with this issuer as domain. Each credential must verify (proof, validity, status), name the holder as its subject, and come from an accredited issuer or one the table names. 201 issued (automatic mode; claimUrl: the existing claim path), 202 pending a clerk's review (statusUrl); either way with creditsEarned, the recognised modules and the credentials that counted for nothing (notRecognised).",
    body: { "application/json": recognitionRequestSchema },
    responses: {
      201: json("Issued: credits, modules, notRecognised, claimUrl"),
      202: json("Pending a clerk's review: the request with statusUrl"),
      400: problem("Malformed request"),
      404: problem("Unknown organisation"),
      422: problem(
        "Refused: nothing-recognised, credential-revoked, credential-suspended, credential-expired, credential-invalid, credential-unaccredited, credential-foreign-holder, challenge, presentation-invalid, holder-not-did-key, empty, unknown-programme",
      ),
      429: problem("Too many requests"),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-requests",
    tag,
    access: "operator",
    summary: "Recognition requests of this school (newest first; ?state=pending|issued|refused)",
    query: recognitionListQuerySchema,
    responses: { 200: json("Requests"), 401: problem("No valid token") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-requests/{id}",
    tag,
    access: "public",
    summary: "How a request stands (the random id is the holder's handle); claimUrl once issued",
    responses: { 200: json("The request"), 404: problem("Unknown request") },
  },
  {
    method: "post",
    path: "/orgs/{slug}/recognition-requests/{id}/approve",
    tag,
    access: "operator",
    summary: "A clerk issues the recognition credential for a pending request",
    responses: {
      200: json("The request, issued, with claimUrl"),
      404: problem("Unknown request"),
      409: problem("Decided already"),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/recognition-requests/{id}/refuse",
    tag,
    access: "operator",
    summary: "A clerk refuses a pending request",
    responses: {
      200: json("The request, refused"),
      404: problem("Unknown request"),
      409: problem("Decided already"),
    },
  },
];
