import type { Database } from "@engagement-tracker/db";
import { migrationStatus } from "@engagement-tracker/db/migrations";
import { Router } from "express";
import { setTimeout as delay } from "node:timers/promises";
import { isDatabaseUnavailable } from "./database-faults.ts";
import type { Metrics } from "./metrics.ts";

interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable" | "unknown";
  migrations: "current" | "not current" | "unknown";
  /** Why the service is not ready; absent when it is. */
  reason?: string;
}

/** How long a result is reused, so a load balancer polling often costs one check per interval. */
const CACHE_MS = 1_000;
/** A check that takes longer counts as the database being unreachable. */
const TIMEOUT_MS = 2_000;

/**
 * Ready = the database answers and every migration in the folder is applied. Results are
 * cached briefly, and concurrent callers share one check in flight.
 */
export function readinessCheck(db: Database): () => Promise<Readiness> {
  let last: { readiness: Readiness; at: number } | undefined;
  let running: Promise<Readiness> | undefined;
  return async () => {
    if (last && performance.now() - last.at < CACHE_MS) return last.readiness;
    running ??= withTimeout(checkReadiness(db), TIMEOUT_MS)
      .then((readiness) => {
        last = { readiness, at: performance.now() };
        return readiness;
      })
      .finally(() => (running = undefined));
    return running;
  };
}

async function checkReadiness(db: Database): Promise<Readiness> {
  try {
    await db.prisma.$queryRaw`SELECT 1`;
    const status = await migrationStatus(db);
    if (status.upToDate) return { ready: true, database: "reachable", migrations: "current" };
    const behind = [...status.pending, ...status.failed, ...status.edited, ...status.unknownToFolder];
    return {
      ready: false,
      database: "reachable",
      migrations: "not current",
      reason: `migrations: ${behind.join(", ")}`,
    };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { ready: false, database: "unreachable", migrations: "unknown", reason: "the database cannot be reached" };
    }
    const reason = `the check failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ready: false, database: "unknown", migrations: "unknown", reason };
  }
}

async function withTimeout(check: Promise<Readiness>, timeoutMs: number): Promise<Readiness> {
  const abandon = new AbortController();
  const timedOut = delay(timeoutMs, undefined, { signal: abandon.signal }).then((): Readiness => ({
    ready: false,
    database: "unreachable",
    migrations: "unknown",
    reason: `the database did not answer within ${timeoutMs} ms`,
  }));
  try {
    return await Promise.race([check, timedOut]);
  } finally {
    abandon.abort();
    timedOut.catch(() => {});
  }
}

/** GET /healthz (the process answers), /readyz (it can serve: 200 or 503) and /metrics (Prometheus text). */
export function healthRoutes(readiness: () => Promise<Readiness>, metrics: Metrics): Router {
  const router = Router();
  router.get("/healthz", (_request, response) => {
    response.set("cache-control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_request, response) => {
    const result = await readiness();
    response
      .status(result.ready ? 200 : 503)
      .set("cache-control", "no-store")
      .json(result);
  });
  router.get("/metrics", async (_request, response) => {
    const text = await metrics.registry.metrics();
    response.set("cache-control", "no-store").type(metrics.registry.contentType).send(text);
  });
  return router;
}
