/**
 * CBOR-LD encoding compiled per shape: byte-identical to `@digitalbazaar/cborld`'s `encode`
 * (CBOR-LD 1.0, registry entry 1), about 30x faster for a document of a shape seen before.
 *
 * Most of the library's time goes into JSON-LD context processing: for every property of every
 * node it copies the whole active term map (hundreds of terms with the OB 3.0 context). What that
 * processing decides (each term's id, each value's term definition and type) depends only on the
 * document's keys, arrays, `@context` and `type` values, not on its other strings, numbers or
 * booleans. So the library converts, once per shape, a skeleton of the document whose other
 * values are slots; the result is kept, and a document of that shape is encoded by filling the
 * slots with the library's own value encoders (`ValueEncoder.createEncoder`, which picks the
 * URL, date, multibase or plain codec from the value) and the same CBOR serialiser.
 *
 * The converter's classes are not in the package's exports; they are loaded from its files, and
 * anything unexpected (another layout, a shape whose types are not literal) falls back to the
 * library's `encode`. `test/compiled-cborld.property.test.ts` requires the bytes to be identical
 * to `encode` for generated credentials of many shapes and values.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { JsonObject } from "@avala/credentials";
import { encode } from "@digitalbazaar/cborld";
import * as cborg from "cborg";

type DocumentLoader = (url: string) => Promise<{ document: unknown }>;

/** What a CBOR-LD encoder of the library looks like (`CborldEncoder`). */
interface CborldEncoder {
  encode(options: { obj: unknown }): unknown;
}

interface TermInfo {
  term: string;
  def: Record<string, unknown>;
}

interface ContextLoader {
  termToId: Map<string, number>;
  nextTermId: number;
  getIdForTerm(options: { term: string; plural?: boolean }): number | string;
}

interface ConverterLike {
  strategy: { typeTable: Map<string, Map<unknown, number>> };
  typeTableEncodedAsBytesSet: Set<string>;
  contextLoader: ContextLoader;
  convert(options: { input: unknown }): Promise<unknown>;
}

interface Internals {
  Converter: new (options: { strategy: unknown; documentLoader: DocumentLoader }) => ConverterLike;
  Compressor: new (options: {
    typeTable: unknown;
  }) => {
    convertValue(options: {
      termType: unknown;
      value: unknown;
      termInfo: TermInfo;
      converter: ConverterLike;
    }): unknown;
    getObjectTypes(options: { activeCtx: unknown; input: unknown }): Set<unknown>;
  };
  CborldEncoderClass: abstract new () => CborldEncoder;
  createValueEncoder(options: {
    value: unknown;
    converter: unknown;
    termInfo: TermInfo;
    termType: unknown;
  }): unknown;
  createTypeTable(options: { typeTable?: unknown }): unknown;
}

/** The library's converter classes, from its own files (the same module instances it uses). */
async function loadInternals(): Promise<Internals | undefined> {
  try {
    const lib = dirname(createRequire(import.meta.url).resolve("@digitalbazaar/cborld"));
    const load = (file: string) => import(pathToFileURL(join(lib, file)).href);
    const [converter, compressor, cborldEncoder, valueEncoder, tables] = await Promise.all([
      load("Converter.js"),
      load("Compressor.js"),
      load("codecs/CborldEncoder.js"),
      load("codecs/ValueEncoder.js"),
      load("tables.js"),
    ]);
    const internals: Internals = {
      Converter: converter.Converter,
      Compressor: compressor.Compressor,
      CborldEncoderClass: cborldEncoder.CborldEncoder,
      createValueEncoder: (options) => valueEncoder.ValueEncoder.createEncoder(options),
      createTypeTable: tables.createTypeTable,
    };
    return Object.values(internals).every((v) => typeof v === "function") ? internals : undefined;
  } catch {
    return undefined;
  }
}

let internalsLoading: Promise<Internals | undefined> | undefined;

/** Whether documents are compiled here (else every one goes to the library's `encode`). */
export async function compiledCborLdAvailable(): Promise<boolean> {
  internalsLoading ??= loadInternals();
  return (await internalsLoading) !== undefined;
}

