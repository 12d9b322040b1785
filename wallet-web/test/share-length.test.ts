import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import { parseShareDays, shareDaysRange } from "../src/services/shares.js";
import {
  Browser,
  openTestWallet,
  type TestWallet,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

describe("parseShareDays", () => {
  it("takes a whole number of days from 1 to 365, the default when empty, nothing else", () => {
    expect(shareDaysRange).toEqual({ min: 1, max: 365 });
    for (const [text, days] of [
      ["1", 1],
      ["7", 7],
      ["365", 365],
      [" 90 ", 90],
      ["", 30],
    ] as const) {
      expect(parseShareDays(text, 30), text).toBe(days);
    }
    for (const text of ["0", "-1", "366", "100000", "abc", "7.5", "1e2", "+7", "0x10", "٣٠"]) {
      expect(parseShareDays(text, 30), text).toBeUndefined();
    }
  });
});

let issuer: Awaited<ReturnType<typeof testIssuer>>;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe.each(testDatabases())("the length of a share on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;
  let id: string;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
    await ana.post("/import/paste", {
      json: JSON.stringify(await issuer.issue(unitAchievement("U0586"))),
    });
    const row = await database.db
      .selectFrom("wallet_credential")
      .select("public_id")
      .executeTakeFirstOrThrow();
    id = row.public_id;
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const shares = () =>
    database.db.selectFrom("wallet_share").select(["created_at", "expires_at"]).execute();

  it("refuses a length the form does not allow, with the form's own error next to the field", async () => {
    for (const days of ["100000", "-1", "0", "abc", "366", "7.5"]) {
      await ana.get(`/shares/new?c=${id}`);
      const response = await ana.post("/shares", { c: id, days, label: "Vacante" });
      expect(response.status, days).toBe(422);
      expect(response.headers.get("content-type")).toContain("text/html");
      const page = ana.lastBody;
      // The form again, as it was sent, with the error tied to the length field.
      expect(page).toContain('action="/shares"');
      expect(page).toContain('value="Vacante"');
      expect(page).toContain(`value="${id}" checked=""`);
      expect(page).toMatch(
        /<select id="days" name="days" aria-invalid="true" aria-describedby="days-error">/,
      );
      expect(page).toContain(
        '<span class="hint notice-error" id="days-error" role="alert">Elige cuánto dura el enlace: un número entero de días, de 1 a 365.</span>',
      );
    }
    expect(await shares()).toEqual([]);
  });

  it("answers in the page's language", async () => {
    await ana.get("/lang/en");
    await ana.get(`/shares/new?c=${id}`);
    const response = await ana.post("/shares", { c: id, days: "0", label: "" });
    expect(response.status).toBe(422);
    expect(ana.lastBody).toContain(
      "Choose how long the link lasts: a whole number of days, from 1 to 365.",
    );
    expect(await shares()).toEqual([]);
  });

  it("answers a program with a problem that has a stable code", async () => {
    await ana.get(`/shares/new?c=${id}`);
    const response = await ana.post(
      "/shares",
      { c: id, days: "100000" },
      { headers: { accept: "application/json", "accept-language": "en" } },
    );
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      status: 422,
      title: "Unprocessable Content",
      code: "wallet.share.error.days",
      detail: "Choose how long the link lasts: a whole number of days, from 1 to 365.",
      localizedDetail: {
        es: "Elige cuánto dura el enlace: un número entero de días, de 1 a 365.",
        en: "Choose how long the link lasts: a whole number of days, from 1 to 365.",
      },
      errors: [{ field: "days" }],
    });
    expect(await shares()).toEqual([]);
  });

  it("creates a share for exactly the length chosen (the default when none is sent)", async () => {
    for (const [days, expected] of [
      ["1", 1],
      ["7", 7],
      ["365", 365],
      ["", 30],
    ] as const) {
      await ana.get(`/shares/new?c=${id}`);
      const response = await ana.post("/shares", { c: id, days, label: days });
      expect(response.status, days).toBe(303);
      const share = await database.db
        .selectFrom("wallet_share")
        .select(["created_at", "expires_at"])
        .where("label", "=", days)
        .executeTakeFirstOrThrow();
      const length = Date.parse(share.expires_at) - Date.parse(share.created_at);
      expect(length / 86_400_000, days).toBe(expected);
    }
  });
});
