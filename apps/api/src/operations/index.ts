import type { ApolloServerPlugin } from "@apollo/server";
import type { Database } from "@engagement-tracker/db";
import { Router } from "express";
import type { Context } from "../context.ts";
import { graphqlObserver, observingErrors, type FormatError } from "./graphql-observer.ts";
import { healthRoutes, readinessCheck } from "./health.ts";
import type { Logger } from "./logger.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { requestLogging } from "./request-log.ts";
import { dropRequestsOnClosingConnections } from "./shutdown.ts";

export { failingFastOnDatabaseFaults } from "./database-faults.ts";
export { createLogger, prettyDestination, type Logger } from "./logger.ts";
export { requestLogger } from "./request-log.ts";
export { stopOnSignals } from "./shutdown.ts";

/** What the server needs to be observable: wired in by createServer. */
export interface Operations {
  /** Request ids, one log line per request and HTTP metrics for every route; /healthz, /readyz and /metrics. */
  router: Router;
  /** Operation names, durations, outcomes and the viewer of GraphQL requests. */
  plugin: ApolloServerPlugin<Context>;
  /** Wraps the server's error formatting: database faults become DATABASE_UNAVAILABLE; every code is counted. */
  formatError(format: FormatError): FormatError;
  metrics: Metrics;
}

export function createOperations({ db, logger }: { db: Database; logger: Logger }): Operations {
  const metrics = createMetrics(db);
  const router = Router();
  router.use(dropRequestsOnClosingConnections);
  router.use(requestLogging(logger, metrics));
  router.use(healthRoutes(readinessCheck(db), metrics));
  return {
    router,
    plugin: graphqlObserver(metrics, logger),
    formatError: (format) => observingErrors(metrics, format),
    metrics,
  };
}
