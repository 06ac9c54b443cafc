import "reflect-metadata";
import { describeTarget, openDatabase } from "@engagement-tracker/db";
import { applyMigrations } from "@engagement-tracker/db/migrations";
import { seedDemoData } from "@engagement-tracker/db/seed";
import { enableDemoSignIns } from "./auth/demo-accounts.ts";
import { readConfig } from "./config.ts";
import { createServer } from "./server.ts";

const startedAt = performance.now();
const config = readConfig();
const db = await openDatabase(config.database);
const { applied } = await applyMigrations(db);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
if (config.seedDemoData) {
  await seedDemoData(db.prisma);
  if (config.production && !config.demoPassword) {
    console.warn("Demo data seeded without sign-ins: in production set DEMO_PASSWORD to let the demo users sign in.");
  } else {
    const signIns = await enableDemoSignIns(db.prisma, config.demoPassword);
    if (signIns.length) console.log(`Demo sign-ins (shown once):\n${signIns.join("\n")}`);
  }
}

const server = await createServer({
  db,
  production: config.production,
  bodyLimit: config.bodyLimit,
  allowedOrigins: config.allowedOrigins,
  rateLimits: config.rateLimits,
  redisUrl: config.redisUrl,
});
const running = await server.listen(config.port, config.host);
console.log(
  `Engagement Tracker API ready at ${running.url} on ${describeTarget(config.database)} in ${Math.round(performance.now() - startedAt)} ms`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing in-flight requests, then stopping.`);
  await running.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
