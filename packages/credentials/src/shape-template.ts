import { randomBytes } from "node:crypto";
import jsonld from "jsonld";
import type { ContextFacts } from "./context-terms.js";
import { contextFacts } from "./context-terms.js";
import { fillShape } from "./shape-reading.js";

/**
 * A compiled shape: the RDF dataset jsonld.js makes of every document of one shape (see
 * `shape-reading.ts`), with each slot value's place in it, learned once from jsonld.js itself.
 *
 * How it is learned: a probe document of the shape whose every slot holds a unique marker (an
 * absolute IRI, `urn:x-avala-slot-<nonce>:<n>`) goes through jsonld.js (expand, then toRDF, with
 * the options the proof suites use); each marker found as a literal's value makes that slot a
 * literal (with the datatype or language the quad shows), each found as a subject, object or
 * graph IRI makes it an IRI. The shape is refused (left to jsonld.js for good) when the probe
 * fails, when a marker is missing, appears in a predicate, datatype, language or `rdf:type`
 * object, inside a longer value, or in two roles, and when the document uses what makes
 * jsonld.js's output depend on values beyond that (`@index`, `@direction`, `@json`, keyword
 * aliases other than `id`/`type`).
 *
 * IRI slots: a value expands to itself only when it is an absolute IRI whose scheme is not a
 * term of any context the document uses (else it would be a compact IRI) and that is not a term
 * itself (`@vocab`-typed terms); such values are free. Any other value (`assertionMethod`, a
 * compact IRI, `_:b0`, a relative reference) is pinned: the template is learned again with that
 * value in place, and serves only documents with the same value there (a variant).
 */

export interface Term {
  termType: "NamedNode" | "BlankNode" | "Literal" | "DefaultGraph";
  value: string;
  datatype?: Term;
  language?: string;
}

export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

export type SlotRole = "literal" | "iri";

/** One position of a quad: a constant term, or the slot whose value goes there. */
type TermTemplate =
  | { kind: "constant"; term: Term }
  | { kind: "iri"; slot: number }
  | { kind: "literal"; slot: number; datatype: Term; language: string | undefined };

interface QuadTemplate {
  subject: TermTemplate;
  predicate: Term;
  object: TermTemplate;
  graph: TermTemplate;
  /** The quad itself when no slot fills it. */
  constant: Quad | undefined;
  /**
   * Quads that could come out equal for some values share a group (-1: none); jsonld.js keeps
   * one of equal quads (a dataset is a set), so the template drops repeats within a group.
   */
  group: number;
}

export interface ShapeTemplate {
  quads: QuadTemplate[];
  /** Whether any quad has a group (repeats must be looked for). */
  grouped: boolean;
}

/** What the first probe of a shape tells: each slot's role and the terms of its contexts. */
export interface ShapeRoles {
  roles: SlotRole[];
  /** Every term any context of the document defines (a superset is fine). */
  terms: ReadonlySet<string>;
}

export type JsonLdLoader = (url: string) => Promise<unknown>;

/** The toRDF options of the stock eddsa-rdfc-2022 and Ed25519Signature2020 canonicalization. */
function toRdfOptions(documentLoader: JsonLdLoader) {
  return {
    base: null,
    safe: true,
    rdfDirection: "i18n-datatype",
    produceGeneralizedRdf: false,
    documentLoader,
  };
}

const jsonldRdf = jsonld as unknown as {
  expand(input: unknown, options: object): Promise<unknown[]>;
  toRDF(input: unknown, options: object): Promise<Quad[]>;
};

const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/** The largest dataset a template keeps (a credential with an endorsement makes about 130). */
export const MAX_TEMPLATE_QUADS = 2048;

/** Thrown while learning a shape that the template cannot reproduce: jsonld.js keeps it. */
export class ShapeRefused extends Error {}

const markerPrefix = `urn:x-avala-slot-${randomBytes(8).toString("hex")}:`;
const marker = (slot: number) => `${markerPrefix}${slot}`;

/** The slot a term value is the marker of; undefined when none; refuses a partial match. */
function markerSlot(value: string, slots: number): number | undefined {
  const at = value.indexOf(markerPrefix);
  if (at === -1) return undefined;
  if (at !== 0) throw new ShapeRefused("a slot inside a longer value");
  const text = value.slice(markerPrefix.length);
  const slot = Number(text);
  if (!/^\d+$/.test(text) || slot >= slots) throw new ShapeRefused("a slot inside a longer value");
  return slot;
}

