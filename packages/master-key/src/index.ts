export { type MasterKeyEncoding, parseMasterKey } from "./encoding.js";
export { MasterKeyError, MasterKeyRotationError } from "./errors.js";
export { readKeyFile, removeKeyFile, replaceKeyFile, writeKeyFile } from "./key-file.js";
export {
  describeMasterKeySource,
  type LoadedMasterKey,
  type LoadMasterKeyOptions,
  loadMasterKey,
  type MasterKeySettings,
  type MasterKeySource,
  masterKeyFileOf,
} from "./load.js";
export { assertKeyFileOutsideDataDir, isInside, pendingMasterKeyFile } from "./paths.js";
export type { MasterKeyProfile } from "./profile.js";
export {
  checkMasterKeyWith,
  type KeyRotationOutcome,
  type KeyRotationSteps,
  type MasterKeyCheckReport,
  masterKeyMismatchError,
  pendingRotationOf,
  rotateKeyFile,
  type SecretsCheck,
  unopenedSecretsError,
} from "./rotation.js";
