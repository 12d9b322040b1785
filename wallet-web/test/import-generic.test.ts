import type { Credential, JsonObject, Presentation } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import type { FixtureServer, GenericFixtures } from "@avala/verifier/testing";
import { createGenericFixtures, startFixtureServer } from "@avala/verifier/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findAccountByEmail } from "../src/db/repositories.js";
import type { WalletTables } from "../src/db/tables.js";
import { Browser, documentLoader, openTestWallet, type TestWallet } from "./helpers.js";

/**
 * A learner brings credentials that are not Open Badges (issue 14, part 2): a European Learning
 * Model-like credential (VC 2.0, eddsa-rdfc-2022) pasted, a foreign university's diploma (VC 1.1,
 * Ed25519Signature2020) by link from a loopback site, and one in a vocabulary Avala does not
 * hold as a file. The wallet verifies each as far as its proof allows, keeps it, lists it with a
 * generic card, shows its claims on its page, and shares the checked ones; the unchecked one is
 * kept and said to be unchecked, and only downloaded. A tampered one is refused, nothing stored.
 */

let site: FixtureServer;

beforeAll(async () => {
  site = await startFixtureServer();
});
afterAll(async () => {
  await site?.close();
});

/** The diploma in a vocabulary (JSON-LD context) Avala does not hold: never fetched. */
function inUnheldVocabulary(credential: Credential): Credential {
  return {
    ...credential,
    "@context": [
      ...(credential["@context"] as unknown[]),
      `http://${site.host}/contexts/diploma-v1.jsonld`,
    ],
  } as Credential;
}

