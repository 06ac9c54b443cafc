import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { Database } from "@engagement-tracker/db";
import cors from "cors";
import express from "express";
import type { GraphQLFormattedError } from "graphql";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { viewerForToken } from "./auth/auth.service.ts";
import { credentialOf, sessionCookieOn } from "./auth/request-credentials.ts";
import { createContext, type Context } from "./context.ts";
import { openChangeFeed } from "./live/change-feed.ts";
import { ChangeHub } from "./live/change-hub.ts";
import { serveSubscriptions } from "./live/websocket.ts";
import {
  createLogger,
  createOperations,
  failingFastOnDatabaseFaults,
  requestLogger,
  type Logger,
} from "./operations/index.ts";
import { buildAppSchema } from "./schema.ts";
import { operationLimits, rateLimiters, type RateLimits } from "./security/limits.ts";

export interface ServerOptions {
  db: Database;
  production?: boolean;
  bodyLimit?: string;
  /** Browser origins allowed to call the API (the dashboard's). */
  allowedOrigins?: string[];
  rateLimits?: RateLimits;
  /** Fan live changes out through Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl?: string;
  /** Request log lines and unexpected errors go here; JSON lines on stdout at level info by default. */
  logger?: Logger;
  /** Where unexpected errors are reported; they never reach the client in production. */
  logError?: (error: unknown) => void;
  /** On stop, how long requests in flight may take to finish before their connections are closed. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  httpServer: Server;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  stop(): Promise<void>;
}

export interface AppServer {
  listen(port: number, host?: string): Promise<RunningServer>;
}

const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. The change, if any, was not applied.";

/**
 * Builds the HTTP server exactly as production runs it; the caller decides where it listens.
 * GraphQL is served at /graphql.
 */
export async function createServer(options: ServerOptions): Promise<AppServer> {
  const {
    db,
    production = false,
    bodyLimit = "100kb",
    allowedOrigins = ["http://localhost:3000", "http://127.0.0.1:3000"],
    rateLimits = { requestsPerMinute: 600, signInsPer15Minutes: 20 },
    logger = createLogger(),
    logError = (error) => requestLogger(logger).error({ err: error }, "unexpected error"),
    shutdownGraceMs = 10_000,
  } = options;
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client's address is in X-Forwarded-For; rate limits key on it.
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  const httpServer = createHttpServer(app);
  const schema = await buildAppSchema();
  const changeHub = await ChangeHub.start(db.prisma, await openChangeFeed(db, options.redisUrl));
  const operations = createOperations({ db, logger });
  app.use(operations.router);
  const subscriptions = serveSubscriptions({
    httpServer,
    schema,
    db,
    changeHub,
    allowedOrigins,
    openConnections: operations.metrics.subscriptionConnections,
  });

  const limits = operationLimits();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    // The process that listens (main.ts) decides how to stop on SIGTERM/SIGINT, not Apollo.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: operations.formatError((formatted, error) => maskUnexpected(formatted, error, production, logError)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs }),
      operations.plugin,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await subscriptions.dispose();
              await changeHub.close();
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      // graphql-armor is typed against the CommonJS build of Apollo Server; the plugins are the same.
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
    ],
  });
  await apollo.start();

  app.use(
    "/graphql",
    cors({ origin: allowedOrigins, credentials: true }),
    express.json({ limit: bodyLimit }),
    ...rateLimiters(rateLimits),
    expressMiddleware(apollo, {
      context: failingFastOnDatabaseFaults(async ({ req, res }) => {
        const credential = credentialOf(req);
        return createContext(db, {
          credential,
          viewer: credential ? await viewerForToken(db.prisma, credential) : null,
          sessionCookie: sessionCookieOn(res, production),
          changeHub,
        });
      }),
    }),
  );

  return {
    async listen(port, host = "127.0.0.1") {
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, resolve);
      });
      const address = httpServer.address() as AddressInfo;
      return {
        httpServer,
        url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}/graphql`,
        stop: () => apollo.stop(),
      };
    },
  };
}

/**
 * Every error raised on purpose carries a code (ours, Apollo's, graphql-armor's); Apollo
 * gives anything else INTERNAL_SERVER_ERROR. Those are faults whose details stay on the server.
 */
function maskUnexpected(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
  logError: (error: unknown) => void,
): GraphQLFormattedError {
  const deliberate = formatted.extensions?.code !== "INTERNAL_SERVER_ERROR";
  if (deliberate) return formatted;
  logError(unwrapResolverError(error));
  if (!production) return formatted;
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
