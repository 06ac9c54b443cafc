// The one list of what background jobs exist: every process declares their queues (so any may send
// to them), and the API process (by default) or `npm run worker` runs them.
import type { PrismaClient } from "@engagement-tracker/db";
import { alertJobs } from "../alerts/alert-jobs.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Logger } from "../operations/logger.ts";
import { webhookJobs } from "../webhooks/webhook-jobs.ts";
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
  /** Null when e-mail is off (no SMTP_URL). */
  mailer: Mailer | null;
  settings: JobSettings;
}

export interface JobSettings {
  /** Where links in e-mails lead: the dashboard's address as users reach it. */
  dashboardUrl: string;
  /** The hour (UTC) the daily digest goes out. */
  digestHourUtc: number;
}

export interface JobModule {
  /** Declares the module's queues (`jobs.define`) and what events they take (`jobs.subscribe`). */
  declare(jobs: JobQueue): void;
  /** Registers its handlers (`jobs.work`) and schedules (`jobs.schedule`) in a process that runs jobs. */
  work(environment: JobEnvironment): Promise<void>;
}

const JOB_MODULES: JobModule[] = [alertJobs, webhookJobs];

/** `settings` with defaults where absent. */
export function jobSettingsOf(settings: Partial<JobSettings>): JobSettings {
  return {
    dashboardUrl: settings.dashboardUrl ?? "http://localhost:3000",
    digestHourUtc: settings.digestHourUtc ?? 7,
  };
}

/** Declares every module's queues; before `jobs.start()`. */
export function declareJobs(jobs: JobQueue): void {
  for (const module of JOB_MODULES) module.declare(jobs);
}

/** Starts working every job; in a process that runs them. */
export async function runJobs(environment: JobEnvironment): Promise<void> {
  for (const module of JOB_MODULES) await module.work(environment);
}
