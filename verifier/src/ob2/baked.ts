import { crc32, isPng } from "../baked-png.js";

/**
 * Open Badges 2.0 baking (IMS OB 2.0 "Baking"): in a PNG, an `iTXt` chunk with keyword
 * `openbadges`; in an SVG, an `<openbadges:assertion>` element (namespace
 * `http://openbadges.org`) whose `verify` attribute holds the assertion URL or the signed
 * badge's JWS, and whose text may hold the assertion's JSON. Like the OB 3.0 readers: every
 * chunk's CRC is checked, sizes and counts are limited, nothing else is decoded.
 */

export const OB2_PNG_KEYWORD = "openbadges";
export const OB2_SVG_NAMESPACE = "http://openbadges.org";

export type Ob2BakedText = { ok: true; text: string } | { ok: false; detail?: string };

/** The `openbadges` iTXt (or tEXt) text of a PNG, uncompressed only, within `maxBytes`. */
export function ob2TextOfPng(
  bytes: Uint8Array,
  maxBytes: number,
  maxChunks = 10_000,
): Ob2BakedText {
  if (!isPng(bytes) || bytes.byteLength > maxBytes) return { ok: false };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: string[] = [];
  let offset = 8;
  for (let count = 0; count < maxChunks; count++) {
    if (offset + 12 > bytes.byteLength) return { ok: false, detail: "truncated chunk" };
    const length = view.getUint32(offset);
    if (length > 0x7fffffff || offset + 12 + length > bytes.byteLength) {
      return { ok: false, detail: "chunk longer than the file" };
    }
    const type = Buffer.from(bytes.subarray(offset + 4, offset + 8)).toString("latin1");
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (crc32(bytes, offset + 4, dataEnd) !== view.getUint32(dataEnd)) {
      return { ok: false, detail: `bad CRC in ${type}` };
    }
    if (type === "iTXt" || type === "tEXt") {
      const data = bytes.subarray(dataStart, dataEnd);
      const keywordEnd = data.indexOf(0);
      const keyword = Buffer.from(data.subarray(0, Math.max(0, keywordEnd))).toString("latin1");
      if (keyword === OB2_PNG_KEYWORD) {
        const text = type === "tEXt" ? textOfTExt(data, keywordEnd) : textOfITxt(data, keywordEnd);
        if (text === undefined) return { ok: false, detail: "unreadable openbadges chunk" };
        found.push(text);
      }
    }
    offset = dataEnd + 4;
    if (type === "IEND") break;
  }
  if (found.length !== 1) {
    return found.length ? { ok: false, detail: "more than one badge in the image" } : { ok: false };
  }
  return { ok: true, text: found[0]! };
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function textOfTExt(data: Uint8Array, keywordEnd: number): string | undefined {
  return Buffer.from(data.subarray(keywordEnd + 1)).toString("latin1");
}

function textOfITxt(data: Uint8Array, keywordEnd: number): string | undefined {
  // Compressed OB 2.0 text is not something issuers write; it is refused rather than inflated.
  if (data[keywordEnd + 1] !== 0) return undefined;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd < 0) return undefined;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return undefined;
  return utf8(data.subarray(translatedEnd + 1));
}

const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref) => {
    if (!ref.startsWith("#")) return entities[ref] ?? whole;
    const code =
      ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}

/**
 * The OB 2.0 badge of an SVG: the `verify` attribute of its one `<prefix:assertion>` element
 * (the prefix bound to `http://openbadges.org`), else that element's text (CDATA or plain).
 */
export function ob2TextOfSvg(svg: string, maxBytes: number): Ob2BakedText {
  if (Buffer.byteLength(svg, "utf8") > maxBytes) return { ok: false };
  const source = svg.replace(/<!--[\s\S]*?-->/g, "");
  const bound = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])http:\/\/openbadges\.org\/?\2/.exec(source);
  if (!bound) return { ok: false };
  const prefix = bound[1]!.replace(/[.-]/g, "\\$&");
  const open = new RegExp(`<${prefix}:assertion(\\s[^>]*?)?(/?)>`, "g");
  const matches = [...source.matchAll(open)];
  if (matches.length === 0) return { ok: false };
  if (matches.length > 1) return { ok: false, detail: "more than one badge in the image" };
  const match = matches[0]!;
  const verify = /\sverify\s*=\s*(["'])([^"']*)\1/.exec(match[1] ?? "");
  if (verify?.[2]?.trim()) return { ok: true, text: decodeEntities(verify[2].trim()) };
  if (match[2] === "/") return { ok: false, detail: "empty assertion element" };
  const start = match.index + match[0].length;
  const end = source.indexOf(`</${bound[1]}:assertion>`, start);
  if (end < 0) return { ok: false, detail: "unclosed assertion element" };
  const body = source.slice(start, end).trim();
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(body);
  return { ok: true, text: cdata ? cdata[1]! : decodeEntities(body) };
}

/**
 * Bakes an OB 2.0 badge into a PNG (for fixtures): an uncompressed `iTXt` chunk `openbadges`
 * with `text` (an assertion URL, JSON or JWS) just before IEND. `png` must be a well-formed PNG.
 */
export function bakeOb2Png(png: Uint8Array, text: string): Uint8Array {
  const data = Buffer.concat([
    Buffer.from(OB2_PNG_KEYWORD, "latin1"),
    Uint8Array.of(0, 0, 0, 0, 0),
    Buffer.from(text, "utf8"),
  ]);
  const chunk = new Uint8Array(12 + data.byteLength);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.byteLength);
  chunk.set(Buffer.from("iTXt", "latin1"), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(chunk, 4, 8 + data.byteLength));
  const iend = png.byteLength - 12;
  return new Uint8Array(Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]));
}

/** Bakes an OB 2.0 badge into an SVG (for fixtures): `<openbadges:assertion verify="…">`. */
export function bakeOb2Svg(svg: string, verify: string, assertionJson?: string): string {
  const root = /<svg(\s[^>]*)?>/i.exec(svg);
  if (!root) throw new TypeError("bakeOb2Svg: no <svg> element");
  const attr = verify.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
  const body = assertionJson
    ? `<![CDATA[${assertionJson.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`
    : "";
  const tag = root[0].replace(/^<svg/i, `<svg xmlns:openbadges="${OB2_SVG_NAMESPACE}"`);
  const element = `<openbadges:assertion verify="${attr}">${body}</openbadges:assertion>`;
  const end = root.index + root[0].length;
  return `${svg.slice(0, root.index)}${tag}${element}${svg.slice(end)}`;
}
