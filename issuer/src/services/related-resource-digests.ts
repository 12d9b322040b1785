import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contextsDir, readManifest } from "@avala/contexts";
import { base58, base64urlnopad } from "@scure/base";

/**
 * The digests of a `relatedResource` (VC DM 2.0 §5.3), read and checked offline. Avala never
 * fetches a related resource: it checks a digest only for a resource it holds (a JSON-LD context
 * in contexts/) and whose published bytes it knows; for any other resource it can only check the
 * digest's syntax (see `credential-rules.ts`).
 */

export type DigestAlgorithm = "sha256" | "sha384" | "sha512";

export interface Digest {
  algorithm: DigestAlgorithm;
  bytes: Uint8Array;
}

const SRI = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/;
const LENGTH: Record<DigestAlgorithm, number> = { sha256: 32, sha384: 48, sha512: 64 };
/** Multihash codes (multicodec table) of the SHA-2 digests Avala computes. */
const MULTIHASH: ReadonlyMap<number, DigestAlgorithm> = new Map([
  [0x12, "sha256"],
  [0x20, "sha384"],
  [0x13, "sha512"],
]);

/** A digest as a Subresource Integrity hash expression: `sha384-` and standard base64. */
export function sriOf(digest: Digest): string {
  return `${digest.algorithm}-${Buffer.from(digest.bytes).toString("base64")}`;
}

/** `digestSRI`: a Subresource Integrity hash expression (sha256, sha384, sha512), or undefined. */
export function digestOfSri(value: unknown): Digest | undefined {
  if (typeof value !== "string") return undefined;
  const match = SRI.exec(value);
  if (!match) return undefined;
  const algorithm = match[1] as DigestAlgorithm;
  const bytes = Buffer.from(match[2]!, "base64");
  return bytes.length === LENGTH[algorithm] ? { algorithm, bytes } : undefined;
}

function multibaseBytes(value: string): Uint8Array | undefined {
  try {
    if (value.startsWith("u")) return base64urlnopad.decode(value.slice(1));
    if (value.startsWith("z")) return base58.decode(value.slice(1));
  } catch {
    return undefined;
  }
  return undefined;
}

function bareDigest(bytes: Uint8Array): Digest | undefined {
  for (const algorithm of ["sha256", "sha384", "sha512"] as const) {
    if (bytes.length === LENGTH[algorithm]) return { algorithm, bytes };
  }
  return undefined;
}

/**
 * `digestMultibase`: a multibase string (`u` base64url, `z` base58btc) of a SHA-2 multihash, as
 * Data Integrity 1.0 §2.6 defines it, or of the bare digest (32, 48 or 64 bytes), the form VC
 * DM 2.0's own examples and W3C's test suite use. Undefined: not a digest Avala can compute
 * (another multibase or hash function).
 */
export function digestOfMultibase(value: unknown): Digest | undefined {
  if (typeof value !== "string") return undefined;
  const bytes = multibaseBytes(value);
  if (!bytes) return undefined;
  const algorithm = MULTIHASH.get(bytes[0]!);
  if (algorithm && bytes[1] === LENGTH[algorithm] && bytes.length === LENGTH[algorithm] + 2) {
    return { algorithm, bytes: bytes.subarray(2) };
  }
  return bareDigest(bytes);
}

/**
 * Published versions of held contexts whose bytes differ from Avala's copy (the copies in
 * contexts/ come from npm packages, formatted otherwise), as SRI expressions of the file W3C
 * serves at the URL, computed from w3c/vc-data-model's history (`contexts/credentials/…`).
 */
const PUBLISHED_VERSIONS: ReadonlyMap<string, ReadonlyArray<readonly string[]>> = new Map([
  [
    "https://www.w3.org/ns/credentials/v2",
    [
      // Served since 2025-02-24 (w3c/vc-data-model 08b83e4, the file's latest change).
      [
        "sha256-WZVc7WaX1h4D8rJVb+vlMIqxaEKEb1tYbX8fet7JJzQ=",
        "sha384-l/HrjlBCNWyAX91hr6LFV2Y3heB5Tcr6IeE4/Tje8YyzYBM8IhqjHWiWpr8+ZbYU",
        "sha512-XVVFK9Lc+KKfWikEc+skKxxft31OaPGgqoe6pNuiaUhS1l7GPUisBKmdlW+fcVO5QG+E0tBMdIabAsI5odgTBQ==",
      ],
      // Served 2024-07-03 to 2025-02-24 (8d0ee10): the digest W3C's VC DM 2.0 test suite uses.
      [
        "sha256-JKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k=",
        "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg",
        "sha512-yxM236hnDYDQM0SzsMwl+vTUUgGCPDXzm7Gv5an5EfYV/07IDsXy+J4z0U6Wvsi+eOON81uRjJzV87NEm9bIjw==",
      ],
    ],
  ],
  [
    "https://www.w3.org/2018/credentials/v1",
    [
      // Served since 2019-06-25 (cd28fa0): the VC 1.1 context.
      [
        "sha256-q03dmlMXWIB6eaW0UFENYa6NFH6rlmzJogDAcJWwzcw=",
        "sha384-gsOz6rhjdUu/0rnxfY1tufYRafMBy/CwXh/EvrX1xR3U0uiIwnT0nD+7JAj2H67R",
        "sha512-U2pAs5DdqUqeORlsAAkPYmaOgYT+PIwCxKIshWZuaL9uhdPcfy26hbK2Lvldl94kEyVo2FBNtD8snILS6IQY0g==",
      ],
    ],
  ],
]);

/** Held contexts whose file in contexts/ is, byte for byte, the one published at the URL. */
const HELD_AS_PUBLISHED: ReadonlySet<string> = new Set([
  "https://www.w3.org/ns/credentials/examples/v2",
  "https://www.w3.org/ns/credentials/undefined-terms/v2",
]);

let heldFiles: ReadonlyMap<string, string> | undefined;
const known = new Map<string, ReadonlySet<string>>();

function heldFileOf(url: string): string | undefined {
  heldFiles ??= new Map(readManifest().contexts.map((entry) => [entry.url, entry.file]));
  return heldFiles.get(url);
}

function digestsOfBytes(bytes: Buffer): string[] {
  return (["sha256", "sha384", "sha512"] as const).map((algorithm) =>
    sriOf({ algorithm, bytes: createHash(algorithm).update(bytes).digest() }),
  );
}

/**
 * Every digest (as SRI expressions, SHA-256/384/512) a resource Avala holds may rightly carry:
 * those of the bytes in contexts/ and of the published versions recorded above. Undefined when
 * Avala cannot check the resource offline: it does not hold it, or it holds a copy whose bytes
 * may differ from the published file (the Open Badges contexts are re-serialised JavaScript
 * modules; the other w3id.org contexts come from npm packages) and no published digest is
 * recorded, so a correct digest could not be told from a wrong one.
 */
export function knownDigestsOf(url: string): ReadonlySet<string> | undefined {
  const cached = known.get(url);
  if (cached) return cached;
  const file = heldFileOf(url);
  const published = PUBLISHED_VERSIONS.get(url);
  if (file === undefined || (published === undefined && !HELD_AS_PUBLISHED.has(url))) {
    return undefined;
  }
  const digests = new Set([
    ...digestsOfBytes(readFileSync(join(contextsDir, file))),
    ...(published ?? []).flat(),
  ]);
  known.set(url, digests);
  return digests;
}
