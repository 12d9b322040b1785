import type { Check, JsonObject } from "@avala/credentials";
import { makeCheck, parseJsonInput } from "@avala/credentials";
import type { GuardedFetch } from "@avala/guarded-fetch";
import type { JwtFormat } from "@avala/vc-jwt";
import { decodeJwtCredential, isCompactJws, jwtOfEnvelope } from "@avala/vc-jwt";
import type { BakedExtraction } from "./baked-png.js";
import { extractFromPng, isPng } from "./baked-png.js";
import { extractFromSvg, looksLikeSvg } from "./baked-svg.js";
import { isCompactText, readCompactText } from "./compact.js";
import { describeCredential } from "./describe.js";
import { ob2TextOfPng, ob2TextOfSvg } from "./ob2/baked.js";
import type { Ob2Input } from "./ob2/recognise.js";
import { isOb2Assertion, ob2OfBakedText, ob2OfJws } from "./ob2/recognise.js";
import { DEFAULT_PDF_LIMITS, extractFromPdf, isPdf, type PdfLimits } from "./pdf.js";
import { comparePrinted, readPrintedText, type SignedFacts } from "./pdf-text.js";

/** How the document reached the verifier. */
export interface InputSource {
  /**
   * `object`: a parsed value; `json`: JSON text or bytes; `png`/`svg`: a baked image; `pdf`: a
   * PDF certificate with the credential attached; `qr`: a printed QR code's `VC1-` text.
   */
  form: "object" | "json" | "png" | "svg" | "pdf" | "qr";
  /** When the input was a link: the URL it was fetched from. */
  url?: string;
  /**
   * When the credential came secured as a JWT (pasted, in a file, baked in an image, behind a
   * link, or in an `EnvelopedVerifiableCredential`): `vc-jwt` (OB 3.0 / VC-JWT 1.1) or `vc+jwt`
   * (VC-JOSE-COSE). The `document` is then the credential decoded from it, not yet verified.
   */
  jwt?: JwtFormat;
}

export type ReadInput =
  | {
      ok: true;
      document: JsonObject;
      source: InputSource;
      checks: Check[];
      /** The compact JWT as received, when the credential came as one (see `source.jwt`). */
      jwt?: string;
      /**
       * An Open Badges 2.0 badge (verified by `ob2/verify-ob2.ts`, not as a credential): its
       * `document` is the assertion, or `{ id }` when only its URL was baked in an image.
       */
      ob2?: Ob2Input;
    }
  | { ok: false; source: InputSource | undefined; checks: Check[] };

export interface ReadInputOptions {
  maxBytes: number;
  maxDepth: number;
  guardedFetch?: GuardedFetch;
  /** Treat a URL string or `{ url }` as a link to fetch (default true). */
  fetchLinks?: boolean;
}

/** What a fetch of a credential link asks for: JSON-LD first, then JWTs, baked images too. */
const LINK_ACCEPT =
  "application/vc+ld+json, application/ld+json, application/json;q=0.9, application/vc+jwt;q=0.8, application/vc+ld+json+jwt;q=0.8, application/jwt;q=0.7, image/png;q=0.5, image/svg+xml;q=0.5";

/** An `http(s)://` URL given as a string, or as `{ url }` (a plain object with only that key). */
export function linkOf(input: unknown): string | undefined {
  if (typeof input === "string") {
    const text = input.trim();
    return /^https?:\/\/\S+$/i.test(text) && text.length <= 4096 ? text : undefined;
  }
  if (input && typeof input === "object" && !Array.isArray(input) && !ArrayBuffer.isView(input)) {
    const keys = Object.keys(input);
    const url = (input as { url?: unknown }).url;
    if (keys.length === 1 && keys[0] === "url" && typeof url === "string") return url;
  }
  return undefined;
}

function bytesOf(input: unknown): Uint8Array | undefined {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input))
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return undefined;
}

