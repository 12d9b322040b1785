import { jsonResponse, type Operation, problemResponse } from "./openapi-operation.js";
import {
  recognitionListQuerySchema,
  recognitionRequestSchema,
  recognitionTableSchema,
} from "./routes/recognition.js";

// The operations of certificates-to-credits (issue 15, part 2; see routes/recognition.ts).
// Errors are problem+json like the rest of the API; a refusal about one credential names it in
// `credential`.

const tag = "School credits from certificates";

export const recognitionOperations: Operation[] = [
  {
    method: "get",
    path: "/recognition-tables",
    tag,
    access: "public",
    summary: "Schools of this issuer that publish a recognition table, with their programmes",
    responses: { 200: jsonResponse("Schools, programmes, modules, challengeUrl, requestUrl") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-table",
    tag,
    access: "public",
    summary: "A school's recognition table: what counts toward which module, for how many credits",
    responses: {
      200: jsonResponse("Entries and programmes"),
      404: problemResponse("Unknown organisation"),
    },
  },
  {
    method: "put",
    path: "/orgs/{slug}/recognition-table",
    tag,
    access: "admin",
    summary: "Publish (replace) the school's recognition table (at most 500 entries) and its mode",
    body: { "application/json": recognitionTableSchema },
    responses: {
      200: jsonResponse("The table as published"),
      400: problemResponse("Malformed table"),
      401: problemResponse("No valid token"),
      413: problemResponse("Table too large"),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-requests/challenge",
    tag,
    access: "public",
    summary: "A single-use challenge (10 min) and the domain for the credentials' presentation",
    responses: {
      200: jsonResponse("challenge, domain, expiresAt"),
      404: problemResponse("Unknown organisation"),
    },
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
      201: jsonResponse("Issued: credits, modules, notRecognised, claimUrl"),
      202: jsonResponse("Pending a clerk's review: the request with statusUrl"),
      400: problemResponse("Malformed request"),
      404: problemResponse("Unknown organisation"),
      422: problemResponse(
        "Refused: nothing-recognised, credential-revoked, credential-suspended, credential-expired, credential-invalid, credential-unaccredited, credential-foreign-holder, challenge, presentation-invalid, holder-not-did-key, empty, unknown-programme",
      ),
      429: problemResponse("Too many requests"),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-requests",
    tag,
    access: "operator",
    summary: "Recognition requests of this school (newest first; ?state=pending|issued|refused)",
    query: recognitionListQuerySchema,
    responses: { 200: jsonResponse("Requests"), 401: problemResponse("No valid token") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/recognition-requests/{id}",
    tag,
    access: "public",
    summary: "How a request stands (the random id is the holder's handle); claimUrl once issued",
    responses: { 200: jsonResponse("The request"), 404: problemResponse("Unknown request") },
  },
  {
    method: "post",
    path: "/orgs/{slug}/recognition-requests/{id}/approve",
    tag,
    access: "operator",
    summary: "A clerk issues the recognition credential for a pending request",
    responses: {
      200: jsonResponse("The request, issued, with claimUrl"),
      404: problemResponse("Unknown request"),
      409: problemResponse("Decided already"),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/recognition-requests/{id}/refuse",
    tag,
    access: "operator",
    summary: "A clerk refuses a pending request",
    responses: {
      200: jsonResponse("The request, refused"),
      404: problemResponse("Unknown request"),
      409: problemResponse("Decided already"),
    },
  },
];
