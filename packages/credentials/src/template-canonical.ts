import { hash } from "node:crypto";
import type { ShapeTemplate, SlotRole, Term } from "./shape-template.js";

/**
 * RDFC-1.0 canonical N-Quads straight from a compiled shape's template, for the common case
 * where every blank node has a distinct first-degree hash (RDFC-1.0 §4.4 step 5: then each gets
 * its canonical label in the order of its hash, and no n-degree hashing happens). The N-Quads of
 * every quad are laid out once per template (IRIs and constant literals escaped once); a
 * document only fills in its escaped values and the blank node labels. When two first-degree
 * hashes are equal this gives up (undefined) and rdf-canonize does the whole canonicalization.
 *
 * Serialization, escaping and hashing follow rdf-canonize 5 (`NQuads.serializeQuadComponents`,
 * `RDFC10.hashFirstDegreeQuads`) exactly: the output is rdf-canonize's, byte for byte, which is
 * checked on the document that teaches each template and by `test/fast-path.property.test.ts`.
 */

const RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

// rdf-canonize's escapes (lib/NQuads.js): UCHAR for controls, ECHAR where N-Quads has one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls N-Quads escapes.
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls N-Quads escapes in IRIs.
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;
const ucharOf = (char: string) =>
  `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
const ECHAR: Record<string, string> = {
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
  '"': '\\"',
  "\\": "\\\\",
};
const literalEscapeOf = (char: string) => ECHAR[char] ?? ucharOf(char);

export function escapeLiteral(value: string): string {
  LITERAL_ESCAPE.lastIndex = 0;
  return LITERAL_ESCAPE.test(value) ? value.replace(LITERAL_ESCAPE, literalEscapeOf) : value;
}

export function escapeIri(value: string): string {
  IRI_ESCAPE.lastIndex = 0;
  return IRI_ESCAPE.test(value) ? value.replace(IRI_ESCAPE, ucharOf) : value;
}

/**
 * One quad's N-Quads line in pieces: text, a slot's escaped value (a number >= 0), or a blank
 * node's label (a number < 0: blank node `-1 - n`).
 */
type Line = Array<string | number>;

export interface CanonicalPlan {
  lines: Line[];
  /** For each blank node, the lines that hold it. */
  linesOf: number[][];
  /** For each blank node, the slots its lines hold (its first-degree hash depends on no more). */
  slotsOf: number[][];
  /**
   * For each blank node, its last first-degree hash and the slot values it came from: the
   * nodes a cohort's credentials share (the achievement, its alignments) hash once.
   */
  lastHashes: Array<{ values: string; hash: string } | undefined>;
  /**
   * The order of the lines in the last canonical form: the next document's lines are usually in
   * the same order (a cohort's values sort alike), which a single pass confirms.
   */
  lastOrder: number[] | undefined;
  /** Each blank node's label in the template (`_:b3`), to tell repeated quads apart. */
  labels: string[];
  /** The role of each slot the lines use. */
  slotRoles: Map<number, SlotRole>;
  /** The group of each line (see `ShapeTemplate`); -1 for none. */
  groups: number[];
}

class LineBuilder {
  readonly line: Line = [];

  text(text: string): void {
    const last = this.line.length - 1;
    if (last >= 0 && typeof this.line[last] === "string") this.line[last] += text;
    else this.line.push(text);
  }

  piece(piece: number): void {
    this.line.push(piece);
  }
}

function literalSuffix(datatype: Term | undefined, language: string | undefined): string {
  const type = datatype?.value;
  if (type === RDF_LANGSTRING) return language ? `@${language}` : "";
  if (type !== XSD_STRING) return `^^<${escapeIri(type ?? "")}>`;
  return "";
}

/** Lays out the N-Quads lines of a template (once, when it is compiled). */
export function planCanonical(template: ShapeTemplate): CanonicalPlan {
  const blankIndex = new Map<string, number>();
  const labels: string[] = [];
  const slotRoles = new Map<number, SlotRole>();
  const blank = (label: string) => {
    let index = blankIndex.get(label);
    if (index === undefined) {
      index = labels.length;
      blankIndex.set(label, index);
      labels.push(`_:${label}`);
    }
    return -1 - index;
  };
  const lines: Line[] = [];
  const groups: number[] = [];
  for (const quad of template.quads) {
    const out = new LineBuilder();
    const node = (position: (typeof quad)["subject"], leading: string) => {
      if (position.kind === "iri") {
        slotRoles.set(position.slot, "iri");
        out.text(`${leading}<`);
        out.piece(position.slot);
        out.text(">");
      } else if (position.kind === "literal") {
        slotRoles.set(position.slot, "literal");
        out.text(`${leading}"`);
        out.piece(position.slot);
        out.text(`"${literalSuffix(position.datatype, position.language)}`);
      } else {
        const { term } = position;
        if (term.termType === "NamedNode") out.text(`${leading}<${escapeIri(term.value)}>`);
        else if (term.termType === "BlankNode") {
          out.text(leading);
          out.piece(blank(term.value));
        } else if (term.termType === "Literal") {
          out.text(
            `${leading}"${escapeLiteral(term.value)}"${literalSuffix(term.datatype, term.language)}`,
          );
        }
        // DefaultGraph: nothing.
      }
    };
    node(quad.subject, "");
    out.text(` <${escapeIri(quad.predicate.value)}> `);
    node(quad.object, "");
    node(quad.graph, " ");
    out.text(" .\n");
    lines.push(out.line);
    groups.push(quad.group);
  }
  const linesOf: number[][] = labels.map(() => []);
  lines.forEach((line, index) => {
    const seen = new Set<number>();
    for (const piece of line) {
      if (typeof piece === "number" && piece < 0 && !seen.has(piece)) {
        seen.add(piece);
        linesOf[-1 - piece]!.push(index);
      }
    }
  });
  const slotsOf = linesOf.map((indexes) => {
    const slots = new Set<number>();
    for (const index of indexes) {
      for (const piece of lines[index]!)
        if (typeof piece === "number" && piece >= 0) slots.add(piece);
    }
    return [...slots].sort((a, b) => a - b);
  });
  return {
    lines,
    linesOf,
    slotsOf,
    lastHashes: labels.map(() => undefined),
    lastOrder: undefined,
    labels,
    slotRoles,
    groups,
  };
}

