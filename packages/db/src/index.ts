export { autoIncrementId } from "./auto-increment-id.js";
export {
  type CreateDatabaseOptions,
  createDatabase,
  type Database,
  type DatabaseDialect,
} from "./create-database.js";
export { dialectOf } from "./dialect-of.js";
export { type Flag, fromFlag, parseJsonText, toFlag, toJsonText } from "./portable-values.js";
export { type Migration, type RunMigrationsOptions, runMigrations } from "./run-migrations.js";
export { isUniqueViolation } from "./unique-violation.js";
