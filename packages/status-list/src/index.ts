export {
  createBitstring,
  decodeBitstring,
  encodeBitstring,
  getBit,
  MAX_LIST_BYTES,
  MIN_LIST_LENGTH,
  setBit,
} from "./bitstring.js";
export type { StatusCheckerOptions } from "./status-checker.js";
export { createStatusChecker } from "./status-checker.js";
export type { StatusPurpose } from "./status-list-credential.js";
export { buildStatusEntry, buildStatusListCredential } from "./status-list-credential.js";
