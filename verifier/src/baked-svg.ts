import type { BakedExtraction } from "./baked-png.js";

/**
 * Open Badges 3.0 baking in SVG (OB 3.0 §5.3.2): an `<openbadges:credential>` element, in the
 * namespace `https://purl.imsglobal.org/ob/v3p0`, whose text (usually a CDATA section) is the
 * credential's JSON, or the compact JWS of a credential secured as a VC-JWT. This is not an XML parser: it finds that one element by its namespace
 * prefix, skipping comments, and decodes its text content (CDATA and character references).
 */

export const OPEN_BADGES_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";

function malformed(detail: string): BakedExtraction {
  return { ok: false, reason: "malformed", detail };
}

export function looksLikeSvg(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(
    text.slice(0, 4096),
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const namedEntities: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/** Decodes the five XML entities and numeric character references; anything else is an error. */
function decodeText(text: string): string | undefined {
  let bad = false;
  const out = text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);|&/g, (whole, ref) => {
    if (ref === undefined) {
      bad = true;
      return whole;
    }
    if (ref.startsWith("#")) {
      const code =
        ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        bad = true;
        return whole;
      }
      return String.fromCodePoint(code);
    }
    const named = namedEntities[ref];
    if (named === undefined) bad = true;
    return named ?? whole;
  });
  return bad ? undefined : out;
}

/** The text content of an element body: CDATA sections verbatim, other text decoded. */
function textContent(body: string): string | undefined {
  let out = "";
  let rest = body.replace(/<!--[\s\S]*?-->/g, "");
  for (;;) {
    const start = rest.indexOf("<![CDATA[");
    const before = start < 0 ? rest : rest.slice(0, start);
    if (before.includes("<")) return undefined; // child elements: not a text-only element
    const decoded = decodeText(before);
    if (decoded === undefined) return undefined;
    out += decoded;
    if (start < 0) return out;
    const end = rest.indexOf("]]>", start + 9);
    if (end < 0) return undefined;
    out += rest.slice(start + 9, end);
    rest = rest.slice(end + 3);
  }
}

/**
 * Extracts the Open Badges credential text from a baked SVG. More than one credential element,
 * or an element with child elements, is refused as malformed.
 */
export function extractFromSvg(svg: string, limits: { maxBytes?: number } = {}): BakedExtraction {
  const maxBytes = limits.maxBytes ?? 2 * 1024 * 1024;
  if (Buffer.byteLength(svg, "utf8") > maxBytes) return malformed(`larger than ${maxBytes} bytes`);
  // Comments may hide anything, including decoy elements; CDATA sections are kept intact.
  const withoutComments = svg.replace(/<!--[\s\S]*?-->/g, "");
  const prefixes = new Set<string>();
  const ns = new RegExp(
    `xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*(["'])${escapeRegExp(OPEN_BADGES_SVG_NAMESPACE)}\\2`,
    "g",
  );
  for (const m of withoutComments.matchAll(ns)) prefixes.add(m[1]!);
  if (prefixes.size === 0) prefixes.add("openbadges");
  const found: string[] = [];
  for (const prefix of prefixes) {
    const name = `${escapeRegExp(prefix)}:credential`;
    const open = new RegExp(`<${name}(\\s[^>]*)?>`, "g");
    for (const match of withoutComments.matchAll(open)) {
      if (match[0].endsWith("/>"))
        return { ok: false, reason: "malformed", detail: "empty credential element" };
      const bodyStart = match.index + match[0].length;
      const close = withoutComments.indexOf(`</${prefix}:credential>`, bodyStart);
      if (close < 0) return malformed("unclosed credential element");
      const text = textContent(withoutComments.slice(bodyStart, close));
      if (text === undefined) return malformed("credential element is not plain text");
      found.push(text.trim());
    }
  }
  if (found.length === 0) return { ok: false, reason: "not-found" };
  if (found.length > 1) return malformed("more than one credential in the image");
  return { ok: true, text: found[0]! };
}

/**
 * Bakes a credential into an SVG: adds the Open Badges namespace to the root `<svg>` element and
 * an `<openbadges:credential>` element with the JSON (or, given a string, that text: a VC-JWT's
 * compact JWS) in a CDATA section as its first child.
 * Throws if there is no `<svg>` element or the SVG already carries a credential.
 */
export function bakeSvg(svg: string, credential: unknown): string {
  const text = typeof credential === "string" ? credential : JSON.stringify(credential);
  if (extractFromSvg(svg, { maxBytes: Number.MAX_SAFE_INTEGER }).ok) {
    throw new TypeError("bakeSvg: the SVG already carries a credential");
  }
  const root = /<svg(\s[^>]*)?>/i.exec(svg);
  if (!root) throw new TypeError("bakeSvg: no <svg> element");
  let tag = root[0];
  const bound = new RegExp(
    `xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*(["'])${escapeRegExp(OPEN_BADGES_SVG_NAMESPACE)}\\2`,
  ).exec(tag);
  const prefix = bound?.[1] ?? "openbadges";
  if (!bound) tag = tag.replace(/^<svg/i, `<svg xmlns:openbadges="${OPEN_BADGES_SVG_NAMESPACE}"`);
  // "]]>" cannot appear inside CDATA; split it across two sections.
  const cdata = `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
  const element = `<${prefix}:credential>${cdata}</${prefix}:credential>`;
  const end = root.index + root[0].length;
  return `${svg.slice(0, root.index)}${tag}${element}${svg.slice(end)}`;
}
