import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  type TestWallet,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

let issuer: Awaited<ReturnType<typeof testIssuer>>;
beforeAll(async () => {
  issuer = await testIssuer();
});

/** The `<details>` opening tag that wraps the challenge field, or undefined. */
function advancedOpening(html: string): string | undefined {
  const at = html.indexOf('id="challenge"');
  const opening = html.lastIndexOf("<details", at);
  if (at < 0 || opening < 0 || html.lastIndexOf("</details>", at) > opening) return undefined;
  return html.slice(opening, html.indexOf(">", opening) + 1);
}

describe.each(testDatabases())("presentation page on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
    await ana.post("/import/paste", {
      json: JSON.stringify(await issuer.issue(unitAchievement("U0586"))),
    });
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  it("keeps the challenge and domain under a closed Advanced options", async () => {
    await ana.get("/present");
    const html = ana.lastBody;
    const opening = advancedOpening(html);
    expect(opening).toBeDefined();
    expect(opening).not.toMatch(/\sopen/);
    expect(html).toContain("<summary>Opciones avanzadas</summary>");
    expect(html.indexOf('id="domain"')).toBeLessThan(html.indexOf("</details>"));
    expect(html).not.toContain("te pide un reto (challenge)");
    // Sent without a challenge: the page comes back with the section open to fill it in.
    const id = html.match(/name="c" value="([^"]+)"/)?.[1];
    expect(id).toBeDefined();
    const again = await ana.post("/present", { c: id!, challenge: "" });
    expect(again.status).toBe(422);
    expect(advancedOpening(await again.text())).toMatch(/\sopen/);
  });
});
