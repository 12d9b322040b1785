import type { LocalizedText } from "../locale.js";

/**
 * The wallet as an Open Badges 3.0 host (1EdTech's Open Badges API): the consent page another
 * app sends the learner to, the "Connected apps" list, sending a credential to another host,
 * and the words of the API's and OAuth's errors.
 */
export const walletOb3ApiMessages = {
  // The four scopes of the Open Badges API, in plain words.
  "wallet.ob3.scope.credential.readonly": {
    es: "Ver tus certificados y copiarlos",
    en: "See your certificates and copy them",
  },
  "wallet.ob3.scope.credential.upsert": {
    es: "Guardar certificados nuevos en tu cartera",
    en: "Save new certificates in your wallet",
  },
  "wallet.ob3.scope.profile.readonly": {
    es: "Ver tu nombre y tu correo",
    en: "See your name and e-mail",
  },
  "wallet.ob3.scope.profile.update": {
    es: "Cambiar el perfil que otras apps ven de ti",
    en: "Change the profile other apps see of you",
  },

  "wallet.ob3.consent.title": {
    es: "¿Conectar {client} con tu cartera?",
    en: "Connect {client} to your wallet?",
  },
  "wallet.ob3.consent.lead": {
    es: "{client} ({site}) quiere usar tu cartera. Si aceptas, podrá:",
    en: "{client} ({site}) wants to use your wallet. If you accept, it will be able to:",
  },
  "wallet.ob3.consent.return": {
    es: "Después te llevaremos de vuelta a {site}.",
    en: "Then we will take you back to {site}.",
  },
  "wallet.ob3.consent.revoke-hint": {
    es: "Puedes quitarle el acceso cuando quieras en Cuenta → Apps conectadas.",
    en: "You can take its access away at any time in Account → Connected apps.",
  },
  "wallet.ob3.consent.allow": { es: "Permitir", en: "Allow" },
  "wallet.ob3.consent.deny": { es: "No permitir", en: "Don't allow" },
  "wallet.ob3.consent.terms": { es: "Condiciones de uso de {client}", en: "{client}'s terms" },
  "wallet.ob3.consent.privacy": {
    es: "Aviso de privacidad de {client}",
    en: "{client}'s privacy notice",
  },

  "wallet.ob3.apps.title": { es: "Apps conectadas", en: "Connected apps" },
  "wallet.ob3.apps.lead": {
    es: "Apps y sitios a los que diste acceso a tu cartera. Si quitas el acceso, dejan de poder usarla en ese momento.",
    en: "Apps and sites you gave access to your wallet. If you take access away, they can no longer use it from that moment.",
  },
  "wallet.ob3.apps.none": {
    es: "Ninguna app tiene acceso a tu cartera.",
    en: "No app has access to your wallet.",
  },
  "wallet.ob3.apps.since": { es: "Conectada el {date}", en: "Connected on {date}" },
  "wallet.ob3.apps.can": { es: "Puede:", en: "It can:" },
  "wallet.ob3.apps.revoke": { es: "Quitar acceso", en: "Take access away" },
  "wallet.ob3.apps.revoke.confirm": {
    es: "¿Quitarle el acceso a {client}?",
    en: "Take access away from {client}?",
  },
  "wallet.ob3.apps.revoked": {
    es: "Listo: esa app ya no puede usar tu cartera.",
    en: "Done: that app can no longer use your wallet.",
  },
  "wallet.ob3.apps.link": {
    es: "Ver las apps conectadas a tu cartera",
    en: "See the apps connected to your wallet",
  },

  // Sending a credential to another Open Badges host (the wallet as the API's client).
  "wallet.ob3.send.action": {
    es: "Enviar a otra plataforma de insignias",
    en: "Send to another Open Badges host",
  },
  "wallet.ob3.send.title": {
    es: "Enviar a otra plataforma de insignias",
    en: "Send to another Open Badges host",
  },
  "wallet.ob3.send.lead": {
    es: "Guarda una copia de «{name}» en otra plataforma que use Open Badges (la de tu escuela, una bolsa de trabajo, otra cartera). Te pediremos que lo apruebes allí.",
    en: "Keep a copy of “{name}” on another platform that uses Open Badges (your school's, a job board, another wallet). We will ask you to approve it there.",
  },
  "wallet.ob3.send.host": { es: "Dirección de la plataforma", en: "The platform's address" },
  "wallet.ob3.send.host.hint": {
    es: "Por ejemplo https://insignias.ejemplo.org",
    en: "For example https://badges.example.org",
  },
  "wallet.ob3.send.continue": { es: "Continuar", en: "Continue" },
  "wallet.ob3.send.go.lead": {
    es: "{site} se registró para recibir tu certificado. Ahora ve allí, inicia sesión si te lo pide y aprueba el envío; después volverás aquí.",
    en: "{site} is ready to receive your certificate. Now go there, sign in if asked and approve it; then you will come back here.",
  },
  "wallet.ob3.send.go": { es: "Ir a {site}", en: "Go to {site}" },
  "wallet.ob3.send.sent": {
    es: "Listo: tu certificado ya está en la otra plataforma.",
    en: "Done: your certificate is now on the other platform.",
  },
  "wallet.ob3.send.error.host": {
    es: "Esa dirección no responde como una plataforma de Open Badges. Revísala e inténtalo de nuevo.",
    en: "That address does not answer as an Open Badges host. Check it and try again.",
  },
  "wallet.ob3.send.error.refused": {
    es: "La otra plataforma no aceptó el certificado. No se envió nada.",
    en: "The other platform did not accept the certificate. Nothing was sent.",
  },
  "wallet.ob3.send.error.denied": {
    es: "No se dio permiso en la otra plataforma; no se envió nada.",
    en: "Permission was not given on the other platform; nothing was sent.",
  },
  "wallet.ob3.send.error.expired": {
    es: "Este envío ya no es válido o venció. Vuelve a empezar desde el certificado.",
    en: "This sending is no longer valid or has expired. Start again from the certificate.",
  },
  "wallet.ob3.send.error.issuer": {
    es: "La respuesta no vino de la plataforma a la que fuiste, así que no se envió nada. Vuelve a empezar desde el certificado.",
    en: "The answer did not come from the platform you went to, so nothing was sent. Start again from the certificate.",
  },
  "wallet.ob3.send.error.format": {
    es: "Por ahora solo se pueden enviar certificados Open Badges 3.0 guardados como JSON.",
    en: "For now only Open Badges 3.0 certificates kept as JSON can be sent.",
  },

  // Errors shown to the learner when another app's link is wrong (never sent back to it).
  "wallet.ob3.error.client": {
    es: "La app que te mandó aquí no está registrada en esta cartera. Vuelve a intentarlo desde esa app.",
    en: "The app that sent you here is not registered with this wallet. Try again from that app.",
  },
  "wallet.ob3.error.redirect": {
    es: "La app que te mandó aquí pidió volver a una dirección que no registró. Por seguridad no seguimos.",
    en: "The app that sent you here asked to return to an address it did not register. For your safety we stopped.",
  },

  // OAuth's own errors (error_description), in the caller's language.
  "wallet.ob3.oauth.invalid-request": {
    es: "Falta un dato o no es válido: {field}.",
    en: "A parameter is missing or not valid: {field}.",
  },
  "wallet.ob3.oauth.invalid-client": {
    es: "La app no se identificó correctamente.",
    en: "The client did not authenticate correctly.",
  },
  "wallet.ob3.oauth.invalid-grant": {
    es: "El código o el token no es válido, ya se usó, venció o no es de esta app.",
    en: "The code or token is not valid, was already used, has expired or belongs to another client.",
  },
  "wallet.ob3.oauth.pkce": {
    es: "La comprobación PKCE no coincide.",
    en: "The PKCE verifier does not match.",
  },
  "wallet.ob3.oauth.redirect-mismatch": {
    es: "La dirección de regreso no es la misma que se usó al pedir el código.",
    en: "The redirect_uri is not the one used to ask for the code.",
  },
  "wallet.ob3.oauth.unsupported-grant": {
    es: "Este tipo de permiso no se admite.",
    en: "This grant type is not supported.",
  },
  "wallet.ob3.oauth.invalid-scope": {
    es: "Se pidió un permiso que no existe o que no se registró.",
    en: "A scope was asked for that does not exist or was not registered.",
  },
  "wallet.ob3.oauth.access-denied": {
    es: "La persona no dio permiso.",
    en: "The person did not allow access.",
  },
  "wallet.ob3.oauth.metadata": {
    es: "El registro no es válido: {field}.",
    en: "The registration is not valid: {field}.",
  },
  "wallet.ob3.oauth.redirect-uri": {
    es: "Dirección de regreso no válida: debe ser https (o http en la propia máquina), sin fragmento.",
    en: "Invalid redirect URI: it must be https (or http on the same machine), without a fragment.",
  },
  "wallet.ob3.oauth.body": {
    es: "El cuerpo de la solicitud no se pudo leer o es demasiado grande.",
    en: "The request body could not be read or is too large.",
  },

  // The API's errors (imsx_description), in the caller's language.
  "wallet.ob3.api.unauthorized": {
    es: "Falta el token de acceso, no es válido, venció o se revocó.",
    en: "The access token is missing, not valid, expired or revoked.",
  },
  "wallet.ob3.api.forbidden": {
    es: "El token no tiene el permiso que esta operación necesita ({scope}).",
    en: "The token lacks the scope this operation needs ({scope}).",
  },
  "wallet.ob3.api.query": {
    es: "Parámetro no válido: {field}.",
    en: "Invalid query parameter: {field}.",
  },
  "wallet.ob3.api.too-large": {
    es: "El envío pasa de {max} bytes.",
    en: "The body is larger than {max} bytes.",
  },
  "wallet.ob3.api.media-type": {
    es: "Envía application/json (un certificado) o text/plain (un JWS compacto).",
    en: "Send application/json (a credential) or text/plain (a compact JWS).",
  },
  "wallet.ob3.api.invalid-data": {
    es: "Los datos no son válidos: {reason}.",
    en: "The data is not valid: {reason}.",
  },
  "wallet.ob3.api.not-open-badge": {
    es: "No es un certificado Open Badges 3.0.",
    en: "It is not an Open Badges 3.0 credential.",
  },
  "wallet.ob3.api.refused": {
    es: "El certificado no se guardó: {reasons}.",
    en: "The credential was not saved: {reasons}.",
  },
  "wallet.ob3.api.not-allowed": {
    es: "Este método no se admite aquí.",
    en: "This method is not allowed here.",
  },
  "wallet.ob3.api.server": {
    es: "Algo salió mal de nuestro lado.",
    en: "Something went wrong on our side.",
  },
} satisfies Record<string, LocalizedText>;
