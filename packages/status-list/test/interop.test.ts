/**
 * Avala's status lists read by the stock @digitalbazaar/vc-bitstring-status-list checker, with
 * the stock security-document-loader: the encoding, bit order, list credential and its proof are
 * the standard ones.
 */
import { buildAchievementCredential, generateSigningKey, signCredential } from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { contexts as dataIntegrityContexts } from "@digitalbazaar/data-integrity-context";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { describe, expect, it } from "vitest";
import {
  buildStatusEntry,
  buildStatusListCredential,
  createBitstring,
  setBit,
} from "../src/index.js";

const LIST_URL = "https://issuer.example/orgs/ece/status/revocation/1";

describe("stock @digitalbazaar/vc-bitstring-status-list reads Avala's lists", () => {
  it("active, then revoked", async () => {
    const avalaLoader = createDocumentLoader();
    const key = await generateSigningKey();
    const credential = await signCredential(
      buildAchievementCredential({
        id: "urn:uuid:0d6c7a63-3c5e-4b8e-9f3a-5b7d1e2f3a4b",
        issuer: { id: key.controller, name: { es: "CONALEP Plantel Monterrey II" } },
        achievement: {
          id: "https://issuer.example/achievements/MC-1",
          kind: "microcredential",
          code: "MC-1",
          name: { es: "Microcredencial" },
          description: { es: "Descripción" },
          criteria: { es: "Criterio" },
        },
        subject: { identifiers: [{ kind: "email", value: "luis@example.mx" }] },
        validFrom: "2026-01-01T00:00:00Z",
        credentialStatus: buildStatusEntry({
          listCredentialUrl: LIST_URL,
          index: 70_001,
          statusPurpose: "revocation",
        }),
      }),
      { key, documentLoader: avalaLoader },
    );
    const bits = createBitstring();
    const stockStatus = async () => {
      const list = await signCredential(
        buildStatusListCredential({
          url: LIST_URL,
          issuer: key.controller,
          statusPurpose: "revocation",
          bits,
          validFrom: new Date("2026-01-01T00:00:00Z"),
        }),
        { key, documentLoader: avalaLoader },
      );
      const loader = securityLoader();
      for (const [url, doc] of [...dataIntegrityContexts, ...multikeyContexts])
        loader.addStatic(url, doc);
      loader.addStatic(LIST_URL, list);
      const result = await checkStatus({
        credential,
        documentLoader: loader.build(),
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        verifyBitstringStatusListCredential: true,
        verifyMatchingIssuers: true,
      });
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      return result.results?.[0]?.status;
    };
    expect(await stockStatus()).toBe(false);
    setBit(bits, 70_001, true);
    expect(await stockStatus()).toBe(true);
  });
});
