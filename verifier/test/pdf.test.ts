import { deflateSync, inflateSync } from "node:zlib";
import { renderCertificatePdf } from "@avala/certificate-pdf";
import { buildAchievementCredential, type Credential, signCredential } from "@avala/credentials";
import type { Hono } from "hono";
import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  PDFName,
  type PDFRawStream,
  rgb,
  StandardFonts,
} from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createVerifierApp,
  createVerifierContext,
  describeCredential,
  loadConfig,
  verify,
} from "../src/index.js";
import { extractFromPdf, isPdf } from "../src/pdf.js";
import { comparePrinted, readPrintedText, samePrinted } from "../src/pdf-text.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld, sampleAchievements } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let credential: Credential;

const encoder = new TextEncoder();

/**
 * A certificate of `bytes` (the attachment) printing what `printed` says, as the wallet and the
 * console print it: the subject's name when it has one, the achievement's Spanish name.
 */
function certificate(
  bytes: Uint8Array,
  mediaType = "application/ld+json",
  printed: unknown = JSON.parse(new TextDecoder().decode(bytes)),
) {
  const described = describeCredential(printed, "es");
  return renderCertificatePdf({
    content: {
      ...(described.holder.name ? { person: described.holder.name } : {}),
      achievement: { name: described.achievement.name, standard: "EC0217.01" },
      issuer: { name: "Entidad Demo" },
      validFrom: "2026-01-01T00:00:00Z",
    },
    credential: { bytes, mediaType, fileName: "credential.json" },
    verifyUrl: "http://verifier.test/",
  });
}

