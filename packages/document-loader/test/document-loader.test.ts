import { didKeyFromPublicKey } from "@avala/did";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { describe, expect, it } from "vitest";
import { createDocumentLoader, UnknownDocumentError } from "../src/index.js";

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
