import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { ClaimOfferTable } from "../tables/claim.js";
import { chunksOf } from "./in-list.js";

export type ClaimOfferRow = Selectable<ClaimOfferTable>;
type Db = Kysely<IssuerTables>;

export async function insertOffer(db: Db, row: Insertable<ClaimOfferTable>) {
  return db.insertInto("issuer_claim_offer").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findOffer(db: Db, offerId: string) {
  return db
    .selectFrom("issuer_claim_offer")
    .selectAll()
    .where("offer_id", "=", offerId)
    .executeTakeFirst();
}

/** The newest offer of a credential. */
export async function latestOffer(db: Db, credentialId: number) {
  return db
    .selectFrom("issuer_claim_offer")
    .selectAll()
    .where("credential_id", "=", credentialId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Offers of many credentials at once (newest last), for batch claim lists; in chunks. */
export async function offersOfCredentials(db: Db, credentialIds: readonly number[]) {
  const offers: ClaimOfferRow[] = [];
  for (const chunk of chunksOf([...new Set(credentialIds)])) {
    const rows = await db
      .selectFrom("issuer_claim_offer")
      .selectAll()
      .where("credential_id", "in", chunk)
      .execute();
    offers.push(...rows);
  }
  return offers.sort((a, b) => a.id - b.id);
}

/** Marks an offer claimed if it still is open: the one-time guarantee. */
export async function markOfferClaimed(
  db: Db,
  id: number,
  holderDid: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_claim_offer")
    .set({ claimed_at: now, holder_did: holderDid })
    .where("id", "=", id)
    .where("claimed_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertChallenge(
  db: Db,
  row: { challenge: string; offer_id: number; created_at: string; expires_at: string },
) {
  await db
    .insertInto("issuer_claim_challenge")
    .values({ ...row, used_at: null })
    .execute();
}

/** Uses a challenge once: false when unknown, for another offer, expired or used. */
export async function useChallenge(
  db: Db,
  challenge: string,
  offerId: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_claim_challenge")
    .set({ used_at: now })
    .where("challenge", "=", challenge)
    .where("offer_id", "=", offerId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findLiveChallenge(db: Db, challenge: string, offerId: number, now: string) {
  return db
    .selectFrom("issuer_claim_challenge")
    .selectAll()
    .where("challenge", "=", challenge)
    .where("offer_id", "=", offerId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

/** Drops challenges that can no longer be used. */
export async function deleteStaleChallenges(db: Db, now: string) {
  await db
    .deleteFrom("issuer_claim_challenge")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("used_at", "is not", null)]))
    .execute();
}

export type NewOffer = Insertable<ClaimOfferTable>;
