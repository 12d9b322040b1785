import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bakePng,
  bakeSvg,
  crc32,
  extractFromPng,
  extractFromSvg,
  OPEN_BADGE_PNG_KEYWORD,
  verify,
} from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld, samplePng, sampleSvg } from "../src/testing.js";

let world: FixtureWorld;

beforeAll(async () => {
  world = await createFixtureWorld();
});

afterAll(async () => {
  await world?.server.close();
});

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.byteLength);
  out.set(Buffer.from(type, "latin1"), 4);
  out.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(out, 4, 8 + data.byteLength));
  return out;
}

/** Inserts a raw chunk before IEND (the last 12 bytes of a PNG). */
function insertBeforeIend(png: Uint8Array, raw: Uint8Array): Uint8Array {
  return new Uint8Array(
    Buffer.concat([png.subarray(0, png.length - 12), raw, png.subarray(png.length - 12)]),
  );
}

describe("crc32", () => {
  it("matches the PNG reference value", () => {
    // CRC of "IEND" with no data, as in every PNG.
    expect(crc32(Buffer.from("IEND", "latin1"))).toBe(0xae426082);
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});

describe("baked PNG", () => {
  it("round-trips a credential and verifies it", async () => {
    const endorsement = await world.endorse(world.sep, world.entidad);
    const { credential } = await world.issue({
      issuer: world.entidad,
      endorsements: [endorsement],
    });
    const png = await samplePng();
    const baked = bakePng(png, credential);
    const extracted = extractFromPng(baked);
    expect(extracted).toEqual({ ok: true, text: JSON.stringify(credential) });
    const result = await verify(baked, world.verifyOptions());
    expect(result.verdict).toBe("valid");
    expect(result.source).toEqual({ form: "png" });
    expect(result.checks[0]).toMatchObject({ code: "baked.extracted", params: { format: "PNG" } });
    // Baking again replaces the credential rather than adding a second one.
    expect(extractFromPng(bakePng(baked, { replaced: true }))).toEqual({
      ok: true,
      text: '{"replaced":true}',
    });
  });

  it("reads a compressed iTXt chunk", async () => {
    const text = JSON.stringify({ hello: "compressed" });
    const data = Buffer.concat([
      Buffer.from(OPEN_BADGE_PNG_KEYWORD, "latin1"),
      Uint8Array.of(0, 1, 0, 0, 0),
      deflateSync(Buffer.from(text)),
    ]);
    const png = insertBeforeIend(await samplePng(), chunk("iTXt", data));
    expect(extractFromPng(png)).toEqual({ ok: true, text });
  });

  it("refuses damaged images: bad CRC, truncation, no credential, two credentials, bombs", async () => {
    const { credential } = await world.issue({ issuer: world.ece });
    const baked = bakePng(await samplePng(), credential);

    const corrupt = new Uint8Array(baked);
    const at = Buffer.from(corrupt).indexOf("openbadgecredential") + 40;
    corrupt[at] = corrupt[at]! ^ 0xff;
    expect(extractFromPng(corrupt)).toMatchObject({
      ok: false,
      reason: "malformed",
      detail: "bad CRC in iTXt",
    });
    const result = await verify(corrupt, world.verifyOptions());
    expect(result.verdict).toBe("invalid");
    expect(result.checks[0]).toMatchObject({ code: "baked.malformed", outcome: "fail" });

    expect(extractFromPng(baked.subarray(0, baked.length - 20))).toMatchObject({
      reason: "malformed",
    });
    expect(extractFromPng(await samplePng())).toEqual({ ok: false, reason: "not-found" });
    expect((await verify(await samplePng(), world.verifyOptions())).checks[0]?.code).toBe(
      "baked.not-found",
    );

    const twice = insertBeforeIend(
      baked,
      chunk(
        "iTXt",
        Buffer.concat([
          Buffer.from(OPEN_BADGE_PNG_KEYWORD),
          Uint8Array.of(0, 0, 0, 0, 0),
          Buffer.from("{}"),
        ]),
      ),
    );
    expect(extractFromPng(twice)).toMatchObject({
      detail: "more than one credential in the image",
    });

    // A chunk claiming 2 GiB, and a compressed chunk that inflates past the limit.
    const huge = new Uint8Array(baked);
    new DataView(huge.buffer).setUint32(8, 0x7fffffff);
    expect(extractFromPng(huge)).toMatchObject({ reason: "malformed" });
    const bomb = Buffer.concat([
      Buffer.from(OPEN_BADGE_PNG_KEYWORD, "latin1"),
      Uint8Array.of(0, 1, 0, 0, 0),
      deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20)),
    ]);
    expect(extractFromPng(insertBeforeIend(await samplePng(), chunk("iTXt", bomb)))).toMatchObject({
      reason: "malformed",
      detail: "iTXt text does not inflate within the limit",
    });
  });

  it("reads a compact JWS baked in the image as a JWT (see jwt.test.ts for VC-JWTs)", async () => {
    // A JWS whose payload ({}) holds no credential: read as a JWT, refused for what it holds.
    const baked = bakePng(await samplePng(), "eyJhbGciOiJFZERTQSJ9.e30.c2ln");
    const result = await verify(baked, world.verifyOptions());
    expect(result.checks.map((c) => c.code)).toEqual(["baked.extracted", "input.jwt-unsupported"]);
    expect(result.verdict).toBe("invalid");
    // Text that is neither JSON nor a JWS is still an unsupported format.
    const text = await verify(bakePng(await samplePng(), "hello"), world.verifyOptions());
    expect(text.checks[0]?.code).toBe("baked.unsupported");
  });
});

