import type { LocalizedText } from "../locale.js";

/**
 * Credentials that are not Open Badges (a foreign university's diploma, a European Learning
 * Model credential): what the verifier says about them and how the page and the wallet show
 * them (issuer, subject, their claims as a readable list).
 */
export const genericMessages = {
  "generic.context-not-held": {
    es: "Usa un vocabulario que Avala no tiene ({url}). Avala no lo descarga, así que no puede saber con certeza qué firmó el emisor.",
    en: "It uses a vocabulary Avala does not hold ({url}). Avala does not download it, so it cannot know for certain what the issuer signed.",
  },
  "generic.proof-not-checked": {
    es: "No se pudo comprobar la firma: el emisor usa un formato que Avala no lee. Eso no indica que sea falsa, pero tampoco está comprobada.",
    en: "The signature could not be checked: the issuer uses a format Avala does not read. That does not mean it is false, but it is not confirmed either.",
  },
  "generic.verdict.checked": {
    es: "Firma comprobada: el emisor la firmó y nadie la ha modificado. No es un Open Badge, así que ves sus datos tal como los escribió el emisor.",
    en: "Signature checked: the issuer signed it and nobody has changed it. It is not an Open Badge, so you see its data as the issuer wrote them.",
  },
  "generic.verdict.unreadable": {
    es: "Su firma no se pudo comprobar porque el emisor usa un formato que Avala no lee. Los datos que ves no están confirmados, aunque eso no indica que el documento sea falso.",
    en: "Its signature could not be checked because the issuer uses a format Avala does not read. The data you see are not confirmed, though that does not mean the document is false.",
  },
  "generic.kind": {
    es: "Credencial de otra institución ({type})",
    en: "Credential from another institution ({type})",
  },
  "generic.kind.plain": {
    es: "Credencial de otra institución",
    en: "Credential from another institution",
  },
  "generic.claims.title": {
    es: "Lo que dice la credencial",
    en: "What the credential says",
  },
  "generic.claims.more": {
    es: "Y {count} datos más: descarga la credencial para verlos todos.",
    en: "And {count} more: download the credential to see them all.",
  },
  "generic.claims.none": {
    es: "La credencial no incluye más datos.",
    en: "The credential carries no other data.",
  },
  "generic.value.yes": { es: "Sí", en: "Yes" },
  "generic.value.no": { es: "No", en: "No" },
  "wallet.generic.keep-only": {
    es: "Avala no puede comprobar la firma de esta credencial (su emisor usa un formato que Avala no lee), así que no puedes compartirla como verificada desde aquí. Puedes descargarla y enviarla tú.",
    en: "Avala cannot check this credential's signature (its issuer uses a format Avala does not read), so you can't share it as verified from here. You can download it and send it yourself.",
  },
  "wallet.generic.added-unchecked": {
    es: "Guardada en tu cartera sin comprobar: el emisor usa un formato que Avala no lee.",
    en: "Kept in your wallet unchecked: the issuer uses a format Avala does not read.",
  },
  "wallet.generic.not-shareable": {
    es: "Avala no puede comprobar la firma de una de las credenciales elegidas, así que no se comparte como verificada: quítala de la selección (puedes descargarla desde su página).",
    en: "Avala cannot check the signature of one of the chosen credentials, so it is not shared as verified: take it out of the selection (you can download it from its page).",
  },
  "wallet.generic.no-public-page": {
    es: "Avala no puede comprobar la firma de esta credencial, así que no le da una página pública ni la añade a LinkedIn. Puedes descargarla y enviarla tú.",
    en: "Avala cannot check this credential's signature, so it gets no public page and is not added to LinkedIn. You can download it and send it yourself.",
  },
  "wallet.status.unchecked": { es: "Sin comprobar", en: "Not checked" },
  "wallet.verdict.unchecked": { es: "No se pudo comprobar", en: "Could not be checked" },
} satisfies Record<string, LocalizedText>;
