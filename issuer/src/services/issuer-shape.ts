import type { JsonObject, Profile } from "@avala/credentials";
import type { DataModel } from "./credential-rules.js";

/** The Open Badges 3.0 contexts (3.0.0 to 3.0.3): they define `Profile` and its terms. */
const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/;

export function hasOpenBadgesContext(contexts: readonly unknown[]): boolean {
  return contexts.some((c) => typeof c === "string" && OB_CONTEXT.test(c));
}

export interface IssuerShapeInput {
  /** The credential's `@context`. */
  contexts: readonly unknown[];
  model: DataModel;
  /** What the caller sent as `issuer`: the DID or an object with it (already checked). */
  requested: unknown;
  /** The organisation's stored OB Profile, with the endorsements in force. */
  profile: Profile;
}

/**
 * How the organisation is expressed as the credential's `issuer`, in terms the credential's own
 * contexts define (a term no context defines would make it unsignable in JSON-LD safe mode):
 * - with an Open Badges 3.0 context: the stored OB `Profile` (type, name, identifiers,
 *   endorsements in force), in terms the OB context defines;
 * - VC 2.0 without it: the DID when the caller gave a string, else `{ id, name }` (both
 *   defined by the VC 2.0 context);
 * - VC 1.1 without it: the DID when the caller gave a string, else `{ id }` (the VC 1.1
 *   context defines no `name`).
 */
export function issuerFor(input: IssuerShapeInput): string | JsonObject {
  const { profile } = input;
  if (hasOpenBadgesContext(input.contexts)) return { ...profile };
  if (typeof input.requested === "string") return profile.id;
  return input.model === "2.0" ? { id: profile.id, name: profile.name } : { id: profile.id };
}
