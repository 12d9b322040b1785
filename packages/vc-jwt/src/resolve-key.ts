import type { JsonObject } from "@avala/credentials";
import type { JWK } from "jose";
import {
  jwkOfDidJwk,
  jwkOfDidKey,
  jwkOfVerificationMethod,
  publicJwk,
  sameKey,
} from "./public-keys.js";

/**
 * Resolves a DID (no fragment) to its DID document. did:key and did:jwk never reach it: they are
 * read offline. In Avala this is the verifier's document loader, whose did:web look-ups go
 * through the guarded, budgeted fetcher; it may throw (unreachable, budget spent, not a DID).
 */
export type DidDocumentResolver = (did: string) => Promise<unknown>;

export type KeyResolution =
  | {
      ok: true;
      jwk: JWK;
      /** The DID the key belongs to: it signed, and must be the issuer. */
      controller: string;
      /** The verification method's full id (`did…#…`). */
      keyId: string;
    }
  | { ok: false; reason: string };

const fail = (reason: string): KeyResolution => ({ ok: false, reason: reason.slice(0, 200) });

function object(value: unknown): JsonObject | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The full id of a method listed by relative (`#key-1`) or full id. */
function fullId(did: string, id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  return id.startsWith("#") ? `${did}${id}` : id;
}

/**
 * The key a verification method URL names in a DID document, if the document lists it as an
 * assertion method (a key that may sign credentials for that DID).
 */
function keyInDocument(did: string, document: unknown, keyId: string): KeyResolution {
  const doc = object(document);
  if (!doc || doc.id !== did) return fail(`the DID document is not ${did}'s`);
  const methods = list(doc.verificationMethod).map(object);
  const assertion = list(doc.assertionMethod);
  let method = methods.find((m) => m && fullId(did, m.id) === keyId);
  // A method may also be embedded in assertionMethod itself.
  const embedded = assertion.map(object).find((m) => m && fullId(did, m.id) === keyId);
  method ??= embedded;
  if (!method) return fail(`${keyId} is not in the DID document`);
  const asserts = embedded !== undefined || assertion.some((entry) => fullId(did, entry) === keyId);
  if (!asserts) return fail(`${keyId} is not an assertion method of ${did}`);
  const jwk = jwkOfVerificationMethod(method);
  if (!jwk) return fail(`${keyId} is not a key this verifier reads`);
  return { ok: true, jwk, controller: did, keyId };
}

async function keyOfDidUrl(
  keyId: string,
  resolveDid: DidDocumentResolver | undefined,
): Promise<KeyResolution> {
  const [did = "", fragment] = keyId.split("#", 2);
  if (did.startsWith("did:key:")) {
    const jwk = jwkOfDidKey(did);
    if (!jwk) return fail(`${did} is not a did:key this verifier reads`);
    const fingerprint = did.slice("did:key:".length);
    if (fragment !== undefined && fragment !== fingerprint) {
      return fail(`${keyId} is not ${did}'s key`);
    }
    return { ok: true, jwk, controller: did, keyId: `${did}#${fingerprint}` };
  }
  if (did.startsWith("did:jwk:")) {
    const jwk = jwkOfDidJwk(did);
    if (!jwk) return fail(`${did} is not a did:jwk this verifier reads`);
    if (fragment !== undefined && fragment !== "0") return fail(`${keyId} is not ${did}'s key`);
    return { ok: true, jwk, controller: did, keyId: `${did}#0` };
  }
  if (fragment === undefined) return fail(`kid ${keyId} names no key (no #fragment)`);
  if (!resolveDid) return fail(`${did} cannot be resolved here`);
  let document: unknown;
  try {
    document = await resolveDid(did);
  } catch (error) {
    const e = error as { reason?: unknown; code?: unknown; message?: unknown };
    return fail(String(e?.reason ?? e?.code ?? e?.message ?? error));
  }
  return keyInDocument(did, document, keyId);
}

/**
 * Finds the key a JWT was signed with, and whose it is, from its protected header:
 * - `kid` a DID URL (`did:web:…#key-1`, `did:key:z…#z…`, `did:jwk:…#0`), or a fragment
 *   (`#key-1`) of the issuer's DID: the key the DID document lists as an assertion method;
 * - no `kid` and an issuer that is a did:key or did:jwk: that DID's one key;
 * - an embedded `jwk` counts only as a copy of one of the above (it must be the same key):
 *   a key in a header, bound to no DID, proves nothing about who signed.
 */
export async function resolveJwtKey(
  header: JsonObject,
  issuerId: string | undefined,
  resolveDid: DidDocumentResolver | undefined,
): Promise<KeyResolution> {
  const kid = header.kid;
  if (kid !== undefined && (typeof kid !== "string" || kid.length === 0 || kid.length > 2048)) {
    return fail("kid is not a string");
  }
  const embedded = header.jwk === undefined ? undefined : publicJwk(header.jwk);
  if (header.jwk !== undefined && !embedded) return fail("the jwk header is not a public key");
  const issuerDid = issuerId?.startsWith("did:") ? issuerId.split("#")[0] : undefined;
  let keyId: string | undefined;
  if (typeof kid === "string" && kid.startsWith("did:")) keyId = kid;
  else if (typeof kid === "string" && kid.startsWith("#") && issuerDid)
    keyId = `${issuerDid}${kid}`;
  else if (
    kid === undefined &&
    issuerDid &&
    (issuerDid.startsWith("did:key:") || issuerDid.startsWith("did:jwk:"))
  ) {
    keyId = issuerDid;
  }
  if (keyId === undefined) {
    if (typeof kid === "string") return fail(`kid ${kid.slice(0, 120)} is not a DID URL`);
    return fail(
      embedded
        ? "the jwk header is bound to no DID of the issuer (give a kid under the issuer's DID)"
        : "the JWT names no key (no kid)",
    );
  }
  const resolved = await keyOfDidUrl(keyId, resolveDid);
  if (resolved.ok && embedded && !sameKey(embedded, resolved.jwk)) {
    return fail(`the jwk header is not the key ${resolved.keyId}`);
  }
  return resolved;
}
