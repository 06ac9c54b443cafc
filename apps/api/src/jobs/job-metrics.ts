import type { PgBoss } from "pg-boss";
import { Counter, Gauge, type Registry } from "prom-client";

export interface JobMetrics {
  /** An attempt this process ran ended: completed, failed for good, or failed with a retry to come. */
  finished(name: string, outcome: "completed" | "failed" | "retried"): void;
}

/** The states a job waits or runs in, as `jobs` labels them: `retry` is a failed attempt waiting to be retried. */
const STATES = ["created", "retry", "active", "failed"] as const;
const STATE_LABELS: Record<(typeof STATES)[number], string> = {
  created: "queued",
  retry: "retrying",
  active: "running",
  failed: "failed",
};

/**
 * `jobs{queue,state}`: how many jobs of each queue are queued, waiting to be retried, running or
 * failed for good, across every process on the database (read at each scrape); and
 * `jobs_attempts_total{queue,outcome}`: the attempts this process finished.
 */
export function jobMetrics(registry: Registry, boss: PgBoss, schema: string): JobMetrics {
  const registers = [registry];
  new Gauge({
    name: "jobs",
    help: "Jobs stored in the queue by queue name and state (queued, retrying, running, failed), all processes.",
    labelNames: ["queue", "state"] as const,
    registers,
    async collect() {
      this.reset();
      const { rows } = await boss
        .getDb()
        .executeSql(
          `SELECT name, state::text AS state, count(*)::int AS count FROM ${schema}.job WHERE state::text = ANY($1::text[]) GROUP BY 1, 2`,
          [[...STATES]],
        )
        .catch(() => ({ rows: [] }));
      for (const { name, state, count } of rows as { name: string; state: (typeof STATES)[number]; count: number }[]) {
        this.set({ queue: name, state: STATE_LABELS[state] }, count);
      }
    },
  });
  const attempts = new Counter({
    name: "jobs_attempts_total",
    help: "Job attempts this process finished, by queue and outcome (completed, retried, failed).",
    labelNames: ["queue", "outcome"] as const,
    registers,
  });
  return { finished: (name, outcome) => attempts.inc({ queue: name, outcome }) };
}
