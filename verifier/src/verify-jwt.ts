import type {
  CheckStatus,
  JsonObject,
  SelectableCheck,
  VerificationResult,
} from "@avala/credentials";
import type { DocumentLoader } from "@avala/document-loader";
import type { JwtFormat } from "@avala/vc-jwt";
import { jwtOfEnvelope, verifyJwtCredential } from "@avala/vc-jwt";

/** What verifying a JWT credential takes from one verification's environment. */
export interface JwtEnvironment {
  /** Resolves the issuer's DID (did:web through the guarded, budgeted fetcher). */
  documentLoader: DocumentLoader;
  now: () => Date;
  checkStatus: CheckStatus | undefined;
  maxBytes: number;
  maxDepth: number;
  /** Only these checks (VC-API `options.checks`, the core's share); default all. */
  checks?: readonly SelectableCheck[] | undefined;
}

/** A JWT credential's result, with the compact JWT and its format. */
export interface JwtInputResult extends VerificationResult {
  jwt: string;
  format?: JwtFormat;
}

/**
 * The core result for a credential secured as a JWT (OB 3.0 VC-JWT or VC-JOSE-COSE), to run
 * through the same trust evaluation as a Data Integrity credential. did:key and did:jwk keys are
 * read offline; any other DID is resolved by the verification's document loader, so its
 * did:web look-ups are charged to the verification's fetch budget. Only the checks asked for
 * run (`env.checks`), as for a Data Integrity credential.
 */
export async function verifyJwtInput(jwt: string, env: JwtEnvironment): Promise<JwtInputResult> {
  const result = await verifyJwtCredential(jwt, {
    resolveDid: async (did) => (await env.documentLoader(did)).document,
    now: env.now(),
    checkStatus: env.checkStatus,
    maxBytes: env.maxBytes,
    maxDepth: env.maxDepth,
    ...(env.checks ? { checks: env.checks } : {}),
  });
  return { ...result, jwt: jwt.trim() };
}

/**
 * An `EnvelopedVerifiableCredential` inside a presentation: when it carries a JWT credential
 * (`data:application/vc+jwt,…`), its result; otherwise undefined (the core then says it could not
 * check it).
 */
export async function verifyEnvelopedInput(
  envelope: JsonObject,
  env: JwtEnvironment,
): Promise<JwtInputResult | undefined> {
  const jwt = jwtOfEnvelope(envelope);
  return jwt === undefined ? undefined : verifyJwtInput(jwt, env);
}
