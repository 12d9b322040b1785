import { type Credential, checkOpenBadgesSchema } from "@avala/credentials";
import { describe, expect, it } from "vitest";
import { compactEditionOf, compactEditionShapes, shorten } from "../src/index.js";
import { achievement, fullCredential, statusEntry } from "./fixtures.js";

describe("compactEditionOf", () => {
  it("keeps what a reader needs, in OB 3.0 terms, on the same status entry", () => {
    const full = fullCredential("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
    const compact = compactEditionOf(full, {
      id: "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127080",
    })!;
    expect(compact).toEqual({
      "@context": full["@context"],
      id: "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127080",
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: {
        id: "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        type: ["Profile"],
        name: "Entidad de Certificación y Evaluación 01",
      },
      validFrom: "2026-03-12T00:00:00Z",
      validUntil: "2029-03-12T00:00:00Z",
      credentialSubject: {
        type: ["AchievementSubject"],
        name: "María José Núñez Castañeda",
        achievement: {
          id: achievement.id,
          type: ["Achievement"],
          achievementType: "Certification",
          name: achievement.name.es,
          description:
            "Estándar de competencia para instructores de capacitación presencial, con tres unidades y evaluación de desempeño.",
          criteria: { id: achievement.id },
          humanCode: "EC0217.01",
          inLanguage: "es-MX",
          related: [
            {
              id: `${achievement.id}#en`,
              type: ["Related"],
              inLanguage: "en",
              name: "Delivery of in-person group training courses",
            },
          ],
        },
      },
      // The list, index and purpose: revoking the full credential revokes this one.
      credentialStatus: {
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: "1234",
        statusListCredential: statusEntry.statusListCredential,
      },
    });
    expect(checkOpenBadgesSchema(compact).outcome).toBe("pass");
  });

  it("passes the OB 3.0.3 schema in every shape, bound to a holder or not", () => {
    for (const holder of [undefined, "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"]) {
      const full = fullCredential(
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        holder,
      );
      for (const shape of compactEditionShapes) {
        const compact = compactEditionOf(full, {
          id: "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127080",
          shape,
        })!;
        expect(checkOpenBadgesSchema(compact).outcome).toBe("pass");
        expect(compact.credentialSubject["id"]).toBe(holder);
        const description = (compact.credentialSubject["achievement"] as { description: string })
          .description;
        expect([...description].length).toBeLessThanOrEqual(shape.description);
      }
    }
  });

  it("gives none for what is not a VC 2.0 OB credential with an achievement", () => {
    const full = fullCredential("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
    const id = "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127080";
    expect(
      compactEditionOf({ ...full, "@context": ["https://www.w3.org/2018/credentials/v1"] }, { id }),
    ).toBeUndefined();
    expect(compactEditionOf({ ...full, type: ["VerifiableCredential"] }, { id })).toBeUndefined();
    expect(
      compactEditionOf({ ...full, credentialSubject: [full.credentialSubject] } as never, { id }),
    ).toBeUndefined();
    const { credentialStatus: _status, ...withoutStatus } = full;
    expect(compactEditionOf(withoutStatus as Credential, { id })).toBeUndefined();
  });

  it("shortens at a word, with an ellipsis", () => {
    expect(shorten("Estándar de competencia para instructores", 20)).toBe("Estándar de…");
    expect(shorten("corto", 20)).toBe("corto");
    expect(shorten("Supercalifragilisticoexpialidoso", 10)).toBe("Supercali…");
  });
});
