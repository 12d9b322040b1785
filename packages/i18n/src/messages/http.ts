import type { LocalizedText } from "../locale.js";

/**
 * Messages of the shared HTTP layer (@avala/http-middleware): problems every service answers in
 * the same words, with the same stable codes (body limits, text checks, unknown routes, rate
 * limits, unexpected errors). A service may answer some of them in its own words instead.
 */
export const httpMessages = {
  "request.bad-request": {
    es: "La solicitud no es válida.",
    en: "The request is not valid.",
  },
  "request.unauthorized": {
    es: "Esta solicitud requiere autenticación.",
    en: "This request needs authentication.",
  },
  "request.forbidden": {
    es: "Esta solicitud no está permitida.",
    en: "This request is not allowed.",
  },
  "request.not-found": {
    es: "No hay nada en esta dirección.",
    en: "There is nothing at this address.",
  },
  "request.method-not-allowed": {
    es: "Esta dirección no admite el método {method}; admite: {allowed}.",
    en: "This address does not accept the {method} method; it accepts: {allowed}.",
  },
  "request.conflict": {
    es: "La solicitud choca con el estado actual del recurso.",
    en: "The request conflicts with the current state of the resource.",
  },
  "request.gone": {
    es: "Esto ya no está disponible.",
    en: "This is no longer available.",
  },
  "request.unprocessable": {
    es: "La solicitud está bien formada pero no se puede procesar.",
    en: "The request is well-formed but cannot be processed.",
  },
  "request.too-large": {
    es: "La solicitud es demasiado grande.",
    en: "The request is too large.",
  },
  "request.unsupported-media-type": {
    es: "El tipo de contenido de la solicitud no se admite aquí.",
    en: "The request's content type is not accepted here.",
  },
  "request.too-many-requests": {
    es: "Demasiadas solicitudes seguidas; espere un momento (cabecera Retry-After) y vuelva a intentarlo.",
    en: "Too many requests in a row; wait a moment (Retry-After header) and try again.",
  },
  "request.failed": {
    es: "La solicitud no se pudo atender (HTTP {status}).",
    en: "The request could not be served (HTTP {status}).",
  },
  "request.body.unsupported-type": {
    es: "Tipo de contenido no admitido: envíe el cuerpo como {expected}.",
    en: "Unsupported content type: send the body as {expected}.",
  },
  "request.body.too-large": {
    es: "El cuerpo de la solicitud supera el límite de {max} bytes.",
    en: "The request body is larger than the limit of {max} bytes.",
  },
  "request.body.not-utf8": {
    es: "El cuerpo de la solicitud no es texto UTF-8 válido.",
    en: "The request body is not valid UTF-8 text.",
  },
  "request.body.too-deep": {
    es: "El JSON está anidado a más de {max} niveles.",
    en: "The JSON is nested more than {max} levels deep.",
  },
  "request.body.malformed-json": {
    es: "El cuerpo de la solicitud no es JSON bien formado.",
    en: "The request body is not well-formed JSON.",
  },
  "request.body.malformed-form": {
    es: "El formulario no se pudo leer.",
    en: "The form could not be read.",
  },
  "request.text.lone-surrogate": {
    es: "{field}: el texto contiene un sustituto UTF-16 suelto (como \\ud800), que no es un carácter; corrija el texto.",
    en: "{field}: the text contains a lone UTF-16 surrogate (such as \\ud800), which is not a character; correct the text.",
  },
  "request.text.not-utf8": {
    es: "{field}: el texto no es UTF-8 válido.",
    en: "{field}: the text is not valid UTF-8.",
  },
  "server.error": {
    es: "Error interno del servidor; vuelva a intentarlo más tarde.",
    en: "Internal server error; please try again later.",
  },
} satisfies Record<string, LocalizedText>;