/**
 * A credential secured as a compact JWT: decoded (not verified: the verifier does that from
 * `jwt`), so that its type can be told and its content shown.
 */
function fromJwt(
  compact: string,
  options: ReadInputOptions,
  source: InputSource,
  checks: Check[] = [],
): ReadInput {
  const badge = ob2OfJws(compact);
  if (badge) {
    const ob2: Ob2Input = { form: "jws", jws: compact.trim(), assertion: badge };
    return { ok: true, document: badge, source, checks, ob2 };
  }
  const decoded = decodeJwtCredential(compact, options);
  if (!decoded.ok) return { ok: false, source, checks: [...checks, decoded.check] };
  const { credential, format, jws } = decoded.value;
  return {
    ok: true,
    document: credential,
    source: { ...source, jwt: format },
    checks,
    jwt: jws.compact,
  };
}

/** A parsed JSON object, unless it is an `EnvelopedVerifiableCredential` holding a JWT. */
function fromObject(value: JsonObject, options: ReadInputOptions, source: InputSource): ReadInput {
  if (isOb2Assertion(value)) {
    return {
      ok: true,
      document: value,
      source,
      checks: [],
      ob2: { form: "assertion", assertion: value },
    };
  }
  const enveloped = jwtOfEnvelope(value);
  if (enveloped !== undefined) return fromJwt(enveloped, options, source);
  return { ok: true, document: value, source, checks: [] };
}

/** An Open Badges 2.0 image (`openbadges` PNG text, `<openbadges:assertion>` in SVG). */
function fromOb2Baked(
  baked: { ok: true; text: string } | { ok: false; detail?: string },
  label: string,
  source: InputSource,
): ReadInput {
  const badge = baked.ok ? ob2OfBakedText(baked.text) : undefined;
  if (!badge) {
    const check = baked.ok
      ? makeCheck("input", "fail", "baked.unsupported", { format: label })
      : baked.detail
        ? makeCheck("input", "fail", "baked.malformed", { format: label, reason: baked.detail })
        : makeCheck("input", "fail", "baked.not-found", { format: label });
    return { ok: false, source, checks: [check] };
  }
  const document = badge.form === "url" ? { id: badge.url } : badge.assertion;
  const extracted = makeCheck("input", "pass", "baked.extracted", { format: label });
  return { ok: true, document, source, checks: [extracted], ob2: badge };
}

function fromBaked(
  extraction: BakedExtraction,
  format: "png" | "svg",
  options: ReadInputOptions,
  source: InputSource,
  ob2Text?: () => { ok: true; text: string } | { ok: false; detail?: string },
): ReadInput {
  const label = format.toUpperCase();
  if (!extraction.ok && extraction.reason === "not-found" && ob2Text) {
    return fromOb2Baked(ob2Text(), label, source);
  }
  if (!extraction.ok) {
    const check =
      extraction.reason === "not-found"
        ? makeCheck("input", "fail", "baked.not-found", { format: label })
        : makeCheck("input", "fail", "baked.malformed", {
            format: label,
            reason: extraction.detail,
          });
    return { ok: false, source, checks: [check] };
  }
  const extracted = makeCheck("input", "pass", "baked.extracted", { format: label });
  // OB 3.0 §5.3: a credential secured as a VC-JWT is baked as its compact JWS.
  if (isCompactJws(extraction.text)) return fromJwt(extraction.text, options, source, [extracted]);
  if (!extraction.text.startsWith("{")) {
    return {
      ok: false,
      source,
      checks: [makeCheck("input", "fail", "baked.unsupported", { format: label })],
    };
  }
  const parsed = parseJsonInput(extraction.text, options);
  if (!parsed.ok) return { ok: false, source, checks: [parsed.check] };
  return { ok: true, document: parsed.value, source, checks: [extracted] };
}

/**
 * Reads text: a compact JWT, a baked SVG, or JSON (anything else is handed to the JSON parser).
 */
