// `npm run worker`: runs the background jobs (alerts, e-mail, …) in a process of their own, for
// deployments whose API instances start with API_RUNS_JOBS=false. Serves /metrics on WORKER_PORT.
import "./operations/supported-node.ts";
import "reflect-metadata";
import { describeTarget, openDatabase } from "@engagement-tracker/db";
import { applyMigrations } from "@engagement-tracker/db/migrations";
import { createServer } from "node:http";
import { Registry, collectDefaultMetrics } from "prom-client";
import { readConfig } from "./config.ts";
import { JobQueue } from "./jobs/job-queue.ts";
import { declareJobs, jobSettingsOf, runJobs } from "./jobs/job-workers.ts";
import { DEFAULT_MAIL_FROM, createMailer } from "./mail/mailer.ts";
import { createLogger, stopOnSignals } from "./operations/index.ts";
import { readWebhookSettings } from "./webhooks/webhook-settings.ts";

const config = readConfig();
const logger = createLogger({ level: config.logLevel });
const db = await openDatabase(config.database, {
  preparedStatements: config.preparedStatements,
  onConnectionLost: (error) => logger.warn({ err: error }, "database connection lost; the pool reconnects when needed"),
});
// The worker may start before any API instance has migrated the database.
await applyMigrations(db);
const registry = new Registry();
collectDefaultMetrics({ register: registry });
const jobs = new JobQueue({ db, logger, registry, pollingIntervalSeconds: config.jobs.pollingIntervalSeconds });
declareJobs(jobs);
await jobs.start();
const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from ?? DEFAULT_MAIL_FROM }, logger);
await runJobs({
  prisma: db.prisma,
  jobs,
  logger,
  now: () => new Date(),
  mailer,
  settings: jobSettingsOf(config.jobs),
  webhooks: readWebhookSettings(),
});

const metrics = createServer(async (request, response) => {
  if (request.url !== "/metrics") {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
});
await new Promise<void>((resolve) => metrics.listen(config.workerPort, config.host, resolve));
logger.info(
  { database: describeTarget(config.database), metrics: `http://${config.host}:${config.workerPort}/metrics` },
  "Engagement Tracker worker running jobs",
);

stopOnSignals({
  logger,
  async stop() {
    metrics.close();
    await jobs.stop(config.shutdownGraceMs);
    mailer?.close();
    await db.close();
  },
  deadlineMs: config.shutdownGraceMs + 5_000,
});