describe.each(testDatabases())(
  "importing credentials that are not Open Badges on $name",
  ({ open }) => {
    let database: Database<WalletTables>;
    let wallet: TestWallet;
    let ana: Browser;
    let fixtures: GenericFixtures;

    beforeEach(async () => {
      database = await open<WalletTables>();
      wallet = await openTestWallet(database, { config: { fetchAllowHosts: [site.host] } });
      ana = new Browser(wallet.app);
      await ana.signUp("ana@example.mx");
      const account = (await findAccountByEmail(database.db, "ana@example.mx"))!;
      fixtures = await createGenericFixtures(documentLoader, account.holder_did);
      await ana.get("/add");
    });
    afterEach(async () => {
      await wallet.ctx.destroy();
      await database.destroy();
    });

    const stored = () =>
      database.db.selectFrom("wallet_credential").selectAll().orderBy("id").execute();

    it("keeps an ELM-like credential and a foreign diploma, shows their claims and shares them", async () => {
      expect((await ana.post("/import/paste", { json: JSON.stringify(fixtures.elm) })).status).toBe(
        200,
      );
      expect(ana.lastBody).toContain("Verificada y guardada");
      site.serve("/diplome/2025-0042.json", fixtures.diploma);
      await ana.get("/add");
      await ana.post("/import/url", { url: `${site.origin}/diplome/2025-0042.json` });
      expect(ana.lastBody).toContain("Verificada y guardada");

      const rows = await stored();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        credential_key: fixtures.elm.id,
        issuer_id: fixtures.elmIssuer.controller,
        issued_at: "2026-03-01T00:00:00.000Z",
        verdict: "valid-with-warnings",
        source: "paste",
      });
      expect(rows[1]).toMatchObject({
        credential_key: fixtures.diploma.id,
        issued_at: "2025-07-15T00:00:00.000Z",
        source: "url",
      });
      // Held as signed.
      expect(JSON.parse(rows[0]!.document)).toEqual(fixtures.elm);

      // The list: a generic card for each.
      await ana.get("/credentials");
      expect(ana.lastBody).toContain("Máster en Ciencia de Datos");
      expect(ana.lastBody).toContain(
        "Credencial de otra institución (European Digital Credential)",
      );
      expect(ana.lastBody).toContain("Bachelor of Science in Informatik");
      expect(ana.lastBody).toContain("Universität Beispiel");

      // The detail page: issuer, subject, claims as labelled lines, dates; the DID as a detail.
      await ana.get(`/credentials/${rows[0]!.public_id}`);
      expect(ana.lastBody).toContain("Lo que dice la credencial");
      expect(ana.lastBody).toContain("<dt>Has claim › Specified by › Title</dt>");
      expect(ana.lastBody).toContain("<dd>Máster Universitario en Ciencia de Datos</dd>");
      expect(ana.lastBody).toContain("<dd>27 de febrero de 2026</dd>");
      expect(ana.lastBody).toContain("Universidade Exemplo de Lisboa");
      expect(ana.lastBody).toContain("1 de marzo de 2026");
      expect(ana.lastBody).toContain("Ti: está ligada a la llave de esta cartera.");
      expect(ana.lastBody).toContain(`/shares/new?c=${rows[0]!.public_id}`);
      await ana.get("/lang/en");
      await ana.get(`/credentials/${rows[1]!.public_id}`);
      expect(ana.lastBody).toContain("What the credential says");
      expect(ana.lastBody).toContain("<dt>Degree › Name</dt>");
      expect(ana.lastBody).toContain("<dd>1,7 (gut)</dd>");
      expect(ana.lastBody).toContain(
        "Credential from another institution (University Degree Credential)",
      );
      await ana.get("/lang/es");

      // A PDF certificate of it, with the credential attached, like any other.
      const pdf = await ana.get(`/credentials/${rows[1]!.public_id}/certificate.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toContain("application/pdf");
      expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

      // Shared like any other: the bundle verifies, each credential on its own.
      const ids = rows.map((r) => r.public_id);
      await ana.get(`/shares/new?${ids.map((c) => `c=${c}`).join("&")}`);
      const created = await ana.post("/shares", { c: ids, days: "7", label: "Empleo" });
      expect(created.status).toBe(303);
      await ana.get(created.headers.get("location")!);
      const link = /id="share-link" readonly="" value="([^"]+)"/.exec(ana.lastBody)![1]!;
      const token = link.split("/s/")[1]!;
      const bundle = await wallet.app.request(`/s/${token}/presentation.json`, {
        headers: { accept: "application/json" },
      });
      const presentation = (await bundle.json()) as Presentation;
      expect(presentation.verifiableCredential).toEqual([fixtures.elm, fixtures.diploma]);
      const { verify } = await import("@avala/verifier");
      const result = await verify(presentation, { documentLoader });
      expect(result.kind).toBe("presentation");
      expect(result.verified).toBe(true);
      if (result.kind === "presentation") {
        expect(
          result.credentials.map((c) => c.checks.find((k) => k.check === "proof")?.code),
        ).toEqual(["proof.valid", "proof.valid"]);
      }
    });

    it("keeps one it cannot check as unchecked, never fetches its vocabulary, and only lets it be downloaded", async () => {
      const unheld = inUnheldVocabulary(fixtures.diploma);
      const before = site.requests.length;
      const form = new FormData();
      form.set(
        "file",
        new File([JSON.stringify(unheld)], "diploma.json", { type: "application/json" }),
      );
      expect((await ana.post("/import/file", form)).status).toBe(200);
      expect(ana.lastBody).toContain("Guardada en tu cartera sin comprobar");
      expect(ana.lastBody).not.toContain("Verificada y guardada");
      // The context's host answers on loopback, allow-listed even: still never asked.
      expect(site.requests.slice(before)).toEqual([]);

      const [row] = await stored();
      expect(row).toMatchObject({ verdict: "invalid", source: "file" });
      expect(JSON.parse(row!.document)).toEqual(unheld);

      wallet.ctx.verificationCache.delete(String(row!.id));
      await ana.get("/credentials");
      expect(ana.lastBody).toContain("Sin comprobar");
      expect(ana.lastBody).toContain("Bachelor of Science in Informatik");
      await ana.get(`/credentials/${row!.public_id}`);
      expect(ana.lastBody).toContain("No se pudo comprobar");
      expect(ana.lastBody).toContain("el emisor usa un formato que Avala no lee");
      expect(ana.lastBody).toContain("no puedes compartirla como verificada desde aquí");
      expect(ana.lastBody).toContain("<dt>Degree › Name</dt>");
      expect(ana.lastBody).not.toContain(`/shares/new?c=${row!.public_id}`);
      expect(ana.lastBody).toContain(`/credentials/${row!.public_id}/download`);
      expect(site.requests.slice(before)).toEqual([]);

      // Not handed on as if verified: no share link, and the form says why in plain words.
      await ana.get("/shares/new");
      const share = await ana.post("/shares", { c: row!.public_id, days: "7" });
      expect(share.status).toBe(422);
      expect(ana.lastBody).toContain("no se comparte como verificada");
      expect(await database.db.selectFrom("wallet_share").selectAll().execute()).toHaveLength(0);
      for (const path of ["public-page", "linkedin"]) {
        await ana.get(`/credentials/${row!.public_id}`);
        const refused = await ana.post(`/credentials/${row!.public_id}/${path}`, {});
        expect(refused.status, path).toBe(422);
      }
      expect(await database.db.selectFrom("wallet_public_page").selectAll().execute()).toHaveLength(
        0,
      );
      const download = await ana.get(`/credentials/${row!.public_id}/download`);
      expect(JSON.parse(await download.text())).toEqual(unheld);
    });

    it("refuses a tampered one and stores nothing", async () => {
      const tampered = structuredClone(fixtures.diploma) as JsonObject;
      ((tampered.credentialSubject as JsonObject).degree as JsonObject).name = "Doktor der Medizin";
      const unheldTampered = inUnheldVocabulary(fixtures.elm);
      (unheldTampered as JsonObject).proof = "not a proof";
      for (const document of [tampered, unheldTampered]) {
        await ana.get("/add");
        expect((await ana.post("/import/paste", { json: JSON.stringify(document) })).status).toBe(
          422,
        );
        expect(ana.lastBody).toContain("No se guardó");
      }
      expect(await stored()).toHaveLength(0);
    });
  },
);
