import type { SigningKey } from "@avala/credentials";
import {
  checkOpenBadgesSchema,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTrustRegistryCredential, loadTrustRegistry } from "../src/index.js";

const documentLoader = createDocumentLoader();
const now = new Date("2026-06-01T00:00:00Z");
const verify = (doc: unknown) => verifyCredential(doc, { documentLoader, now });

describe("trust registry", () => {
  let operator: SigningKey;
  let stranger: SigningKey;
  const SEP = "did:web:sep.example";
  const CONOCER = "did:web:conocer.example";
  const ECE = "did:web:ece.example";

  beforeAll(async () => {
    operator = await generateSigningKey();
    stranger = await generateSigningKey();
  });

  const build = (issuer: string) =>
    buildTrustRegistryCredential({
      url: "https://avala.example/trust-registry.json",
      operator: issuer,
      validFrom: new Date("2026-01-01T00:00:00Z"),
      entries: [
        {
          id: SEP,
          name: { es: "SEP", en: "Ministry of Public Education" },
          role: "authority",
          kind: "sep",
        },
        { id: CONOCER, name: { es: "CONOCER" }, role: "authority", kind: "conocer" },
        {
          id: ECE,
          name: { es: "Entidad Certificadora" },
          role: "accredited",
          accreditedBy: CONOCER,
        },
        {
          id: "did:web:orphan.example",
          name: { es: "Huérfana" },
          role: "accredited",
          accreditedBy: ECE,
        },
        {
          id: "did:web:lapsed.example",
          name: { es: "Vencida" },
          role: "accredited",
          accreditedBy: SEP,
          validUntil: "2025-01-01T00:00:00Z",
        },
      ],
    });

  it("signs and loads a registry, answering who accredits whom", async () => {
    const signed = await signCredential(build(operator.controller), {
      key: operator,
      documentLoader,
    });
    const verification = await verify(signed);
    expect(verification.checks.find((c) => c.check === "proof")?.outcome).toBe("pass");
    expect(checkOpenBadgesSchema(signed).outcome).toBe("warning");
    const loaded = await loadTrustRegistry(signed, {
      expectedOperator: operator.controller,
      verify,
    });
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.registry.authority(SEP)?.name.en).toBe("Ministry of Public Education");
    expect(loaded.registry.lookup(ECE, now)).toMatchObject({ accreditedBy: CONOCER });
    // accredited by a non-authority, or lapsed: not trusted
    expect(loaded.registry.lookup("did:web:orphan.example", now)).toBeUndefined();
    expect(loaded.registry.lookup("did:web:lapsed.example", now)).toBeUndefined();
    expect(loaded.registry.lookup("did:web:unknown.example", now)).toBeUndefined();
  });

  it("refuses a registry from another operator or one that was altered", async () => {
    const foreign = await signCredential(build(stranger.controller), {
      key: stranger,
      documentLoader,
    });
    const wrong = await loadTrustRegistry(foreign, {
      expectedOperator: operator.controller,
      verify,
    });
    expect(wrong).toMatchObject({ ok: false, reason: expect.stringContaining("operator") });

    const signed = await signCredential(build(operator.controller), {
      key: operator,
      documentLoader,
    });
    const altered = structuredClone(signed);
    (altered.credentialSubject.entry as Array<Record<string, unknown>>).push({
      id: "did:web:evil.example",
      name: { es: "Falsa" },
      role: "authority",
    });
    const result = await loadTrustRegistry(altered, {
      expectedOperator: operator.controller,
      verify,
    });
    expect(result.ok).toBe(false);
  });
});
