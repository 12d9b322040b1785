import { inflateSync } from "node:zlib";
import {
  DEFAULT_PDF_LIMITS,
  enclosingObject,
  indexObjects,
  isPdf,
  type ObjectIndex,
  type PdfLimits,
  streamAt,
} from "./pdf.js";

/**
 * Reads the text a PDF prints on its pages, from bytes that may be hostile, so that the printed
 * name and achievement can be compared with the credential attached to it. It reads the page
 * content streams themselves (what a viewer draws), never the document's metadata, which a
 * forger would leave alone. It is a reader of text operators, not a renderer: it never runs
 * JavaScript, follows no link, action or external file, decodes only Flate streams, and stops
 * at fixed limits (file size, object count, bytes inflated in all, pages, nesting).
 *
 * What it reads: every page (also pages in object streams), its content streams, the form
 * XObjects they draw (nested up to 3 deep) and the appearance streams of its annotations (the
 * text a PDF editor adds as a "text box"). Text is decoded with the font's `ToUnicode` map when
 * it has one, else with its simple encoding (WinAnsi, Standard, `Differences`); a composite
 * font without `ToUnicode` cannot be read.
 *
 * What it cannot see: text drawn as pictures or vector outlines, a font whose shapes differ from
 * its character codes, text hidden under a white box or drawn in white. The verify page shows the
 * signed name and achievement first for that reason.
 */

export interface TextRun {
  text: string;
  /** The font size the text is drawn at (`Tf`), for telling a heading from a label. */
  size: number;
}

export type PrintedText = { ok: true; runs: TextRun[] } | { ok: false; reason: string };

// ---------- values and the lexer ----------

class PdfName {
  constructor(readonly name: string) {}
}
/** A string's bytes, one character per byte (latin1). */
class PdfString {
  constructor(readonly bytes: string) {}
}
class PdfRef {
  constructor(readonly key: string) {}
}
class PdfOp {
  constructor(readonly op: string) {}
}
type PdfDict = Map<string, PdfValue>;
type PdfValue =
  | number
  | boolean
  | null
  | PdfName
  | PdfString
  | PdfRef
  | PdfOp
  | PdfValue[]
  | PdfDict;

class Unreadable extends Error {}
/** A limit of the whole reading was reached: no point in reading on. */
class OverBudget extends Unreadable {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...")(<>[]{}/%"].map((c) => c.charCodeAt(0)));
const MAX_NESTING = 32;
/** Tokens one reading may read in all (a few per byte of a genuine certificate's content). */
const MAX_TOKENS = 8_000_000;

/**
 * What one reading may spend, whatever the file: bytes inflated (page contents, forms, character
 * maps, object streams) and tokens read (objects may overlap or repeat: each is charged).
 */
class Budget {
  private tokens = MAX_TOKENS;
  constructor(private left: number) {}

  inflate(data: Uint8Array): Buffer {
    if (this.left <= 0) throw new OverBudget("too much to inflate");
    try {
      const out = inflateSync(data, { maxOutputLength: this.left });
      this.left -= out.length;
      return out;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
        throw new OverBudget("too much to inflate");
      }
      throw new Unreadable("a stream does not inflate");
    }
  }

  token() {
    if (--this.tokens < 0) throw new OverBudget("too much to read");
  }
}

class Lexer {
  pos: number;
  constructor(
    readonly budget: Budget,
    readonly src: string,
    start = 0,
    readonly end = src.length,
  ) {
    this.pos = start;
  }

