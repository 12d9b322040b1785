import type { WalletContext } from "../context.js";
import { type Account, listCredentials } from "../db/repositories.js";

/**
 * Every credential of an account in one JSON file:
 * `{ "exportedAt", "account": { "email", "name" }, "credentials": [ … ] }`.
 *
 * Each credential is written exactly as it is held: the stored JSON text itself, byte for byte,
 * not parsed and written again, so its proof covers exactly what is in the file; one held as a
 * JWT is its compact string. Each verifies again on its own, and imports into any wallet.
 */
export async function exportCredentials(
  ctx: WalletContext,
  account: Account,
): Promise<{ fileName: string; body: string; count: number }> {
  const rows = await listCredentials(ctx.db, account.id);
  const exportedAt = ctx.now().toISOString();
  const head = [
    "{",
    `  "exportedAt": ${JSON.stringify(exportedAt)},`,
    `  "account": ${JSON.stringify({ email: account.email, name: account.display_name })},`,
  ];
  // `document` is the JSON text the wallet stored (`toJsonText` of the credential or its JWT).
  const items = rows.map((row) => `    ${row.document}`);
  const body = [
    ...head,
    items.length === 0 ? `  "credentials": []` : `  "credentials": [\n${items.join(",\n")}\n  ]`,
    "}",
    "",
  ].join("\n");
  return {
    fileName: `avala-credentials-${exportedAt.slice(0, 10)}.json`,
    body,
    count: rows.length,
  };
}
