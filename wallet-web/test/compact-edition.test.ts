import { signCompactEdition } from "@avala/compact-credential";
import {
  buildAchievementCredential,
  type Credential,
  generateSigningKey,
  type SigningKey,
  signCredential,
} from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAccountByEmail, findCredential } from "../src/db/repositories.js";
import type { WalletTables } from "../src/db/tables.js";
import { compactQrTextOf, keepCompactEdition } from "../src/services/compact.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
} from "./helpers.js";

// The compact QR edition the issuer sends with a claimed credential: kept only when it names the
// same issuer, holder, achievement and status entry and verifies; then printed (PDF, print page).

const list = "https://issuer.example/orgs/ece/status/revocation/1";

async function signed(key: SigningKey, holder: string, index: number): Promise<Credential> {
  const credential = buildAchievementCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { id: key.controller, name: { es: "Centro Evaluador de Prueba" } },
    achievement: qualificationAchievement,
    subject: { did: holder, name: "Ana López" },
    validFrom: "2026-01-15T00:00:00Z",
    credentialStatus: {
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(index),
      statusListCredential: list,
    },
  });
  return signCredential(credential, { key, documentLoader });
}

async function compactOf(full: Credential, key: SigningKey): Promise<Credential> {
  const edition = await signCompactEdition(full, {
    id: `urn:uuid:${crypto.randomUUID()}`,
    sign: (unsigned) => signCredential(unsigned, { key, documentLoader }),
  });
  return edition!.credential;
}

describe.each(testDatabases())("the compact QR edition in the wallet on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  it("keeps only a matching, verified compact edition, and prints it", async () => {
    const account = (await findAccountByEmail(database.db, "ana@example.mx"))!;
    const issuer = await generateSigningKey();
    const full = await signed(issuer, account.holder_did, 7);
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(full) });
    const [stored] = await database.db.selectFrom("wallet_credential").selectAll().execute();
    const row = stored!;
    expect(row.compact_document).toBeNull();
    expect(await compactQrTextOf(row)).toBeUndefined();
    expect((await ana.get(`/credentials/${row.public_id}/compact-qr.svg`)).status).toBe(404);

    // Another credential's (another status entry), another issuer's, a forged one, not one.
    const other = await compactOf(await signed(issuer, account.holder_did, 8), issuer);
    const stranger = await generateSigningKey();
    const strangers = await compactOf(await signed(stranger, account.holder_did, 7), stranger);
    const forged = structuredClone(await compactOf(full, issuer));
    (forged.credentialSubject as { name: string }).name = "Otra Persona";
    for (const bad of [other, strangers, forged, "VC1-AAAA", null]) {
      expect(await keepCompactEdition(wallet.ctx, account, row, full, bad)).toBe(false);
    }
    expect((await findCredential(database.db, account.id, row.public_id))!.compact_document).toBe(
      null,
    );

    const compact = await compactOf(full, issuer);
    expect(await keepCompactEdition(wallet.ctx, account, row, full, compact)).toBe(true);
    const kept = (await findCredential(database.db, account.id, row.public_id))!;
    expect(JSON.parse(kept.compact_document!)).toEqual(compact);
    expect(await compactQrTextOf(kept)).toMatch(/^VC1-[A-Z2-7]+$/);

    const svg = await ana.get(`/credentials/${row.public_id}/compact-qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
    const pdf = await ana.get(`/credentials/${row.public_id}/certificate.pdf`);
    expect(pdf.status).toBe(200);

    // Nobody else's: another account gets a 404.
    const bruno = new Browser(wallet.app, "203.0.113.8");
    await bruno.signUp("bruno@example.mx");
    expect((await bruno.get(`/credentials/${row.public_id}/compact-qr.svg`)).status).toBe(404);
  });
});