  private skipSpace() {
    while (this.pos < this.end) {
      const code = this.src.charCodeAt(this.pos);
      if (WHITESPACE.has(code)) this.pos++;
      else if (code === 0x25) {
        while (this.pos < this.end && !/[\r\n]/.test(this.src[this.pos]!)) this.pos++;
      } else break;
    }
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.end) {
      const code = this.src.charCodeAt(this.pos);
      if (WHITESPACE.has(code) || DELIMITERS.has(code)) break;
      this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  private literal(): PdfString {
    // After "(": balanced parentheses, backslash escapes (PDF 1.7 §7.3.4.2).
    let out = "";
    let depth = 1;
    while (this.pos < this.end) {
      const char = this.src[this.pos++]!;
      if (char === "\\") {
        const next = this.src[this.pos++] ?? "";
        const escapes: Record<string, string> = {
          n: "\n",
          r: "\r",
          t: "\t",
          b: "\b",
          f: "\f",
          "(": "(",
          ")": ")",
          "\\": "\\",
        };
        if (next in escapes) out += escapes[next];
        else if (/[0-7]/.test(next)) {
          let octal = next;
          while (octal.length < 3 && /[0-7]/.test(this.src[this.pos] ?? "")) {
            octal += this.src[this.pos++];
          }
          out += String.fromCharCode(Number.parseInt(octal, 8) & 0xff);
        } else if (next === "\r") {
          if (this.src[this.pos] === "\n") this.pos++;
        } else if (next !== "\n") out += next;
      } else if (char === "(") {
        depth++;
        out += char;
      } else if (char === ")") {
        depth--;
        if (depth === 0) return new PdfString(out);
        out += char;
      } else out += char;
    }
    throw new Unreadable("unterminated string");
  }

  private hex(): PdfString {
    const close = this.src.indexOf(">", this.pos);
    if (close < 0 || close > this.end) throw new Unreadable("unterminated hex string");
    let digits = this.src.slice(this.pos, close).replace(/[\s\0]/g, "");
    this.pos = close + 1;
    if (!/^[0-9A-Fa-f]*$/.test(digits)) throw new Unreadable("bad hex string");
    if (digits.length % 2 === 1) digits += "0";
    let out = "";
    for (let i = 0; i < digits.length; i += 2) {
      out += String.fromCharCode(Number.parseInt(digits.slice(i, i + 2), 16));
    }
    return new PdfString(out);
  }

  /** The next token: a value, or a delimiter/keyword as a string; undefined at the end. */
  token(): PdfValue | string | undefined {
    this.budget.token();
    this.skipSpace();
    if (this.pos >= this.end) return undefined;
    const char = this.src[this.pos]!;
    if (char === "(") {
      this.pos++;
      return this.literal();
    }
    if (char === "<") {
      if (this.src[this.pos + 1] === "<") {
        this.pos += 2;
        return "<<";
      }
      this.pos++;
      return this.hex();
    }
    if (char === ">") {
      if (this.src[this.pos + 1] === ">") {
        this.pos += 2;
        return ">>";
      }
      this.pos++;
      return ">";
    }
    if ("[]{})".includes(char)) {
      this.pos++;
      return char;
    }
    if (char === "/") {
      this.pos++;
      const raw = this.regular();
      return new PdfName(
        raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        ),
      );
    }
    const word = this.regular();
    if (word === "") {
      this.pos++;
      return char;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    return new PdfOp(word);
  }

  /** One value; `refs`: read `n g R` as a reference (objects, not content streams). */
  value(refs: boolean, depth = 0): PdfValue | undefined {
    if (depth > MAX_NESTING) throw new Unreadable("nested too deeply");
    const token = this.token();
    if (token === undefined) return undefined;
    if (token === "[") {
      const items: PdfValue[] = [];
      for (;;) {
        const save = this.pos;
        const next = this.token();
        if (next === "]") return items;
        if (next === undefined) throw new Unreadable("unterminated array");
        this.pos = save;
        const item = this.value(refs, depth + 1);
        if (item !== undefined) items.push(item);
      }
    }
    if (token === "<<") {
      const dict: PdfDict = new Map();
      for (;;) {
        const key = this.token();
        if (key === ">>") return dict;
        if (!(key instanceof PdfName)) throw new Unreadable("bad dictionary");
        const item = this.value(refs, depth + 1);
        if (item === undefined) throw new Unreadable("unterminated dictionary");
        dict.set(key.name, item);
      }
    }
    if (typeof token === "number" && refs && Number.isInteger(token) && token >= 0) {
      const save = this.pos;
      const generation = this.token();
      if (typeof generation === "number" && Number.isInteger(generation)) {
        const keyword = this.token();
        if (keyword instanceof PdfOp && keyword.op === "R") {
          return new PdfRef(`${token} ${generation}`);
        }
      }
      this.pos = save;
      return token;
    }
    if (typeof token === "string") return new PdfOp(token);
    return token;
  }
}

// ---------- objects ----------

const asDict = (value: PdfValue | undefined): PdfDict | undefined =>
  value instanceof Map ? value : undefined;
const asName = (value: PdfValue | undefined): string | undefined =>
  value instanceof PdfName ? value.name : undefined;

interface Stream {
  dict: PdfDict;
  /** The decoded data, one character per byte. */
  data: string;
}

class PdfObjects {
  private readonly cache = new Map<string, PdfValue | Stream | undefined>();
  /** Objects packed in object streams: number → where its value starts. */
  private packed?: Map<string, { src: string; pos: number; container: number }>;

