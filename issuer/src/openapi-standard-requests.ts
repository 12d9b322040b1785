import { jsonResponse, type Operation, problemResponse } from "./openapi-operation.js";
import {
  standardListQuerySchema,
  standardModeSchema,
  standardRequestSchema,
  standardVersionSchema,
} from "./routes/standard-requests.js";

// The operations of units-to-a-standard (issue 15; see routes/standard-requests.ts). Errors are
// problem+json like the rest of the API; a refusal about one unit names it in `unit`.

const tag = "Standards from units";

export const standardRequestOperations: Operation[] = [
  {
    method: "get",
    path: "/standards/{code}/certifiers",
    tag,
    access: "public",
    summary: "Organisations of this issuer that certify a standard",
    description:
      "Each with its mode (automatic or review), the standard's version facts and where to ask for a challenge and send a request.",
    responses: { 200: jsonResponse("Certifiers") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/standards/{code}/version",
    tag,
    access: "public",
    summary: "A standard's version: end of validity, successor, unit equivalences",
    responses: { 200: jsonResponse("Version facts"), 404: problemResponse("Unknown organisation") },
  },
  {
    method: "patch",
    path: "/orgs/{slug}/standards/{code}/version",
    tag,
    access: "admin",
    summary: "Record a standard's end of validity, successor and unit equivalences",
    body: { "application/json": standardVersionSchema },
    responses: {
      200: jsonResponse("Version facts"),
      400: problemResponse("Malformed request"),
      404: problemResponse("Not a standard of this catalogue"),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/standard-request-settings",
    tag,
    access: "operator",
    summary: "Whether requests are issued at once or reviewed by a clerk",
    responses: { 200: jsonResponse("Mode"), 401: problemResponse("No valid token") },
  },
  {
    method: "patch",
    path: "/orgs/{slug}/standard-request-settings",
    tag,
    access: "admin",
    summary: "Choose automatic issuance or review by a clerk (default: review)",
    body: { "application/json": standardModeSchema },
    responses: { 200: jsonResponse("Mode"), 400: problemResponse("Malformed request") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/standard-requests/challenge",
    tag,
    access: "public",
    summary: "A single-use challenge (10 min) and the domain for the units' presentation",
    responses: {
      200: jsonResponse("challenge, domain, expiresAt"),
      404: problemResponse("Unknown organisation"),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/standard-requests",
    tag,
    access: "public",
    summary: "Ask for a standard's certificate with a signed presentation of unit credentials",
    description:
      "The presentation is signed by the holder's did:key over the challenge, with this issuer as domain. Each unit must verify (proof, validity, status), come from an accredited issuer (the trust registry) and name the holder as its subject; together they must cover the standard's units (or their equivalences) in a current version. 201 issued (claimUrl: the existing claim path), 202 pending review. A refusal names the unit (`unit`, and in `detail`).",
    body: { "application/json": standardRequestSchema },
    responses: {
      201: jsonResponse("Issued: the request with claimUrl"),
      202: jsonResponse("Pending a clerk's review: the request with statusUrl"),
      400: problemResponse("Malformed request"),
      404: problemResponse("Unknown organisation"),
      422: problemResponse(
        "Refused: unit-missing, unit-revoked, unit-suspended, unit-expired, unit-invalid, unit-unaccredited, unit-foreign-holder, unit-not-in-standard, challenge, presentation-invalid, standard-expired, standard-superseded, not-a-standard",
      ),
      429: problemResponse("Too many requests"),
    },
  },
  {
    method: "get",
    path: "/orgs/{slug}/standard-requests",
    tag,
    access: "operator",
    summary: "Requests of this organisation (newest first; ?state=pending|issued|refused)",
    query: standardListQuerySchema,
    responses: { 200: jsonResponse("Requests"), 401: problemResponse("No valid token") },
  },
  {
    method: "get",
    path: "/orgs/{slug}/standard-requests/{id}",
    tag,
    access: "public",
    summary: "A request's state (the random id is the holder's handle); claimUrl once issued",
    responses: { 200: jsonResponse("Request"), 404: problemResponse("Unknown request") },
  },
  {
    method: "post",
    path: "/orgs/{slug}/standard-requests/{id}/approve",
    tag,
    access: "operator",
    summary: "A clerk approves: the standard's credential is issued with the units as evidence",
    responses: {
      200: jsonResponse("Request"),
      404: problemResponse("Unknown request"),
      409: problemResponse("Decided"),
    },
  },
  {
    method: "post",
    path: "/orgs/{slug}/standard-requests/{id}/refuse",
    tag,
    access: "operator",
    summary: "A clerk refuses a pending request",
    responses: {
      200: jsonResponse("Request"),
      404: problemResponse("Unknown request"),
      409: problemResponse("Decided"),
    },
  },
];
