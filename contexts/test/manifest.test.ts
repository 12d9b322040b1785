import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readContextFile, readManifest } from "../index.js";

describe("contexts manifest", () => {
  it("pins every context and schema file by sha256", () => {
    const manifest = readManifest();
    expect(manifest.contexts.length).toBeGreaterThanOrEqual(17);
    expect(manifest.schemas.length).toBe(5);
    for (const entry of [...manifest.contexts, ...manifest.schemas]) {
      const sha = createHash("sha256").update(readContextFile(entry.file)).digest("hex");
      expect(sha, entry.file).toBe(entry.sha256);
    }
  });

  it("covers the contexts the issue names", () => {
    const urls = readManifest().contexts.map((c) => c.url);
    for (const url of [
      "https://www.w3.org/2018/credentials/v1",
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      "https://w3id.org/security/data-integrity/v1",
      "https://w3id.org/security/data-integrity/v2",
      "https://w3id.org/security/suites/ed25519-2020/v1",
      "https://w3id.org/security/multikey/v1",
      "https://www.w3.org/ns/did/v1",
      "https://www.w3.org/ns/credentials/status/v1",
      "https://www.w3.org/2018/credentials/examples/v1",
      "https://www.w3.org/ns/credentials/examples/v2",
    ]) {
      expect(urls).toContain(url);
    }
  });
});
