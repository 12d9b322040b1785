import type { LocalizedText } from "../locale.js";

/**
 * Certificates to credits (issue 15, part 2): a school's recognition table, the recognition
 * request and its answers naming the credential at fault, and the wallet's "get school credit".
 */
export const recognitionMessages = {
  "issuer.recognition-request.unknown-programme": {
    es: "{org} no tiene el programa {programme} en su tabla de reconocimiento.",
    en: "{org} has no programme {programme} in its recognition table.",
  },
  "issuer.recognition-request.challenge": {
    es: "El código de solicitud ya se usó o caducó: pide uno nuevo y vuelve a enviar tus credenciales.",
    en: "The request code was already used or has expired: ask for a new one and send your credentials again.",
  },
  "issuer.recognition-request.presentation-invalid": {
    es: "No pudimos comprobar que tú firmaste el envío de tus credenciales ({reason}).",
    en: "We could not confirm that you signed the sending of your credentials ({reason}).",
  },
  "issuer.recognition-request.holder-not-did-key": {
    es: "El envío debe firmarlo tu cartera (una clave did:key).",
    en: "The sending must be signed by your wallet (a did:key key).",
  },
  "issuer.recognition-request.empty": {
    es: "El envío no trae ninguna credencial.",
    en: "The sending carries no credential.",
  },
  "issuer.recognition-request.credential-revoked": {
    es: "La credencial {credential} ({issuer}) fue revocada por quien la emitió.",
    en: "The credential {credential} ({issuer}) was revoked by its issuer.",
  },
  "issuer.recognition-request.credential-suspended": {
    es: "La credencial {credential} ({issuer}) está suspendida por quien la emitió.",
    en: "The credential {credential} ({issuer}) is suspended by its issuer.",
  },
  "issuer.recognition-request.credential-expired": {
    es: "La credencial {credential} ({issuer}) ya no está vigente.",
    en: "The credential {credential} ({issuer}) is no longer current.",
  },
  "issuer.recognition-request.credential-invalid": {
    es: "No pudimos comprobar la credencial {credential} ({issuer}): {reason}.",
    en: "We could not verify the credential {credential} ({issuer}): {reason}.",
  },
  "issuer.recognition-request.credential-foreign-holder": {
    es: "La credencial {credential} ({issuer}) está a nombre de otra persona, no de tu cartera.",
    en: "The credential {credential} ({issuer}) belongs to someone else, not to your wallet.",
  },
  "issuer.recognition-request.credential-unaccredited": {
    es: "La credencial {credential} la emitió {issuer}, que no figura como organismo acreditado ni en la tabla de la escuela.",
    en: "The credential {credential} was issued by {issuer}, which is neither an accredited body nor named in the school's table.",
  },
  "issuer.recognition-request.nothing-recognised": {
    es: "Ninguna de tus credenciales cuenta para {programme}: {credentials}.",
    en: "None of your credentials counts toward {programme}: {credentials}.",
  },
  "issuer.recognition-request.already-recognised": {
    es: "Ya tienes reconocidos estos créditos de {programme} (o están en revisión): {credentials}. Si la escuela revoca ese reconocimiento, puedes pedirlo de nuevo.",
    en: "These credits toward {programme} are already recognised for you (or under review): {credentials}. If the school revokes that recognition, you can ask again.",
  },
  "issuer.recognition-request.issued": {
    es: "Te reconocimos {credits} créditos de {programme}.",
    en: "You were granted {credits} credits toward {programme}.",
  },
  "issuer.recognition-request.pending": {
    es: "Tu solicitud está en revisión: alguien de la escuela la resolverá pronto.",
    en: "Your request is under review: someone at the school will decide it soon.",
  },
  "issuer.recognition-request.not-found": {
    es: "No encontramos esa solicitud de convalidación.",
    en: "We could not find that credit request.",
  },
  "issuer.recognition-request.decided": {
    es: "Esta solicitud ya se resolvió.",
    en: "This request has already been decided.",
  },
  "issuer.recognition-request.not-recognised": {
    es: "Estas credenciales no cuentan para ningún módulo: {credentials}.",
    en: "These credentials count for no module: {credentials}.",
  },
  "verifier.kind.credit-recognition": {
    es: "Reconocimiento de {credits} créditos escolares",
    en: "Recognition of {credits} school credits",
  },
  "console.nav.recognition": { es: "Convalidaciones", en: "Credit transfer" },
  "console.recognition.title": {
    es: "Convalidaciones de créditos",
    en: "Credit recognition",
  },
  "console.recognition.intro": {
    es: "Personas que presentan sus certificados para que cuenten como créditos de un programa de la escuela. Ya comprobamos cada credencial: es auténtica, está vigente y sin revocar, y es de quien la presenta.",
    en: "People who present their certificates so that they count as credits toward one of the school's programmes. Each credential has already been checked: it is genuine, current and not revoked, and it belongs to whoever presents it.",
  },
  "console.recognition.none": {
    es: "No hay convalidaciones por revisar.",
    en: "There are no credit requests to review.",
  },
  "console.recognition.programme": { es: "Programa", en: "Programme" },
  "console.recognition.modules": { es: "Módulos reconocidos", en: "Modules recognised" },
  "console.recognition.credits-head": { es: "Créditos", en: "Credits" },
  "console.recognition.credits": { es: "{credits} créditos", en: "{credits} credits" },
  "console.recognition.approve": { es: "Emitir la constancia", en: "Issue the record" },
  "console.recognition.approved": {
    es: "Constancia emitida; la persona la recibe en su cartera.",
    en: "Record issued; the person receives it in their wallet.",
  },
  "console.recognition.refused": { es: "Solicitud rechazada.", en: "Request refused." },
  "console.recognition.decided": {
    es: "Alguien ya resolvió esta solicitud.",
    en: "Someone has already decided this request.",
  },
  "console.recognition.table": {
    es: "Tabla de reconocimiento publicada",
    en: "Published recognition table",
  },
  "console.recognition.table.none": {
    es: "Esta organización aún no publica una tabla de reconocimiento. Se publica con la API (PUT /orgs/…/recognition-table).",
    en: "This organisation does not publish a recognition table yet. It is published with the API (PUT /orgs/…/recognition-table).",
  },
  "console.recognition.module": { es: "Módulo", en: "Module" },
  "console.recognition.counts": { es: "Cuenta con", en: "Counts with" },
  "console.recognition.counts.unit": { es: "Unidad {code}", en: "Unit {code}" },
  "console.recognition.counts.standard": { es: "Estándar {code}", en: "Standard {code}" },
  "console.recognition.counts.achievement": {
    es: "{achievement} de {issuer}",
    en: "{achievement} by {issuer}",
  },
  "console.recognition.mode.automatic": {
    es: "Se emiten al momento, sin revisión.",
    en: "Issued at once, without review.",
  },
  "console.recognition.mode.review": {
    es: "Alguien de la escuela revisa cada solicitud.",
    en: "Someone at the school reviews each request.",
  },
  "console.audit.action.recognition-request.approve": {
    es: "Emitió una constancia de créditos",
    en: "Issued a credit record",
  },
  "console.audit.action.recognition-request.refuse": {
    es: "Rechazó una convalidación",
    en: "Refused a credit request",
  },
  "console.audit.action.recognition-request.mode": {
    es: "Cambió cómo se emiten las convalidaciones",
    en: "Changed how credit requests are issued",
  },
  "wallet.recognition.link": { es: "Convalidar en una escuela", en: "Get school credit" },
  "wallet.recognition.title": { es: "Convalidar en una escuela", en: "Get school credit" },
  "wallet.recognition.lead": {
    es: "Algunas escuelas reconocen tus certificados como créditos de sus programas. Aquí ves qué credenciales tuyas cuentan, para qué módulo y cuántos créditos valen.",
    en: "Some schools count your certificates as credits toward their programmes. Here you see which of your credentials count, for which module and for how many credits.",
  },
  "wallet.recognition.no-schools": {
    es: "Ninguna escuela que conozcamos publica todavía qué certificados reconoce.",
    en: "No school we know of publishes yet which certificates it recognises.",
  },
  "wallet.recognition.progress": {
    es: "{earned} de {total} créditos",
    en: "{earned} of {total} credits",
  },
  "wallet.recognition.credits": { es: "{credits} créditos", en: "{credits} credits" },
  "wallet.recognition.counts-with": {
    es: "Cuenta con: {credential}",
    en: "Counts with: {credential}",
  },
  "wallet.recognition.not-yet": {
    es: "Aún no tienes una credencial para este módulo.",
    en: "You do not have a credential for this module yet.",
  },
  "wallet.recognition.nothing": {
    es: "Ninguna de tus credenciales cuenta todavía para este programa.",
    en: "None of your credentials counts toward this programme yet.",
  },
  "wallet.recognition.send": {
    es: "Pedir la convalidación a {org}",
    en: "Ask {org} for the credit",
  },
  "wallet.recognition.refused.title": {
    es: "No se pudo convalidar",
    en: "No credit this time",
  },
  "wallet.recognition.refused": {
    es: "La escuela no reconoció tu envío. Esto fue lo que dijo:",
    en: "The school did not accept what you sent. This is what it said:",
  },
  "wallet.recognition.unreachable": {
    es: "No pudimos hablar con la escuela. Inténtalo más tarde.",
    en: "We could not reach the school. Try again later.",
  },
  "wallet.recognition.invalid": {
    es: "La escuela respondió algo que no entendimos. Inténtalo más tarde.",
    en: "The school answered something we could not understand. Try again later.",
  },
  "wallet.recognition.pending.title": { es: "Solicitud enviada", en: "Request sent" },
  "wallet.recognition.pending": {
    es: "La escuela revisará tu solicitud. Cuando la apruebe, recibirás aquí tu constancia de créditos.",
    en: "The school will review your request. Once it approves it, you will receive your credit record here.",
  },
  "wallet.recognition.check": { es: "Ver si ya está lista", en: "See if it is ready" },
  "wallet.recognition.back": { es: "Volver a tus credenciales", en: "Back to your credentials" },
} satisfies Record<string, LocalizedText>;
