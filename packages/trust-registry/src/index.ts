export type { TrustRegistry, TrustRegistryEntry, TrustRegistryLoad } from "./trust-registry.js";
export {
  buildTrustRegistryCredential,
  loadTrustRegistry,
  UNDEFINED_TERMS_CONTEXT,
} from "./trust-registry.js";