function fromText(text: string, options: ReadInputOptions, source: InputSource): ReadInput {
  const body = text.replace(/^\uFEFF/, "");
  if (isCompactJws(body)) return fromJwt(body, options, source);
  if (looksLikeSvg(body)) {
    return fromBaked(
      extractFromSvg(body, options),
      "svg",
      options,
      { ...source, form: "svg" },
      () => ob2TextOfSvg(body, options.maxBytes),
    );
  }
  const parsed = parseJsonInput(body, options);
  if (!parsed.ok) return { ok: false, source, checks: [parsed.check] };
  return fromObject(parsed.value, options, source);
}

/** A PDF certificate: the credential is its one attached file (JSON-LD or a compact JWT). */
function fromPdf(bytes: Uint8Array, options: ReadInputOptions, source: InputSource): ReadInput {
  const pdfSource: InputSource = { ...source, form: "pdf" };
  const limits: PdfLimits = {
    ...DEFAULT_PDF_LIMITS,
    maxBytes: Math.max(options.maxBytes, DEFAULT_PDF_LIMITS.maxBytes),
    maxAttachmentBytes: options.maxBytes,
  };
  const extraction = extractFromPdf(bytes, limits);
  if (!extraction.ok) {
    const check = makeCheck("input", "fail", extraction.code, extraction.params);
    return { ok: false, source: pdfSource, checks: [check] };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true })
      .decode(extraction.bytes)
      .replace(/^\uFEFF/, "");
  } catch {
    text = "";
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !isCompactJws(trimmed)) {
    const check = makeCheck("input", "fail", "pdf.unsupported", { reason: "not JSON or a JWT" });
    return { ok: false, source: pdfSource, checks: [check] };
  }
  const read = fromText(trimmed, options, pdfSource);
  const checks = [makeCheck("input", "pass", "pdf.extracted"), ...read.checks];
  // What the PDF prints must be what its credential says (a forger edits the page, not the
  // signature): read from the page content itself, within the same limits.
  const printed = read.ok ? printedCheck(bytes, read.document, limits) : undefined;
  return { ...read, checks: printed ? [...checks, printed] : checks };
}

/** The person and achievement each credential in `document` names (a presentation: each one's). */
function signedFactsOf(document: JsonObject): SignedFacts[] {
  const types = ([] as unknown[]).concat(document["type"] ?? []);
  const items = types.includes("VerifiablePresentation")
    ? ([] as unknown[]).concat(document["verifiableCredential"] ?? []).slice(0, 20)
    : [document];
  const facts: SignedFacts[] = [];
  for (const item of items) {
    if (!item || typeof item !== "object" || Array.isArray(item)) continue;
    let credential = item as JsonObject;
    const enveloped = jwtOfEnvelope(credential);
    if (enveloped !== undefined) {
      const decoded = decodeJwtCredential(enveloped);
      if (!decoded.ok) continue;
      credential = decoded.value.credential;
    }
    const es = describeCredential(credential, "es");
    const en = describeCredential(credential, "en");
    facts.push({
      ...(es.holder.name ? { person: es.holder.name } : {}),
      achievement: [...new Set([es.achievement.name, en.achievement.name])],
    });
  }
  return facts;
}

/**
 * The printed text of the PDF compared with its credential: a pass when they say the same, a
 * failed input check when the page prints another name or achievement than the signed one, or
 * does not print the signed ones anywhere (a doctored document, whatever its layout), and a
 * warning when the text cannot be read at all (a picture-only page): the signed credential is
 * then still what it is, and the page tells the reader to rely on the facts it shows.
 */
