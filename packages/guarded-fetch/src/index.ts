export { isPublicAddress, type LookupFn, type ResolvedAddress } from "./address-policy.js";
export { budgetedFetch } from "./budgeted-fetch.js";
export { GuardedFetchError, type GuardedFetchErrorCode } from "./errors.js";
export { createFetchBudget, type FetchBudget } from "./fetch-budget.js";
export {
  createGuardedFetch,
  type FetchedBytes,
  type FetchRequestOptions,
  GUARDED_FETCH_USER_AGENT,
  type GuardedFetch,
  type GuardedFetchOptions,
} from "./guarded-fetch.js";
