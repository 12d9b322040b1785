import { deflateSync } from "node:zlib";
import { renderCertificatePdf } from "@avala/certificate-pdf";
import type { Credential } from "@avala/credentials";
import type { Hono } from "hono";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifierApp, createVerifierContext, loadConfig, verify } from "../src/index.js";
import { extractFromPdf, isPdf } from "../src/pdf.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let credential: Credential;

const encoder = new TextEncoder();

function certificate(bytes: Uint8Array, mediaType = "application/ld+json") {
  return renderCertificatePdf({
    content: {
      person: "Ana López",
      achievement: { name: "Impartición de cursos", standard: "EC0217.01" },
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
