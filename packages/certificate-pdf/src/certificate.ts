import {
  AFRelationship,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  rgb,
  StandardFonts,
} from "pdf-lib";
import QRCode from "qrcode";

/** A text shown in both languages: Spanish first, then English. */
export interface Bilingual {
  es: string;
  en: string;
}

/** What the certificate prints, already read (and verified) by the caller. */
export interface CertificateContent {
  /** The person's name, when the credential names them; otherwise a neutral line is printed. */
  person?: string;
  achievement: {
    name: string;
    /** e.g. { es: "Estándar de competencia", en: "Competence standard" } */
    kind?: Bilingual;
    /** e.g. { es: "Nivel 3", en: "Level 3" } */
    level?: Bilingual;
    /** The competence standard's code and name, e.g. "EC0217.01 Impartición de cursos…". */
    standard?: string;
  };
  issuer: {
    name: string;
    /** Who accredits the issuer (e.g. "CONOCER"), only from a verified trust result. */
    accreditation?: string;
  };
  /** ISO 8601 dates. */
  validFrom?: string;
  validUntil?: string;
}

/** The signed credential to embed, exactly as held (its signature covers these bytes). */
export interface EmbeddedCredential {
  bytes: Uint8Array;
  /** `application/ld+json` for a Data Integrity credential, `application/vc+jwt` for a JWT. */
  mediaType: string;
  fileName: string;
}

export interface CertificateInput {
  content: CertificateContent;
  credential: EmbeddedCredential;
  /** The verify page's link, printed as a QR and as text (given by the caller). */
  verifyUrl: string;
  /**
   * The credential's compact QR text (`VC1-…`, from @avala/compact-credential), printed as a
   * second QR code that a verifier checks without going online for the credential. Only
   * alphanumeric QR text: anything else is not printed.
   */
  compactQr?: string;
  /** The document's creation date (defaults to the credential's `validFrom`, else the epoch). */
  createdAt?: Date;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 48;
const INK = rgb(0.12, 0.14, 0.2);
const MUTED = rgb(0.4, 0.42, 0.48);
const ACCENT = rgb(0.05, 0.33, 0.55);
const MAX_FIELD = 300;

/** Text the standard fonts can draw (WinAnsi): accents kept, anything else replaced. */
export function printable(text: string, max = MAX_FIELD): string {
  const flat = text
    .normalize("NFC")
    .replace(/[\s\p{Cc}]+/gu, " ")
    .trim();
  let out = "";
  for (const char of flat) {
    const code = char.codePointAt(0)!;
    if (code <= 0xff) out += char;
    else {
      const base = char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base.length === 1 && base.codePointAt(0)! <= 0xff ? base : "?";
    }
  }
  return out.length > max ? `${out.slice(0, max - 1)}…`.replace("…", "...") : out;
}

/** Lines of at most `width` points, breaking at spaces (a word too long is cut). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) line = next;
    else {
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function dateText(iso: string | undefined, locale: "es" | "en"): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(locale === "es" ? "es-MX" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** Draws the text centred on the page, wrapped; returns where the next line starts. */
function centred(
  page: PDFPage,
  text: string,
  y: number,
  font: PDFFont,
  size: number,
  color = INK,
  width = A4_LANDSCAPE[0] - 2 * MARGIN - 40,
): number {
  // `y` is the top of the first line; the result is the top of the next one.
  let top = y;
  for (const line of wrap(printable(text), font, size, width)) {
    const x = (A4_LANDSCAPE[0] - font.widthOfTextAtSize(line, size)) / 2;
    page.drawText(line, { x, y: top - size, size, font, color });
    top -= size * 1.25;
  }
  return top;
}

/** A label in both languages, then its value. */
function field(page: PDFPage, fonts: Fonts, label: Bilingual, value: string, y: number): number {
  const next = centred(page, `${label.es} / ${label.en}`, y, fonts.regular, 9, MUTED);
  return centred(page, value, next - 1, fonts.bold, 13) - 8;
}

/**
 * A QR code (error correction M) drawn as one vector path, black on white with a quiet zone of
 * four modules: each row's runs of dark modules are one rectangle each, filled together, so no
 * renderer or printer leaves hairline seams between modules (a dense code's seams can stop a
 * camera from reading it).
 */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const quiet = 4;
  const cell = size / (count + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  let path = "";
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      path += `M${start + quiet} ${row + quiet}h${col - start}v1h${start - col}z`;
    }
  }
  // SVG coordinates (y down) in modules, from the code's top-left corner.
  page.drawSvgPath(path, { x, y: y + size, scale: cell, color: rgb(0, 0, 0) });
}