describe("baked SVG", () => {
  it("round-trips a credential and verifies it (as text and as bytes)", async () => {
    const { credential } = await world.issue({ issuer: world.ece });
    const svg = bakeSvg(await sampleSvg(), credential);
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(extractFromSvg(svg)).toEqual({ ok: true, text: JSON.stringify(credential) });
    for (const input of [svg, new TextEncoder().encode(svg)]) {
      const result = await verify(input, world.verifyOptions());
      expect(result.verdict).toBe("valid");
      expect(result.source?.form).toBe("svg");
      expect(result.checks[0]).toMatchObject({
        code: "baked.extracted",
        params: { format: "SVG" },
      });
    }
  });

  it("reads escaped text, other prefixes and split CDATA; ignores comments", () => {
    const json = '{"a":"<b>&]]>"}';
    const escaped = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0">
      <!-- <ob:credential>{"decoy":true}</ob:credential> -->
      <ob:credential>{"a":"&lt;b&gt;&amp;]]&gt;"}</ob:credential></svg>`;
    expect(extractFromSvg(escaped)).toEqual({ ok: true, text: json });
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', json);
    expect(baked).toContain("]]]]><![CDATA[>");
    expect(extractFromSvg(baked)).toEqual({ ok: true, text: json });
  });

  it("refuses two credentials, unclosed elements, child elements, bad entities", () => {
    const head = '<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">';
    expect(
      extractFromSvg(
        `${head}<openbadges:credential>{}</openbadges:credential><openbadges:credential>{}</openbadges:credential></svg>`,
      ),
    ).toMatchObject({ reason: "malformed" });
    expect(extractFromSvg(`${head}<openbadges:credential>{}</svg>`)).toMatchObject({
      reason: "malformed",
    });
    expect(
      extractFromSvg(`${head}<openbadges:credential><x/></openbadges:credential></svg>`),
    ).toMatchObject({
      reason: "malformed",
    });
    expect(
      extractFromSvg(`${head}<openbadges:credential>&nbsp;</openbadges:credential></svg>`),
    ).toMatchObject({
      reason: "malformed",
    });
    expect(extractFromSvg(`${head}<openbadges:credential verify="x"/></svg>`)).toMatchObject({
      reason: "malformed",
    });
    expect(extractFromSvg(`${head}<rect/></svg>`)).toEqual({ ok: false, reason: "not-found" });
  });
});
