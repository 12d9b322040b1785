// Ambient declarations for the untyped Digital Credentials Consortium packages the system tests
// sign with (test/outside-verifiers.test.ts). Only what those tests call is declared; the shapes
// follow each library's README and source. verifier-core and security-document-loader ship
// their own types.

declare module "@digitalcredentials/ed25519-multikey" {
  export interface ExportedMultikey {
    "@context"?: string;
    type: "Multikey";
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
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
    signer(): { id?: string; algorithm: string };
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: object): Promise<Ed25519MultikeyKeyPair>;
}

declare module "@digitalcredentials/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module "@digitalcredentials/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}

declare module "@digitalcredentials/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
}

declare module "@digitalcredentials/vc" {
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
}
