import type { Selectable } from "kysely";
import type { WalletDb } from "./repositories.js";
import type { PublicPageTable } from "./tables.js";

/**
 * Permanent public pages (`wallet_public_page`). The holder's functions take the account id and
 * filter by it; only `findPublicPageBySlug` reads a page by its public address, and it reaches
 * the credential only through the page's own row (same account, same credential).
 */
export type PublicPage = Selectable<PublicPageTable>;

/** The page of one of the account's credentials (published or withdrawn), if there is one. */
export function findPublicPage(db: WalletDb, accountId: number, credentialId: number) {
  return db
    .selectFrom("wallet_public_page")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("credential_id", "=", credentialId)
    .executeTakeFirst();
}

/**
 * Creates the credential's page with `slug`, or keeps the one it already has (a credential has
 * one page: two publications at once give the same row). Publishing again after a withdrawal
 * puts the same address back.
 */
export async function publishPublicPage(
  db: WalletDb,
  page: { slug: string; account_id: number; credential_id: number; created_at: string },
): Promise<PublicPage> {
  await db
    .insertInto("wallet_public_page")
    .values({ ...page, withdrawn_at: null })
    .onConflict((oc) => oc.column("credential_id").doNothing())
    .execute();
  await db
    .updateTable("wallet_public_page")
    .set({ withdrawn_at: null })
    .where("account_id", "=", page.account_id)
    .where("credential_id", "=", page.credential_id)
    .where("withdrawn_at", "is not", null)
    .execute();
  const row = await findPublicPage(db, page.account_id, page.credential_id);
  if (!row) throw new Error("The public page could not be stored.");
  return row;
}

/** Withdraws the account's page of a credential; false when there was none published. */
export async function withdrawPublicPage(
  db: WalletDb,
  accountId: number,
  credentialId: number,
  at: Date,
) {
  const result = await db
    .updateTable("wallet_public_page")
    .set({ withdrawn_at: at.toISOString() })
    .where("account_id", "=", accountId)
    .where("credential_id", "=", credentialId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** For the public address: the page and its credential (the page owner's own), whoever asks. */
export async function findPublicPageBySlug(db: WalletDb, slug: string) {
  const page = await db
    .selectFrom("wallet_public_page")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!page) return undefined;
  const credential = await db
    .selectFrom("wallet_credential")
    .selectAll()
    .where("id", "=", page.credential_id)
    .where("account_id", "=", page.account_id)
    .executeTakeFirst();
  return credential ? { page, credential } : undefined;
}
