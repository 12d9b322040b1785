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
    es: "La solicitud no es válida; mira la lista de errores.",
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
    es: "Una organización con did:key no puede rotar su clave: su DID es la clave. Usa did:web.",
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
  "issuer.credential.issuer-required": {
    es: "Falta el emisor de la credencial (issuer): indica {did} (la organización del token) o un objeto con ese id.",
    en: "The credential's issuer is missing (issuer): give {did} (the token's organisation) or an object with that id.",
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
    es: "La credencial trae su propio credentialStatus y options.credentialStatus pide además la entrada de estado de Avala: envía solo una de las dos.",
    en: "The credential brings its own credentialStatus and options.credentialStatus also asks for Avala's status entry: send only one of them.",
  },
  "issuer.credential.learner-missing": {
    es: "Indica al menos el correo, la CURP o el DID de la persona.",
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
  // What VC Data Model 2.0 forbids (VC-API input); each names the rule and the field
  "issuer.credential.invalid-context": {
    es: "{field} no es válido: @context es una lista que empieza por https://www.w3.org/ns/credentials/v2 (o https://www.w3.org/2018/credentials/v1 para VC 1.1), seguida de URLs de contextos publicados u objetos de contexto.",
    en: "{field} is not valid: @context is a list that starts with https://www.w3.org/ns/credentials/v2 (or https://www.w3.org/2018/credentials/v1 for VC 1.1), followed by URLs of published contexts or context objects.",
  },
  "issuer.credential.unknown-context": {
    es: "El contexto {url} ({field}) no es uno de los contextos publicados que tiene Avala; Avala nunca descarga contextos.",
    en: "The context {url} ({field}) is not one of the published contexts Avala holds; Avala never fetches contexts.",
  },
  "issuer.credential.retired-context": {
    es: "El contexto {url} ({field}) era el contexto privado de Avala y ya no se firma: ningún verificador fuera de Avala puede cargarlo. Usa los contextos publicados (VC 2.0, Open Badges 3.0) o un contexto en línea.",
    en: "The context {url} ({field}) was Avala's private context and is no longer signed: no verifier outside Avala can load it. Use the published contexts (VC 2.0, Open Badges 3.0) or an inline context.",
  },
  "issuer.credential.protected-term": {
    es: "Un contexto ({field}) redefine el término protegido «{term}»; VC 2.0 no lo permite.",
    en: "A context ({field}) redefines the protected term “{term}”; VC 2.0 does not allow it.",
  },
  "issuer.credential.undefined-term": {
    es: "El término «{term}» ({field}) no está definido en los contextos de la credencial; añade un contexto que lo defina.",
    en: "The term “{term}” ({field}) is not defined by the credential's contexts; add a context that defines it.",
  },
  "issuer.credential.jsonld-invalid": {
    es: "La credencial no es JSON-LD válido: {reason}.",
    en: "The credential is not valid JSON-LD: {reason}.",
  },
  "issuer.credential.not-verifiable-credential": {
    es: "type debe incluir VerifiableCredential.",
    en: "type must include VerifiableCredential.",
  },
  "issuer.credential.type-required": {
    es: "{field} debe tener type: uno o más tipos.",
    en: "{field} must have a type: one or more types.",
  },
  "issuer.credential.invalid-type": {
    es: "{field} debe ser uno o más tipos escritos como texto: términos o URLs absolutas.",
    en: "{field} must be one or more types written as text: terms or absolute URLs.",
  },
  "issuer.credential.not-url": {
    es: "{field} debe ser una sola URL (https://…, did:…, urn:uuid:…).",
    en: "{field} must be a single URL (https://…, did:…, urn:uuid:…).",
  },
  "issuer.credential.id-required": {
    es: "Falta {field}: es obligatorio y es una URL.",
    en: "{field} is missing: it is required and is a URL.",
  },
  "issuer.credential.not-object": {
    es: "{field} debe ser un objeto, o una lista no vacía de objetos.",
    en: "{field} must be an object, or a non-empty list of objects.",
  },
  "issuer.credential.subject-invalid": {
    es: "{field} no es válido: credentialSubject es obligatorio, un objeto o una lista de objetos, y cada uno dice algo del sujeto.",
    en: "{field} is not valid: credentialSubject is required, an object or a list of objects, and each one says something about its subject.",
  },
  "issuer.credential.invalid-date": {
    es: "{field} debe ser una fecha y hora XML Schema con zona horaria, p. ej. 2025-01-31T18:00:00Z; Avala no reinterpreta fechas.",
    en: "{field} must be an XML Schema date-time with its time zone, e.g. 2025-01-31T18:00:00Z; Avala does not reinterpret dates.",
  },
  "issuer.credential.validity-order": {
    es: "{until} no puede ser anterior a {from}.",
    en: "{until} cannot be earlier than {from}.",
  },
  "issuer.credential.invalid-text": {
    es: "{field} debe ser texto o un objeto de valor con idioma (solo @value, @language y @direction), o una lista de ellos.",
    en: "{field} must be text or a language value object (@value, @language and @direction only), or a list of them.",
  },
  "issuer.credential.related-resource-duplicate": {
    es: "relatedResource repite el id {id} ({field}); cada recurso aparece una sola vez.",
    en: "relatedResource repeats the id {id} ({field}); each resource appears once.",
  },
  "issuer.credential.related-resource-digest": {
    es: "{field}: cada recurso relacionado lleva un resumen válido, digestSRI (sha256-, sha384- o sha512- y base64) o digestMultibase.",
    en: "{field}: each related resource carries a valid digest, digestSRI (sha256-, sha384- or sha512- and base64) or digestMultibase.",
  },
  "issuer.credential.related-resource-mismatch": {
    es: "{field} no coincide con {id}: Avala tiene ese recurso y su resumen es otro. Calcula el resumen de los bytes publicados en esa URL.",
    en: "{field} does not match {id}: Avala holds that resource and its digest is different. Compute the digest of the bytes published at that URL.",
  },
  "issuer.credential.status-entry": {
    es: "{field} falta o no es válido: una BitstringStatusListEntry lleva statusPurpose, statusListIndex (un entero en base 10, como texto) y statusListCredential (una URL).",
    en: "{field} is missing or not valid: a BitstringStatusListEntry has statusPurpose, statusListIndex (an integer in base 10, as text) and statusListCredential (a URL).",
  },
  "issuer.credential.status-managed": {
    es: "{field} apunta a una lista de estado de este emisor: esas entradas las asigna el emisor; pídela con options.credentialStatus.",
    en: "{field} points at one of this issuer's status lists: those entries are assigned by the issuer; ask for one with options.credentialStatus.",
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
  "issuer.status.not-managed": {
    es: "El estado de esta credencial no lo lleva Avala: se emitió con su propio credentialStatus.",
    en: "This credential's status is not kept by Avala: it was issued with its own credentialStatus.",
  },
  "issuer.status.not-revoked": {
    es: "La credencial no está revocada; no hay revocación que retirar.",
    en: "The credential is not revoked; there is no revocation to clear.",
  },
  "issuer.status.entry-mismatch": {
    es: "La entrada de estado indicada no es la de esta credencial; revisa id, statusListCredential, statusListIndex y statusPurpose.",
    en: "The status entry named is not this credential's; check id, statusListCredential, statusListIndex and statusPurpose.",
  },
  "issuer.status.value-conflict": {
    es: "status y credentialStatus.status piden valores distintos; envía uno solo.",
    en: "status and credentialStatus.status ask for different values; send only one.",
  },
  "issuer.status.list-not-found": {
    es: "No existe esa lista de estado.",
    en: "There is no such status list.",
  },
  "issuer.status.entry-not-found": {
    es: "Ninguna credencial de este emisor usa esa entrada de estado.",
    en: "No credential of this issuer uses that status entry.",
  },
  // Batches
  "issuer.batch.not-found": {
    es: "No se encontró el lote {id}.",
    en: "Batch {id} was not found.",
  },
  "issuer.batch.unsupported-type": {
    es: "Envía el lote como text/csv o como un arreglo JSON (application/json).",
    en: "Send the batch as text/csv or as a JSON array (application/json).",
  },
  "issuer.batch.csv-malformed": {
    es: "El CSV no se puede leer (línea {line}): {reason}.",
    en: "The CSV cannot be read (line {line}): {reason}.",
  },
  "issuer.batch.csv-not-utf8": {
    es: "El CSV no es texto UTF-8 (línea {line}, columna {column}); guárdalo como UTF-8.",
    en: "The CSV is not UTF-8 text (line {line}, column {column}); save it as UTF-8.",
  },
  "issuer.batch.csv-header": {
    es: "La fila de encabezado del CSV no es válida; mira la lista de errores.",
    en: "The CSV header row is not valid; see the list of errors.",
  },
  "issuer.batch.empty": {
    es: "El lote no tiene filas.",
    en: "The batch has no rows.",
  },
  "issuer.batch.too-many-rows": {
    es: "El lote tiene más de {max} filas; divídelo.",
    en: "The batch has more than {max} rows; split it.",
  },
  // One row of an upload (each error names its line and column; said in the reader's language)
  "issuer.batch.row.unknown-column": {
    es: "columna desconocida; las columnas son {columns}",
    en: "unknown column; the columns are {columns}",
  },
  "issuer.batch.row.duplicate-column": { es: "columna repetida", en: "duplicate column" },
  "issuer.batch.row.missing-column": {
    es: "falta esta columna obligatoria",
    en: "required column missing",
  },
  "issuer.batch.row.csv-malformed": {
    es: "CSV mal formado (¿unas comillas sin cerrar?)",
    en: "malformed CSV (a quote left open?)",
  },
  "issuer.batch.row.not-utf8": {
    es: "no está en UTF-8: guarda el archivo como UTF-8",
    en: "not valid UTF-8: save the file as UTF-8",
  },
  "issuer.batch.row.cells": {
    es: "la fila tiene {cells} celdas; el encabezado tiene {expected}",
    en: "the row has {cells} cells; the header has {expected}",
  },
  "issuer.batch.row.nul": {
    es: "el texto no puede contener caracteres NUL",
    en: "text must not contain NUL characters",
  },
  "issuer.batch.row.unknown-field": { es: "campo desconocido", en: "unknown field" },
  "issuer.batch.row.required": { es: "obligatorio", en: "required" },
  "issuer.batch.row.too-long": {
    es: "demasiado largo: como máximo {max} caracteres",
    en: "too long: at most {max} characters",
  },
  "issuer.batch.row.text": { es: "debe ser texto", en: "must be text" },
  "issuer.batch.row.email": {
    es: "no es una dirección de correo electrónico",
    en: "not an e-mail address",
  },
  "issuer.batch.row.curp": { es: "no es una CURP válida", en: "not a valid CURP" },
  "issuer.batch.row.did": { es: "no es un DID", en: "not a DID" },
  "issuer.batch.row.date": {
    es: "no es una fecha ISO 8601 (AAAA-MM-DD, o fecha y hora con zona)",
    en: "not an ISO 8601 date (YYYY-MM-DD or a date-time with zone)",
  },
  "issuer.batch.row.invalid": { es: "no es válido", en: "not valid" },
  "issuer.batch.row.not-in-catalogue": {
    es: "{code} no está en el catálogo",
    en: "{code} is not in the catalogue",
  },
  "issuer.batch.row.learner-missing": {
    es: "indica al menos un correo, una CURP o un DID",
    en: "give at least an email, a CURP or a DID",
  },
  "issuer.batch.row.dates-order": {
    es: "debe ser posterior a validFrom",
    en: "must be later than validFrom",
  },
  "issuer.batch.row.duplicate-line": {
    es: "repite la línea {line} de este archivo",
    en: "duplicate of line {line} in this upload",
  },
  "issuer.batch.row.rejected": {
    es: "no se pudo firmar: {reason}",
    en: "could not be signed: {reason}",
  },
  "issuer.batch.not-array": {
    es: "Un lote JSON es un arreglo de filas.",
    en: "A JSON batch is an array of rows.",
  },
  // Claims
  "issuer.claim.not-found": {
    es: "Esta oferta de credencial no existe. Revisa el enlace.",
    en: "This credential offer does not exist. Check the link.",
  },
  "issuer.claim.expired": {
    es: "Esta oferta venció el {date}. Pide una nueva a la institución que la emitió.",
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
    es: "El reto de la presentación no es válido, venció o ya se usó; vuelve a abrir la oferta.",
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
  // OpenID4VCI: the second offer, for wallets of other makers
  "issuer.oid4vci.credential-name": {
    es: "Credencial de competencia o microcredencial",
    en: "Competence certificate or microcredential",
  },
  "issuer.oid4vci.tx-code-description": {
    es: "El PIN de 6 números que te dio la institución",
    en: "The 6-digit PIN the institution gave you",
  },
  "issuer.oid4vci.other-wallet": {
    es: "Usar otra cartera",
    en: "Use another wallet",
  },
  "issuer.oid4vci.other-wallet-hint": {
    es: "¿Usas otra app de cartera digital? Abre este enlace o escanea este código con ella.",
    en: "Do you use another digital wallet app? Open this link or scan this code with it.",
  },
  "issuer.oid4vci.pin-asked": {
    es: "Tu cartera te pedirá un PIN de 6 números: viene en el correo de tu credencial o te lo da la institución.",
    en: "Your wallet will ask for a 6-digit PIN: it is in your credential's e-mail, or the institution gives it to you.",
  },
  "issuer.oid4vci.other-wallet-link": {
    es: "Enlace para otra cartera",
    en: "Link for another wallet",
  },
  "issuer.oid4vci.pin-for-clerk": {
    es: "PIN para otras carteras: {pin}. Dáselo a la persona aparte, nunca junto con el enlace.",
    en: "PIN for other wallets: {pin}. Give it to the person separately, never with the link.",
  },
  "issuer.oid4vci.pin": {
    es: "Tu cartera te pedirá este PIN: {pin}",
    en: "Your wallet will ask for this PIN: {pin}",
  },
  "issuer.claim-page.title": {
    es: "Credencial para guardar",
    en: "A credential to save",
  },
  "issuer.claim-page.offered-by": {
    es: "{issuer} te ofrece esta credencial:",
    en: "{issuer} offers you this credential:",
  },
  "issuer.claim-page.expires": {
    es: "Puedes guardarla hasta el {date}.",
    en: "You can save it until {date}.",
  },
  "issuer.claim-page.save": {
    es: "Guardar en mi cartera",
    en: "Save to my wallet",
  },
  "issuer.claim-page.scan": {
    es: "O escanea este código con la cartera de tu teléfono:",
    en: "Or scan this code with the wallet on your phone:",
  },
  "issuer.claim-page.one-time": {
    es: "El enlace funciona una sola vez. No lo compartas.",
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
