export type { TrustRegistry, TrustRegistryEntry, TrustRegistryLoad } from "./trust-registry.js";
export {
  buildTrustRegistryCredential,
  loadTrustRegistry,
  TRUST_REGISTRY_CONTEXT,
} from "./trust-registry.js";