  constructor(
    readonly bytes: Uint8Array,
    readonly text: string,
    readonly index: ObjectIndex,
    readonly budget: Budget,
  ) {}

  private decode(parts: { start: number; end: number }, dict: PdfDict): string {
    const filter = dict.get("Filter");
    const filters = (Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]).map(
      asName,
    );
    const data = this.bytes.subarray(parts.start, parts.end);
    if (filters.length === 0) return Buffer.from(data).toString("latin1");
    if (filters.length > 1 || (filters[0] !== "FlateDecode" && filters[0] !== "Fl")) {
      throw new Unreadable(`unsupported filter ${filters.join(" ")}`);
    }
    return this.budget.inflate(data).toString("latin1");
  }

  private objectStreams() {
    if (this.packed) return this.packed;
    const packed = new Map<string, { src: string; pos: number; container: number }>();
    this.packed = packed;
    for (const match of this.text.matchAll(/\/Type\s*\/ObjStm\b/g)) {
      const offset = enclosingObject(this.index, match.index);
      if (offset === undefined) continue;
      const stream = this.streamAtOffset(offset);
      if (!stream) continue;
      const count = stream.dict.get("N");
      const first = stream.dict.get("First");
      if (typeof count !== "number" || typeof first !== "number") continue;
      const header = new Lexer(this.budget, stream.data, 0, Math.min(first, stream.data.length));
      for (let i = 0; i < count; i++) {
        const number = header.token();
        const at = header.token();
        if (typeof number !== "number" || typeof at !== "number") break;
        const key = `${number} 0`;
        const previous = packed.get(key);
        if (!previous || previous.container < offset) {
          packed.set(key, { src: stream.data, pos: first + at, container: offset });
        }
      }
    }
    return packed;
  }

  private streamAtOffset(offset: number): Stream | undefined {
    const lexer = new Lexer(this.budget, this.text, offset);
    lexer.token();
    lexer.token();
    lexer.token(); // "n g obj"
    const dict = asDict(lexer.value(true));
    if (!dict) return undefined;
    const parts = streamAt(this.text, offset, this.index);
    if (typeof parts === "string") throw new Unreadable(parts);
    return { dict, data: this.decode(parts, dict) };
  }

  /** The object `key` ("n g"): a value, or a stream (dictionary and decoded data). */
  get(key: string): PdfValue | Stream | undefined {
    if (this.cache.has(key)) return this.cache.get(key);
    this.cache.set(key, undefined); // a reference cycle reads as nothing
    let value: PdfValue | Stream | undefined;
    const offset = this.index.offsets.get(key);
    const packed = this.objectStreams().get(key);
    if (packed && (offset === undefined || packed.container > offset)) {
      value = new Lexer(this.budget, packed.src, packed.pos).value(true);
    } else if (offset !== undefined) {
      const lexer = new Lexer(this.budget, this.text, offset);
      lexer.token();
      lexer.token();
      lexer.token(); // "n g obj"
      value = lexer.value(true);
      const after = lexer.token();
      if (value instanceof Map && after instanceof PdfOp && after.op === "stream") {
        value = this.streamAtOffset(offset);
      }
    }
    this.cache.set(key, value);
    return value;
  }

  /** A value with references followed (a few steps). */
  resolve(value: PdfValue | Stream | undefined): PdfValue | Stream | undefined {
    let current = value;
    for (let step = 0; step < 8 && current instanceof PdfRef; step++) {
      current = this.get(current.key);
    }
    return current instanceof PdfRef ? undefined : current;
  }

  dict(value: PdfValue | Stream | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof Map ? resolved : undefined;
  }

