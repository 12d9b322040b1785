export type { IssuerApp } from "./app.js";
export { createIssuerApp } from "./app.js";
export type { IssuerConfig, IssuerLimits } from "./config.js";
export { defaultLimits, defaultMasterKeyFile, issuerConfig, readIssuerConfig } from "./config.js";
export type { IssuerContext, IssuerContextOptions, IssuerLogger } from "./context.js";
export { consoleLogger, createIssuerContext, migrateIssuerDatabase } from "./context.js";
export type { LoadedMasterKey, MasterKeySource } from "./crypto/master-key.js";
export { describeMasterKeySource, loadMasterKey, MasterKeyError } from "./crypto/master-key.js";
export { issuerMigrations } from "./db/migrations.js";
export type { IssuerTables } from "./db/schema.js";
export { openApiDocument } from "./openapi.js";
export type { DemoCredential, DemoInfo } from "./seed.js";
export { DEMO_ORGANISATION, demoLearners, seedDemo, withCurpCheckDigit } from "./seed.js";
export type { ProcessHooks, ProcessOptions } from "./services/batch-pipeline.js";
export { processBatch } from "./services/batch-pipeline.js";
export { claimUrl } from "./services/claims.js";
export type {
  MasterKeyCheck,
  MasterKeyRotation,
  RotateMasterKeyOptions,
  StoredSecretFailure,
} from "./services/master-key.js";
export {
  checkMasterKey,
  MasterKeyRotationError,
  rotateMasterKey,
} from "./services/master-key.js";
export type { NewOrganisation } from "./services/organisations.js";
export { createOrganisation, organisationDidWeb } from "./services/organisations.js";
export type { RunningIssuer, StartIssuerOptions } from "./start.js";
export { startIssuer } from "./start.js";