/** What in expanded JSON-LD makes the RDF depend on values the template does not follow. */
function refuseExpanded(expanded: unknown): void {
  const stack: unknown[] = [expanded];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const object = node as Record<string, unknown>;
    if ("@index" in object || "@direction" in object) {
      throw new ShapeRefused("@index or @direction");
    }
    if (object["@type"] === "@json") throw new ShapeRefused("a JSON literal");
    for (const key of Object.keys(object)) stack.push(object[key]);
  }
}

async function probeDataset(probe: unknown, documentLoader: JsonLdLoader): Promise<Quad[]> {
  const options = toRdfOptions(documentLoader);
  let expanded: unknown[];
  let dataset: Quad[];
  try {
    expanded = await jsonldRdf.expand(probe, options);
    refuseExpanded(expanded);
    dataset = await jsonldRdf.toRDF(expanded, { ...options, skipExpansion: true });
  } catch (error) {
    if (error instanceof ShapeRefused) throw error;
    throw new ShapeRefused("jsonld.js refused the probe");
  }
  return dataset;
}

/** Each slot's role as the probe's dataset shows it; refuses anything else. */
function rolesIn(dataset: readonly Quad[], slots: number, free: ReadonlySet<number>): SlotRole[] {
  const roles: Array<SlotRole | undefined> = new Array(slots).fill(undefined);
  const see = (slot: number | undefined, role: SlotRole) => {
    if (slot === undefined) return;
    if (!free.has(slot)) throw new ShapeRefused("a pinned slot found as a marker");
    if (roles[slot] !== undefined && roles[slot] !== role) throw new ShapeRefused("two roles");
    roles[slot] = role;
  };
  const iriOnly = (term: Term) => {
    if (term.termType === "NamedNode") see(markerSlot(term.value, slots), "iri");
    else if (markerSlot(term.value, slots) !== undefined) throw new ShapeRefused("a marker label");
  };
  for (const quad of dataset) {
    iriOnly(quad.subject);
    iriOnly(quad.graph);
    if (markerSlot(quad.predicate.value, slots) !== undefined) {
      throw new ShapeRefused("a slot as a predicate");
    }
    const { object } = quad;
    if (object.termType === "Literal") {
      if (markerSlot(object.datatype?.value ?? "", slots) !== undefined) {
        throw new ShapeRefused("a slot as a datatype");
      }
      if (object.language !== undefined && markerSlot(object.language, slots) !== undefined) {
        throw new ShapeRefused("a slot as a language");
      }
      see(markerSlot(object.value, slots), "literal");
    } else if (quad.predicate.value === RDF_TYPE && markerSlot(object.value, slots) !== undefined) {
      throw new ShapeRefused("a slot as a type");
    } else {
      iriOnly(object);
    }
  }
  const out: SlotRole[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const role = roles[slot];
    if (free.has(slot)) {
      if (role === undefined) throw new ShapeRefused("a slot that makes no quad");
      out.push(role);
    } else {
      out.push("iri");
    }
  }
  return out;
}

/** The first probe of a shape: every slot a marker. */
export async function learnRoles(
  document: unknown,
  values: readonly string[],
  documentLoader: JsonLdLoader,
): Promise<{ roles: ShapeRoles; dataset: Quad[] }> {
  const markers = values.map((_, slot) => marker(slot));
  const dataset = await probeDataset(fillShape(document, markers), documentLoader);
  const every = new Set(markers.keys());
  const roles = rolesIn(dataset, values.length, every);
  let facts: ContextFacts;
  try {
    facts = await contextFacts(document, documentLoader);
  } catch {
    throw new ShapeRefused("a context could not be read");
  }
  if (!facts.plainAliases) throw new ShapeRefused("a keyword alias");
  return { roles: { roles, terms: facts.terms }, dataset };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: controls are what an IRI cannot hold.
const IRI_CLASS = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}\u0000-\u001f\u007f-\u009f]*$/;

/** Whether an IRI slot's value is free: jsonld.js keeps it as it is, whatever it is. */
export function isFreeIri(value: string, terms: ReadonlySet<string>): boolean {
  if (!IRI_CLASS.test(value)) return false;
  return !terms.has(value) && !terms.has(value.slice(0, value.indexOf(":")));
}

/**
 * The variant of a document's values: the IRI slots whose values are not free, with those
 * values. Documents of one shape and one variant share a template.
 */