function printedCheck(bytes: Uint8Array, document: JsonObject, limits: PdfLimits) {
  const signed = signedFactsOf(document);
  if (signed.length === 0) return undefined;
  const printed = readPrintedText(bytes, limits);
  if (!printed.ok) {
    return makeCheck("document", "warning", "pdf.printed-unreadable", { reason: printed.reason });
  }
  let mismatch: Check | undefined;
  for (const facts of signed) {
    const comparison = comparePrinted(printed.runs, facts);
    if (comparison.outcome === "pass") return makeCheck("document", "pass", comparison.code);
    mismatch ??= makeCheck("document", "fail", comparison.code, comparison.params);
  }
  return mismatch;
}

function fromBytes(bytes: Uint8Array, options: ReadInputOptions, source: InputSource): ReadInput {
  if (isPdf(bytes)) return fromPdf(bytes, options, source);
  if (bytes.byteLength > options.maxBytes) {
    return {
      ok: false,
      source,
      checks: [
        makeCheck("input", "fail", "input.too-large", {
          size: bytes.byteLength,
          max: options.maxBytes,
        }),
      ],
    };
  }
  if (isPng(bytes)) {
    const extraction = extractFromPng(bytes, {
      maxBytes: options.maxBytes,
      maxTextBytes: options.maxBytes,
    });
    return fromBaked(extraction, "png", options, { ...source, form: "png" }, () =>
      ob2TextOfPng(bytes, options.maxBytes),
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      source,
      checks: [makeCheck("input", "fail", "input.unsupported-format")],
    };
  }
  const start = text.replace(/^\uFEFF/, "").trimStart()[0];
  if (start !== "{" && start !== "[" && start !== "<" && !isCompactJws(text)) {
    return {
      ok: false,
      source,
      checks: [makeCheck("input", "fail", "input.unsupported-format")],
    };
  }
  return fromText(text, options, source);
}

async function fromLink(url: string, options: ReadInputOptions): Promise<ReadInput> {
  const source: InputSource = { form: "json", url: url.slice(0, 2048) };
  if (!options.guardedFetch) {
    return {
      ok: false,
      source,
      checks: [makeCheck("input", "fail", "input.fetch-failed", { reason: "no fetcher" })],
    };
  }
  try {
    const { bytes } = await options.guardedFetch.fetchBytes(url, { accept: LINK_ACCEPT });
    return fromBytes(bytes, options, source);
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    const status = (error as { status?: unknown })?.status;
    const reason =
      typeof code === "string"
        ? typeof status === "number"
          ? `${code} ${status}`
          : code
        : "network";
    return {
      ok: false,
      source,
      checks: [makeCheck("input", "fail", "input.fetch-failed", { reason })],
    };
  }
}

/**
 * Turns whatever a caller hands the verifier into a JSON object, or into failed input checks:
 * an object, JSON text, a compact JWT, a printed QR code's `VC1-` text (read offline), a file's bytes (JSON, JWT, baked PNG, baked SVG), or a
 * link (a URL string or `{ url }`), fetched only through the guarded fetcher. A JWT (also inside
 * an image or an `EnvelopedVerifiableCredential`) gives the credential it carries, decoded, and
 * the compact form in `jwt`. Never throws.
 */
export async function readInput(input: unknown, options: ReadInputOptions): Promise<ReadInput> {
  try {
    const url = options.fetchLinks === false ? undefined : linkOf(input);
    if (url !== undefined) return await fromLink(url, options);
    const bytes = bytesOf(input);
    if (bytes) return fromBytes(bytes, options, { form: "json" });
    if (isCompactText(input)) return await readCompactText(input, { form: "json" });
    if (typeof input === "string") return fromText(input, options, { form: "json" });
    const parsed = parseJsonInput(input, options);
    if (!parsed.ok) return { ok: false, source: { form: "object" }, checks: [parsed.check] };
    return fromObject(parsed.value, options, { form: "object" });
  } catch {
    // Exotic values (proxies, getters that throw) end here rather than in the caller.
    return {
      ok: false,
      source: undefined,
      checks: [makeCheck("input", "fail", "input.malformed-json")],
    };
  }
}