/** A hand-made PDF: the given objects, in order, as `n 0 obj … endobj`. */
function rawPdf(objects: Array<string | Buffer>): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  objects.forEach((body, i) => {
    parts.push(Buffer.from(`${i + 1} 0 obj\n`, "latin1"));
    parts.push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
    parts.push(Buffer.from("\nendobj\n", "latin1"));
  });
  parts.push(Buffer.from("trailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

function embeddedStream(data: Buffer, filter = "/FlateDecode"): Buffer {
  return Buffer.concat([
    Buffer.from(`<< /Type /EmbeddedFile /Filter ${filter} /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from("\nendstream"),
  ]);
}

const post = (body: Uint8Array, contentType = "application/pdf") => ({
  method: "POST",
  headers: { "content-type": contentType },
  body: Uint8Array.from(body),
});

beforeAll(async () => {
  world = await createFixtureWorld();
  const config = loadConfig({
    VERIFIER_PORT: "0",
    VERIFIER_PUBLIC_URL: "http://verifier.test",
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    AVALA_FETCH_ALLOW_HOSTS: world.server.host,
    VERIFIER_RATE_LIMIT: "1000",
  });
  app = createVerifierApp(
    createVerifierContext(config, {
      guardedFetch: world.guardedFetch(),
      now: () => world.now,
      logger: { error: () => {} },
    }),
  );
  const endorsement = await world.endorse(world.sep, world.entidad);
  ({ credential } = await world.issue({ issuer: world.entidad, endorsements: [endorsement] }));
});

afterAll(async () => {
  await world?.server.close();
});

describe("a PDF certificate made by the renderer", () => {
  it("verifies valid, from bytes and through POST /credentials/verify", async () => {
    const pdf = await certificate(encoder.encode(JSON.stringify(credential)));
    expect(isPdf(pdf)).toBe(true);
    const result = await verify(pdf, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.source).toMatchObject({ form: "pdf" });
    expect(result.checks[0]).toMatchObject({ code: "pdf.extracted", outcome: "pass" });

    const res = await app.request("/credentials/verify", post(pdf));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { verified?: boolean }).verified).not.toBe(false);

    const form = new FormData();
    form.set("file", new Blob([pdf], { type: "application/pdf" }), "certificate.pdf");
    const upload = await app.request("/credentials/verify", { method: "POST", body: form });
    expect(upload.status).toBe(200);
  });

  it("is uploaded on the verify page and shows the credential's verdict", async () => {
    const pdf = await certificate(encoder.encode(JSON.stringify(credential)));
    const form = new FormData();
    form.set("file", new Blob([pdf], { type: "application/pdf" }), "certificate.pdf");
    form.set("lang", "en");
    const res = await app.request("/", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Credential extracted from the PDF");
  });

  it("with a tampered embedded credential: invalid, never a 500", async () => {
    const tampered = structuredClone(credential) as unknown as {
      credentialSubject: { achievement: { name: string } };
    };
    tampered.credentialSubject.achievement.name = "Doctorado en todo";
    const pdf = await certificate(encoder.encode(JSON.stringify(tampered)));
    const result = await verify(pdf, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    const res = await app.request("/credentials/verify", post(pdf));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { verified?: boolean }).verified).toBe(false);
  });
});

describe("hostile or unexpected PDFs: plain codes, quickly, never a 500", () => {
  const codeOf = async (pdf: Uint8Array) => {
    const result = await verify(pdf, world.verifyOptions());
    expect(result.verdict).not.toBe("valid");
    const res = await app.request("/credentials/verify", post(pdf));
    expect(res.status).toBeLessThan(500);
    return result.checks.find((c) => c.outcome === "fail")?.code;
  };

  it("no attachment", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(await codeOf(await doc.save())).toBe("pdf.no-attachment");
  });

  it("two attachments", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(encoder.encode(JSON.stringify(credential)), "a.json");
    await doc.attach(encoder.encode("{}"), "b.json");
    expect(await codeOf(await doc.save())).toBe("pdf.several-attachments");
  });

  it("JavaScript and an external file specification are not followed", async () => {
    const pdf = rawPdf([
      "<< /Type /Catalog /OpenAction 2 0 R /Names << /EmbeddedFiles << /Names [(x) 3 0 R] >> >> >>",
      "<< /S /JavaScript /JS (app.alert(1)) >>",
      "<< /Type /Filespec /F (http://203.0.113.9/credential.json) /FS /URL >>",
    ]);
    expect(await codeOf(pdf)).toBe("pdf.no-attachment");
  });

  it("an attachment that is not a credential", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(encoder.encode("hello"), "a.txt");
    expect(await codeOf(await doc.save())).toBe("pdf.unsupported");
  });

  it("too many objects", async () => {
    const objects = Array.from({ length: 6000 }, () => "null");
    const started = performance.now();
    expect(await codeOf(rawPdf(objects))).toBe("pdf.too-many-objects");
    expect(performance.now() - started).toBeLessThan(5000);
    // Objects hidden in an object stream count too.
    const packed = rawPdf([
      "<< /N 999999 /Type /ObjStm /First 0 /Length 0 >>\nstream\n\nendstream",
    ]);
    expect(await codeOf(packed)).toBe("pdf.too-many-objects");
  });

  it("a deflate bomb is refused after the cap, not inflated whole", async () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const pdf = rawPdf([embeddedStream(bomb)]);
    const started = performance.now();
    const direct = extractFromPdf(pdf);
    expect(direct).toMatchObject({ ok: false, code: "pdf.attachment-too-large" });
    expect(await codeOf(pdf)).toBe("pdf.attachment-too-large");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("many attachment markers in one object: one attachment, read quickly", async () => {
    const markers = "/Type /EmbeddedFile ".repeat(150_000);
    const data = deflateSync(Buffer.from(JSON.stringify(credential)));
    const objects = Array.from({ length: 4000 }, () => "null");
    const pdf = rawPdf([
      ...objects,
      Buffer.concat([
        Buffer.from(`<< ${markers} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
        data,
        Buffer.from("\nendstream"),
      ]),
    ]);
    const started = performance.now();
    expect(extractFromPdf(pdf).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("an unsupported filter and a broken stream", async () => {
    expect(await codeOf(rawPdf([embeddedStream(Buffer.from("xx"), "/LZWDecode")]))).toBe(
      "pdf.unsupported",
    );
    expect(await codeOf(rawPdf([embeddedStream(Buffer.from("not deflate"))]))).toBe(
      "pdf.malformed",
    );
  });

  it("oversized: refused by the reader and by the endpoint", async () => {
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(encoder.encode("%PDF-1.7\n"));
    expect(extractFromPdf(big)).toMatchObject({ ok: false, code: "pdf.too-large" });
    const res = await app.request("/credentials/verify", post(big));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code?: string }).code).toBe("verifier.problem.too-large");
  });

  it("an encrypted PDF", async () => {
    const pdf = rawPdf(["<< /Type /Catalog >>", "<< /Filter /Standard >>"]);
    const withEncrypt = Buffer.concat([
      Buffer.from(pdf),
      Buffer.from("trailer\n<< /Root 1 0 R /Encrypt 2 0 R >>\n"),
    ]);
    expect(await codeOf(new Uint8Array(withEncrypt))).toBe("pdf.encrypted");
  });
});

/** WinAnsi hex of a text, as pdf-lib writes it in a content stream (`<…> Tj`). */
const winAnsiHex = (text: string) => Buffer.from(text, "latin1").toString("hex").toUpperCase();

