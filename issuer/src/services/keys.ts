import { randomUUID } from "node:crypto";
import type { SigningKey } from "@avala/credentials";
import { generateSigningKey } from "@avala/credentials";
import type { VerificationMethod } from "@avala/did";
import type { Kysely } from "kysely";
import type { SecretBox } from "../crypto/secret-box.js";
import {
  findCurrentKey,
  insertSigningKey,
  listKeys,
  retireKey,
  type SigningKeyRow,
} from "../db/repositories/keys.js";
import type { IssuerTables } from "../db/schema.js";

type Db = Kysely<IssuerTables>;

/** What the key store needs to know about an organisation. */
export interface KeyOwner {
  id: number;
  did: string;
  did_method: "web" | "key";
}

/** A key as the API shows it: public parts only. */
export interface PublicKeyView {
  id: string;
  verificationMethod: string;
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt: string | null;
  current: boolean;
}

/**
 * Organisation signing keys: generated here, stored sealed (AES-256-GCM under a key derived from
 * the master key, with the organisation id and key id as associated data), opened only to sign.
 */
export interface KeyStore {
  /** Stores a generated key as the organisation's key number `sequence`. */
  store(db: Db, owner: KeyOwner, key: SigningKey, sequence: number): Promise<SigningKeyRow>;
  /** Generates and stores the next key of a did:web organisation (the first one or a rotation). */
  generateNext(db: Db, owner: KeyOwner): Promise<SigningKeyRow>;
  /** The organisation's current signing key, secret included: for signing only, never output. */
  signingKey(db: Db, organisationId: number): Promise<SigningKey>;
  /** Every key of the organisation, current and retired, for its DID document. */
  verificationMethods(db: Db, owner: KeyOwner): Promise<VerificationMethod[]>;
  list(db: Db, organisationId: number): Promise<PublicKeyView[]>;
}

export class NoSigningKeyError extends Error {
  override name = "NoSigningKeyError";
}

/** What a sealed signing key is bound to: its organisation and key id (see `KeyStore`). */
export function signingKeyAssociatedData(organisationId: number, keyId: string): string {
  return `issuer_signing_key:${organisationId}:${keyId}`;
}

export function createKeyStore(options: { box: SecretBox; now: () => Date }): KeyStore {
  const { box, now } = options;

  async function store(db: Db, owner: KeyOwner, key: SigningKey, sequence: number) {
    const keyId = randomUUID();
    const sealed = box.seal(key.secretKeyMultibase, signingKeyAssociatedData(owner.id, keyId));
    return insertSigningKey(db, {
      key_id: keyId,
      organisation_id: owner.id,
      sequence,
      verification_method: key.id,
      public_key_multibase: key.publicKeyMultibase,
      secret_ciphertext: sealed.ciphertext,
      secret_iv: sealed.iv,
      created_at: now().toISOString(),
      retired_at: null,
    });
  }

  return {
    store,

    async generateNext(db, owner) {
      if (owner.did_method !== "web") {
        throw new TypeError("Only did:web organisations get further keys");
      }
      const current = await findCurrentKey(db, owner.id);
      const keys = await listKeys(db, owner.id);
      const sequence = Math.max(0, ...keys.map((k) => k.sequence)) + 1;
      const key = await generateSigningKey({
        controller: owner.did,
        keyId: `${owner.did}#key-${sequence}`,
      });
      const row = await store(db, owner, key, sequence);
      if (current) await retireKey(db, current.id, now().toISOString());
      return row;
    },

    async signingKey(db, organisationId) {
      const row = await findCurrentKey(db, organisationId);
      if (!row) throw new NoSigningKeyError(`Organisation ${organisationId} has no signing key`);
      const org = await db
        .selectFrom("issuer_organisation")
        .select("did")
        .where("id", "=", organisationId)
        .executeTakeFirstOrThrow();
      const secretKeyMultibase = box.open(
        { ciphertext: row.secret_ciphertext, iv: row.secret_iv },
        signingKeyAssociatedData(organisationId, row.key_id),
      );
      return {
        id: row.verification_method,
        controller: org.did,
        publicKeyMultibase: row.public_key_multibase,
        secretKeyMultibase,
      };
    },

    async verificationMethods(db, owner) {
      const keys = await listKeys(db, owner.id);
      return keys.map((k) => ({
        id: k.verification_method,
        type: "Multikey" as const,
        controller: owner.did,
        publicKeyMultibase: k.public_key_multibase,
      }));
    },

    async list(db, organisationId) {
      const keys = await listKeys(db, organisationId);
      const current = keys.filter((k) => k.retired_at === null).at(-1);
      return keys.map((k) => ({
        id: k.key_id,
        verificationMethod: k.verification_method,
        publicKeyMultibase: k.public_key_multibase,
        createdAt: k.created_at,
        retiredAt: k.retired_at,
        current: k.id === current?.id,
      }));
    },
  };
}
