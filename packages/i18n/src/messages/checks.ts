import type { LocalizedText } from "../locale.js";

/** Messages for verification checks. Keys are the stable check codes. */
export const checkMessages = {
  "input.too-large": {
    es: "El documento es demasiado grande ({size} bytes; el máximo es {max}).",
    en: "The document is too large ({size} bytes; the maximum is {max}).",
  },
  "input.malformed-json": {
    es: "El documento no es JSON válido.",
    en: "The document is not valid JSON.",
  },
  "input.too-deep": {
    es: "El documento está anidado demasiado profundo (más de {max} niveles).",
    en: "The document is nested too deeply (more than {max} levels).",
  },
  "input.ill-formed-text": {
    es: "El documento contiene texto que no es Unicode válido (un sustituto UTF-16 suelto o bytes que no son UTF-8).",
    en: "The document contains text that is not valid Unicode (a lone UTF-16 surrogate or bytes that are not UTF-8).",
  },
  "input.not-object": {
    es: "El documento no es un objeto JSON.",
    en: "The document is not a JSON object.",
  },
  "input.not-credential": {
    es: "El documento no es una credencial verificable (falta el tipo VerifiableCredential).",
    en: "The document is not a verifiable credential (the VerifiableCredential type is missing).",
  },
  "input.not-presentation": {
    es: "El documento no es una presentación verificable.",
    en: "The document is not a verifiable presentation.",
  },
  "input.not-verifiable": {
    es: "El documento no es una credencial ni una presentación verificable.",
    en: "The document is neither a verifiable credential nor a verifiable presentation.",
  },
  "input.unsupported-format": {
    es: "Formato no reconocido: se aceptan JSON, un JWT (VC-JWT), imágenes PNG o SVG con la credencial incrustada, un certificado PDF con la credencial adjunta, o un enlace.",
    en: "Unrecognised format: JSON, a JWT (VC-JWT), PNG or SVG images with the credential baked in, a PDF certificate with the credential attached, or a link, are accepted.",
  },
  "input.jwt-malformed": {
    es: "El JWT está mal formado ({reason}).",
    en: "The JWT is malformed ({reason}).",
  },
  "input.jwt-unsupported": {
    es: "El JWT no contiene una credencial que este verificador lea ({reason}).",
    en: "The JWT does not hold a credential this verifier reads ({reason}).",
  },
  "jwt.claim-mismatch": {
    es: "El campo {claim} del JWT contradice el campo {field} de la credencial.",
    en: "The JWT's {claim} claim contradicts the credential's {field}.",
  },
  "input.fetch-failed": {
    es: "No se pudo obtener el documento del enlace ({reason}).",
    en: "The document could not be retrieved from the link ({reason}).",
  },
  "baked.extracted": {
    es: "Credencial extraída de la imagen {format}.",
    en: "Credential extracted from the {format} image.",
  },
  "baked.not-found": {
    es: "La imagen {format} no contiene ninguna credencial Open Badges.",
    en: "The {format} image contains no Open Badges credential.",
  },
  "baked.malformed": {
    es: "La imagen {format} está dañada o mal formada ({reason}).",
    en: "The {format} image is damaged or malformed ({reason}).",
  },
  "baked.unsupported": {
    es: "La credencial incrustada en la imagen {format} usa un formato no admitido (se aceptan JSON-LD y VC-JWT).",
    en: "The credential baked into the {format} image uses an unsupported format (JSON-LD and VC-JWT are accepted).",
  },
  "pdf.extracted": {
    es: "Credencial extraída del archivo adjunto del PDF.",
    en: "Credential extracted from the PDF's attached file.",
  },
  "pdf.too-large": {
    es: "El PDF es demasiado grande ({size} bytes; máximo {max}).",
    en: "The PDF is too large ({size} bytes; at most {max}).",
  },
  "pdf.too-many-objects": {
    es: "El PDF tiene demasiados objetos (máximo {max}); no se leyó.",
    en: "The PDF has too many objects (at most {max}); it was not read.",
  },
  "pdf.encrypted": {
    es: "El PDF está cifrado; sube el certificado sin contraseña.",
    en: "The PDF is encrypted; upload the certificate without a password.",
  },
  "pdf.no-attachment": {
    es: "El PDF no lleva ninguna credencial adjunta. Sube el certificado PDF que descargaste de la cartera o del emisor.",
    en: "The PDF carries no attached credential. Upload the PDF certificate downloaded from the wallet or the issuer.",
  },
  "pdf.several-attachments": {
    es: "El PDF lleva {count} archivos adjuntos; un certificado lleva solo uno, así que no se sabe cuál verificar.",
    en: "The PDF carries {count} attached files; a certificate carries just one, so which one to verify is unclear.",
  },
  "pdf.attachment-too-large": {
    es: "El archivo adjunto del PDF es demasiado grande al descomprimirlo (máximo {max} bytes).",
    en: "The PDF's attached file is too large once decompressed (at most {max} bytes).",
  },
  "pdf.malformed": {
    es: "El PDF está dañado o mal formado ({reason}).",
    en: "The PDF is damaged or malformed ({reason}).",
  },
  "pdf.unsupported": {
    es: "El archivo adjunto del PDF usa un formato no admitido ({reason}); se aceptan JSON-LD y VC-JWT.",
    en: "The PDF's attached file uses an unsupported format ({reason}); JSON-LD and VC-JWT are accepted.",
  },
  "pdf.printed-matches": {
    es: "El nombre y el logro impresos en el PDF coinciden con el certificado firmado que lleva dentro.",
    en: "The name and achievement printed on the PDF match the signed certificate inside it.",
  },
  "pdf.printed-name": {
    es: "El texto impreso no coincide con el certificado firmado dentro del PDF: nombre impreso «{printed}», nombre firmado «{signed}».",
    en: "The printed text does not match the signed certificate inside the PDF: printed name “{printed}”, signed name “{signed}”.",
  },
  "pdf.printed-name-missing": {
    es: "El texto impreso no coincide con el certificado firmado dentro del PDF: el nombre firmado, «{signed}», no está impreso.",
    en: "The printed text does not match the signed certificate inside the PDF: the signed name, “{signed}”, is not printed on it.",
  },
  "pdf.printed-name-unsigned": {
    es: "El texto impreso no coincide con el certificado firmado dentro del PDF: imprime el nombre «{printed}», pero el certificado firmado no lleva ningún nombre.",
    en: "The printed text does not match the signed certificate inside the PDF: it prints the name “{printed}”, but the signed certificate carries no name.",
  },
  "pdf.printed-achievement": {
    es: "El texto impreso no coincide con el certificado firmado dentro del PDF: logro impreso «{printed}», logro firmado «{signed}».",
    en: "The printed text does not match the signed certificate inside the PDF: printed achievement “{printed}”, signed achievement “{signed}”.",
  },
  "pdf.printed-achievement-missing": {
    es: "El texto impreso no coincide con el certificado firmado dentro del PDF: el logro firmado, «{signed}», no está impreso.",
    en: "The printed text does not match the signed certificate inside the PDF: the signed achievement, “{signed}”, is not printed on it.",
  },
  "pdf.printed-unreadable": {
    es: "No se pudo leer el texto impreso en el PDF ({reason}), así que nada confirma que coincida con el certificado firmado que lleva dentro. Fíate solo de los datos que muestra esta página.",
    en: "The text printed on the PDF could not be read ({reason}), so nothing confirms it matches the signed certificate inside. Rely only on the facts this page shows.",
  },
  "qr.decoded": {
    es: "Certificado leído del código QR impreso ({bytes} bytes): la firma se comprueba sin descargar el certificado.",
    en: "Certificate read from the printed QR code ({bytes} bytes): the signature is checked without downloading the certificate.",
  },
  "qr.too-large": {
    es: "El texto del código QR es demasiado largo (máximo {max} caracteres); no es un certificado impreso.",
    en: "The QR code's text is too long (at most {max} characters); it is not a printed certificate.",
  },
  "qr.damaged": {
    es: "El texto del código QR está dañado: después de «VC1-» solo lleva letras de la A a la Z y cifras del 2 al 7. Vuelve a escanearlo.",
    en: "The QR code's text is damaged: after “VC1-” it holds only letters A to Z and digits 2 to 7. Scan it again.",
  },
  "qr.unreadable": {
    es: "El código QR no contiene un certificado que este verificador sepa leer.",
    en: "The QR code does not hold a certificate this verifier can read.",
  },
  "context.known": {
    es: "Todos los contextos JSON-LD son conocidos.",
    en: "Every JSON-LD context is known.",
  },
  "context.unknown": {
    es: "Contexto JSON-LD desconocido: {url}.",
    en: "Unknown JSON-LD context: {url}.",
  },
  "context.invalid": {
    es: "El @context no es válido: {reason}.",
    en: "The @context is not valid: {reason}.",
  },
  "context.protected-redefinition": {
    es: "Un contexto del documento redefine el término protegido {term}, que ya fija otro contexto: su significado no sería el publicado.",
    en: "A context in the document redefines the protected term {term}, which another context already fixes: its meaning would not be the published one.",
  },
  "jsonld.well-formed": {
    es: "El documento JSON-LD está bien formado.",
    en: "The JSON-LD document is well formed.",
  },
  "jsonld.malformed": {
    es: "El documento JSON-LD está mal formado: {reason}.",
    en: "The JSON-LD document is malformed: {reason}.",
  },
  "schema.valid": {
    es: "Cumple el esquema de Open Badges 3.0.",
    en: "Conforms to the Open Badges 3.0 schema.",
  },
  "schema.invalid": {
    es: "No cumple el esquema de Open Badges 3.0: {reason}.",
    en: "Does not conform to the Open Badges 3.0 schema: {reason}.",
  },
  "schema.not-open-badge": {
    es: "No es una credencial Open Badges; no se revisó su esquema.",
    en: "Not an Open Badges credential; its schema was not checked.",
  },
  "proof.valid": {
    es: "La firma digital es auténtica.",
    en: "The digital signature is genuine.",
  },
  "proof.jwt-valid": {
    es: "La firma digital del JWT ({alg}) es auténtica.",
    en: "The JWT's digital signature ({alg}) is genuine.",
  },
  "proof.missing": {
    es: "El documento no tiene firma digital.",
    en: "The document has no digital signature.",
  },
  "proof.invalid": {
    es: "La firma digital no corresponde al contenido: el documento fue alterado o la firma es falsa.",
    en: "The digital signature does not match the content: the document was altered or the signature is false.",
  },
  "proof.unsupported": {
    es: "No se pudo comprobar la firma: es de un tipo que este verificador no admite ({type}). Eso no indica que sea falsa, pero tampoco está comprobada.",
    en: "The signature could not be checked: it is of a type this verifier does not support ({type}). That does not mean it is false, but it is not confirmed either.",
  },
  "proof.key-unresolved": {
    es: "No se pudo comprobar la firma: no se obtuvo la clave pública del firmante ({reason}). Eso no indica que sea falsa, pero tampoco está comprobada.",
    en: "The signature could not be checked: the signer's public key could not be obtained ({reason}). That does not mean it is false, but it is not confirmed either.",
  },
  "proof.malformed": {
    es: "La firma digital está mal formada ({reason}).",
    en: "The digital signature is malformed ({reason}).",
  },
  "proof.not-authorized": {
    es: "La clave que firmó no está autorizada por su dueño para este uso ({reason}).",
    en: "The key that signed is not authorized by its owner for this use ({reason}).",
  },
  "proof.previous-missing": {
    es: "Una firma dice que se añadió después de otra ({id}) que no está en el documento: se quitó una firma o el documento está mal formado.",
    en: "A signature says it was added after another one ({id}) that is not in the document: a signature was removed or the document is malformed.",
  },
  "proof.previous-cyclic": {
    es: "Las firmas del documento se citan en círculo ({id}): ninguna pudo añadirse antes que la otra, así que el documento está mal formado.",
    en: "The document's signatures name each other in a circle ({id}): none could have been added before the other, so the document is malformed.",
  },
  "issuer.bound": {
    es: "La firma es del emisor ({issuer}).",
    en: "The signature belongs to the issuer ({issuer}).",
  },
  "issuer.binding-mismatch": {
    es: "La firma no es del emisor declarado ({issuer}); la firmó {signer}.",
    en: "The signature does not belong to the stated issuer ({issuer}); it was signed by {signer}.",
  },
  "validity.current": {
    es: "Vigente en la fecha de consulta.",
    en: "Valid on the date checked.",
  },
  "validity.expired": {
    es: "Venció el {date}.",
    en: "Expired on {date}.",
  },
  "validity.not-yet-valid": {
    es: "Aún no es válida: lo será a partir del {date}.",
    en: "Not valid yet: it becomes valid on {date}.",
  },
  "validity.invalid-date": {
    es: "La fecha {field} no es válida.",
    en: "The {field} date is not valid.",
  },
  "status.active": {
    es: "No ha sido revocada ni suspendida.",
    en: "It has not been revoked or suspended.",
  },
  "status.revoked": {
    es: "El emisor revocó esta credencial.",
    en: "The issuer has revoked this credential.",
  },
  "status.suspended": {
    es: "El emisor suspendió esta credencial.",
    en: "The issuer has suspended this credential.",
  },
  "status.unavailable": {
    es: "No se pudo consultar si fue revocada ({reason}).",
    en: "Could not check whether it was revoked ({reason}).",
  },
  "status.not-checked": {
    es: "No se consultó el estado de revocación.",
    en: "The revocation status was not checked.",
  },
  "status.unsupported": {
    es: "Tipo de estado no admitido: {type}.",
    en: "Unsupported status type: {type}.",
  },
  "presentation.proof-valid": {
    es: "El titular firmó la presentación.",
    en: "The holder signed the presentation.",
  },
  "presentation.holder-mismatch": {
    es: "La presentación no la firmó su titular declarado.",
    en: "The presentation was not signed by its stated holder.",
  },
  "presentation.challenge-mismatch": {
    es: "La presentación se firmó para otra solicitud: su código de solicitud o su sitio no coinciden con los que se pidieron.",
    en: "The presentation was signed for another request: its request code or site does not match the ones asked for.",
  },
  "presentation.credential-invalid": {
    es: "Una de las credenciales de la presentación no es válida.",
    en: "One of the credentials in the presentation is not valid.",
  },
  "presentation.credentials-valid": {
    es: "Todas las credenciales de la presentación son válidas.",
    en: "Every credential in the presentation is valid.",
  },
  "presentation.unsigned": {
    es: "Conjunto de credenciales sin firma del titular: cada credencial se verificó por separado.",
    en: "A bundle of credentials without the holder's signature: each credential was verified on its own.",
  },
  "presentation.challenge-required": {
    es: "La presentación está firmada para una solicitud concreta, pero no se indicó el código de solicitud de este verificador.",
    en: "The presentation is signed for a specific request, but this verifier's request code was not given.",
  },
  "presentation.proof-missing": {
    es: "La presentación no lleva la firma de su titular, y este verificador pidió una presentación firmada con su código de solicitud.",
    en: "The presentation does not carry its holder's signature, and this verifier asked for one signed with its request code.",
  },
  "presentation.too-many-credentials": {
    es: "La presentación contiene demasiadas credenciales ({count}; el máximo es {max}).",
    en: "The presentation contains too many credentials ({count}; the maximum is {max}).",
  },
  "presentation.empty": {
    es: "La presentación no contiene credenciales.",
    en: "The presentation contains no credentials.",
  },
  "presentation.subject-not-holder": {
    es: "Una credencial no pertenece al titular de la presentación.",
    en: "A credential does not belong to the presentation's holder.",
  },
  "presentation.holder-invalid": {
    es: "El titular (holder) de la presentación debe ser una URL o un objeto con un id que sea una URL.",
    en: "The presentation's holder must be a URL or an object whose id is a URL.",
  },
  "presentation.credential-not-object": {
    es: "La presentación contiene una credencial que no es un objeto (un texto, número o enlace no es una credencial verificable).",
    en: "The presentation contains a credential that is not an object (a string, number or link is not a verifiable credential).",
  },
  "trust.accredited": {
    es: "{authority} acredita a {issuer}.",
    en: "{authority} accredits {issuer}.",
  },
  "trust.authority": {
    es: "{issuer} es una autoridad reconocida.",
    en: "{issuer} is a recognised authority.",
  },
  "trust.unknown-issuer": {
    es: "El emisor no está en el registro de confianza; su identidad no se ha comprobado.",
    en: "The issuer is not in the trust registry; its identity has not been confirmed.",
  },
  "trust.accredited-via": {
    es: "{authority} acredita a {intermediary}, que acredita a {issuer}.",
    en: "{authority} accredits {intermediary}, which accredits {issuer}.",
  },
  "trust.unknown-issuer-endorsed": {
    es: "El emisor no está en el registro de confianza y ninguno de sus avales ({count}) se pudo verificar como emitido por una autoridad reconocida.",
    en: "The issuer is not in the trust registry, and none of its endorsements ({count}) could be verified as coming from a recognised authority.",
  },
  "trust.registry-unavailable": {
    es: "No se pudo consultar el registro de confianza ({reason}).",
    en: "The trust registry could not be consulted ({reason}).",
  },
  "trust.not-checked": {
    es: "No se consultó el registro de confianza.",
    en: "The trust registry was not checked.",
  },
} satisfies Record<string, LocalizedText>;