  stream(value: PdfValue | Stream | undefined): Stream | undefined {
    const resolved = this.resolve(value);
    return isStream(resolved) ? resolved : undefined;
  }

  /** The value at the start of object `key`, a stream's dictionary without its data. */
  private head(key: string): PdfValue | undefined {
    const offset = this.index.offsets.get(key);
    const packed = this.objectStreams().get(key);
    if (packed && (offset === undefined || packed.container > offset)) {
      return new Lexer(this.budget, packed.src, packed.pos).value(true);
    }
    if (offset === undefined) return undefined;
    const lexer = new Lexer(this.budget, this.text, offset);
    lexer.token();
    lexer.token();
    lexer.token(); // "n g obj"
    return lexer.value(true);
  }

  /**
   * Every page dictionary in the file, reachable from the page tree or not (a forger's extra
   * page only adds text that must match too), in file order.
   */
  pages(): PdfDict[] {
    const keys = new Set([...this.index.offsets.keys(), ...this.objectStreams().keys()]);
    const pages: Array<{ order: number; dict: PdfDict }> = [];
    for (const key of keys) {
      let value: PdfValue | undefined;
      try {
        value = this.head(key);
      } catch (error) {
        if (error instanceof OverBudget) throw error;
        continue; // an object that does not parse is no page
      }
      if (value instanceof Map && asName(value.get("Type")) === "Page") {
        const order = this.index.offsets.get(key) ?? this.objectStreams().get(key)!.container;
        pages.push({ order, dict: value });
      }
    }
    return pages.sort((a, b) => a.order - b.order).map((p) => p.dict);
  }
}

function isStream(value: unknown): value is Stream {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Map) &&
    "dict" in value &&
    "data" in value
  );
}

// ---------- fonts ----------

/** Windows-1252 (WinAnsiEncoding) for the bytes 0x80-0x9F; the rest is Latin-1. */
const CP1252_HIGH = "€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ";

function winAnsi(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return CP1252_HIGH[code - 0x80]!;
  return String.fromCharCode(code);
}

const GLYPHS: Record<string, string> = {
  space: " ",
  period: ".",
  comma: ",",
  hyphen: "-",
  slash: "/",
  colon: ":",
  semicolon: ";",
  parenleft: "(",
  parenright: ")",
  quotesingle: "'",
  quoteright: "’",
  ampersand: "&",
  germandbls: "ß",
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};
const MARKS: Record<string, string> = {
  acute: "\u0301",
  grave: "\u0300",
  circumflex: "\u0302",
  dieresis: "\u0308",
  tilde: "\u0303",
  cedilla: "\u0327",
  ring: "\u030A",
};

/** A glyph name (Adobe Glyph List conventions) as text; `?` when it is not known. */
function glyphText(name: string): string {
  if (/^[A-Za-z]$/.test(name)) return name;
  if (GLYPHS[name]) return GLYPHS[name]!;
  const uni = /^uni([0-9A-F]{4})$/.exec(name) ?? /^u([0-9A-F]{4,6})$/.exec(name);
  if (uni) {
    const code = Number.parseInt(uni[1]!, 16);
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "?";
  }
  const accented = /^([A-Za-z])(acute|grave|circumflex|dieresis|tilde|cedilla|ring)$/.exec(name);
  if (accented) return `${accented[1]}${MARKS[accented[2]!]}`.normalize("NFC");
  return "?";
}

type Decoder = (bytes: string) => string;

interface CMap {
  /** Code lengths in bytes (from the code space ranges). */
  lengths: number[];
  /** Every code (its bytes, one character per byte) and its text; ranges are spelt out. */
  chars: Map<string, string>;
}

/** Codes a character map may define in all (ranges counted code by code). */
const MAX_CMAP_ENTRIES = 70_000;

function utf16(bytes: string): string {
  let out = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  }
  return out;
}

function codeOf(bytes: string): number {
  let value = 0;
  for (const char of bytes) value = value * 256 + char.charCodeAt(0);
  return value;
}

function bytesOf(code: number, length: number): string {
  let out = "";
  for (let i = length - 1; i >= 0; i--)
    out += String.fromCharCode(Math.floor(code / 256 ** i) % 256);
  return out;
}

