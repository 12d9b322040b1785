import type { LocalizedText } from "../locale.js";

/**
 * Credit accumulation (issue 15): a standard's certificate requested with unit credentials, the
 * answers that name the unit at fault, and the versions and expiry of standards.
 */
export const creditMessages = {
  "issuer.standard-request.not-found": {
    es: "No encontramos esa solicitud de certificado.",
    en: "We could not find that certificate request.",
  },
  "issuer.standard-request.challenge": {
    es: "El código de solicitud ya se usó o caducó: pide uno nuevo y vuelve a enviar tus unidades.",
    en: "The request code was already used or has expired: ask for a new one and send your units again.",
  },
  "issuer.standard-request.presentation-invalid": {
    es: "No pudimos comprobar que tú firmaste el envío de tus unidades ({reason}).",
    en: "We could not confirm that you signed the sending of your units ({reason}).",
  },
  "issuer.standard-request.holder-not-did-key": {
    es: "El envío debe firmarlo tu cartera (una clave did:key).",
    en: "The sending must be signed by your wallet (a did:key key).",
  },
  "issuer.standard-request.no-units": {
    es: "El envío no trae ninguna unidad de competencia.",
    en: "The sending carries no unit of competence.",
  },
  "issuer.standard-request.not-a-standard": {
    es: "{org} no certifica el estándar {code}.",
    en: "{org} does not certify the standard {code}.",
  },
  "issuer.standard-request.standard-expired": {
    es: "El estándar {code} dejó de estar vigente el {date}; ya no se puede certificar.",
    en: "The standard {code} stopped being current on {date}; it can no longer be certified.",
  },
  "issuer.standard-request.standard-superseded": {
    es: "El estándar {code} fue sustituido por {next}; pide el certificado de {next}.",
    en: "The standard {code} was superseded by {next}; ask for the certificate of {next}.",
  },
  "issuer.standard-request.unit-missing": {
    es: "Te falta la unidad {unit} del estándar {code}.",
    en: "You are missing the unit {unit} of the standard {code}.",
  },
  "issuer.standard-request.unit-revoked": {
    es: "La unidad {unit} ({issuer}) fue revocada por quien la emitió.",
    en: "The unit {unit} ({issuer}) was revoked by its issuer.",
  },
  "issuer.standard-request.unit-suspended": {
    es: "La unidad {unit} ({issuer}) está suspendida por quien la emitió.",
    en: "The unit {unit} ({issuer}) is suspended by its issuer.",
  },
  "issuer.standard-request.unit-expired": {
    es: "La unidad {unit} ({issuer}) ya no está vigente.",
    en: "The unit {unit} ({issuer}) is no longer current.",
  },
  "issuer.standard-request.unit-invalid": {
    es: "No pudimos comprobar la unidad {unit} ({issuer}): {reason}.",
    en: "We could not verify the unit {unit} ({issuer}): {reason}.",
  },
  "issuer.standard-request.unit-unaccredited": {
    es: "La unidad {unit} la emitió {issuer}, que no figura como organismo acreditado.",
    en: "The unit {unit} was issued by {issuer}, which is not listed as an accredited body.",
  },
  "issuer.standard-request.unit-foreign-holder": {
    es: "La unidad {unit} ({issuer}) está a nombre de otra persona, no de tu cartera.",
    en: "The unit {unit} ({issuer}) belongs to someone else, not to your wallet.",
  },
  "issuer.standard-request.unit-not-in-standard": {
    es: "La unidad {unit} no forma parte del estándar {code}.",
    en: "The unit {unit} is not part of the standard {code}.",
  },
  "issuer.standard-request.decided": {
    es: "Esta solicitud ya se resolvió.",
    en: "This request has already been decided.",
  },
  "issuer.standard-request.pending": {
    es: "Tu solicitud está en revisión: alguien del organismo la resolverá pronto.",
    en: "Your request is under review: someone at the body will decide it soon.",
  },
  "issuer.standard-request.issued": {
    es: "Tu certificado del estándar {code} está listo.",
    en: "Your certificate for the standard {code} is ready.",
  },
  "issuer.standard-request.refused": {
    es: "Tu solicitud del certificado de {code} fue rechazada.",
    en: "Your request for the certificate of {code} was refused.",
  },
  "issuer.standard-version.unknown-standard": {
    es: "{code} no es un estándar del catálogo.",
    en: "{code} is not a standard of the catalogue.",
  },
  "console.nav.standard-requests": { es: "Solicitudes", en: "Requests" },
  "console.standard-requests.title": {
    es: "Certificados pedidos con unidades",
    en: "Certificates requested with units",
  },
  "console.standard-requests.intro": {
    es: "Personas que juntaron las unidades de un estándar y piden su certificado. Ya comprobamos cada unidad: es auténtica, está vigente y sin revocar, la emitió un organismo acreditado y es de quien la presenta.",
    en: "People who gathered a standard's units and ask for its certificate. Each unit has already been checked: it is genuine, current and not revoked, an accredited body issued it, and it belongs to whoever presents it.",
  },
  "console.standard-requests.none": {
    es: "No hay solicitudes por revisar.",
    en: "There are no requests to review.",
  },
  "console.standard-requests.standard": { es: "Estándar", en: "Standard" },
  "console.standard-requests.units": { es: "Unidades", en: "Units" },
  "console.standard-requests.received": { es: "Recibida", en: "Received" },
  "console.standard-requests.state": { es: "Estado", en: "State" },
  "console.standard-requests.state.pending": { es: "Por revisar", en: "To review" },
  "console.standard-requests.state.issued": { es: "Emitido", en: "Issued" },
  "console.standard-requests.state.refused": { es: "Rechazada", en: "Refused" },
  "console.standard-requests.approve": { es: "Emitir el certificado", en: "Issue the certificate" },
  "console.standard-requests.refuse": { es: "Rechazar", en: "Refuse" },
  "console.standard-requests.approved": {
    es: "Certificado emitido; la persona lo recibe en su cartera.",
    en: "Certificate issued; the person receives it in their wallet.",
  },
  "console.standard-requests.refused": { es: "Solicitud rechazada.", en: "Request refused." },
  "console.standard-requests.decided": {
    es: "Alguien ya resolvió esta solicitud.",
    en: "Someone has already decided this request.",
  },
  "console.standard-requests.recent": { es: "Resueltas hace poco", en: "Recently decided" },
  "console.standard-requests.mode": { es: "Cómo se emiten", en: "How they are issued" },
  "console.standard-requests.mode.automatic": {
    es: "Al momento, sin revisión (las unidades ya se comprobaron).",
    en: "At once, without review (the units have been checked).",
  },
  "console.standard-requests.mode.review": {
    es: "Después de que alguien del equipo la revise.",
    en: "After someone on the team reviews it.",
  },
  "console.standard-requests.mode.save": { es: "Guardar", en: "Save" },
  "console.standard-requests.mode.saved": { es: "Guardado.", en: "Saved." },
  "wallet.standard-request.link": {
    es: "Pedir el certificado del estándar",
    en: "Request the standard's certificate",
  },
  "wallet.standard-request.title": {
    es: "Pedir el certificado de {code}",
    en: "Request the certificate of {code}",
  },
  "wallet.standard-request.lead": {
    es: "Tus unidades de competencia pueden juntarse en el certificado del estándar completo. Elige un organismo que lo certifique: le enviaremos tus unidades firmadas por tu cartera, y él comprobará cada una.",
    en: "Your units of competence can add up to the certificate of the whole standard. Choose a body that certifies it: we will send it your units, signed by your wallet, and it will check each one.",
  },
  "wallet.standard-request.units": { es: "Tus unidades", en: "Your units" },
  "wallet.standard-request.no-units": {
    es: "No tienes unidades vigentes de este estándar en tu cartera.",
    en: "You have no current units of this standard in your wallet.",
  },
  "wallet.standard-request.certifiers": {
    es: "Quién lo certifica",
    en: "Who certifies it",
  },
  "wallet.standard-request.no-certifiers": {
    es: "No encontramos ningún organismo que certifique este estándar.",
    en: "We found no body that certifies this standard.",
  },
  "wallet.standard-request.mode.automatic": {
    es: "Emite el certificado al momento si tus unidades están completas.",
    en: "Issues the certificate at once if your units are complete.",
  },
  "wallet.standard-request.mode.review": {
    es: "Alguien de su equipo revisa la solicitud antes de emitirlo.",
    en: "Someone on its team reviews the request before issuing it.",
  },
  "wallet.standard-request.send": { es: "Pedir a {org}", en: "Ask {org}" },
  "wallet.standard-request.by": { es: "de {issuer}", en: "from {issuer}" },
  "wallet.standard-request.pending.title": {
    es: "Solicitud enviada",
    en: "Request sent",
  },
  "wallet.standard-request.pending": {
    es: "Tu solicitud está en revisión. Vuelve más tarde y pulsa «Ver si ya está listo».",
    en: "Your request is under review. Come back later and press “See if it is ready”.",
  },
  "wallet.standard-request.check": { es: "Ver si ya está listo", en: "See if it is ready" },
  "wallet.standard-request.refused.title": {
    es: "No se pudo emitir el certificado",
    en: "The certificate could not be issued",
  },
  "wallet.standard-request.refused": {
    es: "El organismo rechazó la solicitud.",
    en: "The body refused the request.",
  },
  "wallet.standard-request.unreachable": {
    es: "No pudimos comunicarnos con el organismo. Inténtalo más tarde.",
    en: "We could not reach the body. Try again later.",
  },
  "wallet.standard-request.invalid": {
    es: "La respuesta del organismo no se pudo leer.",
    en: "The body's answer could not be read.",
  },
  "wallet.standard-request.back": { es: "Volver a mi cartera", en: "Back to my wallet" },
  "standard.superseded": {
    es: "El estándar {code} fue sustituido por {next}. El certificado sigue siendo auténtico, pero acredita la versión anterior.",
    en: "The standard {code} has been superseded by {next}. The certificate is still genuine, but it attests the earlier version.",
  },
  "standard.expired": {
    es: "El estándar {code} dejó de estar vigente el {date}. El certificado sigue siendo auténtico, pero ese estándar ya no se certifica.",
    en: "The standard {code} stopped being current on {date}. The certificate is still genuine, but that standard is no longer certified.",
  },
  "wallet.stacks.superseded": {
    es: "{old} fue sustituido por {code}: cuentan solo las unidades que {code} acepta.",
    en: "{old} has been superseded by {code}: only the units {code} accepts count.",
  },
  "wallet.stacks.expired": {
    es: "El estándar {code} dejó de estar vigente el {date}; ya no se certifica.",
    en: "The standard {code} stopped being current on {date}; it is no longer certified.",
  },
  "wallet.stacks.equivalence": {
    es: "Tu unidad {held} cuenta como {countsAs}.",
    en: "Your unit {held} counts as {countsAs}.",
  },
  "wallet.stacks.not-accepted": {
    es: "{code} ya no acepta: {units}.",
    en: "{code} no longer accepts: {units}.",
  },
  "console.audit.action.standard-request.approve": {
    es: "Emitió un certificado pedido con unidades",
    en: "Issued a certificate requested with units",
  },
  "console.audit.action.standard-request.refuse": {
    es: "Rechazó un certificado pedido con unidades",
    en: "Refused a certificate requested with units",
  },
  "console.audit.action.standard-request.mode": {
    es: "Cambió cómo se emiten los certificados pedidos con unidades",
    en: "Changed how certificates requested with units are issued",
  },
} satisfies Record<string, LocalizedText>;