/** CBOR-LD 1.0 tag 0xcb1d, a two-element array, registry entry 1; the document follows. */
const PREFIX_REGISTRY_ENTRY_1 = Uint8Array.of(0xd9, 0xcb, 0x1d, 0x82, 0x01);

/** A value of the skeleton that the compiled shape fills from the document. */
class Slot {
  constructor(readonly index: number) {}
}

/** What filling a slot needs: the term and its type, and which term ids existed then. */
interface SlotInfo {
  termInfo: TermInfo;
  termType: unknown;
  /** The converter's next term id when the value was met: ids from it on did not exist yet. */
  termIdLimit: number;
}

interface CompiledShape {
  /** The converted skeleton: Maps, arrays, the library's encoders, slots. */
  tree: unknown;
  slots: SlotInfo[];
  converter: ConverterLike;
}

/** Keys whose values decide the JSON-LD processing, kept as they are in the skeleton. */
const LITERAL_KEYS = new Set(["@context", "type", "@type"]);

/**
 * The shape of a document (its key in the cache) and its slot values, in one walk. Objects
 * keep their keys, arrays their length, `@context`/`type` values and nulls stay; every other
 * scalar is a slot.
 */
function skeletonOf(document: unknown): { key: string; values: unknown[] } {
  const values: unknown[] = [];
  const key = JSON.stringify(document, function (this: unknown, name: string, value: unknown) {
    if (value === undefined || typeof value === "function" || typeof value === "symbol") {
      return value;
    }
    if (value === null || typeof value === "object") {
      return Array.isArray(this) || !LITERAL_KEYS.has(name) ? value : JSON.stringify(value);
    }
    if (!Array.isArray(this) && LITERAL_KEYS.has(name)) return JSON.stringify(value);
    values.push(value);
    return `\u0000${typeof value}`;
  });
  return { key, values };
}

/**
 * The skeleton itself: the document with each slot value replaced by a `Slot`, numbered in the
 * order `skeletonOf` lists them (JSON.stringify's: own keys in order, arrays by index).
 */
function slotted(document: unknown, counter: { next: number }): unknown {
  if (document === null) return null;
  if (Array.isArray(document)) return document.map((item) => slotted(item, counter));
  if (typeof document === "object") {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(document as Record<string, unknown>)) {
      if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
      out[name] = LITERAL_KEYS.has(name) ? value : slotted(value, counter);
    }
    return out;
  }
  return new Slot(counter.next++);
}

/**
 * Whether the document is plain JSON data (no `toJSON`, class instances or undefined in arrays),
 * so that `skeletonOf` and `slotted` see the same values.
 */
function literalSafe(document: unknown): boolean {
  const kind = typeof document;
  if (kind === "undefined" || kind === "function" || kind === "symbol" || kind === "bigint") {
    return false;
  }
  if (document === null || typeof document !== "object") return true;
  if (!Array.isArray(document) && Object.getPrototypeOf(document) !== Object.prototype) {
    return false;
  }
  return Object.values(document as Record<string, unknown>).every(literalSafe);
}

async function compile(
  internals: Internals,
  document: JsonObject,
  documentLoader: DocumentLoader,
): Promise<CompiledShape | undefined> {
  const counter = { next: 0 };
  const skeleton = slotted(document, counter);
  const slots: SlotInfo[] = [];
  let literalTypes = true;
  class RecordingCompressor extends internals.Compressor {
    override convertValue(options: {
      termType: unknown;
      value: unknown;
      termInfo: TermInfo;
      converter: ConverterLike;
    }): unknown {
      if (!(options.value instanceof Slot)) return super.convertValue(options);
      slots[options.value.index] = {
        termInfo: options.termInfo,
        termType: options.termType,
        termIdLimit: options.converter.contextLoader.nextTermId,
      };
      return options.value;
    }
    override getObjectTypes(options: { activeCtx: unknown; input: unknown }): Set<unknown> {
      const types = super.getObjectTypes(options);
      // A type term other than `type`/`@type` whose value is a slot: not compilable.
      for (const type of types) if (type instanceof Slot) literalTypes = false;
      return types;
    }
  }
  const converter = new internals.Converter({
    strategy: new RecordingCompressor({ typeTable: internals.createTypeTable({}) }),
    documentLoader,
  });
  const tree = await converter.convert({ input: skeleton });
  if (!literalTypes || slots.length !== counter.next) return undefined;
  for (let i = 0; i < slots.length; i++) if (!slots[i]) return undefined;
  return { tree, slots, converter };
}

