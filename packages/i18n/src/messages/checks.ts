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
  "ob2.recognised": {
    es: "Es una insignia Open Badges 2.0.",
    en: "This is an Open Badges 2.0 badge.",
  },
  "ob2.hosted-confirmed": {
    es: "El sitio del emisor ({host}) confirmó la insignia hace un momento.",
    en: "The issuer's site ({host}) confirmed the badge just now.",
  },
  "ob2.hosted-unreachable": {
    es: "No se pudo consultar la insignia en el sitio del emisor ({reason}); sin ese sitio no se puede confirmar.",
    en: "The badge could not be looked up on the issuer's site ({reason}); without that site it cannot be confirmed.",
  },
  "ob2.hosted-mismatch": {
    es: "La insignia que publica el sitio del emisor no es la que se presentó: fue modificada o no es de ese sitio.",
    en: "The badge the issuer's site publishes is not the one presented: it was changed or is not from that site.",
  },
  "ob2.hosted-id-not-url": {
    es: "La insignia no dice en qué dirección del emisor se puede confirmar.",
    en: "The badge does not say at which address of the issuer it can be confirmed.",
  },
  "ob2.verification-type": {
    es: "El sitio del emisor publica la insignia con otro tipo de verificación que el esperado.",
    en: "The issuer's site publishes the badge with another kind of verification than expected.",
  },
  "ob2.signed-without-signature": {
    es: "La insignia dice estar firmada, pero llegó sin su firma; usa el archivo o el texto firmado original.",
    en: "The badge says it is signed but came without its signature; use the original signed file or text.",
  },
  "ob2.signature-valid": {
    es: "La firma del emisor es válida: la insignia no se ha modificado.",
    en: "The issuer's signature is valid: the badge has not been changed.",
  },
  "ob2.signature-invalid": {
    es: "La firma no corresponde: la insignia fue modificada o no la firmó esa clave.",
    en: "The signature does not match: the badge was changed or was not signed with that key.",
  },
  "ob2.signature-algorithm": {
    es: "La insignia está firmada con un método que no se acepta ({alg}).",
    en: "The badge is signed with a method that is not accepted ({alg}).",
  },
  "ob2.key-missing": {
    es: "La insignia firmada no dice dónde está la clave pública de su emisor.",
    en: "The signed badge does not say where its issuer's public key is.",
  },
  "ob2.key-unreachable": {
    es: "No se pudo obtener la clave pública del emisor ({reason}).",
    en: "The issuer's public key could not be fetched ({reason}).",
  },
  "ob2.key-invalid": {
    es: "La clave pública que publica el emisor no se puede usar.",
    en: "The public key the issuer publishes cannot be used.",
  },
  "ob2.key-owner-mismatch": {
    es: "La clave que firmó la insignia no pertenece al emisor de la insignia.",
    en: "The key that signed the badge does not belong to the badge's issuer.",
  },
  "ob2.badge-missing": {
    es: "La insignia no dice qué logro reconoce.",
    en: "The badge does not say which achievement it recognises.",
  },
  "ob2.badge-unreachable": {
    es: "No se pudo obtener la descripción del logro en el sitio del emisor ({reason}).",
    en: "The achievement's description could not be fetched from the issuer's site ({reason}).",
  },
  "ob2.issuer-missing": {
    es: "La insignia no dice quién la emitió.",
    en: "The badge does not say who issued it.",
  },
  "ob2.issuer-unreachable": {
    es: "No se pudo obtener el perfil del emisor ({reason}).",
    en: "The issuer's profile could not be fetched ({reason}).",
  },
  "ob2.ids-mismatch": {
    es: "Las direcciones no coinciden: el documento publicado ({what}) dice ser otro que el que la insignia nombra.",
    en: "The addresses do not agree: the published document ({what}) says it is another one than the badge names.",
  },
  "ob2.origin-not-allowed": {
    es: "{url} está fuera de los sitios que el emisor autoriza para sus insignias.",
    en: "{url} is outside the sites the issuer allows for its badges.",
  },
  "ob2.issuer-consistent": {
    es: "La insignia, su logro y el perfil del emisor ({issuer}) coinciden.",
    en: "The badge, its achievement and the issuer's profile ({issuer}) agree.",
  },
  "ob2.revoked": {
    es: "El emisor revocó esta insignia.",
    en: "The issuer revoked this badge.",
  },
  "ob2.revoked-because": {
    es: "El emisor revocó esta insignia: {reason}",
    en: "The issuer revoked this badge: {reason}",
  },
  "ob2.not-revoked": {
    es: "El emisor no ha revocado la insignia.",
    en: "The issuer has not revoked the badge.",
  },
  "ob2.revocation-unreachable": {
    es: "No se pudo consultar la lista de revocaciones del emisor ({reason}).",
    en: "The issuer's revocation list could not be consulted ({reason}).",
  },
  "ob2.no-revocation-list": {
    es: "El emisor no publica una lista de revocaciones: no se puede saber si la retiró.",
    en: "The issuer publishes no revocation list: there is no telling whether it withdrew the badge.",
  },
  "ob2.date-malformed": {
    es: "Las fechas de la insignia no se pueden leer.",
    en: "The badge's dates cannot be read.",
  },
  "ob2.not-yet-issued": {
    es: "La insignia tiene fecha de emisión futura ({date}).",
    en: "The badge is dated in the future ({date}).",
  },
  "ob2.expired": {
    es: "La insignia venció el {date}.",
    en: "The badge expired on {date}.",
  },
  "ob2.dates-ok": {
    es: "La insignia está vigente.",
    en: "The badge is current.",
  },
  "ob2.recipient-match": {
    es: "La insignia se otorgó a tu correo electrónico.",
    en: "The badge was awarded to your e-mail address.",
  },
  "ob2.recipient-mismatch": {
    es: "La insignia se otorgó a otro correo electrónico, no al tuyo.",
    en: "The badge was awarded to another e-mail address, not yours.",
  },
  "ob2.recipient-unreadable": {
    es: "No se pudo comprobar a quién se otorgó la insignia.",
    en: "Whom the badge was awarded to could not be checked.",
  },
  "ob2.assurance.signed": {
    es: "Firmada por el emisor: la firma se comprobó con la clave que el emisor publica.",
    en: "Signed by the issuer: the signature was checked with the key the issuer publishes.",
  },
  "ob2.assurance.hosted": {
    es: "Confirmada en el sitio del emisor hace un momento. Vale menos que una firma: depende de que ese sitio siga en línea y sin cambios.",
    en: "Confirmed on the issuer's site just now. This is weaker than a signature: it depends on that site staying online and unchanged.",
  },
  "ob2.assurance.unconfirmed": {
    es: "No se puede confirmar en absoluto: ni el sitio del emisor ni una firma válida la respaldan ahora.",
    en: "Cannot be confirmed at all: neither the issuer's site nor a valid signature backs it now.",
  },
} satisfies Record<string, LocalizedText>;
