import type { LocalizedText } from "../locale.js";

/** The wallet's side of OpenID4VCI: an offer from any issuer, in plain words. */
export const walletOpenid4vciMessages = {
  "wallet.oid4vci.title": { es: "Recibir un certificado", en: "Receive a certificate" },
  "wallet.oid4vci.lead": {
    es: "{issuer} te ofrece un certificado. Revisa que sea tuyo antes de aceptarlo.",
    en: "{issuer} is offering you a certificate. Check it is yours before you accept it.",
  },
  "wallet.oid4vci.credential": { es: "Certificado", en: "Certificate" },
  "wallet.oid4vci.issuer": { es: "Quién lo ofrece", en: "Offered by" },
  "wallet.oid4vci.site": { es: "Sitio del emisor", en: "Issuer's site" },
  "wallet.oid4vci.unnamed": { es: "Un certificado digital", en: "A digital certificate" },
  "wallet.oid4vci.pin.label": { es: "PIN", en: "PIN" },
  "wallet.oid4vci.pin.hint": {
    es: "El emisor te lo dio aparte (por correo, mensaje o en persona).",
    en: "The issuer gave it to you separately (by e-mail, message or in person).",
  },
  "wallet.oid4vci.pin.digits": { es: "{length} dígitos", en: "{length} digits" },
  "wallet.oid4vci.explain": {
    es: "Al aceptar, tu cartera firma con su llave para demostrar que es tuya; el emisor liga el certificado a esa llave y tu cartera lo revisa antes de guardarlo.",
    en: "When you accept, your wallet signs with its key to prove it is yours; the issuer binds the certificate to that key and your wallet checks it before keeping it.",
  },
  "wallet.oid4vci.accept": { es: "Aceptar y guardar", en: "Accept and keep" },
  "wallet.oid4vci.cancel": { es: "Ahora no", en: "Not now" },
  "wallet.oid4vci.problem.title": {
    es: "No se pudo recibir el certificado",
    en: "The certificate could not be received",
  },
  "wallet.oid4vci.problem.bad-offer": {
    es: "Ese enlace no es una oferta de certificado que la cartera entienda. Revisa que lo copiaste completo.",
    en: "That link is not a certificate offer the wallet understands. Check you copied all of it.",
  },
  "wallet.oid4vci.problem.not-allowed": {
    es: "Por seguridad, la cartera no se conecta a esa dirección.",
    en: "For safety, the wallet does not connect to that address.",
  },
  "wallet.oid4vci.problem.unreachable": {
    es: "No se pudo contactar al emisor. Intenta de nuevo en unos minutos.",
    en: "The issuer could not be reached. Try again in a few minutes.",
  },
  "wallet.oid4vci.problem.too-large": {
    es: "El emisor envió una respuesta demasiado grande; la cartera no la lee.",
    en: "The issuer sent an answer that is too large; the wallet does not read it.",
  },
  "wallet.oid4vci.problem.invalid": {
    es: "El emisor respondió algo que la cartera no puede leer como una oferta válida.",
    en: "The issuer answered with something the wallet cannot read as a valid offer.",
  },
  "wallet.oid4vci.problem.unsupported": {
    es: "Esta oferta es de un tipo de certificado que la cartera todavía no sabe guardar.",
    en: "This offer is for a kind of certificate the wallet cannot keep yet.",
  },
  "wallet.oid4vci.problem.pin-required": {
    es: "Escribe el PIN que te dio el emisor.",
    en: "Type the PIN the issuer gave you.",
  },
  "wallet.oid4vci.problem.pin-refused": {
    es: "El emisor no aceptó el PIN. Revisa el que te dieron e inténtalo otra vez; si la oferta ya se usó o venció, pide una nueva.",
    en: "The issuer did not accept the PIN. Check the one you were given and try again; if the offer was already used or has expired, ask for a new one.",
  },
  "wallet.oid4vci.problem.offer-used": {
    es: "Esta oferta ya se usó o venció. Pide a quien te la envió una nueva.",
    en: "This offer was already used or has expired. Ask whoever sent it for a new one.",
  },
  "wallet.oid4vci.problem.refused": {
    es: "El emisor rechazó la solicitud. Intenta de nuevo desde el enlace original.",
    en: "The issuer refused the request. Try again from the original link.",
  },
  "wallet.oid4vci.problem.not-verified": {
    es: "El certificado que llegó no pasó la revisión de autenticidad; no se guardó.",
    en: "The certificate that arrived did not pass the authenticity check; it was not kept.",
  },
  "wallet.oid4vci.problem.not-bound": {
    es: "El certificado que llegó no está a tu nombre en esta cartera; no se guardó.",
    en: "The certificate that arrived is not bound to this wallet; it was not kept.",
  },
} satisfies Record<string, LocalizedText>;
