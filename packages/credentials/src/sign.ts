import type { DocumentLoader } from "@avala/document-loader";
import * as vc from "@digitalbazaar/vc";
import jsigs from "jsonld-signatures";
import type { Cryptosuite } from "./proof-suites.js";
import { signingSuite } from "./proof-suites.js";
import type { SigningKey } from "./signing-key.js";
import { signerOf } from "./signing-key.js";
import type { Credential, Presentation } from "./types.js";
import { ED25519_2020_CONTEXT } from "./vocabulary.js";

export interface SignOptions {
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** Default `eddsa-rdfc-2022`. */
  cryptosuite?: Cryptosuite;
  /** The proof's `created` time. Default: now. */
  date?: Date;
}

function assertSignOptions(options: SignOptions): void {
  if (!options || typeof options.documentLoader !== "function") {
    throw new TypeError("signCredential needs a documentLoader.");
  }
  if (!options.key) throw new TypeError("signCredential needs a key.");
}

function withSuiteContext<T extends { "@context": Array<string | object> }>(
  document: T,
  cryptosuite: Cryptosuite,
): T {
  if (
    cryptosuite !== "Ed25519Signature2020" ||
    document["@context"].includes(ED25519_2020_CONTEXT)
  ) {
    return document;
  }
  return { ...document, "@context": [...document["@context"], ED25519_2020_CONTEXT] };
}

/**
 * Signs a credential, returning a copy with the proof added. A credential that already carries
 * proofs gets one more (a W3C proof set): each proof covers the document without the others,
 * and the new key need not be the issuer's (a co-signer, an endorsing authority).
 */
export async function signCredential<T extends Credential>(
  credential: T,
  options: SignOptions,
): Promise<T> {
  assertSignOptions(options);
  const cryptosuite = options.cryptosuite ?? "eddsa-rdfc-2022";
  const signer = await signerOf(options.key);
  const date = options.date ?? new Date();
  const suite = signingSuite(cryptosuite, signer, date, options.documentLoader);
  const document = withSuiteContext(structuredClone(credential), cryptosuite);
  const issuerId = typeof document.issuer === "string" ? document.issuer : document.issuer?.id;
  const signedByIssuer = issuerId === options.key.controller;
  if (!document.proof && signedByIssuer) {
    return (await vc.issue({
      credential: document,
      suite,
      documentLoader: options.documentLoader,
      now: date,
    })) as T;
  }
  // A further proof, or one by a key the issuer does not control: an assertion by that key's
  // controller, added to the proof set.
  return (await jsigs.sign(document, {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: options.documentLoader,
  })) as T;
}

export interface PresentationSignOptions extends SignOptions {
  /** The verifier's challenge (nonce); required, it stops replay. */
  challenge: string;
  /** The verifier's domain the presentation is meant for. */
  domain?: string;
}

/** Builds an unsigned Verifiable Presentation of credentials by a holder. */
export function buildPresentation(options: {
  holder: string;
  credentials: Credential[];
  id?: string;
}): Presentation {
  const presentation: Presentation = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    type: ["VerifiablePresentation"],
    holder: options.holder,
    verifiableCredential: options.credentials,
  };
  if (options.id) presentation.id = options.id;
  return presentation;
}

/** Signs a presentation for authentication, bound to the verifier's challenge and domain. */
export async function signPresentation(
  presentation: Presentation,
  options: PresentationSignOptions,
): Promise<Presentation> {
  assertSignOptions(options);
  if (typeof options.challenge !== "string" || !options.challenge) {
    throw new TypeError("signPresentation needs the verifier's challenge.");
  }
  const cryptosuite = options.cryptosuite ?? "eddsa-rdfc-2022";
  const signer = await signerOf(options.key);
  const suite = signingSuite(
    cryptosuite,
    signer,
    options.date ?? new Date(),
    options.documentLoader,
  );
  const signOptions: Parameters<typeof vc.signPresentation>[0] = {
    presentation: withSuiteContext(structuredClone(presentation), cryptosuite),
    suite,
    documentLoader: options.documentLoader,
    challenge: options.challenge,
  };
  if (options.domain) signOptions.domain = options.domain;
  return (await vc.signPresentation(signOptions)) as Presentation;
}
