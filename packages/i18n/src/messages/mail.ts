import type { LocalizedText } from "../locale.js";

/**
 * E-mail: the messages Avala sends (claim offers, staff invitations), the local mail catcher's
 * inbox page (`pnpm start`), and the issuer's outbox API problems. Spanish uses "tú".
 */
export const mailMessages = {
  // Shared parts of every message
  "mail.greeting": {
    es: "Hola:",
    en: "Hello,",
  },
  "mail.greeting-named": {
    es: "Hola, {name}:",
    en: "Hello {name},",
  },
  "mail.english-below": {
    es: "Más abajo, el mismo mensaje en inglés.",
    en: "The same message in English is below.",
  },
  "mail.sent-by": {
    es: "Avala envió este mensaje en nombre de {issuer}.",
    en: "Avala sent this message on behalf of {issuer}.",
  },
  "mail.link-help": {
    es: "Si el botón no funciona, copia este enlace en tu navegador:",
    en: "If the button does not work, copy this link into your browser:",
  },
  // Claim offer
  "mail.claim.subject": {
    es: "Tu credencial «{achievement}» está lista",
    en: "Your credential “{achievement}” is ready",
  },
  "mail.claim.intro": {
    es: "{issuer} te entrega la credencial digital «{achievement}».",
    en: "{issuer} has issued you the digital credential “{achievement}”.",
  },
  "mail.claim.action": {
    es: "Guárdala en tu cartera para tenerla siempre a mano y compartirla cuando quieras: cualquiera puede comprobar que es auténtica.",
    en: "Save it to your wallet to keep it at hand and share it whenever you like: anyone can check that it is genuine.",
  },
  "mail.claim.button": {
    es: "Guardar mi credencial",
    en: "Save my credential",
  },
  "mail.claim.qr-help": {
    es: "O escanea este código con tu teléfono:",
    en: "Or scan this code with your phone:",
  },
  "mail.claim.qr-alt": {
    es: "Código QR del enlace para guardar tu credencial",
    en: "QR code of the link to save your credential",
  },
  "mail.claim.expires": {
    es: "El enlace vence el {date} y funciona una sola vez. Si vence, pide uno nuevo a {issuer}.",
    en: "The link expires on {date} and works only once. If it expires, ask {issuer} for a new one.",
  },
  "mail.claim.ignore": {
    es: "Si no esperabas este mensaje, puedes ignorarlo.",
    en: "If you were not expecting this message, you can ignore it.",
  },
  // Staff invitation
  "mail.invite.subject": {
    es: "Te invitan a emitir credenciales de {organisation}",
    en: "You are invited to issue credentials for {organisation}",
  },
  "mail.invite.intro": {
    es: "{inviter} te invita a la consola de credenciales de {organisation} con el rol «{role}».",
    en: "{inviter} invites you to the credentials console of {organisation} with the role “{role}”.",
  },
  "mail.invite.button": {
    es: "Aceptar la invitación",
    en: "Accept the invitation",
  },
  "mail.invite.expires": {
    es: "La invitación vence el {date} y funciona una sola vez.",
    en: "The invitation expires on {date} and works only once.",
  },
  "mail.invite.ignore": {
    es: "Si no conoces a quien te invita, ignora este mensaje: nadie podrá entrar sin el enlace.",
    en: "If you do not know who invited you, ignore this message: nobody can get in without the link.",
  },
  "mail.role.admin": {
    es: "administración",
    en: "administrator",
  },
  "mail.role.operator": {
    es: "operación",
    en: "operator",
  },
  "mail.role.viewer": {
    es: "consulta",
    en: "viewer",
  },
  // The local mail catcher's inbox page (`pnpm start`)
  "mail.inbox.title": {
    es: "Correo de prueba",
    en: "Test mail",
  },
  "mail.inbox.intro": {
    es: "Los mensajes que Avala envió mientras corre en esta computadora. Ninguno sale de aquí.",
    en: "The messages Avala sent while running on this computer. None of them leaves it.",
  },
  "mail.inbox.empty": {
    es: "Todavía no llega ningún mensaje.",
    en: "No message has arrived yet.",
  },
  "mail.inbox.count": {
    es: "Mensajes: {count}",
    en: "Messages: {count}",
  },
  "mail.inbox.refresh": {
    es: "Actualizar",
    en: "Refresh",
  },
  "mail.inbox.other-language": {
    es: "English",
    en: "Español",
  },
  "mail.inbox.back": {
    es: "Volver a la bandeja",
    en: "Back to the inbox",
  },
  "mail.inbox.from": {
    es: "De",
    en: "From",
  },
  "mail.inbox.to": {
    es: "Para",
    en: "To",
  },
  "mail.inbox.subject": {
    es: "Asunto",
    en: "Subject",
  },
  "mail.inbox.date": {
    es: "Fecha",
    en: "Date",
  },
  "mail.inbox.no-subject": {
    es: "(sin asunto)",
    en: "(no subject)",
  },
  "mail.inbox.html-part": {
    es: "Mensaje como se ve",
    en: "Message as shown",
  },
  "mail.inbox.text-part": {
    es: "Versión de texto",
    en: "Text version",
  },
  "mail.inbox.attachments": {
    es: "Adjuntos",
    en: "Attachments",
  },
  "mail.inbox.not-found": {
    es: "Ese mensaje no está en la bandeja.",
    en: "That message is not in the inbox.",
  },
  // The issuer's outbox API
  "issuer.outbox.no-recipient": {
    es: "Esta credencial no tiene correo de la persona: no hay a quién enviar el enlace.",
    en: "This credential has no learner e-mail: there is nobody to send the link to.",
  },
} satisfies Record<string, LocalizedText>;
