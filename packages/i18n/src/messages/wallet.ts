import type { LocalizedText } from "../locale.js";

/** The learner's web wallet: its pages, forms and notices. */
export const walletMessages = {
  "wallet.brand": { es: "Avala · Cartera", en: "Avala · Wallet" },
  "wallet.footer": {
    es: "Avala: certificados verificables de la educación técnica y la formación para el trabajo en México.",
    en: "Avala: verifiable certificates for technical and vocational education in Mexico.",
  },
  "wallet.language.switch": { es: "English", en: "Español" },
  // Each language by its own name, whatever the page's language.
  "wallet.language.es": { es: "Español", en: "Español" },
  "wallet.language.en": { es: "English", en: "English" },
  "wallet.nav.label": { es: "Secciones de la cartera", en: "Wallet sections" },
  "wallet.nav.skip": { es: "Ir al contenido", en: "Skip to content" },
  "wallet.nav.credentials": { es: "Credenciales", en: "Credentials" },
  "wallet.nav.add": { es: "Añadir", en: "Add" },
  "wallet.nav.shares": { es: "Enlaces", en: "Links" },
  "wallet.nav.account": { es: "Cuenta", en: "Account" },

  "wallet.landing.title": {
    es: "Tus certificados, siempre contigo",
    en: "Your certificates, always with you",
  },
  "wallet.landing.lead": {
    es: "Reúne tus certificados SEP, de competencia CONOCER y del extranjero en un solo lugar, y muéstralos a quien te contrate con un enlace o un código QR que cualquiera puede verificar.",
    en: "Keep your SEP, CONOCER competence and foreign certificates in one place, and show them to employers with a link or a QR code anyone can verify.",
  },
  "wallet.landing.receive.title": { es: "Recibe", en: "Receive" },
  "wallet.landing.receive.text": {
    es: "Acepta el certificado que te ofrece tu escuela o centro evaluador, o importa uno que ya tengas.",
    en: "Accept the certificate your school or assessment centre offers you, or import one you already have.",
  },
  "wallet.landing.hold.title": { es: "Guarda", en: "Keep" },
  "wallet.landing.hold.text": {
    es: "Ve qué acredita cada certificado, quién lo emitió y tu avance hacia cada estándar de competencia.",
    en: "See what each certificate proves, who issued it and your progress toward each competence standard.",
  },
  "wallet.landing.share.title": { es: "Comparte", en: "Share" },
  "wallet.landing.share.text": {
    es: "Crea enlaces con caducidad, cuenta sus visitas y retíralos cuando quieras.",
    en: "Create links that expire, count their views and withdraw them whenever you like.",
  },

  "wallet.signup.action": { es: "Crear cuenta", en: "Create an account" },
  "wallet.signup.title": { es: "Crear tu cartera", en: "Create your wallet" },
  "wallet.signup.lead": {
    es: "Tu cartera recibe una llave propia que firma por ti; nadie más puede usarla.",
    en: "Your wallet gets its own key that signs for you; nobody else can use it.",
  },
  "wallet.signup.name": { es: "Nombre", en: "Name" },
  "wallet.signup.email": { es: "Correo electrónico", en: "E-mail" },
  "wallet.signup.password": { es: "Contraseña", en: "Password" },
  "wallet.signup.password.hint": {
    es: "Al menos 10 caracteres. Una frase que recuerdes es mejor que una palabra rara.",
    en: "At least 10 characters. A phrase you remember beats an odd word.",
  },
  "wallet.signup.submit": { es: "Crear mi cartera", en: "Create my wallet" },
  "wallet.signup.have-account": { es: "¿Ya tienes cuenta?", en: "Already have an account?" },
  "wallet.signup.error.name": { es: "Escribe tu nombre.", en: "Enter your name." },
  "wallet.signup.error.email": {
    es: "Escribe un correo electrónico válido.",
    en: "Enter a valid e-mail address.",
  },
  "wallet.signup.error.taken": {
    es: "Ya existe una cartera con este correo. Inicia sesión.",
    en: "A wallet with this e-mail already exists. Sign in.",
  },
  "wallet.signup.error.short": {
    es: "La contraseña debe tener al menos 10 caracteres.",
    en: "The password needs at least 10 characters.",
  },
  "wallet.signup.error.long": {
    es: "La contraseña es demasiado larga.",
    en: "The password is too long.",
  },
  "wallet.signup.error.weak": {
    es: "Elige una contraseña distinta de tu correo.",
    en: "Choose a password other than your e-mail.",
  },

  "wallet.signin.action": { es: "Iniciar sesión", en: "Sign in" },
  "wallet.signin.title": { es: "Iniciar sesión", en: "Sign in" },
  "wallet.signin.submit": { es: "Entrar", en: "Sign in" },
  "wallet.signin.no-account": { es: "¿Aún no tienes cartera?", en: "No wallet yet?" },
  "wallet.signin.to-claim": {
    es: "Inicia sesión o crea tu cartera para recibir el certificado que te ofrecen.",
    en: "Sign in or create your wallet to receive the certificate you are offered.",
  },
  "wallet.signin.error.invalid": {
    es: "El correo o la contraseña no son correctos.",
    en: "The e-mail or the password is not correct.",
  },
  "wallet.signin.error.locked": {
    es: "Demasiados intentos fallidos. Intenta de nuevo en {minutes} min.",
    en: "Too many failed attempts. Try again in {minutes} min.",
  },

  "wallet.notice.welcome": {
    es: "¡Listo! Tu cartera está creada.",
    en: "Done! Your wallet is ready.",
  },
  "wallet.notice.deleted": {
    es: "La credencial se quitó de tu cartera.",
    en: "The credential was removed from your wallet.",
  },
  "wallet.notice.claimed": {
    es: "El certificado ya está en tu cartera.",
    en: "The certificate is now in your wallet.",
  },
  "wallet.notice.share-created": {
    es: "Enlace creado. Cópialo o muestra el código QR.",
    en: "Link created. Copy it or show the QR code.",
  },
  "wallet.notice.share-revoked": {
    es: "Enlace retirado: ya nadie puede abrirlo.",
    en: "Link withdrawn: nobody can open it any more.",
  },
  "wallet.notice.not-found": {
    es: "No se encontró lo que buscabas.",
    en: "What you were looking for was not found.",
  },
  "wallet.notice.no-qr": {
    es: "No se pudo leer un código QR en esa imagen. Prueba con una captura de pantalla nítida en PNG o pega el enlace.",
    en: "No QR code could be read in that image. Try a sharp PNG screenshot, or paste the link.",
  },

  "wallet.list.title": { es: "Mis credenciales", en: "My credentials" },
  "wallet.list.add": { es: "Añadir credencial", en: "Add a credential" },
  "wallet.list.greeting": { es: "Hola, {name}.", en: "Hello, {name}." },
  "wallet.list.count.one": { es: "Tienes 1 credencial.", en: "You hold 1 credential." },
  "wallet.list.count.other": {
    es: "Tienes {count} credenciales.",
    en: "You hold {count} credentials.",
  },
  "wallet.list.held": { es: "Credenciales", en: "Credentials" },
  "wallet.list.select": { es: "Seleccionar «{name}»", en: "Select “{name}”" },
  "wallet.list.share-selected": {
    es: "Compartir las seleccionadas",
    en: "Share the selected ones",
  },
  "wallet.list.empty.title": { es: "Tu cartera está vacía", en: "Your wallet is empty" },
  "wallet.list.empty.text": {
    es: "Acepta el certificado que te ofrece tu escuela o centro evaluador, o importa uno que ya tengas.",
    en: "Accept the certificate your school or assessment centre offers you, or import one you already have.",
  },

  "wallet.stacks.title": { es: "Avance por estándar", en: "Progress by standard" },
  "wallet.stacks.lead": {
    es: "Las unidades de competencia que ya acreditaste cuentan para el estándar completo.",
    en: "The units of competence you have proved count toward the whole standard.",
  },
  "wallet.stacks.progress": {
    es: "{held} de {total} unidades de {code}",
    en: "{held} of {total} units of {code}",
  },
  "wallet.stacks.progress-unknown.one": { es: "1 unidad de {code}", en: "1 unit of {code}" },
  "wallet.stacks.progress-unknown.other": {
    es: "{held} unidades de {code}",
    en: "{held} units of {code}",
  },
  "wallet.stacks.complete": {
    es: "Estándar {code} completo",
    en: "Standard {code} complete",
  },
  "wallet.stacks.done": { es: "Completo", en: "Complete" },

  "wallet.status.valid": { es: "Válida", en: "Valid" },
  "wallet.status.warnings": { es: "Válida, con avisos", en: "Valid, with warnings" },
  "wallet.status.unknown-issuer": { es: "Emisor no reconocido", en: "Unrecognised issuer" },
  "wallet.status.expired": { es: "Vencida", en: "Expired" },
  "wallet.status.suspended": { es: "Suspendida", en: "Suspended" },
  "wallet.status.revoked": { es: "Revocada", en: "Revoked" },
  "wallet.status.invalid": { es: "No válida", en: "Not valid" },
  "wallet.trust.authority": { es: "Autoridad", en: "Authority" },
  "wallet.trust.accredited": { es: "Emisor acreditado", en: "Accredited issuer" },
  "wallet.trust.accredited-by": {
    es: "Acreditado por {authority}",
    en: "Accredited by {authority}",
  },
  "wallet.trust.unknown": {
    es: "Emisor extranjero o desconocido",
    en: "Foreign or unknown issuer",
  },
  "wallet.trust.not-checked": { es: "Acreditación sin revisar", en: "Accreditation not checked" },
  "wallet.verdict.valid": {
    es: "Auténtica y vigente",
    en: "Genuine and current",
  },
  "wallet.verdict.warnings": {
    es: "Auténtica, con avisos",
    en: "Genuine, with warnings",
  },
  "wallet.verdict.invalid": {
    es: "No es válida en este momento",
    en: "Not valid at the moment",
  },
  "wallet.verdict.all-passed": {
    es: "Todas las comprobaciones pasaron.",
    en: "Every check passed.",
  },

  "wallet.detail.back": { es: "Mis credenciales", en: "My credentials" },
  "wallet.detail.unknown-issuer": {
    es: "Nadie en el registro de confianza respalda a este emisor (puede ser extranjero). La firma es auténtica, pero quien la revise decidirá si confía en él.",
    en: "Nobody in the trust registry vouches for this issuer (it may be foreign). The signature is genuine, but whoever checks it decides whether to trust the issuer.",
  },
  "wallet.detail.what": { es: "Qué acredita", en: "What it proves" },
  "wallet.detail.kind": { es: "Tipo", en: "Type" },
  "wallet.detail.code": { es: "Clave", en: "Code" },
  "wallet.detail.level": { es: "Nivel", en: "Level" },
  "wallet.detail.standard": { es: "Estándar de competencia", en: "Competence standard" },
  "wallet.detail.criteria": { es: "Criterios", en: "Criteria" },
  "wallet.detail.units": {
    es: "Unidades de competencia ({count})",
    en: "Units of competence ({count})",
  },
  "wallet.detail.issuer": { es: "Quién lo emite", en: "Who issued it" },
  "wallet.detail.issuer-name": { es: "Emisor", en: "Issuer" },
  "wallet.detail.accredited-by": { es: "Acreditación", en: "Accreditation" },
  "wallet.detail.accredited-none": {
    es: "Ninguna autoridad reconocida (SEP, CONOCER) respalda a este emisor.",
    en: "No recognised authority (SEP, CONOCER) vouches for this issuer.",
  },
  "wallet.detail.accredited-unchecked": {
    es: "No se pudo revisar en este momento.",
    en: "Could not be checked at the moment.",
  },
  "wallet.detail.issuer-id": { es: "Identificador del emisor", en: "Issuer identifier" },
  "wallet.detail.dates": { es: "Fechas", en: "Dates" },
  "wallet.detail.valid-from": { es: "Emitida", en: "Issued" },
  "wallet.detail.valid-until": { es: "Vence", en: "Expires" },
  "wallet.detail.no-expiry": { es: "No vence", en: "Does not expire" },
  "wallet.detail.added": { es: "En tu cartera desde", en: "In your wallet since" },
  "wallet.detail.checked": { es: "Última verificación", en: "Last checked" },
  "wallet.detail.holder": { es: "A nombre de", en: "Issued to" },
  "wallet.share.error.not-shareable": {
    es: "Las insignias Open Badges 2.0 se guardan y se comprueban en tu cartera, pero por ahora no se comparten: quítalas de la selección.",
    en: "Open Badges 2.0 badges are kept and checked in your wallet, but cannot be shared for now: take them out of the selection.",
  },
  "wallet.detail.ob2-keep-only": {
    es: "Esta insignia Open Badges 2.0 se guarda y se comprueba en tu cartera; por ahora no se puede compartir desde aquí. Puedes descargar el archivo.",
    en: "This Open Badges 2.0 badge is kept and checked in your wallet; for now it cannot be shared from here. You can download the file.",
  },
  "wallet.detail.bound.you": {
    es: "Ti: está ligada a la llave de esta cartera.",
    en: "You: it is bound to this wallet's key.",
  },
  "wallet.detail.bound.identifiers": {
    es: "Ti: coincide con tu correo (guardado de forma cifrada en la credencial).",
    en: "You: it matches your e-mail (stored hashed in the credential).",
  },
  "wallet.detail.bound.someone-else": {
    es: "Otra llave distinta de la de esta cartera.",
    en: "A key other than this wallet's.",
  },
  "wallet.detail.bound.unknown": {
    es: "Identificadores cifrados (CURP, matrícula) que solo tú puedes demostrar.",
    en: "Hashed identifiers (CURP, student number) only you can prove.",
  },
  "wallet.detail.use": { es: "Compartir y usar", en: "Share and use" },
  "wallet.detail.share": { es: "Compartir con un enlace", en: "Share with a link" },
  "wallet.detail.linkedin": { es: "Añadir a LinkedIn", en: "Add to LinkedIn" },
  "wallet.detail.download": { es: "Descargar el archivo", en: "Download the file" },
  "wallet.detail.download-pdf": {
    es: "Descargar el certificado en PDF",
    en: "Download PDF certificate",
  },
  "wallet.detail.present": {
    es: "Presentación firmada",
    en: "Signed presentation",
  },
  "wallet.detail.checks": {
    es: "Ver todas las comprobaciones",
    en: "See every check",
  },
  "wallet.detail.delete": { es: "Quitar de mi cartera", en: "Remove from my wallet" },
  "wallet.detail.delete.confirm": {
    es: "¿Quitar esta credencial de tu cartera? Los enlaces que la muestran dejarán de incluirla.",
    en: "Remove this credential from your wallet? Links that show it will stop including it.",
  },

  "wallet.add.title": { es: "Añadir una credencial", en: "Add a credential" },
  "wallet.add.lead": {
    es: "Cada credencial se verifica antes de guardarla: firma, emisor, vigencia y estado.",
    en: "Every credential is verified before it is kept: signature, issuer, validity and status.",
  },
  "wallet.add.claim.title": { es: "Recibir una oferta", en: "Receive an offer" },
  "wallet.add.claim.text": {
    es: "Tu escuela o centro evaluador te dio un enlace o un código QR para recibir tu certificado.",
    en: "Your school or assessment centre gave you a link or a QR code to receive your certificate.",
  },
  "wallet.add.claim.link": { es: "Enlace de la oferta", en: "Offer link" },
  "wallet.add.claim.submit": { es: "Ver la oferta", en: "See the offer" },
  "wallet.add.qr.label": { es: "O una imagen del código QR", en: "Or an image of the QR code" },
  "wallet.add.qr.hint": {
    es: "Una captura de pantalla en PNG.",
    en: "A PNG screenshot.",
  },
  "wallet.add.qr.submit": { es: "Leer el código QR", en: "Read the QR code" },
  "wallet.add.file.title": { es: "Importar un archivo", en: "Import a file" },
  "wallet.add.file.text": {
    es: "Un certificado en JSON, o una insignia Open Badges en PNG o SVG con la credencial dentro.",
    en: "A certificate as JSON, or an Open Badges PNG or SVG image with the credential inside.",
  },
  "wallet.add.file.label": { es: "Archivo", en: "File" },
  "wallet.add.file.submit": { es: "Importar", en: "Import" },
  "wallet.add.url.title": { es: "Desde un enlace", en: "From a link" },
  "wallet.add.url.text": {
    es: "La dirección donde se publica el certificado, o un enlace compartido desde otra cartera.",
    en: "The address where the certificate is published, or a link shared from another wallet.",
  },
  "wallet.add.url.label": { es: "Enlace", en: "Link" },
  "wallet.add.url.submit": { es: "Importar", en: "Import" },
  "wallet.add.paste.title": { es: "Pegar el JSON", en: "Paste the JSON" },
  "wallet.add.paste.label": { es: "Credencial (JSON)", en: "Credential (JSON)" },
  "wallet.add.paste.submit": { es: "Importar", en: "Import" },

  "wallet.claim.title": { es: "Recibir tu certificado", en: "Receive your certificate" },
  "wallet.claim.lead": {
    es: "{issuer} te ofrece este certificado. Revisa que sea tuyo antes de aceptarlo.",
    en: "{issuer} is offering you this certificate. Check it is yours before you accept it.",
  },
  "wallet.claim.achievement": { es: "Certificado", en: "Certificate" },
  "wallet.claim.issuer": { es: "Emisor", en: "Issuer" },
  "wallet.claim.from": { es: "Sitio de la oferta", en: "Offered by site" },
  "wallet.claim.recipient": { es: "Para", en: "For" },
  "wallet.claim.recipient.mismatch": {
    es: "Esta oferta se hizo para {recipient}, pero iniciaste sesión como {account}. Acéptala solo si el certificado es tuyo.",
    en: "This offer was made for {recipient}, but you are signed in as {account}. Accept it only if the certificate is yours.",
  },
  "wallet.claim.recipient.confirm": {
    es: "El certificado es mío, aunque la oferta nombre a otra persona u otro correo.",
    en: "The certificate is mine, even though the offer names another person or e-mail.",
  },
  "wallet.claim.recipient.confirm-needed": {
    es: "Marca la casilla para confirmar que el certificado es tuyo antes de aceptarlo.",
    en: "Tick the box to confirm the certificate is yours before you accept it.",
  },
  "wallet.claim.expires": { es: "Aceptar antes del", en: "Accept before" },
  "wallet.claim.explain": {
    es: "Al aceptar, tu cartera firma con su llave para demostrar que es tuya; el emisor liga el certificado a esa llave.",
    en: "When you accept, your wallet signs with its key to prove it is yours; the issuer binds the certificate to that key.",
  },
  "wallet.claim.accept": { es: "Aceptar y guardar", en: "Accept and keep" },
  "wallet.claim.cancel": { es: "Ahora no", en: "Not now" },
  "wallet.claim.result": { es: "Recepción del certificado", en: "Receiving the certificate" },
  "wallet.claim.problem.title": {
    es: "No se pudo recibir el certificado",
    en: "The certificate could not be received",
  },
  "wallet.claim.problem.bad-link": {
    es: "Ese enlace no es una oferta de certificado. Revisa que lo copiaste completo.",
    en: "That link is not a certificate offer. Check you copied all of it.",
  },
  "wallet.claim.problem.not-found": {
    es: "El emisor no reconoce esta oferta. Pide a tu escuela o centro evaluador un enlace nuevo.",
    en: "The issuer does not recognise this offer. Ask your school or assessment centre for a new link.",
  },
  "wallet.claim.problem.claimed": {
    es: "Esta oferta ya se aceptó antes (quizá en otra cartera). Si no fuiste tú, avisa a quien te la envió.",
    en: "This offer was already accepted (perhaps in another wallet). If it was not you, tell whoever sent it.",
  },
  "wallet.claim.problem.expired": {
    es: "La oferta venció. Pide a tu escuela o centro evaluador que te la envíe de nuevo.",
    en: "The offer has expired. Ask your school or assessment centre to send it again.",
  },
  "wallet.claim.problem.not-allowed": {
    es: "Por seguridad, la cartera no se conecta a esa dirección.",
    en: "For safety, the wallet does not connect to that address.",
  },
  "wallet.claim.problem.unreachable": {
    es: "No se pudo contactar al emisor. Intenta de nuevo en unos minutos.",
    en: "The issuer could not be reached. Try again in a few minutes.",
  },
  "wallet.claim.problem.invalid": {
    es: "El emisor respondió algo que no es una oferta válida.",
    en: "The issuer answered with something that is not a valid offer.",
  },
  "wallet.claim.problem.refused": {
    es: "El emisor rechazó la solicitud. Intenta de nuevo desde el enlace original.",
    en: "The issuer refused the request. Try again from the original link.",
  },
  "wallet.claim.problem.to-wallet": { es: "Ir a mi cartera", en: "Go to my wallet" },
  "wallet.claim.problem.other": { es: "Añadir de otra forma", en: "Add another way" },

  "wallet.import.result": { es: "Resultado de la importación", en: "Import result" },
  "wallet.import.too-large": {
    es: "El archivo es demasiado grande (máximo 2 MB).",
    en: "The file is too large (2 MB at most).",
  },
  "wallet.import.bad-url": {
    es: "Escribe un enlace que empiece con https://",
    en: "Enter a link that starts with https://",
  },
  "wallet.receive.added": {
    es: "Verificada y guardada en tu cartera.",
    en: "Verified and kept in your wallet.",
  },
  "wallet.receive.duplicate": {
    es: "Ya estaba en tu cartera; no se guardó otra vez.",
    en: "It was already in your wallet; it was not kept twice.",
  },
  "wallet.receive.refused": {
    es: "No se guardó: la credencial no pasó la verificación.",
    en: "Not kept: the credential did not pass verification.",
  },
  "wallet.receive.reasons": { es: "Motivos", en: "Reasons" },
  "wallet.receive.open": { es: "Ver la credencial", en: "Open the credential" },
  "wallet.receive.add-another": { es: "Añadir otra", en: "Add another" },

  "wallet.shares.title": { es: "Enlaces compartidos", en: "Shared links" },
  "wallet.shares.lead": {
    es: "Los enlaces que diste a empleadores: cuántas veces se abrieron, hasta cuándo sirven, y retíralos cuando quieras.",
    en: "The links you gave employers: how often they were opened, until when they work, and withdraw them whenever you like.",
  },
  "wallet.shares.empty": {
    es: "Aún no compartes nada. Elige credenciales en tu lista y crea un enlace.",
    en: "You are not sharing anything yet. Pick credentials in your list and create a link.",
  },
  "wallet.shares.choose": { es: "Elegir credenciales", en: "Choose credentials" },
  "wallet.shares.untitled": { es: "Enlace compartido", en: "Shared link" },
  "wallet.count.credentials.one": { es: "1 credencial", en: "1 credential" },
  "wallet.count.credentials.other": { es: "{count} credenciales", en: "{count} credentials" },
  "wallet.count.views.one": { es: "1 visita", en: "1 view" },
  "wallet.count.views.other": { es: "{count} visitas", en: "{count} views" },
  "wallet.count.links.one": { es: "1 enlace", en: "1 link" },
  "wallet.count.links.other": { es: "{count} enlaces", en: "{count} links" },
  "wallet.shares.until": { es: "hasta el {date}", en: "until {date}" },
  "wallet.shares.state.active": { es: "Activo", en: "Active" },
  "wallet.shares.state.expired": { es: "Vencido", en: "Expired" },
  "wallet.shares.state.revoked": { es: "Retirado", en: "Withdrawn" },
  "wallet.shares.back": { es: "Enlaces compartidos", en: "Shared links" },

  "wallet.share.new.title": { es: "Compartir con un enlace", en: "Share with a link" },
  "wallet.share.new.which": { es: "Qué se muestra", en: "What is shown" },
  "wallet.share.new.label": { es: "Nombre del enlace", en: "Link name" },
  "wallet.share.new.label.hint": {
    es: "Solo para ti, p. ej. «Vacante en Grupo Bimbo».",
    en: "Only for you, e.g. “Opening at Grupo Bimbo”.",
  },
  "wallet.share.new.expiry": { es: "Vence en", en: "Expires in" },
  "wallet.share.new.days": { es: "{days} días", en: "{days} days" },
  "wallet.share.new.explain": {
    es: "Quien abra el enlace verá tus credenciales verificadas en la página pública de verificación. Puedes retirarlo en cualquier momento.",
    en: "Whoever opens the link sees your credentials verified on the public verify page. You can withdraw it at any time.",
  },
  "wallet.share.new.submit": { es: "Crear enlace", en: "Create link" },
  "wallet.share.error.none": {
    es: "Elige al menos una credencial.",
    en: "Choose at least one credential.",
  },
  "wallet.share.error.too-many": {
    es: "Un enlace muestra como máximo 20 credenciales.",
    en: "A link shows at most 20 credentials.",
  },
  "wallet.share.error.days": {
    es: "Elige cuánto dura el enlace: un número entero de días, de 1 a 365.",
    en: "Choose how long the link lasts: a whole number of days, from 1 to 365.",
  },
  "wallet.share.link": { es: "Enlace para compartir", en: "Link to share" },
  "wallet.share.link.explain": {
    es: "Envíalo por correo o mensaje, o muestra el código QR para que lo escaneen.",
    en: "Send it by e-mail or message, or show the QR code to be scanned.",
  },
  "wallet.share.copy": { es: "Copiar", en: "Copy" },
  "wallet.share.copied": { es: "¡Copiado!", en: "Copied!" },
  "wallet.share.qr.alt": {
    es: "Código QR del enlace compartido",
    en: "QR code of the shared link",
  },
  "wallet.share.qr.download": { es: "Descargar el QR (PNG)", en: "Download the QR (PNG)" },
  "wallet.share.open": { es: "Abrir como empleador", en: "Open as an employer" },
  "wallet.share.print": { es: "Versión para imprimir", en: "Printable version" },
  "wallet.share.linkedin": { es: "Añadir a LinkedIn", en: "Add to LinkedIn" },
  "wallet.share.views": { es: "Visitas", en: "Views" },
  "wallet.share.last-view": { es: "la última el {date}", en: "last on {date}" },
  "wallet.share.created": { es: "Creado", en: "Created" },
  "wallet.share.expires": { es: "Vence", en: "Expires" },
  "wallet.share.revoked-at": { es: "Retirado", en: "Withdrawn" },
  "wallet.share.contains": { es: "Qué muestra", en: "What it shows" },
  "wallet.share.revoked": {
    es: "Retiraste este enlace: quien lo abra verá que ya no está disponible.",
    en: "You withdrew this link: whoever opens it sees it is no longer available.",
  },
  "wallet.share.expired": {
    es: "Este enlace venció. Crea uno nuevo si lo necesitas.",
    en: "This link has expired. Create a new one if you need it.",
  },
  "wallet.share.revoke": { es: "Retirar el enlace", en: "Withdraw the link" },
  "wallet.share.revoke.confirm": {
    es: "¿Retirar este enlace? Nadie podrá abrirlo después.",
    en: "Withdraw this link? Nobody will be able to open it afterwards.",
  },
  "wallet.share.revoke.explain": {
    es: "Tus credenciales siguen en tu cartera.",
    en: "Your credentials stay in your wallet.",
  },
  "wallet.share.print.now": { es: "Imprimir", en: "Print" },
  "wallet.share.print.lead": {
    es: "Escanea el código para verificar estos certificados:",
    en: "Scan the code to verify these certificates:",
  },
  "wallet.share.print.offline": {
    es: "Escanéalo para comprobar este certificado aun sin conexión",
    en: "Scan to check this certificate even offline",
  },
  "wallet.share.print.offline-alt": {
    es: "Código QR del certificado, que se comprueba aun sin conexión",
    en: "QR code of the certificate, which can be checked even offline",
  },
  "wallet.share.print.valid-until": {
    es: "Enlace válido hasta el {date}.",
    en: "Link valid until {date}.",
  },

  "wallet.present.title": { es: "Presentación firmada", en: "Signed presentation" },
  "wallet.present.lead": {
    es: "Para un verificador que te pide una presentación firmada: tu cartera firma las credenciales elegidas y descargas el archivo. Lo que te dio el verificador va en «Opciones avanzadas».",
    en: "For a verifier that asks for a signed presentation: your wallet signs the chosen credentials and you download the file. What the verifier gave you goes under “Advanced options”.",
  },
  "wallet.present.open": { es: "Crear una presentación", en: "Create a presentation" },
  "wallet.present.which": { es: "Credenciales", en: "Credentials" },
  "wallet.present.advanced": { es: "Opciones avanzadas", en: "Advanced options" },
  "wallet.present.challenge": { es: "Código de la solicitud", en: "Request code" },
  "wallet.present.challenge.hint": {
    es: "El texto que te dio el verificador.",
    en: "The text the verifier gave you.",
  },
  "wallet.present.domain": { es: "Sitio del verificador", en: "Verifier's site" },
  "wallet.present.domain.hint": {
    es: "Opcional: el sitio (dominio) que indicó el verificador.",
    en: "Optional: the site (domain) the verifier named.",
  },
  "wallet.present.submit": { es: "Firmar y descargar", en: "Sign and download" },
  "wallet.present.error.challenge": {
    es: "Escribe el código de la solicitud que te dio el verificador.",
    en: "Enter the request code the verifier gave you.",
  },
  "wallet.present.error.sign": {
    es: "No se pudo firmar la presentación con esas credenciales.",
    en: "The presentation could not be signed with those credentials.",
  },

  "wallet.account.title": { es: "Tu cuenta", en: "Your account" },
  "wallet.account.since": { es: "Cartera creada", en: "Wallet created" },
  "wallet.account.holding": { es: "Contenido", en: "Contents" },
  "wallet.account.did": { es: "Identificador de tu cartera", en: "Your wallet's identifier" },
  "wallet.account.did.explain": {
    es: "Este identificador público (DID) es el que los emisores ligan a tus certificados. Su llave privada nunca sale de la cartera.",
    en: "Issuers bind your certificates to this public identifier (DID). Its private key never leaves the wallet.",
  },
  "wallet.account.language": { es: "Idioma", en: "Language" },
  "wallet.account.signout": { es: "Cerrar sesión", en: "Sign out" },
  "wallet.account.export.title": {
    es: "Tus credenciales en un archivo",
    en: "Your credentials in one file",
  },
  "wallet.account.export.text": {
    es: "Un archivo JSON con cada credencial tal como la recibiste, con su firma: guárdalo como respaldo o llévalo a otra cartera.",
    en: "One JSON file with each credential exactly as you received it, signed: keep it as a backup or take it to another wallet.",
  },
  "wallet.account.export.action": {
    es: "Descargar todas mis credenciales",
    en: "Download all my credentials",
  },
  "wallet.account.delete.title": { es: "Borrar tu cuenta", en: "Delete your account" },
  "wallet.account.delete.text": {
    es: "Se borran para siempre tu cuenta, tus credenciales, tus enlaces compartidos (dejarán de abrir) y la llave de tu cartera. No se puede deshacer: si quieres conservar tus credenciales, descárgalas antes.",
    en: "Your account, your credentials, your share links (they will stop opening) and your wallet's key are deleted for good. This cannot be undone: download your credentials first if you want to keep them.",
  },
  "wallet.account.delete.password": {
    es: "Tu contraseña, para confirmar",
    en: "Your password, to confirm",
  },
  "wallet.account.delete.action": { es: "Borrar mi cuenta", en: "Delete my account" },
  "wallet.account.delete.confirm": {
    es: "¿Borrar tu cuenta y todo lo que contiene? No se puede deshacer.",
    en: "Delete your account and everything in it? This cannot be undone.",
  },
  "wallet.account.delete.error.invalid": {
    es: "La contraseña no es correcta. Tu cuenta sigue igual.",
    en: "The password is not correct. Your account is unchanged.",
  },
  "wallet.notice.account-deleted": {
    es: "Tu cuenta se borró, con todas sus credenciales y enlaces. Se cerró tu sesión.",
    en: "Your account was deleted, with all its credentials and links. You have been signed out.",
  },

  "wallet.signin.forgot": { es: "¿Olvidaste tu contraseña?", en: "Forgot your password?" },
  "wallet.notice.password-changed": {
    es: "Listo: tu contraseña cambió. Inicia sesión con la nueva; las sesiones abiertas en otros dispositivos se cerraron.",
    en: "Done: your password has changed. Sign in with the new one; sessions open on other devices were signed out.",
  },
  "wallet.forgot.title": { es: "¿Olvidaste tu contraseña?", en: "Forgot your password?" },
  "wallet.forgot.lead": {
    es: "Escribe el correo de tu cartera y te enviaremos un enlace para elegir una contraseña nueva.",
    en: "Enter your wallet's e-mail and we will send you a link to choose a new password.",
  },
  "wallet.forgot.submit": { es: "Enviarme el enlace", en: "Send me the link" },
  "wallet.forgot.back": { es: "Volver a iniciar sesión", en: "Back to sign in" },
  "wallet.forgot.sent.title": { es: "Revisa tu correo", en: "Check your e-mail" },
  "wallet.forgot.sent.text": {
    es: "Si hay una cartera con el correo {email}, le enviamos un enlace para elegir una contraseña nueva. Sirve una sola vez, durante una hora.",
    en: "If there is a wallet with the e-mail {email}, we have sent it a link to choose a new password. It works once, for one hour.",
  },
  "wallet.forgot.sent.spam": {
    es: "¿No llega en unos minutos? Revisa la carpeta de correo no deseado, o pide otro enlace.",
    en: "Nothing after a few minutes? Look in your spam folder, or ask for another link.",
  },
  "wallet.forgot.again": { es: "Pedir otro enlace", en: "Ask for another link" },
  "wallet.forgot.limited": {
    es: "Ya se pidieron varios enlaces para este correo o desde esta conexión. Intenta de nuevo en {minutes} min.",
    en: "Several links were already asked for this e-mail or from this connection. Try again in {minutes} min.",
  },
  "wallet.forgot.unavailable": {
    es: "Esta cartera no puede enviar correos, así que no puede cambiar tu contraseña por correo. Pide ayuda a quien administra la cartera.",
    en: "This wallet cannot send e-mail, so it cannot reset your password by e-mail. Ask whoever runs the wallet for help.",
  },
  "wallet.reset.title": { es: "Elige una contraseña nueva", en: "Choose a new password" },
  "wallet.reset.lead": {
    es: "Para la cartera de {email}. Al guardarla se cierran todas las sesiones abiertas.",
    en: "For the wallet of {email}. Saving it signs out every open session.",
  },
  "wallet.reset.password": { es: "Contraseña nueva", en: "New password" },
  "wallet.reset.submit": { es: "Guardar la contraseña", en: "Save the password" },
  "wallet.reset.invalid.title": { es: "Este enlace ya no sirve", en: "This link no longer works" },
  "wallet.reset.invalid.text": {
    es: "Un enlace para cambiar la contraseña sirve una sola vez y durante una hora; al usar uno, los anteriores dejan de servir. Pide uno nuevo.",
    en: "A link to change the password works once and for one hour; once one is used, the older ones stop working. Ask for a new one.",
  },
  "wallet.mail.reset.subject": {
    es: "Cambia la contraseña de tu cartera Avala",
    en: "Change the password of your Avala wallet",
  },
  "wallet.mail.reset.greeting": { es: "Hola, {name}:", en: "Hello {name}," },
  "wallet.mail.reset.intro": {
    es: "Recibimos una solicitud para cambiar la contraseña de tu cartera Avala. Para elegir una nueva, abre este enlace:",
    en: "We received a request to change the password of your Avala wallet. To choose a new one, open this link:",
  },
  "wallet.mail.reset.action": { es: "Elegir una contraseña nueva", en: "Choose a new password" },
  "wallet.mail.reset.copy": {
    es: "Si el botón no funciona, copia este enlace en tu navegador:",
    en: "If the button does not work, copy this link into your browser:",
  },
  "wallet.mail.reset.expiry": {
    es: "El enlace sirve una sola vez, durante una hora. Al usarlo se cierran las sesiones abiertas de tu cartera.",
    en: "The link works once, for one hour. Using it signs your wallet out everywhere.",
  },
  "wallet.mail.reset.ignore": {
    es: "Si no lo pediste tú, ignora este correo: tu contraseña no cambia.",
    en: "If you did not ask for this, ignore this e-mail: your password stays the same.",
  },

  "wallet.add.scan.title": { es: "Escanear con la cámara", en: "Scan with the camera" },
  "wallet.add.scan.text": {
    es: "Apunta la cámara al código QR de una oferta o de un certificado.",
    en: "Point the camera at the QR code of an offer or a certificate.",
  },
  "wallet.add.scan.start": { es: "Escanear con la cámara", en: "Scan with the camera" },
  "wallet.add.scan.stop": { es: "Detener la cámara", en: "Stop the camera" },
  "wallet.add.scan.video": { es: "Lo que ve la cámara", en: "What the camera sees" },
  "wallet.add.scan.looking": { es: "Buscando un código QR…", en: "Looking for a QR code…" },
  "wallet.add.scan.found": { es: "Código leído. Abriendo…", en: "Code read. Opening…" },
  "wallet.add.scan.unavailable": {
    es: "No se pudo usar la cámara. Revisa el permiso del navegador, o sube una imagen del código.",
    en: "The camera could not be used. Check the browser's permission, or upload an image of the code.",
  },
  "wallet.add.scan.unrecognised": {
    es: "Ese código QR no es una oferta ni el enlace de un certificado.",
    en: "That QR code is neither an offer nor a link to a certificate.",
  },

  "wallet.error.not-found": { es: "Página no encontrada", en: "Page not found" },
  "wallet.error.forbidden": { es: "Solicitud rechazada", en: "Request refused" },
  "wallet.error.too-many": { es: "Demasiadas solicitudes", en: "Too many requests" },
  "wallet.error.too-large": { es: "Envío demasiado grande", en: "Upload too large" },
  "wallet.error.bad-request": { es: "Solicitud no válida", en: "Invalid request" },
  "wallet.error.gone": { es: "Ya no está disponible", en: "No longer available" },
  "wallet.error.unsupported": {
    es: "Formato de envío no admitido",
    en: "Unsupported format",
  },
  "wallet.error.server": {
    es: "Algo salió mal de nuestro lado",
    en: "Something went wrong on our side",
  },
  "wallet.error.code": { es: "Código {status}", en: "Code {status}" },
  "wallet.error.home": { es: "Volver al inicio", en: "Back to the start" },

  // A credential's permanent public page: the holder's card on the credential's page, and the
  // page itself (read by employers, without signing in).
  "wallet.page.title": { es: "Página pública permanente", en: "Permanent public page" },
  "wallet.page.lead": {
    es: "Una dirección fija que muestra este certificado, comprobado al momento, a quien la abra, hasta que la retires. Es la que usa LinkedIn.",
    en: "A fixed address that shows this certificate, checked on the spot, to whoever opens it, until you withdraw it. LinkedIn uses it.",
  },
  "wallet.page.publish": { es: "Publicar una página permanente", en: "Publish a permanent page" },
  "wallet.page.published": {
    es: "Publicada: cualquiera con esta dirección ve el certificado y puede verificarlo.",
    en: "Published: anyone with this address sees the certificate and can verify it.",
  },
  "wallet.page.withdrawn": {
    es: "Retiraste esta página: su dirección dice que ya no está disponible. Si la publicas otra vez, vuelve la misma dirección.",
    en: "You withdrew this page: its address says it is no longer available. Publish it again and the same address comes back.",
  },
  "wallet.page.address": { es: "Dirección de la página", en: "Page address" },
  "wallet.page.open": { es: "Abrir la página", en: "Open the page" },
  "wallet.page.withdraw": { es: "Retirar la página", en: "Withdraw the page" },
  "wallet.page.withdraw.confirm": {
    es: "¿Retirar la página pública? Quien tenga la dirección (también LinkedIn) verá que ya no está disponible.",
    en: "Withdraw the public page? Whoever has the address (LinkedIn too) will see it is no longer available.",
  },
  "wallet.notice.page-published": {
    es: "Página publicada. Copia su dirección o añádela a LinkedIn.",
    en: "Page published. Copy its address or add it to LinkedIn.",
  },
  "wallet.notice.page-withdrawn": {
    es: "Página retirada: su dirección ya no muestra el certificado.",
    en: "Page withdrawn: its address no longer shows the certificate.",
  },
  "wallet.public.eyebrow": { es: "Certificado verificable", en: "Verifiable certificate" },
  "wallet.public.verdict.valid": {
    es: "Auténtico y vigente",
    en: "Genuine and current",
  },
  "wallet.public.verdict.warnings": { es: "Auténtico, con avisos", en: "Genuine, with warnings" },
  "wallet.public.verdict.unknown-issuer": {
    es: "Firma auténtica de un emisor no reconocido",
    en: "Genuine signature from an unrecognised issuer",
  },
  "wallet.public.verdict.expired": { es: "Auténtico, pero vencido", en: "Genuine, but expired" },
  "wallet.public.verdict.suspended": {
    es: "Suspendido por el emisor",
    en: "Suspended by the issuer",
  },
  "wallet.public.verdict.revoked": { es: "Revocado por el emisor", en: "Revoked by the issuer" },
  "wallet.public.verdict.invalid": {
    es: "No es válido: no confíes en él",
    en: "Not valid: do not rely on it",
  },
  "wallet.public.checked": {
    es: "Comprobado al abrir esta página ({time}): firma del emisor, vigencia, revocación y quién respalda al emisor.",
    en: "Checked when this page was opened ({time}): the issuer's signature, dates, revocation and who vouches for the issuer.",
  },
  "wallet.public.person": { es: "Persona", en: "Person" },
  "wallet.public.achievement": { es: "Qué logró", en: "What was achieved" },
  "wallet.public.issuer": { es: "Emitido por", en: "Issued by" },
  "wallet.public.verify": { es: "Verifícalo tú", en: "Verify it yourself" },
  "wallet.public.verify.explain": {
    es: "Abre el verificador con este certificado: comprueba por su cuenta la firma del emisor, las fechas y si fue revocado, sin fiarse de esta página.",
    en: "Opens the verifier on this certificate: it checks the issuer's signature, the dates and whether it was revoked on its own, without trusting this page.",
  },
  "wallet.public.download": {
    es: "Descargar la credencial firmada",
    en: "Download the signed credential",
  },
  "wallet.public.footer": {
    es: "Quien tiene este certificado publicó esta página desde su cartera Avala y puede retirarla cuando quiera.",
    en: "The holder published this page from their Avala wallet and can withdraw it at any time.",
  },
  "wallet.problem.public-page-unknown": {
    es: "No hay ninguna página de certificado en esta dirección. Revisa que la copiaste completa.",
    en: "There is no certificate page at this address. Check you copied all of it.",
  },
  "wallet.problem.public-page-withdrawn": {
    es: "Quien tiene este certificado retiró su página pública.",
    en: "The holder has withdrawn this certificate's public page.",
  },

  // Problem details: the error pages and the problem+json answers, in the visitor's language.
  "wallet.problem.not-found": {
    es: "No hay nada en esta dirección. Revisa que el enlace esté completo.",
    en: "There is nothing at this address. Check the link is complete.",
  },
  "wallet.problem.share-unknown": {
    es: "No hay ningún enlace compartido en esta dirección. Revisa que lo copiaste completo.",
    en: "There is no share link at this address. Check you copied all of it.",
  },
  "wallet.problem.share-revoked": {
    es: "Quien comparte estos certificados retiró este enlace.",
    en: "The holder has withdrawn this share link.",
  },
  "wallet.problem.share-expired": {
    es: "Este enlace compartido venció. Pide uno nuevo a quien te lo envió.",
    en: "This share link has expired. Ask whoever sent it for a new one.",
  },
  "wallet.problem.share-empty": {
    es: "Los certificados de este enlace ya no están disponibles: quien los compartía los quitó de su cartera.",
    en: "The certificates of this share link are no longer available: the holder removed them from their wallet.",
  },
  "wallet.problem.csrf": {
    es: "Este formulario caducó o no proviene de esta cartera. Regresa, recarga la página e intenta de nuevo.",
    en: "This form has expired or did not come from this wallet. Go back, reload the page and try again.",
  },
  "wallet.problem.cross-site": {
    es: "Por seguridad, la cartera no acepta formularios enviados desde otros sitios.",
    en: "For safety, the wallet does not accept forms sent from other sites.",
  },
  "wallet.problem.form-type": {
    es: "Envía el formulario desde la página de la cartera.",
    en: "Send the form from the wallet's page.",
  },
  "wallet.problem.form-unreadable": {
    es: "No se pudo leer el formulario. Regresa, recarga la página e intenta de nuevo.",
    en: "The form could not be read. Go back, reload the page and try again.",
  },
  "wallet.problem.bad-request": {
    es: "No se pudo entender la solicitud. Regresa e intenta de nuevo.",
    en: "The request could not be understood. Go back and try again.",
  },
  "wallet.problem.too-large": {
    es: "Lo que enviaste supera el tamaño permitido.",
    en: "What you sent is larger than allowed.",
  },
  "wallet.problem.too-many": {
    es: "Demasiadas solicitudes en poco tiempo. Intenta de nuevo en {minutes} min.",
    en: "Too many requests in a short time. Try again in {minutes} min.",
  },
  "wallet.problem.server": {
    es: "Intenta de nuevo en unos minutos.",
    en: "Try again in a few minutes.",
  },
} satisfies Record<string, LocalizedText>;
