import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { printable, renderCertificatePdf } from "../src/index.js";

const credential = new TextEncoder().encode(
  JSON.stringify({ type: ["VerifiableCredential"], name: "Impartición de cursos — ñandú ✓" }),
);

const input = {
  content: {
    person: "María José Núñez",
    achievement: {
      name: "Impartición de cursos de formación del capital humano de manera presencial grupal",
      kind: { es: "Estándar de competencia", en: "Competence standard" },
      level: { es: "Nivel 3", en: "Level 3" },
      standard: "EC0217.01",
    },
    issuer: { name: "Centro de Evaluación Demo", accreditation: "CONOCER" },
    validFrom: "2026-03-12T00:00:00Z",
    validUntil: "2029-03-12T00:00:00Z",
  },
  credential: { bytes: credential, mediaType: "application/ld+json", fileName: "credential.json" },
  verifyUrl: "https://verify.example/?url=https%3A%2F%2Fwallet.example%2Fp%2Fabc",
};

async function embeddedFiles(pdf: Uint8Array): Promise<Uint8Array[]> {
  const doc = await PDFDocument.load(pdf);
  const files: Uint8Array[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of("Type")) !== PDFName.of("EmbeddedFile")) continue;
    files.push(decodePDFRawStream(object).decode());
  }
  return files;
}

describe("renderCertificatePdf", () => {
  it("renders a one-page PDF with the title, the person and the issuer", async () => {
    const pdf = await renderCertificatePdf(input);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain("Impartición de cursos");
    expect(doc.getAuthor()).toBe("Centro de Evaluación Demo");
  });

  it("embeds the credential as one attachment that round-trips byte for byte", async () => {
    const pdf = await renderCertificatePdf(input);
    const files = await embeddedFiles(pdf);
    expect(files).toHaveLength(1);
    expect(Buffer.from(files[0]!).equals(Buffer.from(credential))).toBe(true);
    // The document catalogue names it in EmbeddedFiles and as an associated file.
    const doc = await PDFDocument.load(pdf);
    const names = doc.catalog.lookup(PDFName.of("Names"), PDFDict);
    expect(names.has(PDFName.of("EmbeddedFiles"))).toBe(true);
    expect(doc.catalog.has(PDFName.of("AF"))).toBe(true);
  });

  it("is deterministic and renders without a person", async () => {
    const a = await renderCertificatePdf(input);
    const b = await renderCertificatePdf(input);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const anonymous = await renderCertificatePdf({
      ...input,
      content: { ...input.content, person: undefined },
    });
    expect(anonymous.byteLength).toBeGreaterThan(1000);
  });

  it("keeps accented text and replaces what the standard fonts cannot draw", () => {
    expect(printable("Núñez ✓ 𝒜")).toBe("Núñez ? ?");
    expect(printable("a\nb\tc")).toBe("a b c");
  });

  it("prints the compact QR with its label only when given a VC1- text", async () => {
    const qr = `VC1-${"MZXW6YTBOI".repeat(90)}`;
    const plain = await renderCertificatePdf(input);
    const withQr = await renderCertificatePdf({ ...input, compactQr: qr });
    const text = await pageText(withQr);
    expect(text).toContain("Scan to check this certificate even offline");
    expect(text).toContain("Escanéalo para comprobar este certificado");
    expect(text).toContain("escanea el código de la derecha");
    expect(await pageText(plain)).not.toContain("even offline");
    // Not a compact QR text (lower case, another prefix): left out, the same PDF as without.
    for (const bad of ["VC1-mzxw6", "https://example.org/", "VC1-ABC=="]) {
      const pdf = await renderCertificatePdf({ ...input, compactQr: bad });
      expect(Buffer.from(pdf).equals(Buffer.from(plain))).toBe(true);
    }
  });
});

/** The text the page draws (the standard fonts' strings are hex in the content stream). */
async function pageText(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  let text = "";
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of("Type")) === PDFName.of("EmbeddedFile")) continue;
    const content = Buffer.from(decodePDFRawStream(object).decode()).toString("latin1");
    for (const match of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) {
      text += `${Buffer.from(match[1]!, "hex").toString("latin1")} `;
    }
  }
  return text;
}