/** The PDF with its page's content stream rewritten by `edit`, attachment kept, saved again. */
async function rewritePage(
  pdf: Uint8Array,
  edit: (content: string) => string,
  useObjectStreams = true,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = doc.getPage(0);
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  const content = streams
    .map((item) => {
      const stream = doc.context.lookup(item) as PDFRawStream;
      return Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    })
    .join("\n");
  const edited = edit(content);
  expect(edited).not.toBe(content);
  const replacement = doc.context.flateStream(Buffer.from(edited, "latin1"));
  page.node.set(PDFName.of("Contents"), doc.context.register(replacement));
  return doc.save({ useObjectStreams });
}

describe("printed text versus the signed credential inside", () => {
  let named: Credential;
  let other: Credential;

  /** A credential of `world.ece` (accredited) naming `name`. */
  async function issueNamed(name: string) {
    const unsigned = buildAchievementCredential({
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuer: { id: world.ece.did, name: world.ece.name },
      achievement: sampleAchievements.qualification,
      subject: {
        name,
        identifiers: [{ kind: "curp", value: "GOML850101HDFRPR09", salt: "sal-de-prueba" }],
      },
      validFrom: new Date(world.now.getTime() - 86_400_000),
    });
    return signCredential(unsigned, { key: world.ece.key, documentLoader: world.documentLoader });
  }

  beforeAll(async () => {
    named = await issueNamed("Ana López Núñez");
    other = await issueNamed("Luis Ortega Ruiz");
  });

  const json = (c: Credential) => encoder.encode(JSON.stringify(c));
  const printedCheckOf = (result: Awaited<ReturnType<typeof verify>>) =>
    result.checks.find((c) => c.code.startsWith("pdf.printed"));

  it("a genuine certificate from @avala/certificate-pdf: no mismatch, valid", async () => {
    const pdf = await certificate(json(named));
    const printed = readPrintedText(pdf);
    expect(printed.ok).toBe(true);
    const result = await verify(pdf, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(printedCheckOf(result)).toMatchObject({ code: "pdf.printed-matches", outcome: "pass" });
    expect(result.checks.filter((c) => c.outcome === "fail")).toEqual([]);
    // A credential without a name, printed with the holder line, matches too.
    const anonymous = await verify(await certificate(json(credential)), world.verifyOptions());
    expect(printedCheckOf(anonymous)?.outcome).toBe("pass");
  });

  it("the printed name edited in the content stream, the attachment kept: flagged", async () => {
    const genuine = await certificate(json(named));
    for (const useObjectStreams of [true, false]) {
      const forged = await rewritePage(
        genuine,
        (content) => content.replace(winAnsiHex("Ana López Núñez"), winAnsiHex("Juan Pérez Gómez")),
        useObjectStreams,
      );
      expect(extractFromPdf(forged).ok).toBe(true); // the attachment is still there
      const result = await verify(forged, world.verifyOptions());
      expect(result.verdict).toBe("invalid");
      const check = printedCheckOf(result)!;
      expect(check).toMatchObject({ code: "pdf.printed-name", outcome: "fail" });
      expect(check.message.en).toBe(
        "The printed text does not match the signed certificate inside the PDF: printed name “Juan Pérez Gómez”, signed name “Ana López Núñez”.",
      );
      expect(check.message.es).toContain("nombre impreso «Juan Pérez Gómez»");
    }
  });

  it("the printed achievement edited: flagged, through the endpoint too", async () => {
    const genuine = await certificate(json(named));
    const name = sampleAchievements.qualification.name.es;
    const forged = await rewritePage(genuine, (content) => {
      // The long name is wrapped over lines: replace the first line's text.
      const line = /<([0-9A-F]+)> Tj/g;
      let out = content;
      for (const match of content.matchAll(line)) {
        const text = Buffer.from(match[1]!, "hex").toString("latin1");
        if (name.startsWith(text) && text.length > 10) {
          out = out.replace(match[1]!, winAnsiHex("Doctorado en Medicina"));
          break;
        }
      }
      return out;
    });
    const result = await verify(forged, world.verifyOptions());
    expect(printedCheckOf(result)).toMatchObject({
      code: "pdf.printed-achievement",
      outcome: "fail",
    });
    const res = await app.request("/credentials/verify", post(forged));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { verified?: boolean; checks?: unknown[] };
    expect(body.verified).toBe(false);
  });

  it("a genuine page with another person's credential attached: flagged", async () => {
    const pdf = await certificate(json(other), "application/ld+json", named);
    const result = await verify(pdf, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(printedCheckOf(result)).toMatchObject({
      code: "pdf.printed-name",
      params: { printed: "Ana López Núñez", signed: "Luis Ortega Ruiz" },
    });
    // A name printed over a credential that names nobody is flagged as well.
    const unnamed = await verify(
      await certificate(json(credential), "application/ld+json", named),
      world.verifyOptions(),
    );
    expect(printedCheckOf(unnamed)).toMatchObject({ code: "pdf.printed-name-unsigned" });
  });

  it("the verify page says what differs, in the reader's language", async () => {
    const forged = await rewritePage(await certificate(json(named)), (content) =>
      content.replace(winAnsiHex("Ana López Núñez"), winAnsiHex("Juan Pérez Gómez")),
    );
    for (const [lang, text] of [
      ["en", "printed name “Juan Pérez Gómez”, signed name “Ana López Núñez”"],
      ["es", "nombre impreso «Juan Pérez Gómez», nombre firmado «Ana López Núñez»"],
    ] as const) {
      const form = new FormData();
      form.set("file", new Blob([Uint8Array.from(forged)], { type: "application/pdf" }), "c.pdf");
      form.set("lang", lang);
      const res = await app.request("/", { method: "POST", body: form });
      expect(res.status).toBe(200);
      // Under the verdict, not only in the technical details.
      const banner = /<div class="banner[^"]*"[\s\S]*?<\/div>/.exec(await res.text())?.[0] ?? "";
      expect(banner).toContain(text);
    }
  });

  it("another layout: the signed name and achievement must be printed somewhere", async () => {
    const plain = async (lines: string[], attached: Credential) => {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.TimesRoman);
      const page = doc.addPage([600, 400]);
      lines.forEach((line, i) => {
        page.drawText(line, { x: 40, y: 340 - i * 30, size: 14, font, color: rgb(0, 0, 0) });
      });
      await doc.attach(json(attached), "credential.json", { mimeType: "application/ld+json" });
      return doc.save();
    };
    const achievement = sampleAchievements.qualification.name.en!;
    const good = await plain(["Diploma", "Ana Lopez Nunez", achievement], named);
    expect(printedCheckOf(await verify(good, world.verifyOptions()))?.outcome).toBe("pass");
    const bad = await plain(["Diploma", "Juan Pérez Gómez", achievement], named);
    expect(printedCheckOf(await verify(bad, world.verifyOptions()))).toMatchObject({
      code: "pdf.printed-name-missing",
      outcome: "fail",
    });
  });

  it("text that cannot be read is not taken as matching", async () => {
    // A page with no text at all (a scanned picture, say).
    const doc = await PDFDocument.create();
    doc.addPage().drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
    await doc.attach(json(named), "credential.json");
    const blank = await verify(await doc.save(), world.verifyOptions());
    // The credential inside is genuine; only the page cannot confirm it: a warning, not a forgery.
    expect(blank.checks.filter((c) => c.outcome === "fail")).toEqual([]);
    expect(blank.verdict).toBe("valid-with-warnings");
    expect(printedCheckOf(blank)).toMatchObject({
      code: "pdf.printed-unreadable",
      outcome: "warning",
      params: { reason: "no text" },
    });
    // A composite font without a character map: its codes mean nothing without the font.
    const composite = await rewritePage(await certificate(json(named)), (content) =>
      content.replace(/\/(Helvetica-Bold-\d+) 24 Tf/, "/Hidden 24 Tf"),
    );
    const patched = await PDFDocument.load(composite);
    const fonts = patched.getPage(0).node.Resources()!.lookup(PDFName.of("Font")) as never as {
      set(name: PDFName, value: unknown): void;
    };
    fonts.set(
      PDFName.of("Hidden"),
      patched.context.obj({ Type: "Font", Subtype: "Type0", BaseFont: "Hidden" }),
    );
    const result = await verify(await patched.save(), world.verifyOptions());
    expect(printedCheckOf(result)).toMatchObject({
      code: "pdf.printed-unreadable",
      params: { reason: "a font without a character map" },
    });
  });

  it("limits: a content-stream deflate bomb, too many pages or objects stop the reading", async () => {
    const genuine = await certificate(json(named));
    const bomb = await rewritePage(
      genuine,
      (content) => `${content}\n${" ".repeat(16 * 1024 * 1024)}`,
      false,
    );
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect(readPrintedText(bomb)).toEqual({ ok: false, reason: "too much to inflate" });
    expect(printedCheckOf(await verify(bomb, world.verifyOptions()))).toMatchObject({
      code: "pdf.printed-unreadable",
    });

    const many = await PDFDocument.load(genuine);
    for (let i = 0; i < 20; i++) many.addPage();
    expect(readPrintedText(await many.save())).toEqual({ ok: false, reason: "too many pages" });
    // The limits are parameters: a smaller inflate budget refuses the genuine PDF.
    const tight = readPrintedText(genuine, {
      maxBytes: 4 * 1024 * 1024,
      maxObjects: 5000,
      maxAttachmentBytes: 1024 * 1024,
      maxTextBytes: 100,
      maxPages: 20,
    });
    expect(tight).toEqual({ ok: false, reason: "too much to inflate" });
    // Too many objects: refused before any stream is inflated.
    const objects = Buffer.concat([
      Buffer.from(genuine),
      Buffer.from(
        Array.from({ length: 6000 }, (_, i) => `${900 + i} 0 obj null endobj\n`).join(""),
      ),
    ]);
    expect(readPrintedText(new Uint8Array(objects))).toEqual({
      ok: false,
      reason: "too many objects",
    });
  });

  it("an object stream that inflates past the budget is refused, not inflated whole", async () => {
    const bomb = deflateSync(Buffer.alloc(32 * 1024 * 1024, 0x20), { level: 9 });
    const page = "<< /Type /Page /Contents 4 0 R >>";
    const content = deflateSync(Buffer.from("BT /F1 12 Tf (Ana) Tj ET"));
    const pdf = rawPdf([
      "<< /Type /Catalog >>",
      Buffer.concat([
        Buffer.from(
          `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
        ),
        bomb,
        Buffer.from("\nendstream"),
      ]),
      page,
      Buffer.concat([
        Buffer.from(`<< /Filter /FlateDecode /Length ${content.length} >>\nstream\n`),
        content,
        Buffer.from("\nendstream"),
      ]),
    ]);
    expect(inflateSync(content).toString()).toContain("Tj");
    expect(readPrintedText(pdf)).toEqual({ ok: false, reason: "too much to inflate" });
  });

  it("reads a composite font through its ToUnicode map (ranges and single codes)", () => {
    const cmap = [
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
      "1 begincodespacerange <0000> <FFFF> endcodespacerange",
      "1 beginbfrange <0001> <001A> <0041> endbfrange",
      "2 beginbfchar <0030> <00F3> <0031> <0020> endbfchar",
      "endcmap CMapName currentdict /CMap defineresource pop end end",
    ].join("\n");
    // "ANA L" + "ó" + "PEZ" as two-byte codes, split over a TJ array with kerning.
    const code = (text: string) =>
      [...text]
        .map((c) =>
          c === " "
            ? "0031"
            : c === "ó"
              ? "0030"
              : (c.charCodeAt(0) - 64).toString(16).padStart(4, "0"),
        )
        .join("");
    const content = `BT /F1 24 Tf [<${code("ANA L")}> -20 <${code("óPEZ")}>] TJ ET`;
    const pdf = rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 4 0 R >> >> >>",
      "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>",
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
    ]);
    expect(readPrintedText(pdf)).toEqual({ ok: true, runs: [{ text: "ANA LóPEZ", size: 24 }] });
  });

  it("a reading that would re-read the same bytes many times stops at its token budget", () => {
    // 4 000 objects packed in one object stream, every one pointing at the same long array.
    const array = `[${"1 ".repeat(400_000)}]`;
    const header = Array.from({ length: 4000 }, (_, i) => `${i + 10} 0`).join(" ");
    const data = deflateSync(Buffer.from(`${header} ${array}`));
    const pdf = rawPdf([
      Buffer.concat([
        Buffer.from(
          `<< /Type /ObjStm /N 4000 /First ${header.length + 1} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        ),
        data,
        Buffer.from("\nendstream"),
      ]),
    ]);
    expect(readPrintedText(pdf)).toEqual({ ok: false, reason: "too much to read" });
  });

  it("compares as people read: accents, case, line breaks and cut names", () => {
    expect(samePrinted("ANA LOPEZ  NUNEZ", "Ana López Núñez")).toBe(true);
    expect(samePrinted("Nguy?n Van A", "Nguyễn Văn A")).toBe(true);
    expect(samePrinted("Ana Lopez", "Ana López Núñez")).toBe(false);
    expect(samePrinted("Ana L...", "Ana López Núñez")).toBe(true);
    expect(
      comparePrinted(
        [
          { text: "Se certifica que / This certifies that", size: 11 },
          { text: "la persona titular / the holder", size: 16 },
          { text: "obtuvo / has achieved", size: 11 },
          { text: "Fundamentos", size: 17 },
          { text: "de ciberseguridad", size: 17 },
          { text: "Emitido por / Issued by", size: 9 },
        ],
        { achievement: ["Fundamentos de ciberseguridad"] },
      ),
    ).toEqual({ outcome: "pass", code: "pdf.printed-matches" });
  });
});
