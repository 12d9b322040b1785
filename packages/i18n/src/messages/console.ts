import type { LocalizedText } from "../locale.js";

/**
 * The issuer console: the pages a campus clerk, an institution's admin and the platform admin
 * use. Spanish uses "tú". Column names of the CSV (`externalId`…) are identifiers, not words.
 */
export const consoleMessages = {
  // Frame
  "console.brand": { es: "Avala · Consola", en: "Avala · Console" },
  "console.skip": { es: "Saltar al contenido", en: "Skip to content" },
  "console.language.switch": { es: "English", en: "Español" },
  "console.footer": {
    es: "Avala: credenciales verificables para la educación técnica (Open Badges 3.0).",
    en: "Avala: verifiable credentials for technical education (Open Badges 3.0).",
  },
  "console.nav.label": { es: "Secciones", en: "Sections" },
  "console.nav.home": { es: "Inicio", en: "Home" },
  "console.nav.issue": { es: "Emitir una", en: "Issue one" },
  "console.nav.batches": { es: "Grupos", en: "Cohorts" },
  "console.nav.search": { es: "Buscar", en: "Find" },
  "console.nav.catalogue": { es: "Catálogo", en: "Catalogue" },
  "console.nav.admin": { es: "Administración", en: "Administration" },
  "console.nav.platform": { es: "Organizaciones", en: "Organisations" },
  "console.nav.signout": { es: "Cerrar sesión", en: "Sign out" },
  "console.back": { es: "Volver", en: "Back" },
  "console.cancel": { es: "Cancelar", en: "Cancel" },
  "console.save": { es: "Guardar", en: "Save" },
  "console.copy": { es: "Copiar", en: "Copy" },
  "console.copied": { es: "Copiado", en: "Copied" },
  "console.role.admin": { es: "Administración", en: "Admin" },
  "console.role.operator": { es: "Operación", en: "Operator" },
  "console.role.viewer": { es: "Consulta", en: "Viewer" },

  // Errors
  "console.error.bad-request": {
    es: "Algo no cuadra en la solicitud",
    en: "Something is wrong with the request",
  },
  "console.error.forbidden": { es: "No tienes permiso", en: "Not allowed" },
  "console.error.not-found-title": { es: "No encontrado", en: "Not found" },
  "console.error.conflict": { es: "No se puede hacer ahora", en: "Cannot be done now" },
  "console.error.too-large": { es: "Demasiado grande", en: "Too large" },
  "console.error.too-many": { es: "Demasiados intentos", en: "Too many attempts" },
  "console.error.server": { es: "Algo falló de nuestro lado", en: "Something failed on our side" },
  "console.error.code": { es: "Código de estado HTTP: {status}", en: "HTTP status code: {status}" },
  "console.error.home": { es: "Volver al inicio", en: "Back to the start" },
  "console.error.not-found": {
    es: "No hay nada aquí, o no pertenece a tu organización.",
    en: "There is nothing here, or it does not belong to your organisation.",
  },
  "console.error.role": {
    es: "Tu rol no permite esta acción. Pídesela a quien administra tu organización.",
    en: "Your role does not allow this. Ask your organisation's admin.",
  },
  "console.error.csrf": {
    es: "El formulario caducó. Vuelve a cargar la página e inténtalo de nuevo.",
    en: "The form has expired. Reload the page and try again.",
  },
  "console.error.cross-site": {
    es: "Este formulario se envió desde otro sitio y no se aceptó.",
    en: "This form was sent from another site and was not accepted.",
  },

  // Forms
  "console.form.required": { es: "Este campo es obligatorio.", en: "This field is required." },
  "console.form.too-long": { es: "Es demasiado largo.", en: "It is too long." },
  "console.form.email": {
    es: "Escribe un correo electrónico válido.",
    en: "Enter a valid e-mail address.",
  },
  "console.form.format": {
    es: "Revisa el formato de este campo.",
    en: "Check the format of this field.",
  },
  "console.form.range": {
    es: "El número está fuera del rango permitido.",
    en: "The number is out of range.",
  },
  "console.form.choose": { es: "Elige una de las opciones.", en: "Choose one of the options." },
  "console.form.web-link": {
    es: "Escribe una dirección que empiece con https://",
    en: "Enter an address that starts with https://",
  },

  // Sign-in and invitations
  "console.signin.title": { es: "Entrar a la consola", en: "Sign in to the console" },
  "console.signin.intro": {
    es: "Para el personal de las instituciones que emiten credenciales con Avala.",
    en: "For the staff of institutions that issue credentials with Avala.",
  },
  "console.field.email": { es: "Correo electrónico", en: "E-mail" },
  "console.field.password": { es: "Contraseña", en: "Password" },
  "console.field.password-new": { es: "Contraseña nueva", en: "New password" },
  "console.field.name": { es: "Nombre", en: "Name" },
  "console.field.platform-token": {
    es: "Token de administración de la plataforma (AVALA_PLATFORM_ADMIN_TOKEN)",
    en: "Platform admin token (AVALA_PLATFORM_ADMIN_TOKEN)",
  },
  "console.signin.submit": { es: "Entrar", en: "Sign in" },
  "console.signin.invalid": {
    es: "El correo o la contraseña no son correctos.",
    en: "The e-mail or the password is not right.",
  },
  "console.signin.locked": {
    es: "Demasiados intentos fallidos. Vuelve a intentarlo en {minutes} min.",
    en: "Too many failed attempts. Try again in {minutes} min.",
  },
  "console.signin.forgot": {
    es: "¿Olvidaste tu contraseña? Pide ayuda a quien administra tu organización.",
    en: "Forgot your password? Ask your organisation's admin for help.",
  },
  "console.signin.platform-link": {
    es: "¿Administras la plataforma? Entra con su token.",
    en: "Running the platform? Sign in with its token.",
  },
  "console.signin.staff-link": {
    es: "Entrar con correo y contraseña",
    en: "Sign in with e-mail and password",
  },
  "console.password.hint": { es: "Al menos 10 caracteres.", en: "At least 10 characters." },
  "console.password.short": {
    es: "La contraseña necesita al menos 10 caracteres.",
    en: "The password needs at least 10 characters.",
  },
  "console.password.long": {
    es: "La contraseña es demasiado larga.",
    en: "The password is too long.",
  },
  "console.password.weak": {
    es: "Elige una contraseña distinta de tu correo.",
    en: "Choose a password other than your e-mail.",
  },
  "console.invitation.title": {
    es: "Te invitaron a {organisation}",
    en: "You are invited to {organisation}",
  },
  "console.invitation.intro": {
    es: "Elige tu contraseña para entrar a la consola con el rol «{role}» ({email}).",
    en: "Choose your password to enter the console with the role “{role}” ({email}).",
  },
  "console.invitation.submit": { es: "Guardar y entrar", en: "Save and sign in" },
  "console.invitation.gone-title": { es: "Invitación no válida", en: "Invitation not valid" },
  "console.invitation.gone": {
    es: "Este enlace de invitación ya se usó, venció o no existe. Pide otro a quien administra tu organización.",
    en: "This invitation link was used, has expired or does not exist. Ask your organisation's admin for another.",
  },

  // Home
  "console.home.title": { es: "Inicio", en: "Home" },
  "console.home.hello": { es: "Hola, {name}", en: "Hello, {name}" },
  "console.home.org": {
    es: "{organisation} · tu rol: {role}",
    en: "{organisation} · your role: {role}",
  },
  "console.home.welcome": {
    es: "Listo: ya tienes cuenta en la consola.",
    en: "Done: you now have a console account.",
  },
  "console.home.active": { es: "vigentes", en: "active" },
  "console.home.suspended": { es: "suspendidas", en: "suspended" },
  "console.home.revoked": { es: "revocadas", en: "revoked" },
  "console.home.actions": { es: "¿Qué quieres hacer?", en: "What would you like to do?" },
  "console.home.issue-one": { es: "Emitir una credencial", en: "Issue one credential" },
  "console.home.issue-one-hint": {
    es: "Para una persona: llena el formulario y revisa la vista previa.",
    en: "For one learner: fill in the form and check the preview.",
  },
  "console.home.cohort": { es: "Emitir a un grupo", en: "Issue to a cohort" },
  "console.home.cohort-hint": {
    es: "Sube un CSV, revisa los errores por fila y confirma.",
    en: "Upload a CSV, check the errors per row and confirm.",
  },
  "console.home.find": { es: "Buscar y actuar", en: "Find and act" },
  "console.home.find-hint": {
    es: "Por nombre, correo, CURP o grupo; revoca o reenvía el correo.",
    en: "By name, e-mail, CURP or cohort; revoke or resend the e-mail.",
  },
  "console.home.catalogue": { es: "Catálogo", en: "Catalogue" },
  "console.home.catalogue-hint": {
    es: "Unidades, microcredenciales y certificaciones que emites.",
    en: "The units, microcredentials and qualifications you issue.",
  },
  "console.home.recent": { es: "Últimos grupos", en: "Latest cohorts" },

  // Credential kinds and states
  "console.kind.unit": { es: "Unidad de competencia", en: "Unit of competence" },
  "console.kind.microcredential": { es: "Microcredencial", en: "Microcredential" },
  "console.kind.qualification": {
    es: "Certificación (estándar completo)",
    en: "Qualification (whole standard)",
  },
  "console.status.active": { es: "Vigente", en: "Active" },
  "console.status.suspended": { es: "Suspendida", en: "Suspended" },
  "console.status.revoked": { es: "Revocada", en: "Revoked" },

  // Preview of a credential
  "console.preview.title": {
    es: "Así la verán la persona y quien la verifique",
    en: "How the learner and an employer will see it",
  },
  "console.preview.issuer": { es: "Emitida por", en: "Issued by" },
  "console.preview.learner": { es: "Otorgada a", en: "Awarded to" },
  "console.preview.valid": { es: "Vigencia", en: "Validity" },
  "console.preview.valid-from": {
    es: "desde el {from}, sin vencimiento",
    en: "from {from}, no expiry",
  },
  "console.preview.valid-range": { es: "del {from} al {until}", en: "from {from} to {until}" },
  "console.preview.description": { es: "Descripción", en: "Description" },
  "console.preview.criteria": { es: "Criterios", en: "Criteria" },
  "console.preview.level": { es: "Nivel", en: "Level" },
  "console.preview.level-value": {
    es: "Nivel {level} de competencia (CONOCER)",
    en: "Competence level {level} (CONOCER)",
  },
  "console.preview.standard": { es: "Estándar", en: "Standard" },
  "console.preview.units": { es: "Unidades", en: "Units" },
  "console.preview.isced": {
    es: "Campo de formación (ISCED-F)",
    en: "Field of education (ISCED-F)",
  },
  "console.preview.eqf": { es: "Nivel europeo (EQF)", en: "European level (EQF)" },
  "console.preview.eqf-value": {
    es: "Nivel {level}, orientativo",
    en: "Level {level}, indicative",
  },
  "console.preview.image": { es: "Imagen", en: "Image" },
  "console.preview.evidence": { es: "Evidencia", en: "Evidence" },
  "console.preview.identity": {
    es: "La CURP y el correo viajan como huellas cifradas: quien verifica no puede leerlos, solo comprobarlos.",
    en: "The CURP and the e-mail travel as hashes: a verifier cannot read them, only check them.",
  },
  "console.preview.employer": {
    es: "Quien verifique la credencial la ve en su idioma (español o inglés) con estos mismos datos.",
    en: "Whoever verifies the credential sees it in their language (Spanish or English) with these same details.",
  },

  // Issue one
  "console.issue.title": { es: "Emitir una credencial", en: "Issue a credential" },
  "console.issue.intro": {
    es: "Llena los datos de la persona y revisa la vista previa antes de emitir.",
    en: "Fill in the learner's details and check the preview before issuing.",
  },
  "console.issue.no-catalogue": {
    es: "El catálogo está vacío: agrega un logro antes de emitir.",
    en: "The catalogue is empty: add an achievement before issuing.",
  },
  "console.field.learner-name": { es: "Nombre de la persona", en: "Learner's name" },
  "console.field.learner-email": { es: "Correo de la persona", en: "Learner's e-mail" },
  "console.field.learner-email-hint": {
    es: "Le llegará el enlace para guardar la credencial en su cartera.",
    en: "The link to keep the credential in their wallet goes there.",
  },
  "console.field.curp": { es: "CURP (opcional)", en: "CURP (optional)" },
  "console.field.curp-hint": {
    es: "Solo se guarda como huella cifrada, nunca tal cual.",
    en: "Only kept as a keyed hash, never as it is.",
  },
  "console.field.achievement": { es: "Logro del catálogo", en: "Achievement from the catalogue" },
  "console.field.valid-from": { es: "Válida desde", en: "Valid from" },
  "console.field.valid-until": { es: "Válida hasta (opcional)", en: "Valid until (optional)" },
  "console.field.evidence": { es: "Evidencia (opcional)", en: "Evidence (optional)" },
  "console.field.evidence-hint": {
    es: "Una página https con el trabajo de la persona.",
    en: "An https page with the learner's work.",
  },
  "console.field.external-id": { es: "Identificador en tu sistema", en: "Id in your system" },
  "console.field.external-id-hint": {
    es: "Se emite una sola vez por identificador. Si lo dejas vacío, la consola crea uno.",
    en: "Issued once per id. Left empty, the console makes one.",
  },
  "console.issue.preview": { es: "Ver vista previa", en: "Preview" },
  "console.issue.preview-title": { es: "Revisa antes de emitir", en: "Check before issuing" },
  "console.issue.preview-intro": {
    es: "Nada se ha firmado todavía. Si todo está bien, emite; si no, corrige.",
    en: "Nothing has been signed yet. If all is well, issue; if not, change it.",
  },
  "console.issue.confirm": { es: "Emitir", en: "Issue" },
  "console.issue.edit": { es: "Corregir", en: "Change" },
  "console.issue.error.curp": {
    es: "Esa CURP no es válida (18 caracteres).",
    en: "That CURP is not valid (18 characters).",
  },
  "console.issue.error.duplicate": {
    es: "Ya se emitió una credencial con este identificador.",
    en: "A credential was already issued with this id.",
  },
  "console.issue.error.rejected": {
    es: "La credencial no se pudo firmar con estos datos; revisa el logro del catálogo.",
    en: "The credential could not be signed with these details; check the catalogue entry.",
  },

  // Credential page
  "console.credential.title": { es: "Credencial de {name}", en: "Credential of {name}" },
  "console.credential.issued-on": { es: "Emitida el {date}", en: "Issued on {date}" },
  "console.credential.claim": { es: "Entrega a la persona", en: "Delivery to the learner" },
  "console.credential.claim-open": {
    es: "Pendiente de reclamar; el enlace vence el {date}.",
    en: "Not claimed yet; the link expires on {date}.",
  },
  "console.credential.claimed": {
    es: "La persona la guardó en su cartera el {date}.",
    en: "The learner saved it in their wallet on {date}.",
  },
  "console.credential.claim-expired": {
    es: "El enlace venció el {date} sin usarse: reenvía uno nuevo.",
    en: "The link expired on {date} unused: send a new one.",
  },
  "console.credential.claim-revoked": {
    es: "Revocada: ya no se puede reclamar.",
    en: "Revoked: it can no longer be claimed.",
  },
  "console.credential.no-claim": {
    es: "Esta credencial no tiene enlace para reclamar.",
    en: "This credential has no claim link.",
  },
  "console.credential.claim-link": { es: "Enlace para reclamarla", en: "Claim link" },
  "console.credential.qr": { es: "Código QR del enlace", en: "QR code of the link" },
  "console.credential.claim-help": {
    es: "La persona abre el enlace (o escanea el código) para guardar la credencial en su cartera. Sirve una sola vez.",
    en: "The learner opens the link (or scans the code) to keep the credential in their wallet. It works once.",
  },
  "console.credential.claim-link-hidden": {
    es: "El enlace para recibirla, su código y su PIN solo los ve quien puede emitir: son la llave de la credencial.",
    en: "Only staff who can issue see the link to receive it, its code and its PIN: they are the key to the credential.",
  },
  "console.credential.actions": { es: "Acciones", en: "Actions" },
  "console.credential.revoked-final": {
    es: "Revocar es definitivo: esta credencial ya no se puede reactivar.",
    en: "Revoking is final: this credential cannot be reinstated.",
  },
  "console.credential.details": { es: "Datos", en: "Details" },
  "console.credential.pdf": {
    es: "Descargar el certificado en PDF",
    en: "Download PDF certificate",
  },
  "console.credential.pdf-hint": {
    es: "En español e inglés, con un código QR a la página de verificación y la credencial firmada dentro: quien suba el PDF a esa página lo verifica.",
    en: "In Spanish and English, with a QR code to the verify page and the signed credential inside: whoever uploads the PDF to that page verifies it.",
  },
  "console.certificate.not-active": {
    es: "Esta credencial está revocada o suspendida: no se genera un certificado para ella.",
    en: "This credential is revoked or suspended: no certificate is made for it.",
  },
  "console.credential.id": { es: "Identificador de la credencial", en: "Credential id" },
  "console.credential.holder": { es: "Cartera (DID)", en: "Wallet (DID)" },
  "console.credential.history": { es: "Historial", en: "History" },
  "console.history.issue": { es: "Emitida", en: "Issued" },
  "console.history.issue-batch": { es: "Emitida con su grupo", en: "Issued with its cohort" },
  "console.history.resend": { es: "Enlace reenviado", en: "Link sent again" },
  "console.history.revoke": { es: "Revocada", en: "Revoked" },
  "console.history.suspend": { es: "Suspendida", en: "Suspended" },
  "console.history.reinstate": { es: "Reactivada", en: "Reinstated" },
  "console.action.revoke": { es: "Revocar", en: "Revoke" },
  "console.action.suspend": { es: "Suspender", en: "Suspend" },
  "console.action.reinstate": { es: "Reactivar", en: "Reinstate" },
  "console.action.resend": { es: "Reenviar el enlace", en: "Send the link again" },
  "console.notice.issued": { es: "Credencial emitida.", en: "Credential issued." },
  "console.notice.duplicate": {
    es: "Ya estaba emitida con ese identificador: esta es la credencial.",
    en: "It was already issued under that id: this is the credential.",
  },
  "console.notice.revoked": { es: "Credencial revocada.", en: "Credential revoked." },
  "console.notice.suspended": { es: "Credencial suspendida.", en: "Credential suspended." },
  "console.notice.reinstated": { es: "Credencial reactivada.", en: "Credential reinstated." },
  "console.notice.resent": { es: "El enlace se envió de nuevo.", en: "The link was sent again." },
  "console.confirm.who": { es: "Credencial de {name}.", en: "Credential of {name}." },
  "console.confirm.revoke.title": {
    es: "¿Revocar esta credencial?",
    en: "Revoke this credential?",
  },
  "console.confirm.revoke.warning": {
    es: "Es definitivo: quien la verifique la verá revocada de inmediato.",
    en: "It is final: anyone who verifies it will see it revoked at once.",
  },
  "console.confirm.suspend.title": {
    es: "¿Suspender esta credencial?",
    en: "Suspend this credential?",
  },
  "console.confirm.suspend.warning": {
    es: "Quien la verifique la verá suspendida hasta que la reactives.",
    en: "Anyone who verifies it will see it suspended until you reinstate it.",
  },
  "console.confirm.reinstate.title": {
    es: "¿Reactivar esta credencial?",
    en: "Reinstate this credential?",
  },
  "console.confirm.reinstate.warning": {
    es: "Volverá a verse vigente para quien la verifique.",
    en: "It will show as active again to anyone who verifies it.",
  },
  "console.reason.label": { es: "Motivo", en: "Reason" },
  "console.reason.choose": { es: "Elige un motivo…", en: "Choose a reason…" },
  "console.reason.text": { es: "Detalle (opcional)", en: "Details (optional)" },
  "console.reason.required": {
    es: "Elige un motivo de la lista.",
    en: "Choose a reason from the list.",
  },
  "console.reason.data-error": { es: "Datos equivocados", en: "Wrong details" },
  "console.reason.issued-in-error": { es: "Emitida por error", en: "Issued in error" },
  "console.reason.assessment-annulled": { es: "Evaluación anulada", en: "Assessment annulled" },
  "console.reason.fraud": { es: "Fraude o suplantación", en: "Fraud or impersonation" },
  "console.reason.learner-request": {
    es: "A petición de la persona",
    en: "At the learner's request",
  },
  "console.reason.under-review": { es: "En revisión", en: "Under review" },
  "console.reason.review-cleared": { es: "Revisión concluida sin problema", en: "Review cleared" },
  "console.reason.other": { es: "Otro", en: "Other" },
  "console.reason.public": {
    es: "Publicar el motivo junto con el estado",
    en: "Publish the reason with the status",
  },
  "console.reason.public-hint": {
    es: "Quien verifique el certificado verá la fecha y también este motivo y su detalle. Si no lo marcas, solo verá la fecha.",
    en: "Whoever checks the certificate will see the date and also this reason and its details. If you leave it unticked, they see only the date.",
  },
  "console.reason.published": { es: "motivo publicado", en: "reason published" },

  // E-mail delivery
  "console.mail.label": { es: "Correo:", en: "E-mail:" },
  "console.mail.queued": { es: "en cola", en: "queued" },
  "console.mail.sent": { es: "enviado", en: "sent" },
  "console.mail.retrying": { es: "falló; se reintentará", en: "failed; will retry" },
  "console.mail.failed": {
    es: "no se pudo entregar: revisa la dirección",
    en: "could not be delivered: check the address",
  },
  "console.mail.cancelled": { es: "cancelado", en: "cancelled" },
  "console.mail.not-configured": {
    es: "el envío de correo no está configurado: comparte el enlace a mano",
    en: "e-mail is not set up: pass the link on by hand",
  },
  "console.mail.no-address": { es: "sin dirección de correo", en: "no e-mail address" },

  // Search
  "console.search.title": { es: "Buscar credenciales", en: "Find credentials" },
  "console.search.name": { es: "Nombre (o parte)", en: "Name (or part)" },
  "console.search.curp": { es: "CURP", en: "CURP" },
  "console.search.curp-hint": {
    es: "Se compara su huella cifrada; la CURP no se guarda.",
    en: "Its keyed hash is compared; the CURP is not stored.",
  },
  "console.search.curp-invalid": { es: "Esa CURP no es válida.", en: "That CURP is not valid." },
  "console.search.achievement": { es: "Logro", en: "Achievement" },
  "console.search.batch": { es: "Grupo", en: "Cohort" },
  "console.search.status": { es: "Estado", en: "Status" },
  "console.search.any": { es: "Cualquiera", en: "Any" },
  "console.search.submit": { es: "Buscar", en: "Search" },
  "console.search.clear": { es: "Limpiar", en: "Clear" },
  "console.search.results": { es: "Resultados", en: "Results" },
  "console.search.latest": { es: "Emitidas recientemente", en: "Recently issued" },
  "console.search.none": { es: "Nada coincide.", en: "Nothing matches." },
  "console.search.learner": { es: "Persona", en: "Learner" },
  "console.search.issued": { es: "Emitida", en: "Issued" },
  "console.search.more": { es: "Ver más", en: "Show more" },

  // Cohorts
  "console.batches.title": { es: "Grupos", en: "Cohorts" },
  "console.batches.intro": {
    es: "Emite a un grupo completo con un archivo CSV. Nada se firma hasta que confirmes.",
    en: "Issue to a whole cohort with a CSV file. Nothing is signed until you confirm.",
  },
  "console.batches.new": { es: "Subir un grupo", en: "Upload a cohort" },
  "console.batches.list": { es: "Cargas recientes", en: "Recent uploads" },
  "console.batches.none": { es: "Todavía no hay cargas.", en: "No uploads yet." },
  "console.batches.uploaded": { es: "Subido", en: "Uploaded" },
  "console.batches.state": { es: "Estado", en: "State" },
  "console.batches.rows": { es: "Filas", en: "Rows" },
  "console.batches.row-summary": {
    es: "{total} filas: {issued} emitidas, {failed} con errores",
    en: "{total} rows: {issued} issued, {failed} with errors",
  },
  "console.batches.state.draft": { es: "Por confirmar", en: "To confirm" },
  "console.batches.state.processing": { es: "Emitiendo", en: "Issuing" },
  "console.batches.state.completed": { es: "Terminado", en: "Finished" },
  "console.batches.template": { es: "Descarga la plantilla CSV", en: "Download the CSV template" },
  "console.batches.template-hint": {
    es: "Trae una fila de ejemplo llena; bórrala o cámbiala por tus datos.",
    en: "It has a filled example row; delete it or replace it with your data.",
  },
  "console.batches.step-fill": {
    es: "Llénala con una fila por persona (cada columna se explica abajo) y guárdala como CSV UTF-8.",
    en: "Fill it with one row per learner (each column is explained below) and save it as CSV UTF-8.",
  },
  "console.batches.step-upload": {
    es: "Súbela aquí: verás los errores por línea y columna antes de emitir nada.",
    en: "Upload it here: you will see the errors by line and column before anything is issued.",
  },
  "console.batches.file": { es: "Archivo CSV", en: "CSV file" },
  "console.batches.file-hint": {
    es: "Codificado en UTF-8, con la fila de encabezado de la plantilla.",
    en: "Encoded as UTF-8, with the template's header row.",
  },
  "console.batches.purpose": {
    es: "Si luego hay que retirarla",
    en: "If it must be withdrawn later",
  },
  "console.batches.purpose-revocation": {
    es: "Se podrá revocar (lo normal)",
    en: "It can be revoked (the usual)",
  },
  "console.batches.purpose-suspension": {
    es: "Se podrá suspender y reactivar",
    en: "It can be suspended and reinstated",
  },
  "console.batches.upload": { es: "Subir y revisar", en: "Upload and check" },
  "console.batches.columns": { es: "Las columnas", en: "The columns" },
  "console.batches.column": { es: "Columna", en: "Column" },
  "console.batches.meaning": { es: "Qué va ahí", en: "What goes there" },
  "console.batches.required": { es: "obligatoria", en: "required" },
  "console.batches.optional": { es: "opcional", en: "optional" },
  "console.column.externalId": {
    es: "Tu identificador de esta entrega (matrícula y folio, por ejemplo). Se emite una sola vez por identificador: subir el archivo dos veces no duplica nada.",
    en: "Your id for this award (enrolment and folio, for instance). Issued once per id: uploading the file twice duplicates nothing.",
  },
  "console.column.achievementCode": {
    es: "El código del logro en tu catálogo, por ejemplo EC0217.01.",
    en: "The achievement's code in your catalogue, for example EC0217.01.",
  },
  "console.column.email": {
    es: "Correo de la persona: ahí le llega el enlace para reclamarla.",
    en: "The learner's e-mail: the claim link goes there.",
  },
  "console.column.curp": {
    es: "CURP de 18 caracteres; en la credencial solo viaja como huella.",
    en: "18-character CURP; the credential only carries a hash of it.",
  },
  "console.column.name": { es: "Nombre completo de la persona.", en: "The learner's full name." },
  "console.column.validFrom": {
    es: "Desde cuándo vale, AAAA-MM-DD. Vacío: hoy.",
    en: "Valid from, YYYY-MM-DD. Empty: today.",
  },
  "console.column.validUntil": {
    es: "Hasta cuándo vale, AAAA-MM-DD. Vacío: no vence.",
    en: "Valid until, YYYY-MM-DD. Empty: no expiry.",
  },
  "console.column.did": {
    es: "Solo si la persona ya tiene cartera: su DID. Normalmente vacío.",
    en: "Only if the learner already has a wallet: its DID. Usually empty.",
  },
  "console.batches.no-file": { es: "Elige un archivo CSV.", en: "Choose a CSV file." },
  "console.batches.not-text": {
    es: "El archivo no es de texto: guárdalo como CSV UTF-8.",
    en: "The file is not text: save it as CSV UTF-8.",
  },
  "console.batches.malformed": {
    es: "El archivo no se pudo leer como CSV; revisa la línea indicada.",
    en: "The file could not be read as CSV; check the line shown.",
  },
  "console.batches.errors": { es: "Filas con errores", en: "Rows with errors" },
  "console.batches.line": { es: "Línea", en: "Line" },
  "console.batches.problem": { es: "Problema", en: "Problem" },
  "console.batches.uploaded-by": {
    es: "Subido el {date} por {who}",
    en: "Uploaded on {date} by {who}",
  },
  "console.batches.preview-title": { es: "Revisión antes de emitir", en: "Check before issuing" },
  "console.batches.ready": { es: "{count} listas para emitir", en: "{count} ready to issue" },
  "console.batches.preview-summary": {
    es: "De {total} filas, {ok} están bien y {bad} tienen errores.",
    en: "Of {total} rows, {ok} are fine and {bad} have errors.",
  },
  "console.batches.preview-note": {
    es: "Las filas con errores no se emitirán. Corrige el archivo y súbelo de nuevo, o confirma para emitir las correctas.",
    en: "The rows with errors will not be issued. Fix the file and upload it again, or confirm to issue the good ones.",
  },
  "console.batches.confirm": { es: "Confirmar y emitir {count}", en: "Confirm and issue {count}" },
  "console.batches.discard": { es: "Descartar la carga", en: "Discard the upload" },
  "console.batches.confirmed": { es: "Confirmado: emitiendo.", en: "Confirmed: issuing." },
  "console.batches.progress-title": { es: "Emitiendo el grupo", en: "Issuing the cohort" },
  "console.batches.report-title": { es: "Informe del grupo", en: "Cohort report" },
  "console.batches.progress": { es: "Avance", en: "Progress" },
  "console.batches.progress-counts": {
    es: "{percent} %: {done} de {total} filas ({issued} emitidas, {skipped} ya emitidas antes, {failed} con errores).",
    en: "{percent}%: {done} of {total} rows ({issued} issued, {skipped} issued before, {failed} with errors).",
  },
  "console.batches.results": { es: "Descargar resultados (CSV)", en: "Download results (CSV)" },
  "console.batches.claims": {
    es: "Descargar enlaces para reclamar (CSV)",
    en: "Download claim links (CSV)",
  },
  "console.batches.find": { es: "Ver sus credenciales", en: "See its credentials" },

  // Catalogue
  "console.catalogue.title": { es: "Catálogo", en: "Catalogue" },
  "console.catalogue.intro": {
    es: "Lo que tu organización certifica: unidades de competencia, microcredenciales y certificaciones.",
    en: "What your organisation certifies: units of competence, microcredentials and qualifications.",
  },
  "console.catalogue.new": { es: "Agregar un logro", en: "Add an achievement" },
  "console.catalogue.edit": { es: "Logro {code}", en: "Achievement {code}" },
  "console.catalogue.empty": { es: "El catálogo está vacío.", en: "The catalogue is empty." },
  "console.catalogue.read-only": {
    es: "Solo quien administra puede cambiar el catálogo.",
    en: "Only an admin can change the catalogue.",
  },
  "console.catalogue.code": { es: "Código", en: "Code" },
  "console.catalogue.code-hint": {
    es: "El código CONOCER (EC0217.01), de la unidad o la clave SEP. No cambia después.",
    en: "The CONOCER code (EC0217.01), the unit's, or the SEP key. It does not change later.",
  },
  "console.catalogue.kind": { es: "Tipo", en: "Kind" },
  "console.catalogue.framework": { es: "Marco", en: "Framework" },
  "console.catalogue.framework-default": {
    es: "Según el tipo (CONOCER o SEP)",
    en: "By kind (CONOCER or SEP)",
  },
  "console.catalogue.framework-institution": {
    es: "Propio de la institución",
    en: "The institution's own",
  },
  "console.catalogue.name-es": { es: "Nombre en español", en: "Name in Spanish" },
  "console.catalogue.name-en": { es: "Nombre en inglés", en: "Name in English" },
  "console.catalogue.description-es": {
    es: "Descripción en español",
    en: "Description in Spanish",
  },
  "console.catalogue.description-en": { es: "Descripción en inglés", en: "Description in English" },
  "console.catalogue.criteria-es": { es: "Criterios en español", en: "Criteria in Spanish" },
  "console.catalogue.criteria-en": { es: "Criterios en inglés", en: "Criteria in English" },
  "console.catalogue.level": { es: "Nivel CONOCER", en: "CONOCER level" },
  "console.catalogue.level-hint": { es: "De 1 a 5.", en: "From 1 to 5." },
  "console.catalogue.eqf": { es: "Nivel EQF orientativo", en: "Indicative EQF level" },
  "console.catalogue.eqf-hint": {
    es: "De 1 a 8, para quien lea la credencial en Europa.",
    en: "From 1 to 8, for readers in Europe.",
  },
  "console.catalogue.isced-code": { es: "Código ISCED-F", en: "ISCED-F code" },
  "console.catalogue.isced-hint": {
    es: "De 2 a 4 dígitos, por ejemplo 0613.",
    en: "2 to 4 digits, e.g. 0613.",
  },
  "console.catalogue.isced-name": { es: "Campo ISCED-F", en: "ISCED-F field" },
  "console.catalogue.standard": { es: "Estándar al que pertenece", en: "Standard it belongs to" },
  "console.catalogue.standard-hint": {
    es: "Para una unidad: el código del estándar.",
    en: "For a unit: the standard's code.",
  },
  "console.catalogue.sector": { es: "Sector", en: "Sector" },
  "console.catalogue.image": { es: "Imagen de la insignia", en: "Badge image" },
  "console.catalogue.image-hint": {
    es: "Dirección https de la imagen (opcional).",
    en: "The image's https address (optional).",
  },
  "console.catalogue.units": { es: "Unidades que requiere", en: "Units it requires" },
  "console.catalogue.units-hint": {
    es: "Para una certificación: marca sus unidades del catálogo.",
    en: "For a qualification: tick its units from the catalogue.",
  },
  "console.catalogue.save": { es: "Guardar", en: "Save" },
  "console.catalogue.created": {
    es: "Logro agregado al catálogo.",
    en: "Achievement added to the catalogue.",
  },
  "console.catalogue.saved": {
    es: "Cambios guardados. Las credenciales ya emitidas no cambian.",
    en: "Changes saved. Credentials already issued do not change.",
  },
  "console.catalogue.sample-learner": { es: "Ana López García", en: "Ana López García" },
  "console.catalogue.issue-this": { es: "Emitir este logro", en: "Issue this achievement" },
  "console.catalogue.error.code": {
    es: "Usa letras, números, «.», «_» y «-» (hasta 64).",
    en: "Use letters, digits, '.', '_' and '-' (up to 64).",
  },
  "console.catalogue.error.level": { es: "Un número del 1 al 5.", en: "A number from 1 to 5." },
  "console.catalogue.error.eqf": { es: "Un número del 1 al 8.", en: "A number from 1 to 8." },
  "console.catalogue.error.isced": { es: "De 2 a 4 dígitos.", en: "2 to 4 digits." },
  "console.catalogue.error.exists": {
    es: "Ya hay un logro con ese código.",
    en: "There is already an achievement with that code.",
  },
  "console.catalogue.error.unit": {
    es: "Una de las unidades no está en el catálogo como unidad.",
    en: "One of the units is not in the catalogue as a unit.",
  },
  "console.catalogue.error.unit-has-units": {
    es: "Una unidad no lista otras unidades.",
    en: "A unit does not list other units.",
  },

  // Administration
  "console.admin.title": { es: "Administración", en: "Administration" },
  "console.admin.staff": { es: "Personal", en: "Staff" },
  "console.admin.tokens": { es: "Tokens de la API", en: "API tokens" },
  "console.admin.keys": { es: "Claves de firma", en: "Signing keys" },
  "console.admin.accreditation": { es: "Acreditación", en: "Accreditation" },
  "console.admin.audit": { es: "Bitácora", en: "Audit log" },
  "console.admin.settings": { es: "Ajustes", en: "Settings" },
  "console.settings.credentials": {
    es: "Qué llevan las credenciales",
    en: "What credentials carry",
  },
  "console.settings.learner-name": {
    es: "Poner el nombre de la persona en sus credenciales",
    en: "Put the learner's name in their credentials",
  },
  "console.settings.learner-name-hint": {
    es: "El nombre va tal como lo registraste, para que quien verifique la credencial sepa de quién es. Sin él, la credencial solo lleva la CURP y el correo de forma oculta, que no se puede leer pero sí comparar. El cambio vale para las credenciales que emitas desde ahora; las ya emitidas no cambian.",
    en: "The name goes in as you recorded it, so that whoever checks the credential knows whose it is. Without it, the credential carries the CURP and e-mail only in a hidden form that cannot be read, only compared. The change applies to credentials you issue from now on; those already issued do not change.",
  },
  "console.settings.saved": { es: "Ajustes guardados.", en: "Settings saved." },
  "console.staff.role": { es: "Rol", en: "Role" },
  "console.staff.role-of": { es: "Rol de {name}", en: "Role of {name}" },
  "console.staff.state": { es: "Cuenta", en: "Account" },
  "console.staff.state.invited": { es: "Invitación pendiente", en: "Invitation pending" },
  "console.staff.state.active": { es: "Activa", en: "Active" },
  "console.staff.state.disabled": { es: "Desactivada", en: "Disabled" },
  "console.staff.invited-until": {
    es: "el enlace vence el {date}",
    en: "the link expires on {date}",
  },
  "console.staff.disable": { es: "Desactivar", en: "Disable" },
  "console.staff.enable": { es: "Activar", en: "Enable" },
  "console.staff.invite": { es: "Invitar a una persona", en: "Invite someone" },
  "console.staff.invite-intro": {
    es: "Recibirá un enlace para elegir su contraseña; vence en 7 días.",
    en: "They get a link to choose their password; it expires in 7 days.",
  },
  "console.staff.invite-submit": { es: "Invitar", en: "Invite" },
  "console.staff.roles-help": {
    es: "Consulta: ve todo. Operación: además emite, revoca y reenvía. Administración: además gestiona personal, catálogo, tokens, claves y acreditación.",
    en: "Viewer: sees everything. Operator: also issues, revokes and resends. Admin: also manages staff, catalogue, tokens, keys and accreditation.",
  },
  "console.staff.invited": {
    es: "Invitación creada para {email}.",
    en: "Invitation made for {email}.",
  },
  "console.staff.invitation-link": {
    es: "Enlace de invitación (compártelo si el correo no llega)",
    en: "Invitation link (pass it on if the e-mail does not arrive)",
  },
  "console.staff.changed": {
    es: "Cuenta de {name} actualizada.",
    en: "Account of {name} updated.",
  },
  "console.staff.error.email": {
    es: "Escribe un correo electrónico válido.",
    en: "Enter a valid e-mail address.",
  },
  "console.staff.error.name": {
    es: "Escribe un nombre (hasta 200 caracteres).",
    en: "Enter a name (up to 200 characters).",
  },
  "console.staff.error.taken": {
    es: "Ese correo ya tiene una cuenta en la consola.",
    en: "That e-mail already has a console account.",
  },
  "console.staff.not-found": {
    es: "No se encontró a esa persona.",
    en: "That person was not found.",
  },
  "console.staff.last-admin": {
    es: "Debe quedar al menos una persona activa con rol de administración.",
    en: "At least one active admin must remain.",
  },
  "console.staff.self": {
    es: "No puedes cambiar tu propia cuenta aquí.",
    en: "You cannot change your own account here.",
  },
  "console.tokens.intro": {
    es: "Los tokens son para sistemas (tu sistema escolar, por ejemplo), no para personas.",
    en: "Tokens are for systems (your student information system, for instance), not for people.",
  },
  "console.tokens.none": { es: "No hay tokens.", en: "No tokens." },
  "console.tokens.label": { es: "Para qué es", en: "What it is for" },
  "console.tokens.label-hint": {
    es: "Por ejemplo: exportación nocturna del sistema escolar.",
    en: "For example: nightly export from the student system.",
  },
  "console.tokens.created-at": { es: "Creado", en: "Created" },
  "console.tokens.revoked-at": { es: "revocado el {date}", en: "revoked on {date}" },
  "console.tokens.revoke": { es: "Revocar", en: "Revoke" },
  "console.tokens.new": { es: "Crear un token", en: "Create a token" },
  "console.tokens.create": { es: "Crear", en: "Create" },
  "console.tokens.created": { es: "Token creado: {label}", en: "Token created: {label}" },
  "console.tokens.once": {
    es: "Cópialo ahora: no se volverá a mostrar.",
    en: "Copy it now: it will not be shown again.",
  },
  "console.tokens.token": { es: "Token", en: "Token" },
  "console.keys.did": {
    es: "Identificador (DID) de tu organización:",
    en: "Your organisation's identifier (DID):",
  },
  "console.keys.key": { es: "Clave", en: "Key" },
  "console.keys.created": { es: "Creada", en: "Created" },
  "console.keys.state": { es: "Estado", en: "State" },
  "console.keys.current": { es: "Firma ahora", en: "Signs now" },
  "console.keys.retired": { es: "Retirada el {date}", en: "Retired on {date}" },
  "console.keys.rotate": { es: "Rotar la clave de firma", en: "Rotate the signing key" },
  "console.keys.rotate-help": {
    es: "Se crea una clave nueva que firmará desde ahora. Lo ya emitido se sigue verificando: la clave anterior queda publicada.",
    en: "A new key is made that signs from now on. What was issued still verifies: the old key stays published.",
  },
  "console.keys.rotate-confirm": { es: "Sí, rotar la clave", en: "Yes, rotate the key" },
  "console.keys.rotated": { es: "Clave rotada.", en: "Key rotated." },
  "console.keys.did-key": {
    es: "Tu organización usa did:key: su identificador es la clave y no se puede rotar.",
    en: "Your organisation uses did:key: its identifier is the key and cannot be rotated.",
  },
  "console.accreditation.received": {
    es: "Quién acredita a tu organización",
    en: "Who accredits your organisation",
  },
  "console.accreditation.none-received": {
    es: "Nadie la acredita todavía: quien verifique verá «emisor no reconocido».",
    en: "Nobody accredits it yet: verifiers will see “issuer not recognised”.",
  },
  "console.accreditation.given": {
    es: "A quién acredita tu organización",
    en: "Whom your organisation accredits",
  },
  "console.accreditation.none-given": { es: "A nadie.", en: "Nobody." },
  "console.accreditation.by": { es: "Acredita", en: "Accredited by" },
  "console.accreditation.to": { es: "Organización", en: "Organisation" },
  "console.accreditation.comment": { es: "Declaración", en: "Statement" },
  "console.accreditation.valid": { es: "Vigencia", en: "Validity" },
  "console.accreditation.may-accredit": {
    es: "con derecho a acreditar a otras",
    en: "with the right to accredit others",
  },
  "console.accreditation.withdrawn": { es: "retirada el {date}", en: "withdrawn on {date}" },
  "console.accreditation.withdraw": { es: "Retirar", en: "Withdraw" },
  "console.accreditation.withdraw-confirm": { es: "Sí, retirarla", en: "Yes, withdraw it" },
  "console.accreditation.withdrawn-now": {
    es: "Acreditación retirada: deja de contar de inmediato.",
    en: "Accreditation withdrawn: it stops counting at once.",
  },
  "console.accreditation.endorse": {
    es: "Acreditar a una organización",
    en: "Accredit an organisation",
  },
  "console.accreditation.comment-es": { es: "Declaración en español", en: "Statement in Spanish" },
  "console.accreditation.comment-en": { es: "Declaración en inglés", en: "Statement in English" },
  "console.accreditation.grant": {
    es: "Darle también el derecho a acreditar a otras (solo una autoridad puede)",
    en: "Also grant the right to accredit others (only an authority can)",
  },
  "console.accreditation.endorse-submit": { es: "Acreditar", en: "Accredit" },
  "console.accreditation.endorsed": { es: "Acreditación firmada.", en: "Accreditation signed." },
  "console.accreditation.cannot": {
    es: "Tu organización no tiene derecho a acreditar a otras.",
    en: "Your organisation has no right to accredit others.",
  },
  "console.accreditation.error.form": {
    es: "Revisa la organización y la declaración en español.",
    en: "Check the organisation and the statement in Spanish.",
  },
  "console.audit.intro": {
    es: "Todo lo que se hace en la consola: quién, cuándo y qué.",
    en: "Everything done in the console: who, when and what.",
  },
  "console.audit.none": { es: "Nada registrado todavía.", en: "Nothing recorded yet." },
  "console.audit.when": { es: "Cuándo", en: "When" },
  "console.audit.who": { es: "Quién", en: "Who" },
  "console.audit.what": { es: "Qué", en: "What" },
  "console.audit.subject": { es: "Sobre", en: "About" },
  "console.audit.detail.email": { es: "correo", en: "e-mail" },
  "console.audit.detail.role": { es: "rol", en: "role" },
  "console.audit.detail.reason": { es: "motivo", en: "reason" },
  "console.audit.detail.from": { es: "antes", en: "before" },
  "console.audit.detail.to": { es: "después", en: "after" },
  "console.audit.detail.rows": { es: "filas", en: "rows" },
  "console.audit.detail.invalid": { es: "con errores", en: "with errors" },
  "console.audit.detail.label": { es: "para qué", en: "for" },
  "console.audit.detail.subject": { es: "organización", en: "organisation" },
  "console.audit.detail.mayAccredit": { es: "puede acreditar", en: "may accredit" },
  "console.audit.detail.achievement": { es: "logro", en: "achievement" },
  "console.audit.detail.externalId": { es: "identificador", en: "id" },
  "console.audit.detail.publicReason": { es: "motivo publicado", en: "reason published" },
  "console.audit.detail.learnerName": {
    es: "nombre en las credenciales",
    en: "name in credentials",
  },
  "console.audit.action.organisation.settings": {
    es: "Cambió los ajustes",
    en: "Changed the settings",
  },
  "console.yes": { es: "sí", en: "yes" },
  "console.no": { es: "no", en: "no" },
  "console.audit.action.organisation.create": {
    es: "Creó la organización",
    en: "Created the organisation",
  },
  "console.audit.action.staff.invite": { es: "Invitó a una persona", en: "Invited someone" },
  "console.audit.action.staff.accept": {
    es: "Aceptó la invitación",
    en: "Accepted the invitation",
  },
  "console.audit.action.staff.role": { es: "Cambió un rol", en: "Changed a role" },
  "console.audit.action.staff.disable": { es: "Desactivó una cuenta", en: "Disabled an account" },
  "console.audit.action.staff.enable": { es: "Activó una cuenta", en: "Enabled an account" },
  "console.audit.action.token.create": { es: "Creó un token", en: "Created a token" },
  "console.audit.action.token.revoke": { es: "Revocó un token", en: "Revoked a token" },
  "console.audit.action.key.rotate": {
    es: "Rotó la clave de firma",
    en: "Rotated the signing key",
  },
  "console.audit.action.achievement.create": { es: "Agregó un logro", en: "Added an achievement" },
  "console.audit.action.achievement.update": {
    es: "Cambió un logro",
    en: "Changed an achievement",
  },
  "console.audit.action.credential.issue": {
    es: "Emitió una credencial",
    en: "Issued a credential",
  },
  "console.audit.action.credential.revoke": {
    es: "Revocó una credencial",
    en: "Revoked a credential",
  },
  "console.audit.action.credential.suspend": {
    es: "Suspendió una credencial",
    en: "Suspended a credential",
  },
  "console.audit.action.credential.reinstate": {
    es: "Reactivó una credencial",
    en: "Reinstated a credential",
  },
  "console.audit.action.credential.resend": { es: "Reenvió un enlace", en: "Sent a link again" },
  "console.audit.action.batch.upload": { es: "Subió un grupo", en: "Uploaded a cohort" },
  "console.audit.action.batch.confirm": { es: "Confirmó un grupo", en: "Confirmed a cohort" },
  "console.audit.action.batch.discard": { es: "Descartó un grupo", en: "Discarded a cohort" },
  "console.audit.action.endorsement.create": {
    es: "Acreditó a una organización",
    en: "Accredited an organisation",
  },
  "console.audit.action.endorsement.withdraw": {
    es: "Retiró una acreditación",
    en: "Withdrew an accreditation",
  },

  // Platform
  "console.platform.badge": {
    es: "Administración de la plataforma",
    en: "Platform administration",
  },
  "console.platform.signin.title": {
    es: "Administración de la plataforma",
    en: "Platform administration",
  },
  "console.platform.off": {
    es: "La administración de la plataforma no está configurada en este servidor.",
    en: "Platform administration is not configured on this server.",
  },
  "console.platform.title": { es: "Organizaciones", en: "Organisations" },
  "console.platform.slug": { es: "Identificador", en: "Identifier" },
  "console.platform.slug-hint": {
    es: "Minúsculas, números y guiones; forma parte de su DID.",
    en: "Lower-case letters, digits and hyphens; part of its DID.",
  },
  "console.platform.kind": { es: "Tipo", en: "Kind" },
  "console.platform.authority": { es: "autoridad", en: "authority" },
  "console.platform.new": { es: "Nueva organización", en: "New organisation" },
  "console.platform.new-intro": {
    es: "Se crea con su clave de firma y se invita a su primera persona con rol de administración.",
    en: "It is made with its signing key, and its first admin is invited.",
  },
  "console.platform.name-es": { es: "Nombre oficial en español", en: "Official name in Spanish" },
  "console.platform.name-en": {
    es: "Nombre en inglés (opcional)",
    en: "Name in English (optional)",
  },
  "console.platform.url": { es: "Sitio web (https)", en: "Web site (https)" },
  "console.platform.email": { es: "Correo de contacto", en: "Contact e-mail" },
  "console.platform.did": { es: "Tipo de identificador", en: "Kind of identifier" },
  "console.platform.did-web": {
    es: "did:web (recomendado: permite rotar la clave)",
    en: "did:web (recommended: the key can be rotated)",
  },
  "console.platform.did-key": {
    es: "did:key (la clave es el identificador)",
    en: "did:key (the key is the identifier)",
  },
  "console.platform.first-admin": {
    es: "Primera persona con rol de administración",
    en: "First admin",
  },
  "console.platform.create": { es: "Crear e invitar", en: "Create and invite" },
  "console.platform.created": { es: "Organización creada", en: "Organisation created" },
  "console.platform.created-text": {
    es: "Se creó {name} ({slug}).",
    en: "{name} ({slug}) was created.",
  },
  "console.platform.invited": {
    es: "Se invitó a {email} a administrarla.",
    en: "{email} was invited to run it.",
  },
  "console.platform.error.slug": {
    es: "Minúsculas, números y guiones (de 1 a 63).",
    en: "Lower-case letters, digits and hyphens (1 to 63).",
  },
  "console.platform.error.slug-taken": {
    es: "Ya hay una organización con ese identificador.",
    en: "There is already an organisation with that identifier.",
  },
  "console.org-kind.sep": { es: "SEP", en: "SEP" },
  "console.org-kind.conocer": { es: "CONOCER", en: "CONOCER" },
  "console.org-kind.certification-body": {
    es: "Entidad de certificación",
    en: "Certification body",
  },
  "console.org-kind.assessment-centre": { es: "Centro de evaluación", en: "Assessment centre" },
  "console.org-kind.school": { es: "Escuela", en: "School" },
  "console.org-kind.private-institution": {
    es: "Institución particular",
    en: "Private institution",
  },
  "console.org-kind.foreign-institution": {
    es: "Institución extranjera",
    en: "Foreign institution",
  },
  "console.org-kind.platform": { es: "Plataforma", en: "Platform" },
} satisfies Record<string, LocalizedText>;