export function variantKey(roles: ShapeRoles, values: readonly string[]): string {
  let key = "";
  for (let slot = 0; slot < values.length; slot++) {
    if (roles.roles[slot] !== "iri") continue;
    const value = values[slot]!;
    if (!isFreeIri(value, roles.terms)) key += `${slot}=${JSON.stringify(value)};`;
  }
  return key;
}

function termTemplate(term: Term, roles: readonly SlotRole[], slots: number): TermTemplate {
  if (term.termType === "NamedNode") {
    const slot = markerSlot(term.value, slots);
    if (slot !== undefined) return { kind: "iri", slot };
  } else if (term.termType === "Literal") {
    const slot = markerSlot(term.value, slots);
    if (slot !== undefined) {
      if (roles[slot] !== "literal" || !term.datatype) throw new ShapeRefused("roles differ");
      return { kind: "literal", slot, datatype: term.datatype, language: term.language };
    }
  }
  return { kind: "constant", term };
}

/** What a position contributes to the group of quads that could come out equal. */
function groupPart(template: TermTemplate): string {
  if (template.kind === "literal") {
    return `L${template.datatype.value}@${template.language ?? ""}`;
  }
  if (template.kind === "iri") return "I";
  const { term } = template;
  if (term.termType === "NamedNode") return "I";
  if (term.termType === "Literal") return `L${term.datatype?.value ?? ""}@${term.language ?? ""}`;
  return `${term.termType}:${term.value}`;
}

/** The template of a variant: a probe with free slots as markers and pinned ones in place. */
export async function learnTemplate(
  document: unknown,
  values: readonly string[],
  roles: ShapeRoles,
  documentLoader: JsonLdLoader,
  firstProbe?: Quad[],
): Promise<ShapeTemplate> {
  const free = new Set<number>();
  const probeValues = values.map((value, slot) => {
    if (roles.roles[slot] === "iri" && !isFreeIri(value, roles.terms)) return value;
    free.add(slot);
    return marker(slot);
  });
  const dataset =
    free.size === values.length && firstProbe
      ? firstProbe
      : await probeDataset(fillShape(document, probeValues), documentLoader);
  if (dataset.length > MAX_TEMPLATE_QUADS) throw new ShapeRefused("too many quads to keep");
  const seen = rolesIn(dataset, values.length, free);
  for (const slot of free) {
    if (seen[slot] !== roles.roles[slot]) throw new ShapeRefused("roles differ");
  }
  const groups = new Map<string, number[]>();
  const quads: QuadTemplate[] = dataset.map((quad, index) => {
    const subject = termTemplate(quad.subject, roles.roles, values.length);
    const object = termTemplate(quad.object, roles.roles, values.length);
    const graph = termTemplate(quad.graph, roles.roles, values.length);
    const constant =
      subject.kind === "constant" && object.kind === "constant" && graph.kind === "constant"
        ? quad
        : undefined;
    const group = `${quad.predicate.value}\n${groupPart(subject)}\n${groupPart(object)}\n${groupPart(graph)}`;
    const members = groups.get(group);
    if (members) members.push(index);
    else groups.set(group, [index]);
    return { subject, predicate: quad.predicate, object, graph, constant, group: -1 };
  });
  let grouped = false;
  let next = 0;
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    grouped = true;
    for (const index of members) quads[index]!.group = next;
    next++;
  }
  return { quads, grouped };
}

function fillTerm(template: TermTemplate, values: readonly string[]): Term {
  switch (template.kind) {
    case "constant":
      return template.term;
    case "iri":
      return { termType: "NamedNode", value: values[template.slot]! };
    case "literal": {
      const term: Term = {
        termType: "Literal",
        value: values[template.slot]!,
        datatype: template.datatype,
      };
      if (template.language !== undefined) term.language = template.language;
      return term;
    }
  }
}

const sized = (value: string) => `${value.length}:${value}`;

/** The dataset of a document of this template's shape and variant, from its slot values. */
export function fillTemplate(template: ShapeTemplate, values: readonly string[]): Quad[] {
  const dataset: Quad[] = [];
  const seen = template.grouped ? new Set<string>() : undefined;
  for (const quadTemplate of template.quads) {
    const quad = quadTemplate.constant ?? {
      subject: fillTerm(quadTemplate.subject, values),
      predicate: quadTemplate.predicate,
      object: fillTerm(quadTemplate.object, values),
      graph: fillTerm(quadTemplate.graph, values),
    };
    if (seen && quadTemplate.group >= 0) {
      const key = `${quadTemplate.group}|${sized(quad.subject.value)}${sized(quad.object.value)}${sized(quad.graph.value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    dataset.push(quad);
  }
  return dataset;
}
