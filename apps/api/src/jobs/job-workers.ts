// The one list of what background jobs exist: every process declares their queues (so any may send
// to them), and the API process (by default) or `npm run worker` runs them.
import { alertJobs } from "../alerts/alert-jobs.ts";
import { webhookJobs } from "../webhooks/webhook-jobs.ts";
import type { JobEnvironment, JobModule, JobSettings } from "./job-module.ts";
import type { JobQueue } from "./job-queue.ts";

export type { JobEnvironment, JobModule, JobSettings } from "./job-module.ts";

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
