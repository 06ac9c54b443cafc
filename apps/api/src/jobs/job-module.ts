// What a domain's background jobs are: the shape of each entry of job-workers.ts's list.
import type { PrismaClient } from "@engagement-tracker/db";
import type { Mailer } from "../mail/mailer.ts";
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
