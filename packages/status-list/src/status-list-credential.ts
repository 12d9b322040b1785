import type { Credential, JsonObject } from "@avala/credentials";
import { toDateTime, VC_V2_CONTEXT } from "@avala/credentials";
import { encodeBitstring } from "./bitstring.js";

export type StatusPurpose = "revocation" | "suspension";

/** The `credentialStatus` entry a credential carries for one purpose. */
export function buildStatusEntry(options: {
  listCredentialUrl: string;
  index: number;
  statusPurpose: StatusPurpose;
}): JsonObject {
  return {
    id: `${options.listCredentialUrl}#${options.index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: options.statusPurpose,
    statusListIndex: String(options.index),
    statusListCredential: options.listCredentialUrl,
  };
}

/** An unsigned `BitstringStatusListCredential`; the issuer signs it with its own key. */
export function buildStatusListCredential(options: {
  url: string;
  issuer: string;
  statusPurpose: StatusPurpose;
  bits: Uint8Array;
  validFrom: Date;
  validUntil?: Date;
}): Credential {
  const credential: Credential = {
    "@context": [VC_V2_CONTEXT],
    id: options.url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: options.issuer,
    validFrom: toDateTime(options.validFrom),
    credentialSubject: {
      id: `${options.url}#list`,
      type: "BitstringStatusList",
      statusPurpose: options.statusPurpose,
      encodedList: encodeBitstring(options.bits),
    },
  };
  if (options.validUntil) credential.validUntil = toDateTime(options.validUntil);
  return credential;
}
