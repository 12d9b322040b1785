import type { LocalizedText } from "../locale.js";

/** Messages of the issuer service: problems it reports and the claim page. */
export const issuerMessages = {
  // Access
  "issuer.auth.missing": {
    es: "Falta el token de acceso (cabecera Authorization: Bearer …).",
    en: "The access token is missing (header Authorization: Bearer …).",
  },
  "issuer.auth.invalid": {
    es: "El token de acceso no es válido o fue revocado.",
    en: "The access token is not valid or has been revoked.",
  },
  "issuer.auth.role": {
    es: "Esta acción requiere el rol {role}.",
    en: "This action needs the {role} role.",
  },
  "issuer.auth.platform-only": {
    es: "Solo la administración de la plataforma puede hacer esto.",
    en: "Only the platform administration can do this.",
  },
  "issuer.auth.platform-off": {
    es: "La administración de la plataforma no está configurada (AVALA_PLATFORM_ADMIN_TOKEN).",
    en: "Platform administration is not configured (AVALA_PLATFORM_ADMIN_TOKEN).",
  },
  // Requests
  "issuer.request.invalid": {
    es: "La solicitud no es válida; vea la lista de errores.",
    en: "The request is not valid; see the list of errors.",
  },
  "issuer.request.not-found": {
    es: "No hay nada en esta dirección.",
    en: "There is nothing at this address.",
  },
  // Organisations, tokens, keys
  "issuer.organisation.not-found": {
    es: "No se encontró la organización {slug}.",
    en: "Organisation {slug} was not found.",
  },
  "issuer.organisation.exists": {
    es: "Ya existe una organización con el identificador {slug}.",
    en: "An organisation with the identifier {slug} already exists.",
  },
  "issuer.organisation.authority-platform-only": {
    es: "Solo la administración de la plataforma puede marcar una autoridad.",
    en: "Only the platform administration can mark an authority.",
  },
  "issuer.token.not-found": {
    es: "No se encontró el token {id}.",
    en: "Token {id} was not found.",
  },
  "issuer.key.did-key-rotation": {
    es: "Una organización con did:key no puede rotar su clave: su DID es la clave. Use did:web.",
    en: "An organisation with a did:key cannot rotate its key: its DID is the key. Use did:web.",
  },
  "issuer.key.missing": {
    es: "La organización no tiene una clave de firma activa.",
    en: "The organisation has no active signing key.",
  },
  // Catalogue
  "issuer.achievement.not-found": {
    es: "El logro {code} no está en el catálogo de la organización.",
    en: "Achievement {code} is not in the organisation's catalogue.",
  },
  "issuer.achievement.exists": {
    es: "El logro {code} ya está en el catálogo.",
    en: "Achievement {code} is already in the catalogue.",
  },
  "issuer.achievement.unknown-unit": {
    es: "La unidad de competencia {code} no está en el catálogo; regístrela antes.",
    en: "Unit of competence {code} is not in the catalogue; add it first.",
  },
  "issuer.achievement.invalid": {
    es: "La definición del logro no es válida: {reason}.",
    en: "The achievement definition is not valid: {reason}.",
  },
  // Credentials
  "issuer.credential.not-found": {
    es: "No se encontró la credencial {id}.",
    en: "Credential {id} was not found.",
  },
  "issuer.credential.duplicate-external-id": {
    es: "Ya se emitió una credencial con el identificador externo {externalId}.",
    en: "A credential with the external id {externalId} was already issued.",
  },
  "issuer.credential.duplicate-id": {
    es: "Ya se emitió una credencial con el id {id}.",
    en: "A credential with the id {id} was already issued.",
  },
  "issuer.credential.issuer-mismatch": {
    es: "El emisor de la credencial debe ser {did} (la organización del token).",
    en: "The credential's issuer must be {did} (the token's organisation).",
  },
  "issuer.credential.issuer-endorsement": {
    es: "El emisor no puede traer sus propios avales (endorsement): el emisor incluye los avales vigentes que recibió su organización.",
    en: "The issuer cannot bring its own endorsements (endorsement): the issuer includes the endorsements in force that its organisation received.",
  },
  "issuer.credential.reserved-type": {
    es: "El tipo {type} está reservado a los flujos propios del emisor ({flow}); no se emite por esta vía.",
    en: "The type {type} is reserved for the issuer's own flows ({flow}); it is not issued here.",
  },
  "issuer.credential.invalid": {
    es: "La credencial no se puede emitir: {reason}.",
    en: "The credential cannot be issued: {reason}.",
  },
  "issuer.credential.status-present": {
    es: "La credencial ya trae credentialStatus; el emisor asigna la entrada de estado (use options.credentialStatus).",
    en: "The credential already has credentialStatus; the issuer assigns the status entry (use options.credentialStatus).",
  },
  "issuer.credential.learner-missing": {
    es: "Indique al menos el correo, la CURP o el DID de la persona.",
    en: "Give at least the person's email, CURP or DID.",
  },
  "issuer.credential.invalid-curp": {
    es: "La CURP no tiene un formato válido.",
    en: "The CURP is not in a valid format.",
  },
  "issuer.credential.invalid-dates": {
    es: "validUntil debe ser posterior a validFrom.",
    en: "validUntil must be later than validFrom.",
  },
  // Status
  "issuer.status.already-revoked": {
    es: "La credencial ya está revocada; la revocación es definitiva.",
    en: "The credential is already revoked; revocation is final.",
  },
  "issuer.status.revoked-final": {
    es: "La credencial está revocada y la revocación es definitiva: no se puede reactivar.",
    en: "The credential is revoked and revocation is final: it cannot be reinstated.",
  },
  "issuer.status.revocation-only": {
    es: "Esta credencial solo se puede revocar: se emitió con una entrada de revocación, sin suspensión.",
    en: "This credential can only be revoked: it was issued with a revocation entry, without suspension.",
  },
  "issuer.status.already-suspended": {
    es: "La credencial ya está suspendida.",
    en: "The credential is already suspended.",
  },
  "issuer.status.not-suspended": {
    es: "La credencial no está suspendida; no hay nada que reactivar.",
    en: "The credential is not suspended; there is nothing to reinstate.",
  },
  "issuer.status.revoked-suspension-only": {
    es: "Revocada. Esta credencial se emitió solo con una entrada de suspensión, así que quien la verifique la verá «suspendida», no «revocada»; el emisor la mantiene suspendida para siempre y ya no se puede reactivar.",
    en: "Revoked. This credential was issued with a suspension entry only, so verifiers will see it as “suspended”, not “revoked”; the issuer keeps it suspended for good and it can no longer be reinstated.",
  },
  "issuer.status.list-not-found": {
    es: "No existe esa lista de estado.",
    en: "There is no such status list.",
  },
  // Batches
  "issuer.batch.not-found": {
    es: "No se encontró el lote {id}.",
    en: "Batch {id} was not found.",
  },
  "issuer.batch.unsupported-type": {
    es: "Envíe el lote como text/csv o como un arreglo JSON (application/json).",
    en: "Send the batch as text/csv or as a JSON array (application/json).",
  },
  "issuer.batch.csv-malformed": {
    es: "El CSV no se puede leer (línea {line}): {reason}.",
    en: "The CSV cannot be read (line {line}): {reason}.",
  },
  "issuer.batch.csv-not-utf8": {
    es: "El CSV no es texto UTF-8 (línea {line}, columna {column}); guárdelo como UTF-8.",
    en: "The CSV is not UTF-8 text (line {line}, column {column}); save it as UTF-8.",
  },
  "issuer.batch.csv-header": {
    es: "La fila de encabezado del CSV no es válida; vea la lista de errores.",
    en: "The CSV header row is not valid; see the list of errors.",
  },
  "issuer.batch.empty": {
    es: "El lote no tiene filas.",
    en: "The batch has no rows.",
  },
  "issuer.batch.too-many-rows": {
    es: "El lote tiene más de {max} filas; divídalo.",
    en: "The batch has more than {max} rows; split it.",
  },
  "issuer.batch.not-array": {
    es: "Un lote JSON es un arreglo de filas.",
    en: "A JSON batch is an array of rows.",
  },
  // Claims
  "issuer.claim.not-found": {
    es: "Esta oferta de credencial no existe. Revise el enlace.",
    en: "This credential offer does not exist. Check the link.",
  },
  "issuer.claim.expired": {
    es: "Esta oferta venció el {date}. Pida una nueva a la institución que la emitió.",
    en: "This offer expired on {date}. Ask the issuing institution for a new one.",
  },
  "issuer.claim.claimed": {
    es: "Esta credencial ya se guardó en una cartera: el enlace es de un solo uso.",
    en: "This credential was already saved to a wallet: the link works only once.",
  },
  "issuer.claim.revoked": {
    es: "Esta credencial fue revocada y ya no se puede guardar.",
    en: "This credential was revoked and can no longer be saved.",
  },
  "issuer.claim.challenge": {
    es: "El reto de la presentación no es válido, venció o ya se usó; vuelva a abrir la oferta.",
    en: "The presentation's challenge is not valid, has expired or was already used; open the offer again.",
  },
  "issuer.claim.presentation-invalid": {
    es: "La presentación no es válida: {reason}.",
    en: "The presentation is not valid: {reason}.",
  },
  "issuer.claim.holder-not-did-key": {
    es: "La presentación debe estar firmada por el did:key de la cartera (holder).",
    en: "The presentation must be signed by the wallet's did:key (holder).",
  },
  "issuer.claim.subject-bound": {
    es: "La credencial ya está vinculada a otro titular.",
    en: "The credential is already bound to another holder.",
  },
  "issuer.claim.not-offerable": {
    es: "Esta credencial no se puede ofrecer a una cartera (su sujeto no es un objeto único).",
    en: "This credential cannot be offered to a wallet (its subject is not a single object).",
  },
  // Endorsements
  "issuer.endorsement.not-authority": {
    es: "Solo una autoridad (SEP o CONOCER), o una organización a la que una autoridad dio el derecho de acreditar, puede emitir avales.",
    en: "Only an authority (SEP or CONOCER), or an organisation an authority gave the right to accredit, can issue endorsements.",
  },
  "issuer.endorsement.grant-not-authority": {
    es: "Solo una autoridad puede dar a otra organización el derecho de acreditar (mayAccredit).",
    en: "Only an authority can give another organisation the right to accredit (mayAccredit).",
  },
  "issuer.endorsement.self": {
    es: "Una organización no puede avalarse a sí misma.",
    en: "An organisation cannot endorse itself.",
  },
  "issuer.endorsement.not-found": {
    es: "No se encontró el aval {id}.",
    en: "Endorsement {id} was not found.",
  },
  // Claim page
  "issuer.claim-page.title": {
    es: "Credencial para guardar",
    en: "A credential to save",
  },
  "issuer.claim-page.offered-by": {
    es: "{issuer} le ofrece esta credencial:",
    en: "{issuer} offers you this credential:",
  },
  "issuer.claim-page.expires": {
    es: "Puede guardarla hasta el {date}.",
    en: "You can save it until {date}.",
  },
  "issuer.claim-page.save": {
    es: "Guardar en mi cartera",
    en: "Save to my wallet",
  },
  "issuer.claim-page.scan": {
    es: "O escanee este código con la cartera de su teléfono:",
    en: "Or scan this code with the wallet on your phone:",
  },
  "issuer.claim-page.one-time": {
    es: "El enlace funciona una sola vez. No lo comparta.",
    en: "The link works only once. Do not share it.",
  },
  "issuer.claim-page.other-language": {
    es: "English",
    en: "Español",
  },
  "issuer.claim-page.unavailable": {
    es: "Oferta no disponible",
    en: "Offer not available",
  },
} satisfies Record<string, LocalizedText>;
