import type { JsonObject } from "@avala/credentials";
import { standardRecordOf } from "@avala/verifier";
import type { WalletContext } from "../context.js";
import type { StackProgress, StackVersion } from "./stacking.js";

/**
 * Versions and expiry of standards in the wallet's progress (issue 15, part 3). The issuer of a
 * unit publishes its standard's version facts (`…/orgs/<org>/standards/<code>/version`): when a
 * newer version replaced the standard, progress is shown toward the newer one, counting only the
 * held units it accepts (its own codes, or the earlier units its equivalences name), and saying
 * which equivalences apply and which units no longer count; when the version has simply expired,
 * the progress says so. Whatever cannot be read leaves the progress as it was.
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

async function factsOf(ctx: WalletContext, url: string) {
  try {
    const facts = await ctx.fetch.fetchJson(url, { accept: "application/json" });
    return isObject(facts) ? facts : undefined;
  } catch {
    return undefined;
  }
}

function equivalencesOf(facts: Record<string, unknown> | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const value = facts?.["equivalences"];
  if (!isObject(value)) return out;
  for (const [unit, older] of Object.entries(value)) {
    if (Array.isArray(older)) {
      out.set(
        unit,
        older.filter((u): u is string => typeof u === "string"),
      );
    }
  }
  return out;
}

/** The stack toward `next`, which replaced `stack.code`: only the units `next` accepts count. */
function towardNext(
  stack: StackProgress,
  next: string,
  units: string[],
  equivalences: Map<string, string[]>,
): StackProgress {
  const accepted = new Map(units.map((u) => [u, u]));
  for (const [unit, older] of equivalences) {
    if (!units.includes(unit)) continue;
    for (const old of older) if (!accepted.has(old)) accepted.set(old, unit);
  }
  const version: StackVersion = { supersededFrom: stack.code, equivalences: [], notAccepted: [] };
  const held: string[] = [];
  for (const unit of stack.held) {
    const countsAs = accepted.get(unit);
    if (!countsAs) {
      version.notAccepted.push(unit);
      continue;
    }
    if (!held.includes(countsAs)) held.push(countsAs);
    if (countsAs !== unit) version.equivalences.push({ held: unit, countsAs });
  }
  held.sort((a, b) => units.indexOf(a) - units.indexOf(b));
  return { code: next, held, required: [...units], complete: false, version };
}

/** Progress with each standard's current version applied (see above). */
export async function withStandardVersions(
  ctx: WalletContext,
  stacks: StackProgress[],
  documents: JsonObject[],
): Promise<StackProgress[]> {
  const out: StackProgress[] = [];
  for (const stack of stacks) {
    const record = stack.complete
      ? undefined
      : documents.map((d) => standardRecordOf(d)).find((r) => r?.code === stack.code);
    const facts = record ? await factsOf(ctx, record.versionUrl) : undefined;
    const next = typeof facts?.["supersededBy"] === "string" ? facts["supersededBy"] : undefined;
    if (record && next && next.length <= 100) {
      const from = `/standards/${encodeURIComponent(stack.code)}/version`;
      const nextVersion = record.versionUrl.replace(
        from,
        `/standards/${encodeURIComponent(next)}/version`,
      );
      const nextRecord = record.versionUrl.replace(
        from,
        `/achievements/${encodeURIComponent(next)}`,
      );
      const units = await ctx.standards.units(next, nextRecord);
      if (units) {
        out.push(towardNext(stack, next, units, equivalencesOf(await factsOf(ctx, nextVersion))));
        continue;
      }
    }
    const until = typeof facts?.["validUntil"] === "string" ? facts["validUntil"] : undefined;
    if (until && Date.parse(until) <= ctx.now().getTime()) {
      out.push({
        ...stack,
        version: { expired: until.slice(0, 10), equivalences: [], notAccepted: [] },
      });
      continue;
    }
    out.push(stack);
  }
  return mergeByCode(out);
}

/** One stack per standard: units of a replaced version join those of its successor. */
function mergeByCode(stacks: StackProgress[]): StackProgress[] {
  const byCode = new Map<string, StackProgress>();
  for (const stack of stacks) {
    const other = byCode.get(stack.code);
    if (!other) {
      byCode.set(stack.code, stack);
      continue;
    }
    const held = [...new Set([...other.held, ...stack.held])];
    const required = other.required ?? stack.required;
    if (required) held.sort((a, b) => required.indexOf(a) - required.indexOf(b));
    const version = stack.version ?? other.version;
    byCode.set(stack.code, {
      ...other,
      held,
      ...(required ? { required } : {}),
      complete: other.complete || stack.complete,
      ...(version ? { version } : {}),
    });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}
