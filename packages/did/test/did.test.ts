import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { describe, expect, it } from "vitest";
import {
  createDidResolver,
  DidResolutionError,
  didKeyFromPublicKey,
  didWebFromOrigin,
  didWebToUrl,
  resolveDidKey,
} from "../src/index.js";

describe("did:key", () => {
  it("resolves an Ed25519 did:key offline to a Multikey DID document", async () => {
    const key = await Ed25519Multikey.generate();
    const did = didKeyFromPublicKey(key.publicKeyMultibase);
    const doc = resolveDidKey(did);
    expect(doc.id).toBe(did);
    expect(doc.verificationMethod[0]).toEqual({
      id: `${did}#${key.publicKeyMultibase}`,
      type: "Multikey",
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    expect(doc.assertionMethod).toEqual([`${did}#${key.publicKeyMultibase}`]);
  });

  it("rejects non-Ed25519 or malformed keys", () => {
    expect(() =>
      resolveDidKey("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"),
    ).toThrow(/Ed25519/);
    expect(() => resolveDidKey("did:key:z6Mk")).toThrow();
  });
});

describe("did:web", () => {
  it.each([
    ["did:web:example.com", "https://example.com/.well-known/did.json"],
    ["did:web:example.com:orgs:conalep", "https://example.com/orgs/conalep/did.json"],
    ["did:web:localhost%3A4100:orgs:a", "https://localhost:4100/orgs/a/did.json"],
  ])("%s -> %s", (did, url) => {
    expect(didWebToUrl(did)).toBe(url);
  });

  it("rejects path traversal and odd hosts", () => {
    expect(() => didWebToUrl("did:web:example.com:..:x")).toThrow();
    expect(() => didWebToUrl("did:web:exa%2Fmple.com")).toThrow();
    expect(() => didWebToUrl("did:web:")).toThrow();
  });

  it("builds did:web from an origin", () => {
    expect(didWebFromOrigin("http://localhost:4100", ["orgs", "cb-01"])).toBe(
      "did:web:localhost%3A4100:orgs:cb-01",
    );
    expect(didWebFromOrigin("https://avala.example")).toBe("did:web:avala.example");
  });

  it("resolves through the injected fetcher only, and checks the document id", async () => {
    const did = "did:web:issuer.example";
    const seen: string[] = [];
    const resolver = createDidResolver({
      fetchJson: async (url) => {
        seen.push(url);
        return { id: did, verificationMethod: [] };
      },
    });
    await expect(resolver(did)).resolves.toMatchObject({ id: did });
    expect(seen).toEqual(["https://issuer.example/.well-known/did.json"]);

    const lying = createDidResolver({ fetchJson: async () => ({ id: "did:web:evil.example" }) });
    await expect(lying(did)).rejects.toBeInstanceOf(DidResolutionError);
    await expect(createDidResolver()(did)).rejects.toThrow(/off/);
  });
});
