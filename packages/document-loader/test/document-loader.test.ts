import { createHash } from "node:crypto";
import { readContextFile, readManifest } from "@avala/contexts";
import { didKeyFromPublicKey } from "@avala/did";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { describe, expect, it } from "vitest";
import { createDocumentLoader, UnknownDocumentError } from "../src/index.js";

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

describe("createDocumentLoader", () => {
  it("serves known contexts from the static map", async () => {
    const load = createDocumentLoader();
    const { document, documentUrl } = await load("https://www.w3.org/ns/credentials/v2");
    expect(documentUrl).toBe("https://www.w3.org/ns/credentials/v2");
    expect(document).toHaveProperty("@context");
    expect(Object.isFrozen(document)).toBe(true);
  });

  it("refuses an unknown URL with a typed error naming it, without fetching", async () => {
    const load = createDocumentLoader();
    const url = "https://attacker.example/context.json";
    const error = await load(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownDocumentError);
    expect((error as UnknownDocumentError).url).toBe(url);
    expect((error as Error).message).toContain(url);
  });

  it("resolves did:key documents and verification methods offline", async () => {
    const key = await Ed25519Multikey.generate();
    const did = didKeyFromPublicKey(key.publicKeyMultibase);
    const load = createDocumentLoader();
    const { document: doc } = await load(did);
    expect(doc).toMatchObject({ id: did });
    const vmId = `${did}#${key.publicKeyMultibase}`;
    const { document: vm } = await load(vmId);
    expect(vm).toMatchObject({ id: vmId, type: "Multikey", controller: did });
    await expect(load(`${did}#nope`)).rejects.toBeInstanceOf(UnknownDocumentError);
  });

  it("refuses did:web unless a resolver is given", async () => {
    const load = createDocumentLoader();
    await expect(load("did:web:issuer.example")).rejects.toThrow(/did:web resolution is off/);
  });

  it("serves extra documents the caller provides", async () => {
    const url = "https://issuer.example/status/1";
    const load = createDocumentLoader({ documents: new Map([[url, { ok: true }]]) });
    await expect(load(url)).resolves.toMatchObject({ document: { ok: true } });
  });
});