function drawDates(page: PDFPage, fonts: Fonts, content: CertificateContent, y: number): number {
  let next = y;
  const from = content.validFrom;
  if (from && dateText(from, "es")) {
    next = field(
      page,
      fonts,
      { es: "Fecha de emisión", en: "Issued on" },
      `${dateText(from, "es")} / ${dateText(from, "en")}`,
      next,
    );
  }
  const until = content.validUntil;
  if (until && dateText(until, "es")) {
    next = field(
      page,
      fonts,
      { es: "Válido hasta", en: "Valid until" },
      `${dateText(until, "es")} / ${dateText(until, "en")}`,
      next,
    );
  }
  return next;
}

/** Draws the body; returns where it ends (the top of the next line). */
function drawBody(page: PDFPage, fonts: Fonts, content: CertificateContent): number {
  const [width, height] = A4_LANDSCAPE;
  page.drawRectangle({
    x: 20,
    y: 20,
    width: width - 40,
    height: height - 40,
    borderColor: ACCENT,
    borderWidth: 2,
  });
  let y = height - MARGIN;
  y = centred(page, "CERTIFICADO DE COMPETENCIA", y, fonts.bold, 22, ACCENT);
  y = centred(page, "Certificate of competence", y, fonts.italic, 13, MUTED) - 16;
  y = centred(page, "Se certifica que / This certifies that", y, fonts.regular, 11, MUTED);
  y = content.person
    ? centred(page, content.person, y - 6, fonts.bold, 24)
    : centred(page, "la persona titular / the holder", y - 6, fonts.italic, 16, MUTED);
  y = centred(page, "obtuvo / has achieved", y - 8, fonts.regular, 11, MUTED);
  y = centred(page, content.achievement.name, y - 6, fonts.bold, 17, INK) - 8;
  const { kind, level, standard } = content.achievement;
  const facts = [
    kind ? `${kind.es} / ${kind.en}` : undefined,
    level ? `${level.es} / ${level.en}` : undefined,
    standard,
  ].filter((fact): fact is string => Boolean(fact));
  if (facts.length > 0) y = centred(page, facts.join("  ·  "), y, fonts.regular, 11) - 10;
  y = field(page, fonts, { es: "Emitido por", en: "Issued by" }, content.issuer.name, y);
  if (content.issuer.accreditation) {
    y = field(
      page,
      fonts,
      { es: "Acreditado por", en: "Accredited by" },
      content.issuer.accreditation,
      y,
    );
  }
  return drawDates(page, fonts, content, y);
}

/** The compact QR's text, when it is one a QR code holds in alphanumeric mode. */
function compactQrOf(input: CertificateInput): string | undefined {
  const text = input.compactQr;
  return text && /^VC1-[A-Z2-7]+$/.test(text) && text.length <= 4296 ? text : undefined;
}

/** The lines of a short text block, left-aligned; returns where the next line starts. */
function lines(
  page: PDFPage,
  texts: string[],
  x: number,
  y: number,
  width: number,
  style: { font: PDFFont; size: number; color: ReturnType<typeof rgb> },
): number {
  let top = y;
  for (const text of texts) {
    for (const line of wrap(printable(text), style.font, style.size, width)) {
      page.drawText(line, { x, y: top - style.size, ...style });
      top -= style.size * 1.3;
    }
  }
  return top;
}

