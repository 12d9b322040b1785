/**
 * Test kit: credentials that are not Open Badges, as other institutions issue them, signed with
 * real keys. A European Learning Model-like credential (VC 2.0, `eddsa-rdfc-2022`) and a foreign
 * university's diploma (VC 1.1, `Ed25519Signature2020`), each signed by its own did:key, so
 * they verify offline. Their vocabularies are inline `@vocab` contexts: nothing is fetched.
 */
import type { Credential, SigningKey } from "@avala/credentials";
import { generateSigningKey, signCredential } from "@avala/credentials";
import type { DocumentLoader } from "@avala/document-loader";

/** An ELM-like vocabulary: the terms the credential uses, under the ELM namespace. */
export const elmVocabulary = { "@vocab": "http://data.europa.eu/snb/model/elm/" } as const;

/** The diploma's own vocabulary (a university that publishes no JSON-LD context). */
export const diplomaVocabulary = { "@vocab": "https://uni-beispiel.example/vocab#" } as const;

export interface GenericFixtures {
  /** The ELM-like credential (VC 2.0, eddsa-rdfc-2022). */
  elm: Credential;
  /** A foreign university's diploma (VC 1.1, Ed25519Signature2020). */
  diploma: Credential;
  elmIssuer: SigningKey;
  diplomaIssuer: SigningKey;
}

/** The unsigned ELM-like credential (VC 2.0) of `issuer` for `holder`. */
export function elmCredential(issuer: string, holder: string): Credential {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", elmVocabulary],
    id: "urn:uuid:6f1b1d3e-3c55-4a3c-9d2e-2a3e9b1c7a10",
    type: ["VerifiableCredential", "EuropeanDigitalCredential"],
    name: "Máster en Ciencia de Datos",
    issuer: {
      id: issuer,
      type: "Organisation",
      name: "Universidade Exemplo de Lisboa",
      legalName: { pt: "Universidade Exemplo de Lisboa", en: "Example University of Lisbon" },
      location: { address: { countryCode: "PT", fullAddress: "Avenida Exemplo 1, Lisboa" } },
    },
    validFrom: "2026-03-01T00:00:00Z",
    credentialSubject: {
      id: holder,
      type: "Person",
      name: "Ana López García",
      givenName: "Ana",
      familyName: "López García",
      dateOfBirth: "1998-04-12",
      hasClaim: {
        type: "LearningAchievement",
        title: "Máster en Ciencia de Datos",
        awardedBy: { awardingDate: "2026-02-27T00:00:00Z" },
        specifiedBy: {
          type: "Qualification",
          title: "Máster Universitario en Ciencia de Datos",
          eqfLevel: "7",
          volumeOfLearning: "2 años",
          creditPoint: { framework: "ECTS", point: "120" },
        },
        hasPart: [
          { type: "LearningAchievement", title: "Aprendizaje automático", grade: "18/20" },
          { type: "LearningAchievement", title: "Estadística bayesiana", grade: "17/20" },
        ],
      },
    },
  } as unknown as Credential;
}

/** The unsigned diploma (VC 1.1) of `issuer` for `holder`. */
export function diplomaCredential(issuer: string, holder: string): Credential {
  return {
    "@context": [
      "https://www.w3.org/2018/credentials/v1",
      "https://w3id.org/security/suites/ed25519-2020/v1",
      diplomaVocabulary,
    ],
    id: "https://uni-beispiel.example/diplome/2025-0042",
    type: ["VerifiableCredential", "UniversityDegreeCredential"],
    issuer: { id: issuer, name: "Universität Beispiel" },
    issuanceDate: "2025-07-15T00:00:00Z",
    credentialSubject: {
      id: holder,
      name: "Ana López García",
      degree: {
        type: "BachelorDegree",
        name: "Bachelor of Science in Informatik",
        grade: "1,7 (gut)",
      },
      graduationDate: "2025-07-10",
    },
  } as unknown as Credential;
}

/** Both fixtures, signed by fresh did:key issuers, for `holder`. */
export async function createGenericFixtures(
  documentLoader: DocumentLoader,
  holder = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
): Promise<GenericFixtures> {
  const elmIssuer = await generateSigningKey();
  const diplomaIssuer = await generateSigningKey();
  const date = new Date("2026-03-01T00:00:00Z");
  const elm = await signCredential(elmCredential(elmIssuer.controller, holder), {
    key: elmIssuer,
    documentLoader,
    date,
  });
  const diploma = await signCredential(diplomaCredential(diplomaIssuer.controller, holder), {
    key: diplomaIssuer,
    documentLoader,
    cryptosuite: "Ed25519Signature2020",
    date: new Date("2025-07-15T00:00:00Z"),
  });
  return { elm, diploma, elmIssuer, diplomaIssuer };
}
