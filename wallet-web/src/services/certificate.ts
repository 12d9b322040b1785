import type { CertificateInput } from "@avala/certificate-pdf";
import type { JsonObject } from "@avala/credentials";
import { describeCredential, type Verification } from "@avala/verifier";
import type { StoredCredential } from "../db/repositories.js";
import { credentialFileOf, documentOf } from "./holding.js";

/** The person's name, when the credential's subject carries one (OB 3.0 `name`). */
function personOf(document: JsonObject): string | undefined {
  const subject = Array.isArray(document["credentialSubject"])
    ? document["credentialSubject"][0]
    : document["credentialSubject"];
  const name = subject && typeof subject === "object" ? (subject as JsonObject)["name"] : undefined;
  return typeof name === "string" && name.trim() ? name.trim() : undefined;
}

/**
 * What the PDF certificate prints for a held credential, in both languages, and the credential
 * to attach exactly as held (a JWT's signature covers its compact form only). The accreditation
 * comes from the verified trust result, never from the document. `compactQr`: the compact QR
 * edition's text (`compactQrTextOf`), printed as a second QR code that verifies offline.
 */
export function certificateInputOf(
  row: StoredCredential,
  verification: Verification,
  verifyUrl: string,
  compactQr?: string,
): CertificateInput {
  const document = verification.document ?? documentOf(row);
  const trust = verification.kind === "credential" ? verification.trust : undefined;
  const es = describeCredential(document, "es", trust);
  const en = describeCredential(document, "en", trust);
  const file = credentialFileOf(row);
  const standard = es.standard
    ? [es.standard.code, es.standard.name].filter(Boolean).join(" ")
    : es.achievement.code;
  const person = personOf(document);
  return {
    content: {
      ...(person ? { person } : {}),
      achievement: {
        name: es.achievement.name,
        kind: { es: es.achievement.kindText, en: en.achievement.kindText },
        ...(es.level && en.level ? { level: { es: es.level.text, en: en.level.text } } : {}),
        ...(standard ? { standard } : {}),
      },
      issuer: {
        name: es.issuer.name,
        ...(es.accreditation.chain.length > 0
          ? { accreditation: es.accreditation.chain.join(" / ") }
          : {}),
      },
      ...(es.validFrom ? { validFrom: es.validFrom.iso } : {}),
      ...(es.validUntil ? { validUntil: es.validUntil.iso } : {}),
    },
    credential: {
      bytes: new TextEncoder().encode(file.body),
      mediaType: file.contentType.split(";")[0]!.trim(),
      fileName: `credential.${file.extension}`,
    },
    verifyUrl,
    ...(compactQr ? { compactQr } : {}),
  };
}
