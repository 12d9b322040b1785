import type { WalletDb } from "./repositories.js";

/**
 * The OpenID4VP requests of an account (`wallet_presentation_request`). Every function takes
 * the account id and filters by it.
 */

export function findPresentationRequest(db: WalletDb, accountId: number, publicId: string) {
  return db
    .selectFrom("wallet_presentation_request")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export function findPresentationRequestByKey(db: WalletDb, accountId: number, requestKey: string) {
  return db
    .selectFrom("wallet_presentation_request")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("request_key", "=", requestKey)
    .executeTakeFirst();
}

/** How long an opened request is remembered (the verifier's own nonce is long dead by then). */
export const PRESENTATION_REQUEST_KEPT_MS = 30 * 24 * 3600_000;

/**
 * Stores a request the account opened; false when one with the same key is already there. The
 * account's requests older than `PRESENTATION_REQUEST_KEPT_MS` are forgotten first.
 */
export async function insertPresentationRequest(
  db: WalletDb,
  row: {
    public_id: string;
    account_id: number;
    request_key: string;
    request: string;
    created_at: string;
  },
): Promise<boolean> {
  const keptSince = new Date(Date.parse(row.created_at) - PRESENTATION_REQUEST_KEPT_MS);
  await db
    .deleteFrom("wallet_presentation_request")
    .where("account_id", "=", row.account_id)
    .where("created_at", "<", keptSince.toISOString())
    .execute();
  const result = await db
    .insertInto("wallet_presentation_request")
    .values({ ...row, status: "pending" })
    .onConflict((oc) => oc.columns(["account_id", "request_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Moves a request from `from` to `to` (with the answer's time and redirect when given); false
 * when it was not in `from` any more (answered in another tab, a double click): the caller then
 * sends nothing.
 */
export async function moveRequest(
  db: WalletDb,
  accountId: number,
  publicId: string,
  from: string,
  to: string,
  answer: { at?: string; redirectUri?: string | null } = {},
): Promise<boolean> {
  const result = await db
    .updateTable("wallet_presentation_request")
    .set({
      status: to,
      ...(answer.at ? { answered_at: answer.at } : {}),
      ...(answer.redirectUri !== undefined ? { redirect_uri: answer.redirectUri } : {}),
    })
    .where("account_id", "=", accountId)
    .where("public_id", "=", publicId)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
