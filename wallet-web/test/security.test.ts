import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GuardedFetchError } from "@avala/guarded-fetch";
import { createAttemptLimiter, hashPassword, verifyPassword } from "@avala/web-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveWalletKeys, open, seal } from "../src/security/keys.js";
import { offerUrlOf } from "../src/services/claims.js";
import { createGuardedPost } from "../src/services/guarded-post.js";
import { importUrlOf } from "../src/services/importing.js";
import { stackingProgress, withKnownUnits } from "../src/services/stacking.js";
import { unitsOf } from "../src/services/standards.js";
import { safeNext } from "../src/views/view.js";

/** The stored hash with one bit of its decoded hash bytes (byte `index`) flipped. */
function tamperHash(stored: string, index: number): string {
  const parts = stored.split("$");
  const bytes = Buffer.from(parts.at(-1)!, "base64url");
  expect(bytes).toHaveLength(32);
  bytes[index]! ^= 0x01;
  return [...parts.slice(0, -1), bytes.toString("base64url")].join("$");
}

describe("passwords", () => {
  it("hashes with scrypt and a fresh salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    // Tamper with the decoded hash, not its text: the last of the 43 base64url characters of 32
    // bytes carries only 4 bits of them, so writing "A" over it left the bytes unchanged (and the
    // "tampered" hash valid) whenever those bits were 0: one run in 16.
    for (const tampered of [tamperHash(a, 0), tamperHash(a, 31)]) {
      expect(tampered).not.toBe(a);
      expect(await verifyPassword("correct horse battery staple", tampered)).toBe(false);
    }
    expect(await verifyPassword("x", "not a hash")).toBe(false);
    // An absurd cost in a stored hash is refused rather than computed.
    expect(await verifyPassword("x", a.replace("scrypt$15$", "scrypt$30$"))).toBe(false);
  });
});

describe("secrets at rest", () => {
  const keys = deriveWalletKeys(randomBytes(32));
  it("opens only what was sealed with the same key and context", () => {
    const sealed = seal(keys.sealKey, "z3u2secret", "holder-key:a");
    expect(sealed).not.toContain("z3u2secret");
    expect(open(keys.sealKey, sealed, "holder-key:a")).toBe("z3u2secret");
    expect(() => open(keys.sealKey, sealed, "holder-key:b")).toThrow();
    expect(() => open(deriveWalletKeys(randomBytes(32)).sealKey, sealed, "holder-key:a")).toThrow();
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => open(keys.sealKey, `v1.${bytes.toString("base64url")}`, "holder-key:a")).toThrow();
    expect(seal(keys.sealKey, "same", "c")).not.toBe(seal(keys.sealKey, "same", "c"));
  });
  it("derives different keys per purpose", () => {
    expect(keys.sealKey.equals(keys.csrfKey)).toBe(false);
    expect(() => deriveWalletKeys(randomBytes(16))).toThrow();
  });
});

describe("sign-in attempt limiter", () => {
  it("locks a key after max failures until its window ends, and forgets on reset", () => {
    let now = 0;
    const limiter = createAttemptLimiter({ max: 3, windowMs: 1000, maxKeys: 2, now: () => now });
    for (let i = 0; i < 3; i++) limiter.fail("a");
    expect(limiter.retryAfter("a")).toBe(1);
    now = 1001;
    expect(limiter.retryAfter("a")).toBe(0);
    limiter.fail("b");
    limiter.reset("b");
    expect(limiter.retryAfter("b")).toBe(0);
    // Bounded: the oldest key is dropped when full.
    limiter.fail("c");
    limiter.fail("d");
    limiter.fail("e");
    expect(limiter.retryAfter("c")).toBe(0);
  });

  it("keeps locked keys when full: failures sprayed over other keys do not unlock an account", () => {
    let now = 0;
    const limiter = createAttemptLimiter({ max: 3, windowMs: 1000, maxKeys: 100, now: () => now });
    for (let i = 0; i < 3; i++) limiter.fail("ana@example.mx");
    for (let i = 0; i < 10_000; i++) limiter.fail(`spray-${i}@example.mx`);
    expect(limiter.retryAfter("ana@example.mx")).toBe(1);
    // Ended windows make room too; when every key is locked, the oldest goes.
    now = 1001;
    const full = createAttemptLimiter({ max: 1, windowMs: 1000, maxKeys: 2, now: () => now });
    full.fail("a");
    full.fail("b");
    full.fail("c");
    expect(full.retryAfter("a")).toBe(0);
    expect(full.retryAfter("b")).toBe(1);
    expect(full.retryAfter("c")).toBe(1);
    expect(() => createAttemptLimiter({ max: 1, windowMs: 1000, maxKeys: 0 })).toThrow(TypeError);
  });
});

