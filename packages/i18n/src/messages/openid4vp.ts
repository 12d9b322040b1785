import type { LocalizedText } from "../locale.js";

/**
 * The verifier's "Ask a candidate for a certificate" page (OpenID4VP 1.0, `verifier/src/openid4vp*.ts`)
 * and the checks it adds to a presentation's result. Spanish with tú.
 */
export const openid4vpMessages = {
  "openid4vp.link": {
    es: "¿Quieres pedirle un certificado a un candidato desde su cartera digital?",
    en: "Want to ask a candidate for a certificate from their digital wallet?",
  },
  "openid4vp.ask.title": {
    es: "Pide un certificado a un candidato",
    en: "Ask a candidate for a certificate",
  },
  "openid4vp.ask.intro": {
    es: "Di qué necesitas ver. Te daremos un código QR y un enlace para el candidato: lo abre con su cartera digital, elige el certificado y acepta compartirlo. Aquí verás el resultado.",
    en: "Say what you need to see. You get a QR code and a link for the candidate: they open it with their digital wallet, choose the certificate and agree to share it. You see the result here.",
  },
  "openid4vp.ask.kind": {
    es: "¿Qué le pides?",
    en: "What are you asking for?",
  },
  "openid4vp.ask.kind.unit": {
    es: "Una unidad de competencia de un estándar",
    en: "A unit of competence of a standard",
  },
  "openid4vp.ask.kind.standard": {
    es: "La certificación de un estándar completo",
    en: "The certification of a whole standard",
  },
  "openid4vp.ask.kind.microcredential": {
    es: "Cualquier microcredencial de la SEP",
    en: "Any SEP microcredential",
  },
  "openid4vp.ask.kind.issuer": {
    es: "Cualquier certificado de un emisor concreto",
    en: "Any certificate from a given issuer",
  },
  "openid4vp.ask.code": {
    es: "Código del estándar (por ejemplo, EC0217.01)",
    en: "Code of the standard (for example, EC0217.01)",
  },
  "openid4vp.ask.issuer": {
    es: "Identificador del emisor",
    en: "Issuer's identifier",
  },
  "openid4vp.ask.issuer.choose": {
    es: "Emisor (si pides cualquier certificado de un emisor)",
    en: "Issuer (when you ask for any certificate from an issuer)",
  },
  "openid4vp.ask.issuer.other": {
    es: "Otro emisor: escribe su identificador",
    en: "Another issuer: type its identifier",
  },
  "openid4vp.ask.issuer.hint": {
    es: "Lo encuentras en los detalles técnicos de cualquier certificado suyo que hayas verificado aquí.",
    en: "You find it in the technical details of any of its certificates you have checked here.",
  },
  "openid4vp.ask.submit": {
    es: "Crear la solicitud",
    en: "Create the request",
  },
  "openid4vp.ask.back": {
    es: "Volver a verificar un certificado",
    en: "Back to checking a certificate",
  },
  "openid4vp.what.unit": {
    es: "una unidad de competencia del estándar {code}",
    en: "a unit of competence of the standard {code}",
  },
  "openid4vp.what.standard": {
    es: "la certificación del estándar {code}",
    en: "the certification of the standard {code}",
  },
  "openid4vp.what.microcredential": {
    es: "una microcredencial de la SEP",
    en: "a SEP microcredential",
  },
  "openid4vp.what.issuer": {
    es: "un certificado del emisor {issuer}",
    en: "a certificate from the issuer {issuer}",
  },
  "openid4vp.wait.asked": {
    es: "Pides {what}.",
    en: "You are asking for {what}.",
  },
  "openid4vp.wait.scan": {
    es: "Pídele al candidato que escanee este código con su cartera digital.",
    en: "Ask the candidate to scan this code with their digital wallet.",
  },
  "openid4vp.wait.qr-alt": {
    es: "Código QR de la solicitud",
    en: "QR code of the request",
  },
  "openid4vp.wait.same-device": {
    es: "Abrir mi cartera en este dispositivo",
    en: "Open my wallet on this device",
  },
  "openid4vp.wait.web-wallet": {
    es: "Abrir en la cartera web de Avala",
    en: "Open in Avala's web wallet",
  },
  "openid4vp.wait.link": {
    es: "O envíale este enlace:",
    en: "Or send them this link:",
  },
  "openid4vp.wait.waiting": {
    es: "Esperando la respuesta. Esta página se actualiza sola.",
    en: "Waiting for the answer. This page updates by itself.",
  },
  "openid4vp.wait.refresh": {
    es: "Actualizar",
    en: "Refresh",
  },
  "openid4vp.wait.expires": {
    es: "La solicitud vale {minutes} minutos y solo se puede responder una vez.",
    en: "The request is valid for {minutes} minutes and can be answered only once.",
  },
  "openid4vp.result.title": {
    es: "La respuesta del candidato",
    en: "The candidate's answer",
  },
  "openid4vp.result.declined": {
    es: "El candidato decidió no compartir un certificado.",
    en: "The candidate chose not to share a certificate.",
  },
  "openid4vp.result.expired": {
    es: "La solicitud caducó sin respuesta. Crea otra.",
    en: "The request expired without an answer. Create another one.",
  },
  "openid4vp.result.checking": {
    es: "Llegó la respuesta; la estamos comprobando.",
    en: "The answer has arrived; we are checking it.",
  },
  "openid4vp.result.again": {
    es: "Pedir otro certificado",
    en: "Ask for another certificate",
  },
  "openid4vp.problem.kind": {
    es: "Elige qué le pides al candidato.",
    en: "Choose what you are asking the candidate for.",
  },
  "openid4vp.problem.code": {
    es: "Escribe el código del estándar, por ejemplo EC0217.01 (letras, números, puntos y guiones; hasta 40).",
    en: "Type the code of the standard, for example EC0217.01 (letters, digits, dots and hyphens; up to 40).",
  },
  "openid4vp.problem.issuer": {
    es: "Escribe el identificador del emisor: empieza por «did:» (hasta 400 caracteres).",
    en: "Type the issuer's identifier: it starts with “did:” (up to 400 characters).",
  },
  "openid4vp.problem.busy": {
    es: "Hay demasiadas solicitudes abiertas ahora mismo. Inténtalo en unos minutos.",
    en: "There are too many open requests right now. Try again in a few minutes.",
  },
  "openid4vp.problem.not-found": {
    es: "Esta solicitud no existe o ya caducó. Crea otra.",
    en: "This request does not exist or has expired. Create another one.",
  },
  "openid4vp.matches": {
    es: "Es lo que pediste: {what}.",
    en: "It is what you asked for: {what}.",
  },
  "openid4vp.no-match": {
    es: "No es lo que pediste ({what}).",
    en: "It is not what you asked for ({what}).",
  },
  "openid4vp.holder-missing": {
    es: "La presentación no dice de quién es la cartera que la firmó.",
    en: "The presentation does not say whose wallet signed it.",
  },
  "openid4vp.subject-not-holder": {
    es: "El certificado no es de quien lo presenta: se emitió para otra cartera.",
    en: "The certificate does not belong to whoever presents it: it was issued to another wallet.",
  },
  "openid4vp.holder-bound": {
    es: "El certificado es de quien lo presenta: su cartera firmó la respuesta.",
    en: "The certificate belongs to whoever presents it: their wallet signed the answer.",
  },
} satisfies Record<string, LocalizedText>;
