import type { LocalizedText } from "../locale.js";

/** The public verify page and the display of a verified certificate. */
export const verifierMessages = {
  "verifier.standard.record": {
    es: "ver su registro público",
    en: "see its public record",
  },
  "verifier.page.title": {
    es: "Verificar un certificado",
    en: "Verify a certificate",
  },
  "verifier.page.intro": {
    es: "Comprueba en segundos si un certificado de competencia o una microcredencial es auténtico, está vigente y lo emitió una organización reconocida.",
    en: "Check in seconds whether a competence certificate or a microcredential is genuine, current and issued by a recognised organisation.",
  },
  "verifier.page.privacy": {
    es: "Este verificador no guarda los documentos que revisa.",
    en: "This verifier does not keep the documents it checks.",
  },
  "verifier.language.label": {
    es: "Idioma",
    en: "Language",
  },
  "verifier.language.switch": {
    es: "English",
    en: "Español",
  },
  "verifier.methods.title": {
    es: "Verificar otro documento",
    en: "Verify another document",
  },
  "verifier.methods.first": {
    es: "¿Cómo quieres verificar?",
    en: "How would you like to verify?",
  },
  "verifier.scan.title": {
    es: "Escanear el código QR",
    en: "Scan the QR code",
  },
  "verifier.scan.start": {
    es: "Abrir la cámara",
    en: "Open the camera",
  },
  "verifier.scan.stop": {
    es: "Cerrar la cámara",
    en: "Close the camera",
  },
  "verifier.scan.looking": {
    es: "Apunta la cámara al código QR del certificado…",
    en: "Point the camera at the certificate's QR code…",
  },
  "verifier.scan.found": {
    es: "Código leído; verificando…",
    en: "Code read; verifying…",
  },
  "verifier.scan.unavailable": {
    es: "La cámara no está disponible en este navegador o no se dio permiso para usarla.",
    en: "The camera is not available in this browser, or permission to use it was not given.",
  },
  "verifier.scan.unrecognised": {
    es: "El código QR no contiene un enlace ni una credencial.",
    en: "The QR code holds neither a link nor a credential.",
  },
  "verifier.file.title": {
    es: "Subir un archivo",
    en: "Upload a file",
  },
  "verifier.file.hint": {
    es: "El archivo de la credencial (JSON o JWT), un certificado en PDF, o una imagen PNG o SVG con la credencial incrustada.",
    en: "The credential file (JSON or JWT), a PDF certificate, or a PNG or SVG image with the credential baked in.",
  },
  "verifier.file.missing": {
    es: "Elige un archivo para verificar.",
    en: "Choose a file to verify.",
  },
  "verifier.url.title": {
    es: "Abrir un enlace",
    en: "Open a link",
  },
  "verifier.url.hint": {
    es: "El enlace de la credencial o el enlace para compartir de la cartera digital.",
    en: "The credential's link, or the share link from the digital wallet.",
  },
  "verifier.paste.title": {
    es: "Pegar el JSON",
    en: "Paste the JSON",
  },
  "verifier.paste.hint": {
    es: "El texto completo de la credencial o de la presentación.",
    en: "The full text of the credential or presentation.",
  },
  "verifier.paste.missing": {
    es: "Pega el texto de la credencial para verificarla.",
    en: "Paste the credential's text to verify it.",
  },
  "verifier.submit": {
    es: "Verificar",
    en: "Verify",
  },
  "verifier.noscript": {
    es: "Leer códigos QR con la cámara necesita JavaScript; las demás opciones funcionan sin él.",
    en: "Scanning QR codes with the camera needs JavaScript; the other options work without it.",
  },
  "verifier.result.title": {
    es: "Resultado de la verificación",
    en: "Verification result",
  },
  "verifier.result.from-link": {
    es: "Documento obtenido de {url}",
    en: "Document retrieved from {url}",
  },
  "verifier.verdict.valid": {
    es: "Certificado válido",
    en: "Valid certificate",
  },
  "verifier.verdict.valid.detail": {
    es: "La firma es auténtica, está vigente, no ha sido revocado y el emisor está reconocido.",
    en: "The signature is genuine, it is current, it has not been revoked and the issuer is recognised.",
  },
  "verifier.verdict.valid-with-warnings": {
    es: "Válido, con advertencias",
    en: "Valid, with warnings",
  },
  "verifier.verdict.valid-with-warnings.detail": {
    es: "La firma es auténtica, pero revisa las advertencias antes de confiar en él.",
    en: "The signature is genuine, but read the warnings before relying on it.",
  },
  "verifier.status.not-reached": {
    es: "No se pudo comprobar ahora si el emisor lo revocó: su lista de estado no respondió. La firma sí se comprobó; vuelve a verificarlo cuando haya conexión.",
    en: "Whether the issuer revoked it could not be checked now: its status list did not answer. The signature was checked; verify it again when you are online.",
  },
  "verifier.verdict.invalid": {
    es: "No válido",
    en: "Not valid",
  },
  "verifier.verdict.invalid.detail": {
    es: "No confíes en este documento: los datos que muestra no están confirmados.",
    en: "Do not rely on this document: the data it shows are not confirmed.",
  },
  "verifier.verdict.revoked": {
    es: "Revocado por el emisor",
    en: "Revoked by the issuer",
  },
  "verifier.verdict.revoked.detail": {
    es: "El emisor revocó esta credencial. Ya no es válida, pero no es falsa.",
    en: "The issuer revoked this credential. It is no longer valid, but it is not forged.",
  },
  "verifier.verdict.suspended": {
    es: "Suspendido por el emisor",
    en: "Suspended by the issuer",
  },
  "verifier.verdict.suspended.detail": {
    es: "El emisor suspendió esta credencial. Por ahora no es válida, pero no es falsa.",
    en: "The issuer suspended this credential. It is not valid for now, but it is not forged.",
  },
  "verifier.verdict.revoked.on": {
    es: "Revocada por el emisor el {date}",
    en: "Revoked by the issuer on {date}",
  },
  "verifier.verdict.suspended.on": {
    es: "Suspendida por el emisor el {date}",
    en: "Suspended by the issuer on {date}",
  },
  "verifier.withdrawn.reason": {
    es: "Motivo que dio el emisor: {reason}",
    en: "Reason given by the issuer: {reason}",
  },
  "verifier.technical.title": {
    es: "Detalles técnicos",
    en: "Technical details",
  },
  "verifier.technical.bundle-title": {
    es: "Detalles técnicos del envío",
    en: "Technical details of how it was sent",
  },
  "verifier.technical.issuer-id": {
    es: "Identificador del emisor",
    en: "Issuer's identifier",
  },
  "verifier.technical.holder-id": {
    es: "Identificador del titular",
    en: "Holder's identifier",
  },
  "verifier.field.dates": {
    es: "Fechas",
    en: "Dates",
  },
  "verifier.holder.did": {
    es: "Identificado por la clave de su cartera digital (en los detalles técnicos)",
    en: "Identified by the key of their digital wallet (in the technical details)",
  },
  "verifier.verdict.unchecked": {
    es: "No se pudo comprobar",
    en: "Could not be checked",
  },
  "verifier.verdict.unchecked.detail": {
    es: "No se pudo comprobar la firma, así que nada confirma todavía estos datos. Eso no indica que el documento sea falso: vuelve a intentarlo más tarde, pide al emisor una versión que este verificador pueda comprobar o verifícalo con otra herramienta.",
    en: "The signature could not be checked, so nothing confirms these data yet. That does not mean the document is false: try again later, ask the issuer for a version this verifier can check, or check it with another tool.",
  },
  "verifier.presentation.summary": {
    es: "Conjunto de {count} credencial(es) enviado desde una cartera digital.",
    en: "A bundle of {count} credential(s) sent from a digital wallet.",
  },
  "verifier.credential.number": {
    es: "Credencial {number}",
    en: "Credential {number}",
  },
  "verifier.checks.title": {
    es: "Comprobaciones",
    en: "Checks",
  },
  "verifier.outcome.pass": {
    es: "Correcto",
    en: "Passed",
  },
  "verifier.outcome.fail": {
    es: "Falla",
    en: "Failed",
  },
  "verifier.outcome.warning": {
    es: "Advertencia",
    en: "Warning",
  },
  "verifier.outcome.could-not-check": {
    es: "No se pudo comprobar",
    en: "Could not check",
  },
  "verifier.field.holder": {
    es: "Persona",
    en: "Person",
  },
  "verifier.field.achievement": {
    es: "Logro",
    en: "Achievement",
  },
  "verifier.field.kind": {
    es: "Tipo",
    en: "Type",
  },
  "verifier.field.code": {
    es: "Clave",
    en: "Code",
  },
  "verifier.field.level": {
    es: "Nivel de competencia",
    en: "Competence level",
  },
  "verifier.field.standard": {
    es: "Estándar de competencia",
    en: "Competence standard",
  },
  "verifier.field.units": {
    es: "Unidades de competencia",
    en: "Units of competence",
  },
  "verifier.field.issuer": {
    es: "Emisor",
    en: "Issuer",
  },
  "verifier.field.accreditation": {
    es: "Acreditación",
    en: "Accreditation",
  },
  "verifier.field.valid-from": {
    es: "Fecha de emisión",
    en: "Issued on",
  },
  "verifier.field.valid-until": {
    es: "Vigente hasta",
    en: "Valid until",
  },
  "verifier.kind.unit": {
    es: "Unidad de competencia",
    en: "Unit of competence",
  },
  "verifier.kind.microcredential": {
    es: "Microcredencial",
    en: "Microcredential",
  },
  "verifier.kind.qualification": {
    es: "Certificación de un estándar de competencia",
    en: "Certification of a competence standard",
  },
  "verifier.kind.other": {
    es: "Logro ({type})",
    en: "Achievement ({type})",
  },
  "verifier.level": {
    es: "Nivel {level} de 5",
    en: "Level {level} of 5",
  },
  "verifier.kind.ob2": {
    es: "Insignia (Open Badges 2.0)",
    en: "Badge (Open Badges 2.0)",
  },
  "verifier.holder.hashed": {
    es: "Identificado por {identifiers} (no se muestra)",
    en: "Identified by {identifiers} (hidden)",
  },
  "verifier.holder.named": {
    es: "Emitido a nombre de {name}, tal como lo registró el emisor",
    en: "Issued to {name}, as recorded by the issuer",
  },
  "verifier.identity.title": {
    es: "Comprueba la CURP o el correo que te dio la persona candidata",
    en: "Check the CURP or e-mail the candidate gave you",
  },
  "verifier.identity.hint": {
    es: "Se comprueba en este dispositivo: lo que escribas no se envía a ningún lado.",
    en: "Checked on this device: what you type is not sent anywhere.",
  },
  "verifier.identity.label": {
    es: "CURP o correo electrónico",
    en: "CURP or e-mail address",
  },
  "verifier.identity.submit": {
    es: "Comprobar",
    en: "Check",
  },
  "verifier.identity.match.curp": {
    es: "Coincide: el certificado se emitió con esa CURP.",
    en: "Matches: the certificate was issued to that CURP.",
  },
  "verifier.identity.match.email": {
    es: "Coincide: el certificado se emitió con ese correo.",
    en: "Matches: the certificate was issued to that e-mail address.",
  },
  "verifier.identity.no-match.curp": {
    es: "No coincide: el certificado no se emitió con esa CURP.",
    en: "Does not match: the certificate was not issued to that CURP.",
  },
  "verifier.identity.no-match.email": {
    es: "No coincide: el certificado no se emitió con ese correo.",
    en: "Does not match: the certificate was not issued to that e-mail address.",
  },
  "verifier.identity.none.curp": {
    es: "Este certificado no tiene una CURP con la cual comparar.",
    en: "This certificate holds no CURP to compare.",
  },
  "verifier.identity.none.email": {
    es: "Este certificado no tiene un correo con el cual comparar.",
    en: "This certificate holds no e-mail address to compare.",
  },
  "verifier.identity.none": {
    es: "Este certificado no tiene CURP ni correo con los cuales comparar.",
    en: "This certificate holds no CURP or e-mail address to compare.",
  },
  "verifier.identity.unrecognised": {
    es: "Escribe una CURP (18 caracteres) o un correo electrónico.",
    en: "Type a CURP (18 characters) or an e-mail address.",
  },
  "verifier.identity.noscript": {
    es: "Esta comprobación se hace en tu navegador y necesita JavaScript.",
    en: "This check runs in your browser and needs JavaScript.",
  },
  "verifier.holder.unknown": {
    es: "No indicado",
    en: "Not stated",
  },
  "verifier.identifier.curp": {
    es: "CURP",
    en: "CURP",
  },
  "verifier.identifier.email": {
    es: "correo electrónico",
    en: "email address",
  },
  "verifier.identifier.student-id": {
    es: "matrícula",
    en: "student ID",
  },
  "verifier.identifier.other": {
    es: "identificador",
    en: "identifier",
  },
  "verifier.accreditation.none": {
    es: "No consta en el registro de confianza",
    en: "Not in the trust registry",
  },
  "verifier.accreditation.authority": {
    es: "Autoridad reconocida",
    en: "Recognised authority",
  },
  "verifier.error.too-large": {
    es: "El archivo o el texto es demasiado grande (máximo {max} MiB).",
    en: "The file or text is too large (at most {max} MiB).",
  },
  "verifier.error.too-many-requests": {
    es: "Demasiadas verificaciones seguidas; espera un momento y vuelve a intentarlo.",
    en: "Too many verifications in a row; wait a moment and try again.",
  },
  "verifier.error.bad-request": {
    es: "No se pudo leer la solicitud.",
    en: "The request could not be read.",
  },
  "verifier.error.generic": {
    es: "No se pudo completar la verificación. Vuelve a intentarlo.",
    en: "The verification could not be completed. Please try again.",
  },
  "verifier.problem.title.bad-request": {
    es: "Solicitud no válida",
    en: "Bad request",
  },
  "verifier.problem.title.not-found": {
    es: "No encontrado",
    en: "Not found",
  },
  "verifier.problem.title.too-large": {
    es: "Contenido demasiado grande",
    en: "Content too large",
  },
  "verifier.problem.title.unsupported-media-type": {
    es: "Tipo de contenido no admitido",
    en: "Unsupported media type",
  },
  "verifier.problem.title.too-many-requests": {
    es: "Demasiadas solicitudes",
    en: "Too many requests",
  },
  "verifier.problem.title.server-error": {
    es: "Error del servidor",
    en: "Server error",
  },
  "verifier.problem.credential-missing": {
    es: "El cuerpo necesita un objeto verifiableCredential.",
    en: "The body needs a verifiableCredential object.",
  },
  "verifier.problem.presentation-missing": {
    es: "El cuerpo necesita un objeto verifiablePresentation.",
    en: "The body needs a verifiablePresentation object.",
  },
  "verifier.problem.not-object": {
    es: "El cuerpo debe ser un objeto JSON.",
    en: "The body must be a JSON object.",
  },
  "verifier.problem.one-input": {
    es: "Indica exactamente uno de: {fields}.",
    en: "Give exactly one of: {fields}.",
  },
  "verifier.problem.url": {
    es: "url debe ser un enlace http(s) de hasta {max} caracteres.",
    en: "url must be an http(s) URL of at most {max} characters.",
  },
  "verifier.problem.file": {
    es: "file debe ir en base64 (un texto, o { data }).",
    en: "file must be base64 (a string, or { data }).",
  },
  "verifier.problem.document": {
    es: "{field} debe ser un objeto JSON o un texto JSON.",
    en: "{field} must be a JSON object or JSON text.",
  },
  "verifier.problem.options": {
    es: "options.challenge y options.domain deben ser textos de hasta {max} caracteres.",
    en: "options.challenge and options.domain must be strings of at most {max} characters.",
  },
  "verifier.problem.checks": {
    es: "options.checks debe ser una lista no vacía de comprobaciones conocidas ({known}); {name} no lo es.",
    en: "options.checks must be a non-empty list of known checks ({known}); {name} is not one.",
  },
  "verifier.problem.not-json": {
    es: "Envía el cuerpo como application/json.",
    en: "Send the body as application/json.",
  },
  "verifier.problem.form-type": {
    es: "Envía el formulario como multipart/form-data o application/x-www-form-urlencoded.",
    en: "Send the form as multipart/form-data or application/x-www-form-urlencoded.",
  },
  "verifier.problem.form-unreadable": {
    es: "No se pudo leer el formulario.",
    en: "The form could not be read.",
  },
  "verifier.problem.malformed-body": {
    es: "El cuerpo no es JSON válido: está mal formado, no es UTF-8 o está anidado a más de {max} niveles.",
    en: "The body is not valid JSON: it is malformed, not UTF-8, or nested more than {max} levels deep.",
  },
  "verifier.problem.too-large": {
    es: "La solicitud es demasiado grande: un documento puede ocupar como máximo {max} MiB.",
    en: "The request is too large: a document may be at most {max} MiB.",
  },
  "verifier.problem.not-found": {
    es: "No hay nada en esta dirección.",
    en: "There is nothing at this address.",
  },
  "verifier.problem.own-link": {
    es: "El enlace lleva de vuelta a este verificador, que nunca abre sus propias páginas: usa el enlace de la credencial o el de la cartera digital.",
    en: "The link leads back to this verifier, which never opens its own pages: use the credential's link or the digital wallet's.",
  },
  "verifier.problem.link-from-fetcher": {
    es: "Este verificador no abre enlaces cuando lo consulta otro servicio de Avala, para que los verificadores no se llamen entre sí sin fin.",
    en: "This verifier does not open links when another Avala service fetches it, so that verifiers cannot call each other without end.",
  },
  "verifier.fetch-budget-exhausted": {
    es: "Esta verificación necesitaba más de {max} consultas a la red y se detuvo: no se pudo comprobar todo (claves de los emisores, revocación o respaldos), así que no se da por válida.",
    en: "This verification needed more than {max} network look-ups and was stopped: not everything could be checked (issuers' keys, revocation or endorsements), so it is not taken as valid.",
  },
} satisfies Record<string, LocalizedText>;
