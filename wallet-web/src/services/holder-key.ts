import { generateSigningKey, type SigningKey } from "@avala/credentials";
import type { Account } from "../db/repositories.js";
import { open, seal } from "../security/keys.js";

/** The columns that hold an account's holder key; the secret part sealed under the master key. */
export interface HolderKeyColumns {
  holder_did: string;
  holder_key_id: string;
  holder_public_key: string;
  holder_secret_sealed: string;
}

/** A fresh did:key for a new account, its secret sealed and bound to the account's public id. */
export async function newHolderKey(sealKey: Buffer, accountPublicId: string) {
  const key = await generateSigningKey();
  const columns: HolderKeyColumns = {
    holder_did: key.controller,
    holder_key_id: key.id,
    holder_public_key: key.publicKeyMultibase,
    holder_secret_sealed: seal(sealKey, key.secretKeyMultibase, holderKeyContext(accountPublicId)),
  };
  return columns;
}

/** The account's signing key, opened only for the moment it signs; never rendered or logged. */
export function holderSigningKey(sealKey: Buffer, account: Account): SigningKey {
  return {
    id: account.holder_key_id,
    controller: account.holder_did,
    publicKeyMultibase: account.holder_public_key,
    secretKeyMultibase: open(
      sealKey,
      account.holder_secret_sealed,
      holderKeyContext(account.public_id),
    ),
  };
}

/** What a sealed holder key is bound to: its account (moved to another, it does not open). */
export function holderKeyContext(accountPublicId: string) {
  return `holder-key:${accountPublicId}`;
}
