// The one list of what background jobs exist: the API process (by default) and `npm run worker`
// both run exactly these.
import type { PrismaClient } from "@engagement-tracker/db";
import type { Logger } from "../operations/logger.ts";
import type { WebhookSettings } from "../webhooks/webhook-settings.ts";
import type { JobQueue } from "./job-queue.ts";

/** What job handlers may use. */
export interface JobEnvironment {
  prisma: PrismaClient;
  jobs: JobQueue;
  logger: Logger;
  /** The time now; tests move it to make the days pass. */
  now: () => Date;
  /** Where and how webhooks are delivered. */
  webhooks: WebhookSettings;
}

/** Registers one domain's handlers (`jobs.work`) and schedules (`jobs.schedule`). */
export type JobModule = (environment: JobEnvironment) => Promise<void>;

const JOB_MODULES: JobModule[] = [];

/** Starts working every job this process should run. */
export async function runJobs(environment: JobEnvironment): Promise<void> {
  for (const register of JOB_MODULES) await register(environment);
}
