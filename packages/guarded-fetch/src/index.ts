export { isPublicAddress, type LookupFn, type ResolvedAddress } from "./address-policy.js";
export { GuardedFetchError, type GuardedFetchErrorCode } from "./errors.js";
export {
  createGuardedFetch,
  type FetchedBytes,
  type FetchRequestOptions,
  type GuardedFetch,
  type GuardedFetchOptions,
} from "./guarded-fetch.js";