describe("links", () => {
  it("finds the offer URL in an offer link or a wallet claim link", () => {
    const offer = "https://issuer.example/claims/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";
    expect(offerUrlOf(offer)).toBe(offer);
    expect(offerUrlOf(`https://wallet.example/claim?offer=${encodeURIComponent(offer)}`)).toBe(
      offer,
    );
    expect(offerUrlOf("https://issuer.example/other/x")).toBeUndefined();
    expect(offerUrlOf("javascript:alert(1)//claims/AAAAAAAAAAAA")).toBeUndefined();
    expect(offerUrlOf("https://user:pw@issuer.example/claims/AAAAAAAAAAAA")).toBeUndefined();
  });
  it("reads share and verify-page links as the document they point at", () => {
    const token = "A".repeat(43);
    expect(importUrlOf(`https://wallet.example/s/${token}`)).toBe(
      `https://wallet.example/s/${token}/presentation.json`,
    );
    expect(
      importUrlOf(`https://verify.example/?url=${encodeURIComponent("https://x.example/c.json")}`),
    ).toBe("https://x.example/c.json");
    expect(importUrlOf("file:///etc/passwd")).toBeUndefined();
  });
  it("only returns to same-site paths", () => {
    expect(safeNext("/shares?x=1")).toBe("/shares?x=1");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil", "/a\r\nb", ""]) {
      expect(safeNext(bad)).toBe("/credentials");
    }
  });
});

describe("stacking progress", () => {
  it("counts units held toward a standard, and completes it with the qualification", () => {
    const unit = (code: string, standard = "EC0217.01") => ({
      kind: "unit" as const,
      code,
      name: code,
      standard: { code: standard },
      units: [],
    });
    const stacks = stackingProgress([unit("U2"), unit("U1"), unit("U1"), unit("X1", "EC0301")]);
    expect(stacks.map((s) => [s.code, s.held, s.required, s.complete])).toEqual([
      ["EC0217.01", ["U2", "U1"], undefined, false],
      ["EC0301", ["X1"], undefined, false],
    ]);
    const known = withKnownUnits(stacks, new Map([["EC0217.01", ["U1", "U2", "U3"]]]));
    expect(known[0]).toMatchObject({ held: ["U1", "U2"], required: ["U1", "U2", "U3"] });
    const complete = stackingProgress([
      unit("U1"),
      {
        kind: "qualification",
        code: "EC0217.01",
        name: "Impartición",
        units: [
          { code: "U1", name: "a" },
          { code: "U2", name: "b" },
          { code: "U3", name: "c" },
        ],
      },
    ]);
    expect(complete[0]).toMatchObject({ complete: true, held: ["U1", "U2", "U3"] });
  });
  it("reads a standard's units from its catalogue achievement", () => {
    const achievement = {
      humanCode: "EC0217.01",
      alignment: [
        { targetType: "ceterms:Credential", targetCode: "EC0217.01" },
        { targetType: "ceasn:Competency", targetCode: "U1" },
        { targetType: "ceasn:Competency", targetCode: "U2" },
        { targetType: "ext:CompetenceLevel", targetCode: "3" },
      ],
    };
    expect(unitsOf(achievement, "EC0217.01")).toEqual(["U1", "U2"]);
    expect(unitsOf(achievement, "EC0301")).toBeUndefined();
    expect(unitsOf("nope", "EC0217.01")).toBeUndefined();
  });
});

describe("guarded POST", () => {
  let server: Server;
  let host: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/big") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("x".repeat(5000));
        return;
      }
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://127.0.0.1:1/" });
        res.end();
        return;
      }
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        res.writeHead(409, { "content-type": "application/problem+json" });
        res.end(
          JSON.stringify({
            status: 409,
            echo: JSON.parse(body),
            type: req.headers["content-type"],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return "resolved";
    } catch (error) {
      return error instanceof GuardedFetchError ? error.code : `other: ${String(error)}`;
    }
  };

  it("posts JSON to an allow-listed host and returns any status with its body", async () => {
    const post = createGuardedPost({ allowHosts: [host] });
    const response = await post(`http://${host}/claims/x`, { presentation: { a: 1 } });
    expect(response.status).toBe(409);
    expect(JSON.parse(Buffer.from(response.bytes).toString())).toEqual({
      status: 409,
      echo: { presentation: { a: 1 } },
      type: "application/json",
    });
    // Redirects are returned, not followed.
    expect((await post(`http://${host}/redirect`, {})).status).toBe(302);
  });

  it("refuses what the guarded fetcher refuses", async () => {
    const post = createGuardedPost({ allowHosts: [host], maxBytes: 1000 });
    const strict = createGuardedPost();
    expect(await codeOf(strict(`http://${host}/claims/x`, {}))).toBe("scheme-not-allowed");
    expect(await codeOf(strict(`https://${host}/claims/x`, {}))).toBe("host-not-allowed");
    expect(await codeOf(strict("https://10.1.2.3/claims/x", {}))).toBe("host-not-allowed");
    expect(await codeOf(strict("https://[::1]/claims/x", {}))).toBe("host-not-allowed");
    expect(await codeOf(strict("https://u:p@example.com/claims/x", {}))).toBe("url-invalid");
    expect(await codeOf(strict("ftp://example.com/x", {}))).toBe("scheme-not-allowed");
    expect(await codeOf(post(`http://${host}/big`, {}))).toBe("too-large");
    const privateName = createGuardedPost({
      lookup: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "192.168.1.10", family: 4 },
      ],
    });
    expect(await codeOf(privateName("https://mixed.example/claims/x", {}))).toBe(
      "host-not-allowed",
    );
  });
});
