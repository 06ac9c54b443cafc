export { POOL_LIMITS, openDatabase, type Database, type OpenOptions, type PoolUsage } from "./database.ts";
export { listenForNotifications, type ListenOptions, type NotificationListener } from "./notifications.ts";
export { databaseTargetFromEnv, describeTarget, defaultPgliteDir, repoRoot, type DatabaseTarget } from "./target.ts";
export * from "../generated/prisma/client.ts";
