/**
 * Stacking progress per competence standard: the units of competence held (unit credentials,
 * whose achievement has its own code and an alignment to its standard with `ceterms:Credential`)
 * toward the units the standard requires (a qualification credential lists them as
 * `ceasn:Competency` alignments), e.g. "2 de 3 unidades de EC0217.01".
 */
export interface StackableCredential {
  kind: "unit" | "microcredential" | "qualification" | "other";
  /** The achievement's own code: a unit code, or the standard's code for a qualification. */
  code?: string;
  name: string;
  /** The standard (a unit's, or the qualification itself). */
  standard?: { code: string; name?: string };
  units: Array<{ code?: string; name: string }>;
}

export interface StackProgress {
  /** The standard's code, e.g. `EC0217.01`. */
  code: string;
  name?: string;
  /** Codes of the units held, in the standard's order when it is known. */
  held: string[];
  /** Codes of the units the standard requires, when known (from a qualification credential). */
  required?: string[];
  /** Whether the credential for the whole standard is held. */
  complete: boolean;
  /** What the standard's versions change (see `standard-versions.ts`), when the issuer says. */
  version?: StackVersion;
}

export interface StackVersion {
  /** The version the held units belong to, when a newer one replaced it (this stack's code). */
  supersededFrom?: string;
  /** The end of validity of this version, when it has passed (YYYY-MM-DD). */
  expired?: string;
  /** Held units of the earlier version that count as units of this one. */
  equivalences: Array<{ held: string; countsAs: string }>;
  /** Held units of the earlier version this one does not accept. */
  notAccepted: string[];
}

export function stackingProgress(credentials: readonly StackableCredential[]): StackProgress[] {
  const stacks = new Map<string, StackProgress>();
  const stackOf = (code: string, name?: string) => {
    let stack = stacks.get(code);
    if (!stack) {
      stack = { code, held: [], complete: false };
      stacks.set(code, stack);
    }
    if (name && !stack.name) stack.name = name;
    return stack;
  };
  for (const c of credentials) {
    if (c.kind === "unit" && c.code && c.standard && c.standard.code !== c.code) {
      const stack = stackOf(c.standard.code, c.standard.name);
      if (!stack.held.includes(c.code)) stack.held.push(c.code);
    } else if (c.kind === "qualification" && c.code) {
      const required = c.units.map((u) => u.code).filter((u): u is string => !!u);
      if (required.length === 0) continue;
      const stack = stackOf(c.code, c.name);
      stack.complete = true;
      stack.required = required;
    }
  }
  for (const stack of stacks.values()) {
    if (stack.complete && stack.required) {
      for (const unit of stack.required) if (!stack.held.includes(unit)) stack.held.push(unit);
    }
    if (stack.required) {
      const order = new Map(stack.required.map((u, i) => [u, i]));
      stack.held.sort(
        (a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b),
      );
    }
  }
  return [...stacks.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Adds what a standard requires when no qualification credential says so: `known` maps a
 * standard code to its unit codes (e.g. read from the issuer's public catalogue).
 */
export function withKnownUnits(
  stacks: StackProgress[],
  known: ReadonlyMap<string, string[]>,
): StackProgress[] {
  return stacks.map((stack) => {
    const units = known.get(stack.code);
    if (stack.required || !units?.length) return stack;
    const order = new Map(units.map((u, i) => [u, i]));
    const held = [...stack.held].sort(
      (a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b),
    );
    return { ...stack, required: [...units], held };
  });
}
