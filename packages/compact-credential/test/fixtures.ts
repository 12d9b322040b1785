import {
  type AchievementInput,
  buildAchievementCredential,
  type Credential,
} from "@avala/credentials";

/** A CONOCER qualification as the issuer's catalogue holds it. */
export const achievement: AchievementInput = {
  id: "https://issuer.example/orgs/ece-01/achievements/EC0217.01",
  kind: "qualification",
  code: "EC0217.01",
  name: {
    es: "Impartición de cursos de formación del capital humano de manera presencial grupal",
    en: "Delivery of in-person group training courses",
  },
  description: {
    es: "Estándar de competencia para instructores de capacitación presencial, con tres unidades y evaluación de desempeño.",
    en: "Competence standard for in-person trainers, with three units and a performance assessment.",
  },
  criteria: {
    es: "Competente en las tres unidades del estándar.",
    en: "Competent in the three units of the standard.",
  },
  level: 3,
  units: [{ code: "U0586", name: { es: "Preparar la sesión", en: "Prepare the session" } }],
  iscedField: { code: "0111", name: "Education science" },
  eqfLevel: 4,
};

/** Its one status list entry, with the optional id and statusReference the issuer adds. */
export const statusEntry = {
  id: "https://issuer.example/orgs/ece-01/status/revocation/1#1234",
  type: "BitstringStatusListEntry",
  statusPurpose: "revocation",
  statusListIndex: "1234",
  statusListCredential: "https://issuer.example/orgs/ece-01/status/revocation/1",
};

/** The full credential the issuer signs (unsigned here), bound to `holderDid` when given. */
export function fullCredential(issuerDid: string, holderDid?: string): Credential {
  const credential = buildAchievementCredential({
    id: "urn:uuid:6a1d9c1e-4a7b-4d2f-9a7e-0c1b2d3e4f50",
    issuer: {
      id: issuerDid,
      name: { es: "Entidad de Certificación y Evaluación 01", en: "Certification body 01" },
      url: "https://ece.example.mx",
    },
    achievement,
    subject: {
      ...(holderDid ? { did: holderDid } : {}),
      name: "María José Núñez Castañeda",
      identifiers: [{ kind: "curp", value: "GODE561231HDFRRN09" }],
    },
    validFrom: "2026-03-12T00:00:00Z",
    validUntil: "2029-03-12T00:00:00Z",
    credentialStatus: { ...statusEntry, statusReference: `${statusEntry.id}/notice` },
  });
  return credential;
}
