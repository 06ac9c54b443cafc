import "./operations/supported-node.ts";
import "reflect-metadata";
import { describeTarget, openDatabase } from "@engagement-tracker/db";
import { applyMigrations } from "@engagement-tracker/db/migrations";
import { seedDemoData } from "@engagement-tracker/db/seed";
import { enableDemoSignIns } from "./auth/demo-accounts.ts";
import { readConfig } from "./config.ts";
import { createLogger, prettyDestination, stopOnSignals } from "./operations/index.ts";
import { createServer } from "./server.ts";

const startedAt = performance.now();
const config = readConfig();
// Readable lines for a developer at a terminal; JSON lines everywhere else.
const prettyLogs = !config.production && process.stdout.isTTY;
const logger = createLogger({
  level: config.logLevel,
  destination: prettyLogs ? await prettyDestination() : undefined,
});
const db = await openDatabase(config.database, {
  preparedStatements: config.preparedStatements,
  onConnectionLost: (error) => logger.warn({ err: error }, "database connection lost; the pool reconnects when needed"),
});
const { applied } = await applyMigrations(db);
if (applied.length) logger.info({ applied }, "applied migrations");
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
  trustProxy: config.trustProxy,
  redisUrl: config.redisUrl,
  logger,
  shutdownGraceMs: config.shutdownGraceMs,
  jobs: config.jobs,
  mail: config.mail,
});
const running = await server.listen(config.port, config.host);
logger.info(
  { url: running.url, database: describeTarget(config.database), startupMs: Math.round(performance.now() - startedAt) },
  `Engagement Tracker API ready at ${running.url}`,
);

stopOnSignals({
  logger,
  async stop() {
    await running.stop();
    await db.close();
  },
  // The grace period for requests in flight, then time to close the database.
  deadlineMs: config.shutdownGraceMs + 5_000,
});
