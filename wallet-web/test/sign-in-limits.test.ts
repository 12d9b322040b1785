import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import { signIn } from "../src/services/accounts.js";
import { Browser, openTestWallet, type TestWallet } from "./helpers.js";

/**
 * Password guesses sent all at once: each is counted before its password is compared (scrypt
 * takes long enough for a burst to arrive before the first answer), so no more than the limit
 * are ever compared in a window, and the owner's right password is refused while it lasts.
 */
describe.each(testDatabases())("wallet sign-in limits on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
    await new Browser(wallet.app).signUp("ana@example.mx");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const attempt = (password: string) =>
    signIn(wallet.ctx, { email: "ana@example.mx", password, address: "203.0.113.9" });

  it("compares no more than five guesses sent in parallel", async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(`guess ${i}`)));
    expect(burst.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(burst.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(7);
    expect(await attempt("una frase bastante larga")).toMatchObject({ reason: "locked" });
  });

  it("a right password gives its attempt back and clears this address's failures", async () => {
    for (let i = 0; i < 4; i++) expect((await attempt(`wrong ${i}`)).ok).toBe(false);
    expect((await attempt("una frase bastante larga")).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect((await attempt(`again ${i}`)).ok).toBe(false);
    expect((await attempt("una frase bastante larga")).ok).toBe(true);
  });
});
