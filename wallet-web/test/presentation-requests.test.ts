import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  findPresentationRequestByKey,
  insertPresentationRequest,
  PRESENTATION_REQUEST_KEPT_MS,
} from "../src/db/presentation-requests.js";
import type { WalletTables } from "../src/db/tables.js";
import { Browser, openTestWallet, type TestWallet } from "./helpers.js";

/** Opened OpenID4VP requests: once per key while remembered, forgotten after 30 days. */
describe.each(testDatabases())("presentation requests kept on $name", ({ open }) => {
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

  it("refuses a second copy of one request, and forgets requests older than 30 days", async () => {
    const account = await database.db
      .selectFrom("wallet_account")
      .select("id")
      .executeTakeFirstOrThrow();
    const opened = Date.parse("2026-06-01T12:00:00Z");
    const row = (key: string, at: number) => ({
      public_id: `req-${key}-${at}`,
      account_id: account.id,
      request_key: key,
      request: "{}",
      created_at: new Date(at).toISOString(),
    });
    expect(await insertPresentationRequest(database.db, row("a", opened))).toBe(true);
    expect(await insertPresentationRequest(database.db, row("a", opened + 1000))).toBe(false);
    const later = opened + PRESENTATION_REQUEST_KEPT_MS + 1000;
    expect(await insertPresentationRequest(database.db, row("b", later))).toBe(true);
    expect(await findPresentationRequestByKey(database.db, account.id, "a")).toBeUndefined();
    expect(await findPresentationRequestByKey(database.db, account.id, "b")).toBeDefined();
  });
});