/** A `ToUnicode` CMap (PDF 1.7 §9.10.3): code space lengths, `bfchar` and `bfrange`. */
function parseCMap(data: string, budget: Budget): CMap {
  const map: CMap = { lengths: [], chars: new Map() };
  const lexer = new Lexer(budget, data);
  const operands: PdfValue[] = [];
  let section = "";
  const define = (code: string, text: string) => {
    if (map.chars.size >= MAX_CMAP_ENTRIES) throw new Unreadable("character map too large");
    map.chars.set(code, text);
  };
  for (;;) {
    const token = lexer.value(false);
    if (token === undefined) break;
    if (token instanceof PdfOp) {
      operands.length = 0;
      if (token.op === "begincodespacerange") section = "codespace";
      else if (token.op === "beginbfchar") section = "bfchar";
      else if (token.op === "beginbfrange") section = "bfrange";
      else if (token.op.startsWith("end")) section = "";
      continue;
    }
    operands.push(token);
    if (section === "codespace" && operands.length === 2) {
      const low = operands[0];
      if (low instanceof PdfString && low.bytes.length > 0 && low.bytes.length <= 4) {
        if (!map.lengths.includes(low.bytes.length)) map.lengths.push(low.bytes.length);
      }
      operands.length = 0;
    } else if (section === "bfchar" && operands.length === 2) {
      const [src, dst] = operands;
      if (src instanceof PdfString && dst instanceof PdfString) define(src.bytes, utf16(dst.bytes));
      else if (src instanceof PdfString && dst instanceof PdfName) {
        define(src.bytes, glyphText(dst.name));
      }
      operands.length = 0;
    } else if (section === "bfrange" && operands.length === 3) {
      const [low, high, dst] = operands;
      operands.length = 0;
      if (!(low instanceof PdfString && high instanceof PdfString)) continue;
      const length = low.bytes.length;
      const from = codeOf(low.bytes);
      const to = codeOf(high.bytes);
      if (length < 1 || length > 4 || to < from) continue;
      if (to - from >= MAX_CMAP_ENTRIES) throw new Unreadable("character map too large");
      for (let code = from; code <= to; code++) {
        const offset = code - from;
        let text: string;
        if (Array.isArray(dst)) {
          const item = dst[offset];
          text = item instanceof PdfString ? utf16(item.bytes) : "?";
        } else if (dst instanceof PdfString && dst.bytes.length >= 2) {
          // The last code unit counts up from the range's first text.
          const first = utf16(dst.bytes);
          text =
            first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + offset);
        } else text = "?";
        define(bytesOf(code, length), text);
      }
    }
  }
  return map;
}

function cmapDecoder(map: CMap, defaultLength: number): Decoder {
  const lengths = map.lengths.length > 0 ? [...map.lengths].sort() : [defaultLength];
  return (bytes) => {
    let out = "";
    let i = 0;
    while (i < bytes.length) {
      let found: string | undefined;
      let used = lengths[0]!;
      for (const length of lengths) {
        const text = map.chars.get(bytes.slice(i, i + length));
        if (text !== undefined) {
          found = text;
          used = length;
          break;
        }
      }
      out += found ?? "?";
      i += used;
    }
    return out;
  };
}

function simpleDecoder(encoding: PdfValue | Stream | undefined, objects: PdfObjects): Decoder {
  const table = new Map<number, string>();
  const dict = objects.dict(encoding);
  const differences = dict?.get("Differences");
  if (Array.isArray(differences)) {
    let code = 0;
    for (const item of differences.slice(0, 512)) {
      if (typeof item === "number") code = item;
      else if (item instanceof PdfName) table.set(code++, glyphText(item.name));
    }
  }
  // WinAnsi for WinAnsiEncoding, StandardEncoding and fonts without an encoding (the letters,
  // digits and Latin-1 accents a certificate prints are the same in these).
  return (bytes) => {
    let out = "";
    for (const char of bytes) {
      const code = char.charCodeAt(0);
      out += table.get(code) ?? winAnsi(code);
    }
    return out;
  };
}

