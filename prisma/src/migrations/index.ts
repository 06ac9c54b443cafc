export {
  applyMigrations,
  checkMigrations,
  createMigration,
  migrationStatus,
  type MigrationCheck,
  type MigrationStatus,
} from "./commands.ts";
export { createFreshPostgresDatabase, type FreshPostgresDatabase } from "./fresh-postgres.ts";
export { resolvePaths, type MigrationPaths } from "./folder.ts";
