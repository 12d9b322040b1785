import { verifyCredential } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { createStatusChecker } from "@avala/status-list";
import { loadTrustRegistry } from "@avala/trust-registry";
import {
  extractFromPdf,
  isPdf,
  readPrintedText,
  type VerifyOptions,
  verify,
} from "@avala/verifier";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ConsoleBrowser, staffBrowser } from "./console-support.js";
import { createHarness, type Harness, issue } from "./harness.js";

describe.each(testDatabases())("console: the PDF certificate on $name", (engine) => {
  let h: Harness;
  let clerk: ConsoleBrowser;
  let id: string;
  let options: VerifyOptions;

  beforeEach(async () => {
    h = await createHarness(engine, { verifierPublicUrl: "http://verifier.test" });
    const platform = await h.createOrg("platform", { kind: "platform", name: { es: "Avala" } });
    const conocer = await h.createOrg("conocer", {
      kind: "conocer",
      authority: true,
      name: { es: "CONOCER", en: "CONOCER" },
    });
    const ece = await h.createOrg("ece-pdf", {
      name: { es: "Capacita ECE, S.C.", en: "Capacita ECE" },
    });
    expect((await h.addAchievement("ece-pdf", ece.token)).status).toBe(201);
    const endorsed = await h.call("/orgs/conocer/endorsements", {
      token: conocer.token,
      json: { subjectOrg: "ece-pdf", comment: { es: "Acreditada", en: "Accredited" } },
    });
    expect(endorsed.status, endorsed.text).toBe(201);
    const issued = await issue(h, "ece-pdf", ece.token, {
      learner: { email: "ana@example.mx", curp: "LOGA040315MDFPRNA3", name: "Ana López Núñez" },
    });
    expect(issued.status, issued.text).toBe(201);
    const row = await h.ctx.db
      .selectFrom("issuer_credential")
      .select("public_id")
      .executeTakeFirstOrThrow();
    id = row.public_id;
    clerk = await staffBrowser(h, "ece-pdf", "clerk@ece-pdf.mx", "viewer");

    // An outside verifier: the library, this issuer's DID documents, status lists and registry
    // read over its HTTP API (in process), nothing else.
    const registry = await loadTrustRegistry((await h.call("/trust-registry.json")).body, {
      expectedOperator: platform.did,
      verify: (document) =>
        verifyCredential(document, { documentLoader: h.loader, now: () => h.clock.now }),
    });
    if (!registry.ok) throw new Error(registry.reason);
    options = {
      documentLoader: h.loader,
      checkStatus: createStatusChecker({
        fetchCredential: async (url) => (await h.app.request(url)).json(),
        verifyListCredential: (list) => verifyCredential(list, { documentLoader: h.loader }),
      }),
      trustRegistry: registry.registry,
      now: () => h.clock.now,
    };
  });
  afterEach(() => h.close());

  it("is offered on the credential's page and downloads a PDF that verifies by itself", async () => {
    const page = await clerk.get(`/console/credentials/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/console/credentials/${id}/certificate.pdf"`);
    expect(page.text).toContain("Descargar el certificado en PDF");

    const download = await h.app.request(`/console/credentials/${id}/certificate.pdf`, {
      headers: { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename="EC0217\.01-[0-9a-f]{8}\.pdf"$/,
    );
    const pdf = new Uint8Array(await download.arrayBuffer());
    expect(isPdf(pdf)).toBe(true);

    // The signed credential inside, exactly as the issuer stored it.
    const stored = await h.ctx.db
      .selectFrom("issuer_credential")
      .select("credential")
      .where("public_id", "=", id)
      .executeTakeFirstOrThrow();
    const extracted = extractFromPdf(pdf);
    expect(extracted.ok).toBe(true);
    if (extracted.ok) expect(new TextDecoder().decode(extracted.bytes)).toBe(stored.credential);

    // The verifier library verifies the PDF: genuine, accredited, printed text matching.
    const result = await verify(pdf, options);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");
    expect(result.kind === "credential" && result.trust?.status).toBe("accredited");
    expect(result.checks.find((c) => c.code === "pdf.printed-matches")?.outcome).toBe("pass");

    // What it prints: the person, the achievement, the issuer and who accredits it, the dates.
    const printed = readPrintedText(pdf);
    expect(printed.ok).toBe(true);
    const text = printed.ok ? printed.runs.map((r) => r.text).join("\n") : "";
    for (const fact of [
      "Ana López Núñez",
      "Impartición de cursos",
      "Capacita ECE, S.C.",
      "Acreditado por / Accredited by",
      "CONOCER",
      "Fecha de emisión / Issued on",
      "http://verifier.test/",
      // The compact edition signed with the credential: a second QR that verifies offline.
      "Scan to check",
    ]) {
      expect(text).toContain(fact);
    }
  });

  it("belongs to the organisation: another organisation's clerk gets 404, nobody signed out", async () => {
    const other = await h.createOrg("otra-org");
    expect(other.token).toBeTruthy();
    const stranger = await staffBrowser(h, "otra-org", "clerk@otra.mx", "admin");
    const denied = await stranger.get(`/console/credentials/${id}/certificate.pdf`);
    expect(denied.status).toBe(404);
    expect(denied.headers.get("content-type")).not.toBe("application/pdf");

    const anonymous = await h.app.request(`/console/credentials/${id}/certificate.pdf`, {
      headers: { accept: "text/html" },
    });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/console\/signin\?next=/);
  });

  it("is not made for a revoked credential", async () => {
    const admin = await staffBrowser(h, "ece-pdf", "admin@ece-pdf.mx", "admin");
    await admin.get(`/console/credentials/${id}/status?action=revoke`);
    const revoked = await admin.post(`/console/credentials/${id}/status`, {
      action: "revoke",
      reason: "issued-in-error",
      text: "",
    });
    expect(revoked.status, revoked.text.slice(0, 300)).toBe(303);
    const page = await clerk.get(`/console/credentials/${id}`);
    expect(page.text).not.toContain("certificate.pdf");
    const refused = await clerk.get(`/console/credentials/${id}/certificate.pdf`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("revocada o suspendida");
  });
});