const OFFLINE_LABEL: Bilingual = {
  es: "Escanéalo para comprobar este certificado aun sin conexión",
  en: "Scan to check this certificate even offline",
};

/**
 * The footer: the verify link's QR (right); with a compact QR, that QR too (left, as large as
 * the space under the body allows, 120-180 pt: a version 25 code's modules are 0.34-0.5 mm)
 * with its label; the note and the link in between.
 */
function drawFooter(page: PDFPage, fonts: Fonts, input: CertificateInput, bodyEnd: number) {
  const [width] = A4_LANDSCAPE;
  const qrSize = 120;
  const right = width - MARGIN - qrSize;
  drawQr(page, input.verifyUrl, right, MARGIN + 18, qrSize);
  let left = MARGIN;
  const compact = compactQrOf(input);
  if (compact) {
    const bottom = MARGIN - 10;
    const size = Math.max(120, Math.min(180, Math.floor(bodyEnd - 6 - bottom)));
    drawQr(page, compact, MARGIN, bottom, size);
    left = MARGIN + size + 14;
    lines(page, [OFFLINE_LABEL.es, OFFLINE_LABEL.en], left, bottom + size - 6, 220, {
      font: fonts.bold,
      size: 10,
      color: INK,
    });
  }
  const note = [
    compact
      ? "Verifica este certificado en línea: escanea el código de la derecha o sube este PDF a la página de verificación."
      : "Verifica este certificado: escanea el código o sube este PDF a la página de verificación.",
    compact
      ? "Verify this certificate online: scan the code on the right or upload this PDF to the verify page."
      : "Verify this certificate: scan the code or upload this PDF to the verify page.",
    "El PDF contiene la credencial firmada / This PDF holds the signed credential.",
  ];
  const y = lines(page, note, left, MARGIN + 68, right - 16 - left, {
    font: fonts.regular,
    size: 8.5,
    color: MUTED,
  });
  const url = printable(input.verifyUrl, 200);
  const urlLines = wrap(url, fonts.regular, 8, right - 16 - left).slice(0, 2);
  lines(page, urlLines, left, y - 2, right - 16 - left, {
    font: fonts.regular,
    size: 8,
    color: ACCENT,
  });
}

/**
 * Renders a one-page bilingual certificate (es/en) with a QR to the verify page (and, when
 * given, the credential's compact QR, which verifies without going online for it) and the signed
 * credential attached as an embedded file (PDF `EmbeddedFiles`, `AFRelationship /Data`), so a
 * verifier can read the credential from the PDF. Pure: same input, same bytes.
 */
export async function renderCertificatePdf(
  input: CertificateInput,
): Promise<Uint8Array<ArrayBuffer>> {
  const created =
    input.createdAt ??
    (input.content.validFrom && !Number.isNaN(Date.parse(input.content.validFrom))
      ? new Date(input.content.validFrom)
      : new Date(0));
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(printable(`Certificado / Certificate: ${input.content.achievement.name}`));
  doc.setAuthor(printable(input.content.issuer.name));
  doc.setProducer("Avala");
  doc.setCreator("Avala");
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  doc.setLanguage("es-MX");
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const page = doc.addPage(A4_LANDSCAPE);
  const bodyEnd = drawBody(page, fonts, input.content);
  drawFooter(page, fonts, input, bodyEnd);
  await doc.attach(input.credential.bytes, input.credential.fileName, {
    mimeType: input.credential.mediaType,
    description: "Credencial firmada / Signed credential",
    creationDate: created,
    modificationDate: created,
    afRelationship: AFRelationship.Data,
  });
  // A copy over a plain ArrayBuffer: usable as a Response or Blob body as is.
  return new Uint8Array(await doc.save({ useObjectStreams: false }));
}