/** How to read the strings drawn with a font, or undefined when they cannot be read. */
function fontDecoder(font: PdfDict | undefined, objects: PdfObjects): Decoder | undefined {
  if (!font) return undefined;
  const composite = asName(font.get("Subtype")) === "Type0";
  const toUnicode = objects.stream(font.get("ToUnicode"));
  if (toUnicode) return cmapDecoder(parseCMap(toUnicode.data, objects.budget), composite ? 2 : 1);
  if (composite) return undefined;
  return simpleDecoder(font.get("Encoding"), objects);
}

// ---------- content streams ----------

const MAX_FORM_DEPTH = 3;
const MAX_RUNS = 20_000;

interface Reading {
  objects: PdfObjects;
  runs: TextRun[];
  /** Strings drawn with a font that could not be read. */
  unreadable: number;
  /** Forms already drawn (a form drawn twice, or drawing itself, is read once). */
  forms: Set<Stream>;
}

function interpret(content: string, resources: PdfDict | undefined, depth: number, r: Reading) {
  const fonts = r.objects.dict(resources?.get("Font"));
  const xobjects = r.objects.dict(resources?.get("XObject"));
  const decoders = new Map<string, Decoder | undefined>();
  let decoder: Decoder | undefined;
  let size = 0;
  const lexer = new Lexer(r.objects.budget, content);
  const operands: PdfValue[] = [];
  const show = (value: PdfValue | undefined) => {
    if (r.runs.length >= MAX_RUNS) throw new Unreadable("too much text");
    let text = "";
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      if (part instanceof PdfString) {
        if (!decoder) {
          r.unreadable++;
          return;
        }
        text += decoder(part.bytes);
      } else if (typeof part === "number" && part < -250) {
        text += " "; // a wide gap in a TJ array is a space
      }
    }
    if (text.trim()) r.runs.push({ text, size });
  };
  for (;;) {
    const token = lexer.value(false);
    if (token === undefined) break;
    if (!(token instanceof PdfOp)) {
      operands.push(token);
      if (operands.length > 64) operands.shift();
      continue;
    }
    switch (token.op) {
      case "Tf": {
        const name = asName(operands.at(-2));
        const fontSize = operands.at(-1);
        size = typeof fontSize === "number" ? Math.abs(fontSize) : 0;
        if (name !== undefined) {
          if (!decoders.has(name))
            decoders.set(name, fontDecoder(r.objects.dict(fonts?.get(name)), r.objects));
          decoder = decoders.get(name);
        }
        break;
      }
      case "Tj":
      case "'":
        show(operands.at(-1));
        break;
      case '"':
        show(operands.at(-1));
        break;
      case "TJ":
        show(operands.at(-1));
        break;
      case "Do": {
        const name = asName(operands.at(-1));
        const form = name === undefined ? undefined : r.objects.stream(xobjects?.get(name));
        if (form && asName(form.dict.get("Subtype")) === "Form")
          drawForm(form, resources, depth, r);
        break;
      }
      case "BI": {
        // An inline image: skip its data up to "EI".
        const end = /\sEI(?=[\s]|$)/g;
        end.lastIndex = lexer.pos;
        const found = end.exec(content);
        lexer.pos = found ? found.index + found[0].length : content.length;
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
}

function drawForm(form: Stream, resources: PdfDict | undefined, depth: number, r: Reading) {
  if (depth >= MAX_FORM_DEPTH || r.forms.has(form)) return;
  r.forms.add(form);
  interpret(form.data, r.objects.dict(form.dict.get("Resources")) ?? resources, depth + 1, r);
}

/** A page's resources, its own or inherited from the page tree (`/Parent`). */
function pageResources(page: PdfDict, objects: PdfObjects): PdfDict | undefined {
  let node: PdfDict | undefined = page;
  for (let step = 0; node && step < 16; step++) {
    const own = objects.dict(node.get("Resources"));
    if (own) return own;
    node = objects.dict(node.get("Parent"));
  }
  return undefined;
}

function readPage(page: PdfDict, r: Reading) {
  const resources = pageResources(page, r.objects);
  const contents = r.objects.resolve(page.get("Contents"));
  const list = Array.isArray(contents) ? contents.slice(0, 64) : [contents];
  const parts: string[] = [];
  for (const item of list) {
    const stream = isStream(item) ? item : r.objects.stream(item as PdfValue);
    if (stream) parts.push(stream.data);
  }
  // The content streams of a page are one stream, split anywhere (PDF 1.7 §7.8.2).
  interpret(parts.join("\n"), resources, 0, r);
  // Annotations' appearances (text boxes, stamps) are drawn on the page too.
  const annotations = r.objects.resolve(page.get("Annots"));
  if (!Array.isArray(annotations)) return;
  for (const item of annotations.slice(0, 200)) {
    const annotation = r.objects.dict(item);
    const appearance = r.objects.resolve(r.objects.dict(annotation?.get("AP"))?.get("N"));
    const streams = isStream(appearance)
      ? [appearance]
      : appearance instanceof Map
        ? [...appearance.values()].slice(0, 16).map((v) => r.objects.stream(v))
        : [];
    for (const stream of streams) if (stream) drawForm(stream, resources, 0, r);
  }
}

/**
 * The text drawn on the PDF's pages, in drawing order, with each run's font size; or why it
 * could not be read. Pure and synchronous; never throws.
 */
export function readPrintedText(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): PrintedText {
  if (bytes.byteLength > limits.maxBytes) return { ok: false, reason: "too large" };
  if (!isPdf(bytes)) return { ok: false, reason: "no %PDF- header" };
  try {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    const index = indexObjects(text, limits.maxObjects);
    if (index === "too-many") return { ok: false, reason: "too many objects" };
    const objects = new PdfObjects(bytes, text, index, new Budget(limits.maxTextBytes));
    const pages = objects.pages();
    if (pages.length === 0) return { ok: false, reason: "no pages" };
    if (pages.length > limits.maxPages) return { ok: false, reason: "too many pages" };
    const reading: Reading = { objects, runs: [], unreadable: 0, forms: new Set() };
    for (const page of pages) readPage(page, reading);
    if (reading.unreadable > 0) return { ok: false, reason: "a font without a character map" };
    if (reading.runs.length === 0) return { ok: false, reason: "no text" };
    return { ok: true, runs: reading.runs };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, reason: error.message };
    return { ok: false, reason: "unreadable" };
  }
}

// ---------- printed versus signed ----------

/**
 * Text as it is compared: accents and case dropped, whitespace removed (lines break anywhere),
 * a character the PDF's standard fonts cannot draw becomes `?` (as `@avala/certificate-pdf`
 * prints it) and `?` matches any one character.
 */
export function comparable(text: string): string {
  let out = "";
  for (const char of text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")) {
    if (/\s/u.test(char)) continue;
    out += char.codePointAt(0)! > 0xff ? "?" : char.toLowerCase();
  }
  return out;
}

function sameAt(printed: string, signed: string, at = 0): boolean {
  for (let i = 0; i < signed.length; i++) {
    const a = printed[at + i];
    const b = signed[i]!;
    if (a === undefined) return false;
    if (a !== b && a !== "?" && b !== "?") return false;
  }
  return true;
}

/** Whether a printed text says the signed one (a printed text cut with "..." matches its start). */
export function samePrinted(printed: string, signed: string): boolean {
  const p = comparable(printed);
  const s = comparable(signed);
  if (p.length === s.length) return sameAt(p, s);
  if (p.endsWith("...") && s.length > p.length - 3) {
    return sameAt(p.slice(0, -3), s.slice(0, p.length - 3));
  }
  return false;
}

/** What Avala's certificate prints around the person and the achievement (es / en). */
const BEFORE_PERSON = comparable("Se certifica que / This certifies that");
const BEFORE_ACHIEVEMENT = comparable("obtuvo / has achieved");
const NO_PERSON = comparable("la persona titular / the holder");

/** One certificate's printed person (undefined: "the holder") and achievement. */
export interface PrintedFacts {
  person?: string;
  achievement: string;
}

/**
 * The person and achievement printed in Avala's layout ("Se certifica que / This certifies
 * that" · the person · "obtuvo / has achieved" · the achievement, in one font size), every time
 * the layout appears; none when the PDF is laid out otherwise.
 */
export function printedFacts(runs: TextRun[]): PrintedFacts[] {
  const found: PrintedFacts[] = [];
  for (let i = 0; i < runs.length; i++) {
    if (comparable(runs[i]!.text) !== BEFORE_PERSON) continue;
    let j = i + 1;
    while (j < runs.length && comparable(runs[j]!.text) !== BEFORE_ACHIEVEMENT) j++;
    if (j >= runs.length) break;
    const person = runs
      .slice(i + 1, j)
      .map((r) => r.text.trim())
      .join(" ");
    const first = runs[j + 1];
    const lines: string[] = [];
    for (let k = j + 1; k < runs.length && runs[k]!.size === first?.size; k++) {
      lines.push(runs[k]!.text.trim());
    }
    found.push({
      ...(comparable(person) === NO_PERSON ? {} : { person }),
      achievement: lines.join(" "),
    });
    i = j;
  }
  return found;
}

/** What the signed credential says: the person's name (if any) and the achievement's names. */
export interface SignedFacts {
  person?: string;
  /** The achievement's name in each language edition the credential carries. */
  achievement: string[];
}

export type PrintedComparison =
  | { outcome: "pass"; code: "pdf.printed-matches" }
  | {
      outcome: "fail";
      code:
        | "pdf.printed-name"
        | "pdf.printed-name-missing"
        | "pdf.printed-name-unsigned"
        | "pdf.printed-achievement"
        | "pdf.printed-achievement-missing";
      params: Record<string, string>;
    };

const MAX_SHOWN = 200;
const shown = (text: string) =>
  text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;

function compareLayout(facts: PrintedFacts, signed: SignedFacts): PrintedComparison | undefined {
  if (facts.person !== undefined && signed.person === undefined) {
    return {
      outcome: "fail",
      code: "pdf.printed-name-unsigned",
      params: { printed: shown(facts.person) },
    };
  }
  if (signed.person !== undefined && !samePrinted(facts.person ?? "", signed.person)) {
    return facts.person === undefined
      ? {
          outcome: "fail",
          code: "pdf.printed-name-missing",
          params: { signed: shown(signed.person) },
        }
      : {
          outcome: "fail",
          code: "pdf.printed-name",
          params: { printed: shown(facts.person), signed: shown(signed.person) },
        };
  }
  if (!signed.achievement.some((name) => samePrinted(facts.achievement, name))) {
    return {
      outcome: "fail",
      code: "pdf.printed-achievement",
      params: { printed: shown(facts.achievement), signed: shown(signed.achievement[0] ?? "—") },
    };
  }
  return undefined;
}

/** Whether `needle` is printed somewhere in `runs` (compared as `comparable` text). */
function printedSomewhere(runs: TextRun[], needle: string): boolean {
  const haystack = comparable(runs.map((r) => r.text).join(" "));
  const wanted = comparable(needle);
  if (!wanted) return true;
  if (!wanted.includes("?") && !haystack.includes("?")) return haystack.includes(wanted);
  // With wildcards, position by position (over a bounded text: its length times the name's).
  const bounded = haystack.slice(0, 50_000);
  for (let at = 0; at + wanted.length <= bounded.length; at++) {
    if (sameAt(bounded, wanted, at)) return true;
  }
  return false;
}

/**
 * Compares what a PDF prints with the credential attached to it. In Avala's layout, every
 * printed person and achievement must be the signed ones (a "holder" line when the credential
 * names nobody); in another layout, the signed name and achievement must be printed somewhere.
 */
export function comparePrinted(runs: TextRun[], signed: SignedFacts): PrintedComparison {
  const layouts = printedFacts(runs);
  for (const facts of layouts) {
    const mismatch = compareLayout(facts, signed);
    if (mismatch) return mismatch;
  }
  if (layouts.length === 0) {
    if (signed.person !== undefined && !printedSomewhere(runs, signed.person)) {
      return {
        outcome: "fail",
        code: "pdf.printed-name-missing",
        params: { signed: shown(signed.person) },
      };
    }
    if (!signed.achievement.some((name) => printedSomewhere(runs, name))) {
      return {
        outcome: "fail",
        code: "pdf.printed-achievement-missing",
        params: { signed: shown(signed.achievement[0] ?? "—") },
      };
    }
  }
  return { outcome: "pass", code: "pdf.printed-matches" };
}