/** The converted tree of a document of the compiled shape: slots filled with its values. */
function fill(
  internals: Internals,
  shape: CompiledShape,
  values: readonly unknown[],
  node: unknown,
): unknown {
  if (node instanceof Slot) {
    const info = shape.slots[node.index]!;
    const { contextLoader } = shape.converter;
    // The converter as it was when the value was met (`UrlEncoder` asks whether the value is a
    // term: only terms that existed then count).
    const converter = {
      strategy: shape.converter.strategy,
      typeTableEncodedAsBytesSet: shape.converter.typeTableEncodedAsBytesSet,
      contextLoader: {
        getIdForTerm({ term, plural = false }: { term: string; plural?: boolean }) {
          const id = contextLoader.termToId.get(term);
          if (id === undefined || id >= info.termIdLimit) return term;
          return plural ? id + 1 : id;
        },
      },
    };
    return internals.createValueEncoder({
      value: values[node.index],
      converter,
      termInfo: info.termInfo,
      termType: info.termType,
    });
  }
  if (node instanceof Map) {
    const out = new Map();
    for (const [key, value] of node) out.set(key, fill(internals, shape, values, value));
    return out;
  }
  if (Array.isArray(node)) return node.map((item) => fill(internals, shape, values, item));
  return node;
}

/** An encoder of JSON-LD documents to CBOR-LD 1.0 bytes (registry entry 1). */
export type CborLdEncoder = (document: JsonObject) => Promise<Uint8Array>;

/**
 * A CBOR-LD encoder (registry entry 1, compression by the contexts) that compiles each new
 * shape once (at most `maxShapes` kept; then the cache starts over) and encodes documents of a
 * known shape without the library's context processing. Same bytes as `encode`.
 */
export function createCompiledCborLdEncoder(
  documentLoader: DocumentLoader,
  options: { maxShapes?: number } = {},
): CborLdEncoder {
  const maxShapes = options.maxShapes ?? 64;
  const shapes = new Map<string, CompiledShape | null>();
  const stock = (document: JsonObject) =>
    encode({
      jsonldDocument: document,
      documentLoader,
      format: "cbor-ld-1.0",
      registryEntryId: 1,
    });
  return async (document) => {
    internalsLoading ??= loadInternals();
    const internals = await internalsLoading;
    if (!internals || !literalSafe(document)) return stock(document);
    const { key, values } = skeletonOf(document);
    let shape = shapes.get(key);
    if (shape === undefined) {
      shape = (await compile(internals, document, documentLoader).catch(() => undefined)) ?? null;
      if (shapes.size >= maxShapes) shapes.clear();
      shapes.set(key, shape);
    }
    if (shape === null) return stock(document);
    let suffix: Uint8Array;
    try {
      const tree = fill(internals, shape, values, shape.tree);
      suffix = cborg.encode(tree, {
        typeEncoders: {
          Object(obj: unknown) {
            if (obj instanceof internals.CborldEncoderClass) {
              return (obj as CborldEncoder).encode({ obj }) as never;
            }
            return null;
          },
        },
      });
    } catch {
      // A value the library refuses: let it say so in its own words.
      return stock(document);
    }
    const bytes = new Uint8Array(PREFIX_REGISTRY_ENTRY_1.length + suffix.length);
    bytes.set(PREFIX_REGISTRY_ENTRY_1);
    bytes.set(suffix, PREFIX_REGISTRY_ENTRY_1.length);
    return bytes;
  };
}
