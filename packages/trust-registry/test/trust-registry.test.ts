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
          id: "did:web:ece-with-right.example",
          name: { es: "Entidad con derecho a acreditar" },
          role: "accredited",
          accreditedBy: CONOCER,
          mayAccredit: true,
        },
        {
          id: "did:web:centre.example",
          name: { es: "Centro de evaluación" },
          role: "accredited",
          accreditedBy: "did:web:ece-with-right.example",
          // Claims the right, but only an authority can grant it: it does not pass on.
          mayAccredit: true,
        },
        {
          id: "did:web:sub-centre.example",
          name: { es: "Subcentro" },
          role: "accredited",
          accreditedBy: "did:web:centre.example",
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

  it("grants the right to accredit only where an authority gave it, one step deep", async () => {
    const signed = await signCredential(build(operator.controller), {
      key: operator,
      documentLoader,
    });
    const loaded = await loadTrustRegistry(signed, {
      expectedOperator: operator.controller,
      verify,
    });
    if (!loaded.ok) throw new Error(loaded.reason);
    const { registry } = loaded;
    expect(registry.mayAccredit(CONOCER, now)).toBe(true);
    // Accredited, but not given the right: what it accredits does not count.
    expect(registry.mayAccredit(ECE, now)).toBe(false);
    expect(registry.lookup("did:web:orphan.example", now)).toBeUndefined();
    // Given the right by CONOCER: its centre is accredited.
    expect(registry.mayAccredit("did:web:ece-with-right.example", now)).toBe(true);
    expect(registry.lookup("did:web:centre.example", now)).toMatchObject({
      accreditedBy: "did:web:ece-with-right.example",
    });
    // The centre's own claim to the right was not granted by an authority.
    expect(registry.mayAccredit("did:web:centre.example", now)).toBe(false);
    expect(registry.lookup("did:web:sub-centre.example", now)).toBeUndefined();
    // When the accreditor's own accreditation lapses, so does what it accredited.
    const later = new Date("2031-01-01T00:00:00Z");
    const lapsing = buildTrustRegistryCredential({
      url: "https://avala.example/trust-registry.json",
      operator: operator.controller,
      validFrom: new Date("2026-01-01T00:00:00Z"),
      entries: [
        { id: CONOCER, name: { es: "CONOCER" }, role: "authority" },
        {
          id: ECE,
          name: { es: "Entidad" },
          role: "accredited",
          accreditedBy: CONOCER,
          mayAccredit: true,
          validUntil: "2030-01-01T00:00:00Z",
        },
        {
          id: "did:web:centre.example",
          name: { es: "Centro" },
          role: "accredited",
          accreditedBy: ECE,
        },
      ],
    });
    const reloaded = await loadTrustRegistry(
      await signCredential(lapsing, { key: operator, documentLoader }),
      {
        expectedOperator: operator.controller,
        verify: (d) => verifyCredential(d, { documentLoader, now: later }),
      },
    );
    if (!reloaded.ok) throw new Error(reloaded.reason);
    expect(reloaded.registry.lookup("did:web:centre.example", now)).toBeDefined();
    expect(reloaded.registry.lookup("did:web:centre.example", later)).toBeUndefined();
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