function render(line: Line, values: readonly string[], names: readonly string[]): string {
  let out = "";
  for (const piece of line) {
    if (typeof piece === "string") out += piece;
    else if (piece >= 0) out += values[piece];
    else out += names[-1 - piece];
  }
  return out;
}

/**
 * The canonical N-Quads of the document whose slot values are `values`, or undefined when two
 * blank nodes share a first-degree hash (rdf-canonize must then do it).
 */
export function canonicalFromPlan(
  plan: CanonicalPlan,
  values: readonly string[],
): string | undefined {
  const escaped: string[] = new Array(values.length);
  for (const [slot, role] of plan.slotRoles) {
    const value = values[slot]!;
    escaped[slot] = role === "iri" ? escapeIri(value) : escapeLiteral(value);
  }
  // A dataset is a set: of lines that could repeat (same group), keep the first.
  let dropped: Set<number> | undefined;
  let kept: Set<string> | undefined;
  for (let index = 0; index < plan.lines.length; index++) {
    const group = plan.groups[index]!;
    if (group < 0) continue;
    kept ??= new Set();
    const text = `${group}|${render(plan.lines[index]!, escaped, plan.labels)}`;
    if (!kept.has(text)) kept.add(text);
    else {
      dropped ??= new Set();
      dropped.add(index);
    }
  }

  // Hash first degree quads of every blank node: itself as _:a, any other as _:z.
  const count = plan.labels.length;
  const names: string[] = new Array(count).fill("_:z");
  const hashes: Array<{ hash: string; node: number }> = [];
  for (let node = 0; node < count; node++) {
    const lines = plan.linesOf[node]!;
    const whole = !dropped || lines.every((index) => !dropped.has(index));
    let values = "";
    if (whole) {
      for (const slot of plan.slotsOf[node]!) values += `${escaped[slot]!.length}:${escaped[slot]}`;
      const last = plan.lastHashes[node];
      if (last && last.values === values) {
        hashes.push({ hash: last.hash, node });
        continue;
      }
    }
    names[node] = "_:a";
    const quads: string[] = [];
    for (const index of lines) {
      if (!dropped?.has(index)) quads.push(render(plan.lines[index]!, escaped, names));
    }
    names[node] = "_:z";
    quads.sort();
    const digest = hash("sha256", quads.join(""), "hex");
    if (whole) plan.lastHashes[node] = { values, hash: digest };
    hashes.push({ hash: digest, node });
  }
  hashes.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
  for (let i = 1; i < hashes.length; i++) {
    if (hashes[i]!.hash === hashes[i - 1]!.hash) return undefined;
  }
  hashes.forEach(({ node }, rank) => {
    names[node] = `_:c14n${rank}`;
  });

  const rendered: string[] = new Array(plan.lines.length);
  for (let index = 0; index < plan.lines.length; index++) {
    if (!dropped?.has(index)) rendered[index] = render(plan.lines[index]!, escaped, names);
  }
  // Sorted as rdf-canonize sorts (code units), starting from the last order: the next
  // document's lines are nearly in it (a cohort's values sort alike; when blank nodes trade
  // labels, a few lines move), so an insertion sort finishes in about one pass.
  const order = !dropped && plan.lastOrder ? plan.lastOrder.slice() : liveLines(rendered);
  if (!sortFrom(rendered, order)) {
    order.sort((x, y) => (rendered[x]! < rendered[y]! ? -1 : rendered[x]! > rendered[y]! ? 1 : 0));
  }
  if (!dropped) plan.lastOrder = order;
  let out = "";
  for (const index of order) out += rendered[index];
  return out;
}

/** The indexes of the lines kept, in template order. */
function liveLines(rendered: readonly (string | undefined)[]): number[] {
  const order: number[] = [];
  for (let index = 0; index < rendered.length; index++) {
    if (rendered[index] !== undefined) order.push(index);
  }
  return order;
}

/**
 * Insertion-sorts `order` (indexes into `lines`) in place; gives up, false, after about four
 * moves per line (an order far from the last one is left to the caller's full sort, so a
 * hostile shape never costs more than a sort).
 */
function sortFrom(lines: readonly (string | undefined)[], order: number[]): boolean {
  let budget = 4 * order.length + 16;
  for (let k = 1; k < order.length; k++) {
    const index = order[k]!;
    const line = lines[index]!;
    let j = k - 1;
    while (j >= 0 && lines[order[j]!]! > line) {
      if (--budget < 0) {
        order[j + 1] = index; // `order` stays a permutation for the caller's sort
        return false;
      }
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = index;
  }
  return true;
}
