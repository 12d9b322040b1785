import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialVerification } from "../src/index.js";
import { describeCredential, verify } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

let world: FixtureWorld;

beforeAll(async () => {
  world = await createFixtureWorld();
});

afterAll(async () => {
  await world?.server.close();
});

describe("describeCredential", () => {
  it("a qualification: holder, name, kind, level, units, standard, issuer, accreditation, dates", async () => {
    const endorsement = await world.endorse(world.sep, world.entidad);
    const { credential } = await world.issue({
      issuer: world.entidad,
      endorsements: [endorsement],
      validUntil: new Date("2029-06-30T00:00:00Z"),
    });
    const result = (await verify(credential, world.verifyOptions())) as CredentialVerification;
    const es = describeCredential(result.document, "es", result.trust);
    expect(es).toMatchObject({
      locale: "es",
      holder: { kind: "hashed", identifierTypes: ["nationalIdentityNumber"] },
      achievement: {
        name: "Impartición de cursos de formación del capital humano de manera presencial grupal",
        kind: "qualification",
        kindText: "Certificación de un estándar de competencia",
        code: "EC0217.01",
      },
      level: { value: 3, text: "Nivel 3 de 5" },
      standard: { code: "EC0217.01" },
      issuer: { name: "CECATI 17", id: world.entidad.did },
      accreditation: {
        status: "accredited",
        chain: ["Secretaría de Educación Pública"],
        text: "Secretaría de Educación Pública acredita a CECATI 17.",
      },
      validFrom: { iso: "2025-06-01T12:00:00Z", text: "1 de junio de 2025" },
      validUntil: { iso: "2029-06-30T00:00:00Z", text: "30 de junio de 2029" },
    });
    expect(es.holder.text).toBe("Identificado por CURP (no se muestra)");
    expect(es.units).toEqual([
      { code: "U-EC0217.01-1", name: "Preparar la sesión de formación" },
      { code: "U-EC0217.01-2", name: "Conducir la sesión de formación" },
      { code: "U-EC0217.01-3", name: "Evaluar el aprendizaje" },
    ]);
    const en = describeCredential(result.document, "en", result.trust);
    expect(en.achievement.name).toBe("Delivering face-to-face group training courses");
    expect(en.holder.text).toBe("Identified by CURP (hidden)");
    expect(en.units.map((u) => u.name)).toEqual([
      "Prepare the training session",
      "Deliver the training session",
      "Assess the learning",
    ]);
    expect(en.accreditation.text).toBe("Ministry of Public Education (SEP) accredits CECATI 17.");
    expect(en.validFrom?.text).toBe("1 June 2025");
  });

  it("a unit names the standard it belongs to; a microcredential its programme; a DID holder", async () => {
    const { credential: unit } = await world.issue({ issuer: world.ece, kind: "unit" });
    const u = describeCredential(unit, "en");
    expect(u.achievement).toMatchObject({
      kind: "unit",
      kindText: "Unit of competence",
      code: "U-EC0217.01-2",
    });
    expect(u.standard).toMatchObject({ code: "EC0217.01" });
    expect(u.units).toEqual([]);
    // Without a verified trust result nothing is said about accreditation.
    expect(u.accreditation).toEqual({ status: "unverified", chain: [] });

    const { credential: micro } = await world.issue({
      issuer: world.sep,
      kind: "microcredential",
      holderDid: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    });
    const m = describeCredential(micro, "es");
    expect(m.achievement).toMatchObject({
      kind: "microcredential",
      kindText: "Microcredencial",
      code: "SEP-CIBER-101",
    });
    expect(m.holder).toEqual({
      kind: "did",
      id: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
      text: "Identificado por la clave de su cartera digital (en los detalles técnicos)",
    });
    expect(m.level).toBeUndefined();
    expect(m.standard).toBeUndefined();
  });

  it("reads anything without throwing", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom("es" as const, "en" as const),
        (value, locale) => {
          const d = describeCredential(value, locale);
          expect(typeof d.achievement.name).toBe("string");
        },
      ),
      { numRuns: 300 },
    );
    const odd = {
      issuer: { name: 5, localizedName: ["x"] },
      credentialSubject: [{ achievement: { alignment: "nope", achievementType: { x: 1 } } }],
      validFrom: "yesterday",
    };
    expect(describeCredential(odd, "es").achievement.kindText).toBe("Logro (?)");
  });
});
