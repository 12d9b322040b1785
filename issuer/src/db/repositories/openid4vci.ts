import type { Insertable, Kysely } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { Oid4vciSecretKind, Oid4vciSecretTable } from "../tables/openid4vci.js";

type Db = Kysely<IssuerTables>;

export async function insertOid4vciSecret(db: Db, row: Insertable<Oid4vciSecretTable>) {
  await db.insertInto("issuer_oid4vci_secret").values(row).execute();
}

/** A secret of that kind that is neither used nor expired. */
export async function findLiveOid4vciSecret(
  db: Db,
  kind: Oid4vciSecretKind,
  secretHash: string,
  now: string,
) {
  return db
    .selectFrom("issuer_oid4vci_secret")
    .selectAll()
    .where("kind", "=", kind)
    .where("secret_hash", "=", secretHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/** Uses a secret once: false when unknown, of another kind, expired or used already. */
export async function useOid4vciSecret(
  db: Db,
  kind: Oid4vciSecretKind,
  secretHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_oid4vci_secret")
    .set({ used_at: now })
    .where("kind", "=", kind)
    .where("secret_hash", "=", secretHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds `by` (1, or -1 to give an attempt back) to a code's wrong-PIN count, atomically. */
export async function addOid4vciFailure(db: Db, id: number, by: 1 | -1 = 1) {
  await db
    .updateTable("issuer_oid4vci_secret")
    .set((eb) => ({ failures: eb("failures", "+", by) }))
    .where("id", "=", id)
    .execute();
}

/** Wrong `tx_code`s tried for a claim offer, over all its codes. */
export async function oid4vciFailuresOfOffer(db: Db, offerId: number): Promise<number> {
  const row = await db
    .selectFrom("issuer_oid4vci_secret")
    .select((eb) => eb.fn.sum<number | string | null>("failures").as("total"))
    .where("offer_id", "=", offerId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Drops secrets nobody can use any more (used or expired), keeping failure counts' codes. */
export async function deleteStaleOid4vciSecrets(db: Db, now: string) {
  await db
    .deleteFrom("issuer_oid4vci_secret")
    .where("failures", "=", 0)
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("used_at", "is not", null)]))
    .execute();
}

export async function findClaimOfferById(db: Db, id: number) {
  return db.selectFrom("issuer_claim_offer").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Whether the organisation's OpenID4VCI offers ask for a PIN (`tx_code`). */
export async function oid4vciTxCodeRequired(db: Db, organisationId: number): Promise<boolean> {
  const row = await db
    .selectFrom("issuer_oid4vci_setting")
    .select("tx_code")
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return Number(row?.tx_code ?? 0) === 1;
}

export async function setOid4vciTxCodeRequired(
  db: Db,
  organisationId: number,
  required: boolean,
  now: string,
) {
  await db
    .insertInto("issuer_oid4vci_setting")
    .values({ organisation_id: organisationId, tx_code: required ? 1 : 0, updated_at: now })
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({ tx_code: required ? 1 : 0, updated_at: now }),
    )
    .execute();
}
