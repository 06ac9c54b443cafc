export {
  POOL_LIMITS,
  embeddedPglite,
  openDatabase,
  sqlRunnerOf,
  type Database,
  type OpenOptions,
  type PoolUsage,
  type SqlRunner,
} from "./database.ts";
export { listenForNotifications, type ListenOptions, type NotificationListener } from "./notifications.ts";
export { databaseTargetFromEnv, describeTarget, defaultPgliteDir, repoRoot, type DatabaseTarget } from "./target.ts";
export * from "../generated/prisma/client.ts";
