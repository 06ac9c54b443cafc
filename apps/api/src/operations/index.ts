import type { ApolloServerPlugin } from "@apollo/server";
import type { Database } from "@engagement-tracker/db";
import { Router } from "express";
import type { Context } from "../context.ts";
import type { Request, Response } from "express";
import { failingFastOnDatabaseFaults } from "./database-faults.ts";
import {
  codeOf,
  graphqlObserver,
  isUnexpected,
  observingErrors,
  type FormatError,
  type LogError,
} from "./graphql-observer.ts";
import { healthRoutes, readinessCheck } from "./health.ts";
import type { Logger } from "./logger.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { recordOf, requestLogging } from "./request-log.ts";
import { dropRequestsOnClosingConnections } from "./shutdown.ts";

export type { LogError } from "./graphql-observer.ts";
export { createLogger, prettyDestination, type Logger } from "./logger.ts";
export { stopOnSignals } from "./shutdown.ts";

/** What the server needs to be observable: wired in by createServer. */
export interface Operations {
  /** Request ids, one log line per request and HTTP metrics for every route; /healthz, /readyz and /metrics. */
  router: Router;
  /** Operation names, durations, outcomes and the viewer of GraphQL requests. */
  plugin: ApolloServerPlugin<Context>;
  /** Wraps the server's error formatting: database faults become DATABASE_UNAVAILABLE; every code is counted. */
  formatError(format: FormatError): FormatError;
  /**
   * Wraps the creation of each HTTP GraphQL request's context: a database fault fails fast as
   * DATABASE_UNAVAILABLE, and the request's log line learns what GraphQL did with it.
   */
  graphqlContext(
    create: (http: { req: Request; res: Response }) => Promise<Context>,
  ): (http: { req: Request; res: Response }) => Promise<Context>;
  metrics: Metrics;
}

export function createOperations({
  db,
  logger,
  logError,
}: {
  db: Database;
  logger: Logger;
  logError: LogError;
}): Operations {
  const metrics = createMetrics(db);
  const router = Router();
  router.use(dropRequestsOnClosingConnections);
  router.use(requestLogging(logger, metrics));
  router.use(healthRoutes(readinessCheck(db), metrics));
  return {
    router,
    plugin: graphqlObserver(metrics, logger, logError),
    formatError: (format) => observingErrors(metrics, format),
    graphqlContext: (create) => {
      const failFast = failingFastOnDatabaseFaults(create);
      return async (http) => {
        try {
          return { ...(await failFast(http)), requestRecord: recordOf(http.res) };
        } catch (error) {
          // No GraphQL hook sees a request whose context failed: note its error here.
          const failure = error as { extensions?: { code?: unknown } };
          const record = recordOf(http.res);
          record?.errorCodes.push(codeOf(failure));
          if (isUnexpected(failure)) logError(error, record?.log ?? logger);
          throw error;
        }
      };
    },
    metrics,
  };
}
