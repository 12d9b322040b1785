/** URLs and names from the specifications Avala implements. */
export const VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1";
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1";
/**
 * Avala's own context (language maps `localizedName`…), in credentials Avala signed before it
 * kept to published contexts. Read only: the loader still knows it so that those credentials
 * verify; nothing Avala signs carries it any more (see contexts/README.md).
 */
export const AVALA_CONTEXT = "https://w3id.org/avala/v1";
/**
 * W3C's context for issuer-dependent terms (`@vocab`). Published, but not in every verifier's
 * loader (Digital Credentials Consortium's has no copy and would fetch it): nothing a verifier
 * elsewhere must read depends on it. Endorsements Avala signed before carry it.
 */
export const UNDEFINED_TERMS_CONTEXT = "https://www.w3.org/ns/credentials/undefined-terms/v2";

/** Avala's vocabulary namespace (terms no published context defines). */
export const AVALA_VOCAB = "https://w3id.org/avala/vocab#";

/**
 * An inline (embedded) context for `mayAccredit`, the grant of the right to accredit in an
 * `EndorsementSubject`. Inline, so that no verifier has to load a context no one publishes:
 * VC Data Model 2.0 and the OB 3.0 JSON Schema both allow context objects.
 */
export const MAY_ACCREDIT_CONTEXT = Object.freeze({
  mayAccredit: `${AVALA_VOCAB}mayAccredit`,
});

export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const OB_ENDORSEMENT_CREDENTIAL_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json";

/** Frameworks Avala aligns achievements to (OB 3.0 `Alignment.targetFramework`). */
export const frameworks = {
  conocerStandards: {
    name: "CONOCER · Registro Nacional de Estándares de Competencia (RENEC)",
    url: "https://conocer.gob.mx/registro-nacional-de-estandares-de-competencia/",
  },
  conocerLevels: {
    name: "CONOCER · Niveles de competencia (1-5)",
    url: "https://conocer.gob.mx/niveles-de-competencia/",
  },
  sep: {
    name: "SEP · Secretaría de Educación Pública",
    url: "https://www.gob.mx/sep",
  },
  iscedF: {
    name: "ISCED-F 2013 (UNESCO)",
    url: "https://uis.unesco.org/en/topic/international-standard-classification-education-isced",
  },
  eqf: {
    name: "European Qualifications Framework (indicative level)",
    url: "https://europass.europa.eu/en/description-eight-eqf-levels",
  },
} as const;
