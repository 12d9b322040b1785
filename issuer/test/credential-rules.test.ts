import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Profile } from "@avala/credentials";
import { base58 } from "@scure/base";
import { describe, expect, it } from "vitest";
import { isDateTimeStamp, isUrl } from "../src/services/credential-rules.js";
import { issuerFor } from "../src/services/issuer-shape.js";
import {
  digestOfMultibase,
  digestOfSri,
  knownDigestsOf,
  sriOf,
} from "../src/services/related-resource-digests.js";
import { reservedTypeIn } from "../src/services/reserved-types.js";

const V2 = "https://www.w3.org/ns/credentials/v2";
const V1 = "https://www.w3.org/2018/credentials/v1";
const OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const DID = "did:web:issuer.example:orgs:a";
const profile: Profile = { id: DID, type: ["Profile"], name: "Org A", url: "https://a.example" };

describe("the issuer in each context set", () => {
  it.each([
    ["v2 alone, a string", [V2], "2.0", DID, DID],
    ["v2 alone, an object", [V2], "2.0", { id: DID }, { id: DID, name: "Org A" }],
    ["v2 + OB 3.0.3", [V2, OB], "2.0", DID, profile],
    [
      "v1 + OB 3.0.2",
      [V1, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"],
      "1.1",
      DID,
      profile,
    ],
    ["v1 alone, a string", [V1], "1.1", DID, DID],
    ["v1 alone, an object", [V1], "1.1", { id: DID }, { id: DID }],
    [
      "OB extensions only: not the OB context",
      [V2, "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],
      "2.0",
      { id: DID },
      { id: DID, name: "Org A" },
    ],
  ] as const)("%s", (_name, contexts, model, requested, expected) => {
    expect(issuerFor({ contexts, model, requested, profile })).toEqual(expected);
  });
});

describe("dates and URLs", () => {
  it.each([
    ["2023-02-26T01:02:58.447Z", true],
    ["2023-02-25T19:10:39-06:00", true],
    ["4023-02-26T01:02:58Z", true],
    ["2024-02-29T00:00:00Z", true],
    ["2023-02-29T00:00:00Z", false],
    ["2023-02-26T01:02:58", false],
    ["2023-02-26", false],
    ["Sat 25 Feb 2023 07:16:31 PM CST", false],
    ["2023-02-26T01:02:58z", false],
    ["2023-02-26T24:00:00Z", true],
    ["2023-02-26T24:00:01Z", false],
    ["2023-02-26T01:02:58+15:00", false],
  ])("%s is a dateTimeStamp: %s", (value, expected) => {
    expect(isDateTimeStamp(value)).toBe(expected);
  });

  it.each([
    ["did:example:subject", true],
    ["urn:uuid:6a7b3c1e-0000-4000-8000-000000000001", true],
    ["https://example.org/credentials/1", true],
    ["https ://not-a-url/vcs/1", false],
    ["fake-issuer", false],
    ["", false],
  ])("%s is a URL: %s", (value, expected) => {
    expect(isUrl(value)).toBe(expected);
  });
});

describe("reserved types, through any alias an inline context gives them", () => {
  const credential = (context: unknown, type: string[]) => ({
    "@context": [V2, context],
    type,
    credentialSubject: { id: "did:example:s" },
  });
  it.each([
    ["a term", credential({}, ["VerifiableCredential", "EndorsementCredential"])],
    [
      "an alias",
      credential({ A: "https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementCredential" }, [
        "VerifiableCredential",
        "A",
      ]),
    ],
    [
      "a prefix",
      credential({ p: "https://www.w3.org/ns/credentials/status#" }, [
        "VerifiableCredential",
        "p:BitstringStatusListCredential",
      ]),
    ],
    [
      "a prefix that ends in part of the name",
      credential({ p: "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Endorsement" }, [
        "VerifiableCredential",
        "p:Credential",
      ]),
    ],
    [
      "@vocab",
      credential({ "@vocab": "https://w3id.org/vc/status-list#StatusList" }, [
        "VerifiableCredential",
        "2021Credential",
      ]),
    ],
  ])("%s", (_name, document) => {
    expect(reservedTypeIn(document)).toBeDefined();
  });

  it("leaves ordinary types and inline contexts alone", () => {
    expect(
      reservedTypeIn(credential({ Ex: "https://example.org/#Ex" }, ["VerifiableCredential", "Ex"])),
    ).toBeUndefined();
  });
});

describe("related resource digests", () => {
  const V2_SHA256 = "24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9";

  it("reads digestMultibase as a multihash (Data Integrity) or a bare digest (VC DM 2.0)", () => {
    const bare = Buffer.from(V2_SHA256, "hex");
    // The W3C suite's fixture: `u` + base64url of the bare SHA-256 digest.
    expect(digestOfMultibase("uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k")).toEqual({
      algorithm: "sha256",
      bytes: Uint8Array.from(bare),
    });
    // The same digest as a sha2-256 multihash, base64url and base58btc.
    const multihash = Buffer.from([0x12, 0x20, ...bare]);
    expect(sriOf(digestOfMultibase(`u${multihash.toString("base64url")}`)!)).toBe(
      `sha256-${bare.toString("base64")}`,
    );
    expect(digestOfMultibase(`z${base58.encode(multihash)}`)?.algorithm).toBe("sha256");
    // sha2-384 and sha2-512 multihashes; bare 48 and 64 bytes.
    const d48 = Buffer.alloc(48, 1);
    const d64 = Buffer.alloc(64, 2);
    expect(
      digestOfMultibase(`u${Buffer.from([0x20, 48, ...d48]).toString("base64url")}`)?.algorithm,
    ).toBe("sha384");
    expect(
      digestOfMultibase(`u${Buffer.from([0x13, 64, ...d64]).toString("base64url")}`)?.algorithm,
    ).toBe("sha512");
    expect(digestOfMultibase(`u${d48.toString("base64url")}`)?.algorithm).toBe("sha384");
    expect(digestOfMultibase(`u${d64.toString("base64url")}`)?.algorithm).toBe("sha512");
  });

  it.each([
    [
      "a sha3-256 multihash (not computed)",
      `u${Buffer.from([0x16, 32, ...Buffer.alloc(32)]).toString("base64url")}`,
    ],
    ["a length that is no digest", `u${Buffer.alloc(20).toString("base64url")}`],
    ["another multibase (base16)", `f${"00".repeat(32)}`],
    ["not base64url", "u@@@"],
    ["not a string", 32],
  ])("leaves %s unread", (_name, value) => {
    expect(digestOfMultibase(value)).toBeUndefined();
  });

  it("reads digestSRI: sha256, sha384, sha512 with the digest's length", () => {
    expect(
      digestOfSri("sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg")
        ?.algorithm,
    ).toBe("sha384");
    expect(digestOfSri(`sha256-${Buffer.alloc(48).toString("base64")}`)).toBeUndefined();
    expect(digestOfSri(`md5-${Buffer.alloc(16).toString("base64")}`)).toBeUndefined();
    expect(
      digestOfSri("sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P"),
    ).toBeUndefined();
  });

  it("knows the digests of the contexts it holds and whose published bytes it knows", () => {
    const v2 = knownDigestsOf(V2)!;
    // The bytes in contexts/, and the files W3C served at the URL (now, and July 2024 to
    // February 2025), in the three algorithms.
    const held = readFileSync(
      new URL("../../contexts/files/credentials-v2.jsonld", import.meta.url),
    );
    for (const algorithm of ["sha256", "sha384", "sha512"] as const) {
      expect(v2.has(`${algorithm}-${createHash(algorithm).update(held).digest("base64")}`)).toBe(
        true,
      );
    }
    expect(v2.has(`sha256-${Buffer.from(V2_SHA256, "hex").toString("base64")}`)).toBe(true);
    expect(v2.size).toBe(9);
    expect(knownDigestsOf(V1)?.size).toBe(6);
    expect(knownDigestsOf("https://www.w3.org/ns/credentials/examples/v2")?.size).toBe(3);
    // Held, but re-serialised or from npm: published bytes unknown offline, not checked.
    expect(knownDigestsOf(OB)).toBeUndefined();
    expect(knownDigestsOf("https://w3id.org/security/data-integrity/v2")).toBeUndefined();
    // Not held: never fetched, not checked.
    expect(knownDigestsOf("https://example.org/resource")).toBeUndefined();
  });
});
