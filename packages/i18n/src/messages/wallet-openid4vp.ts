import type { LocalizedText } from "../locale.js";

/** The wallet's side of OpenID4VP: an employer asks for a certificate, in plain words. */
export const walletOpenid4vpMessages = {
  "wallet.openid4vp.title": {
    es: "Te piden un certificado",
    en: "You're asked for a certificate",
  },
  "wallet.openid4vp.who": { es: "{site} te pide:", en: "{site} asks you for:" },
  "wallet.openid4vp.who.note": {
    es: "Es el sitio al que irá tu respuesta. Comparte solo si lo conoces y esperabas esta solicitud.",
    en: "That's the site your answer goes to. Share only if you know it and expected this request.",
  },
  "wallet.openid4vp.ask.any": { es: "Un certificado", en: "A certificate" },
  "wallet.openid4vp.ask.kind.unit": {
    es: "Una unidad de competencia",
    en: "A unit of competence",
  },
  "wallet.openid4vp.ask.kind.microcredential": {
    es: "Una microcredencial",
    en: "A microcredential",
  },
  "wallet.openid4vp.ask.kind.qualification": {
    es: "Un certificado de competencia",
    en: "A competence certificate",
  },
  "wallet.openid4vp.ask.standard": { es: "del estándar {code}", en: "of standard {code}" },
  "wallet.openid4vp.ask.code": { es: "con la clave {code}", en: "with code {code}" },
  "wallet.openid4vp.ask.issuer": { es: "emitido por {name}", en: "issued by {name}" },
  "wallet.openid4vp.ask.issuer.other": {
    es: "de un emisor que no está en tu cartera",
    en: "from an issuer that isn't in your wallet",
  },
  "wallet.openid4vp.ask.other": { es: "que muestre «{field}»", en: "showing “{field}”" },
  "wallet.openid4vp.ask.optional": { es: "(opcional)", en: "(optional)" },
  "wallet.openid4vp.ask.several": {
    es: "Puedes elegir más de uno.",
    en: "You can pick more than one.",
  },
  "wallet.openid4vp.none.one": {
    es: "No tienes uno que coincida.",
    en: "You don't have one that matches.",
  },
  "wallet.openid4vp.none": {
    es: "No tienes en tu cartera un certificado como el que piden:",
    en: "Your wallet has no certificate like the one they ask for:",
  },
  "wallet.openid4vp.whole": {
    es: "Se comparte el certificado completo que elijas, firmado por ti, solo con {site} y solo para esta solicitud.",
    en: "The whole certificate you pick is shared, signed by you, only with {site} and only for this request.",
  },
  "wallet.openid4vp.consent": { es: "Compartir", en: "Share" },
  "wallet.openid4vp.decline": { es: "No compartir", en: "Don't share" },
  "wallet.openid4vp.error.choose": {
    es: "Elige un certificado para cada cosa que te piden.",
    en: "Pick a certificate for each thing you're asked for.",
  },
  "wallet.openid4vp.error.unreachable": {
    es: "No pudimos contactar a {site}. Inténtalo de nuevo en un momento.",
    en: "We couldn't reach {site}. Try again in a moment.",
  },
  "wallet.openid4vp.error.sign": {
    es: "No pudimos firmar tu respuesta. Inténtalo de nuevo.",
    en: "We couldn't sign your answer. Try again.",
  },
  "wallet.openid4vp.error.refused": {
    es: "{site} no aceptó tu respuesta. Pídeles una solicitud nueva.",
    en: "{site} didn't accept your answer. Ask them for a new request.",
  },
  "wallet.openid4vp.sent.title": {
    es: "Listo: compartiste tu certificado",
    en: "Done: you shared your certificate",
  },
  "wallet.openid4vp.sent.text": {
    es: "{site} recibió tu respuesta.",
    en: "{site} received your answer.",
  },
  "wallet.openid4vp.declined.title": { es: "No compartiste nada", en: "You shared nothing" },
  "wallet.openid4vp.declined.text": {
    es: "Le avisamos a {site} que no quieres compartir.",
    en: "We told {site} you don't want to share.",
  },
  "wallet.openid4vp.continue": { es: "Seguir en {site}", en: "Continue on {site}" },
  "wallet.openid4vp.back": { es: "Volver a tus certificados", en: "Back to your certificates" },
  "wallet.openid4vp.refused.title": {
    es: "No podemos atender esta solicitud",
    en: "We can't handle this request",
  },
  "wallet.openid4vp.refused.nothing-sent": {
    es: "No se envió nada de tu cartera.",
    en: "Nothing from your wallet was sent.",
  },
  "wallet.openid4vp.refusal.malformed": {
    es: "El enlace no es una solicitud de certificados válida, o le falta algo.",
    en: "The link isn't a valid request for certificates, or something is missing.",
  },
  "wallet.openid4vp.refusal.too-large": {
    es: "La solicitud es demasiado grande.",
    en: "The request is too large.",
  },
  "wallet.openid4vp.refusal.unreachable": {
    es: "No pudimos leer la solicitud en el sitio del que viene. Pide un enlace nuevo.",
    en: "We couldn't read the request from the site it comes from. Ask for a new link.",
  },
  "wallet.openid4vp.refusal.response-mode": {
    es: "La solicitud pide responder de una forma que esta cartera no usa.",
    en: "The request asks for an answer in a way this wallet doesn't use.",
  },
  "wallet.openid4vp.refusal.client": {
    es: "No podemos confirmar quién hace la solicitud.",
    en: "We can't confirm who is making the request.",
  },
  "wallet.openid4vp.refusal.client-mismatch": {
    es: "La solicitud dice venir de un sitio, pero pide enviar tu respuesta a otro.",
    en: "The request says it comes from one site but asks to send your answer to another.",
  },
  "wallet.openid4vp.refusal.insecure": {
    es: "La solicitud pide enviar tu respuesta a un sitio sin conexión segura.",
    en: "The request asks to send your answer to a site without a secure connection.",
  },
  "wallet.openid4vp.refusal.format": {
    es: "Piden un tipo de certificado que esta cartera no guarda.",
    en: "They ask for a kind of certificate this wallet doesn't keep.",
  },
  "wallet.openid4vp.refusal.expired": {
    es: "La solicitud ya venció. Pide una nueva.",
    en: "The request has expired. Ask for a new one.",
  },
  "wallet.openid4vp.refusal.answered": {
    es: "Ya respondiste a esta solicitud. No se vuelve a enviar nada.",
    en: "You already answered this request. Nothing is sent again.",
  },
} satisfies Record<string, LocalizedText>;
