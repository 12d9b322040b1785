import type { Check } from "@avala/credentials";
import { makeCheck } from "@avala/credentials";
import type { FetchBudget } from "@avala/guarded-fetch";
import type { TrustRegistryOption } from "./trust.js";
import type { RegistryLoadScope, ScopedTrustRegistrySource } from "./trust-registry-source.js";

/**
 * The check a verification gets when its fetch budget refused a request: "could not check"
 * on its input, an essential check, so the verification is not valid.
 */
export function budgetCheck(budget: FetchBudget): Check | undefined {
  if (budget.refused === 0) return undefined;
  return makeCheck("input", "could-not-check", "verifier.fetch-budget-exhausted", {
    max: budget.limit,
  });
}

/**
 * The registry option for one verification: a source is asked with the verification's scope,
 * so a (re)load it starts is charged to the verification's budget. A source that takes no
 * scope ignores it.
 */
export function scopedRegistry(
  option: TrustRegistryOption | undefined,
  scope: RegistryLoadScope,
): TrustRegistryOption | undefined {
  if (typeof option !== "function") return option;
  const source = option as ScopedTrustRegistrySource;
  return () => source(scope);
}
