import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { Database } from "@engagement-tracker/db";
import cors from "cors";
import express from "express";
import type { GraphQLFormattedError } from "graphql";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { calendarFeedRoutes } from "./calendar/calendar-feed.route.ts";
import { sessionCookieOn } from "./auth/request-credentials.ts";
import { SignInThrottle } from "./auth/sign-in-throttle.ts";
import { ViewerCache } from "./auth/viewer-cache.ts";
import type { Context, RequestContext } from "./context.ts";
import { compiledExecution } from "./execution/compiled-execution.ts";
import { createLoaders } from "./loader-registry.ts";
import { openChangeFeed } from "./live/change-feed.ts";
import { subscriptionsOverWebSocketOnly } from "./live/subscriptions-over-http.ts";
import { ChangeHub } from "./live/change-hub.ts";
import { serveSubscriptions } from "./live/websocket.ts";
import { JobQueue, attachJobQueue } from "./jobs/job-queue.ts";
import { declareJobs, jobSettingsOf, runJobs, type JobSettings } from "./jobs/job-workers.ts";
import { createMailer, DEFAULT_MAIL_FROM, type MailSettings } from "./mail/mailer.ts";
import { createLogger, createOperations, type LogError, type Logger } from "./operations/index.ts";
import type { TrustProxy } from "./config.ts";
import { buildAppSchema } from "./schema.ts";
import { readWebhookSettings, type WebhookSettings } from "./webhooks/webhook-settings.ts";
import {
  authenticate,
  authenticateRequest,
  authenticationOf,
  operationLimits,
  refuseDeepBodies,
  requestLimiter,
  type RateLimits,
} from "./security/limits.ts";

export interface ServerOptions {
  db: Database;
  production?: boolean;
  bodyLimit?: string;
  /** Browser origins allowed to call the API (the dashboard's). */
  allowedOrigins?: string[];
  rateLimits?: RateLimits;
  /** Whose X-Forwarded-For to believe (see config.ts); loopback only by default. */
  trustProxy?: TrustProxy;
  /** Fan live changes out through Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl?: string;
  /** Request log lines and unexpected errors go here; JSON lines on stdout at level info by default. */
  logger?: Logger;
  /** Where unexpected errors are reported, with the logger of the request they broke; they never reach the client in production. */
  logError?: LogError;
  /** On stop, how long requests in flight may take to finish before their connections are closed. */
  shutdownGraceMs?: number;
  /** Webhook delivery: allow-list, retry schedule, timeout (see webhook-settings.ts); from the environment by default. */
  webhooks?: Partial<WebhookSettings>;
  /** Background jobs (see jobs/): sent by every server; run here unless a separate worker runs them. */
  jobs?: JobRunning & Partial<JobSettings>;
  /** Outgoing e-mail (alerts, digests); off without an SMTP URL. */
  mail?: Partial<MailSettings>;
  /** The time now; tests move it to make the days pass. */
  now?: () => Date;
}

export interface JobRunning {
  /** Run jobs in this process (default). Off where `npm run worker` processes run them. */
  run?: boolean;
  /** How often idle workers look for new jobs, in seconds (NOTIFY wakes them sooner). */
  pollingIntervalSeconds?: number;
  /** Longest any retry waits, in seconds (tests). */
  retryDelayCapSeconds?: number;
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
    logError = (error, log) => log.error({ err: error }, "unexpected error"),
    shutdownGraceMs = 10_000,
    trustProxy = "loopback",
    jobs: jobSettings = {},
    mail: mailSettings = {},
    now = () => new Date(),
  } = options;
  const app = express();
  app.disable("x-powered-by");
  // Behind a proxy the client's address is in X-Forwarded-For; rate limits key on it. Believed
  // only from the configured proxies: from anyone else it would be the client's own choice.
  app.set("trust proxy", trustProxy);
  const httpServer = createHttpServer(app);
  const schema = await buildAppSchema();
  const changeHub = await ChangeHub.start(db.prisma, await openChangeFeed(db, options.redisUrl), (error, message) =>
    logger.error({ err: error, component: "live" }, message),
  );
  const operations = createOperations({ db, logger, logError });
  const jobs = new JobQueue({
    db,
    logger,
    registry: operations.metrics.registry,
    pollingIntervalSeconds: jobSettings.pollingIntervalSeconds,
    retryDelayCapSeconds: jobSettings.retryDelayCapSeconds,
    supervise: jobSettings.run !== false,
  });
  declareJobs(jobs);
  attachJobQueue(db.prisma, jobs);
  await jobs.start();
  const runsJobs = jobSettings.run !== false;
  const mailer = runsJobs
    ? createMailer({ ...mailSettings, from: mailSettings.from ?? DEFAULT_MAIL_FROM }, logger)
    : null;
  const webhookSettings = { ...readWebhookSettings(), ...options.webhooks };
  if (runsJobs) {
    const settings = jobSettingsOf(jobSettings);
    await runJobs({ prisma: db.prisma, jobs, logger, now, mailer, settings, webhooks: webhookSettings });
  }
  const viewerCache = new ViewerCache(db.prisma);
  const signInThrottle = new SignInThrottle(rateLimits.signInsPer15Minutes);
  app.use(operations.router);
  app.use(calendarFeedRoutes(db.prisma));
  const limits = operationLimits();
  const createContext = (request: RequestContext): Context => ({
    prisma: db.prisma,
    loaders: createLoaders(db.prisma),
    webhooks: { allowList: webhookSettings.allowList },
    jobs,
    ...request,
  });
  const subscriptions = serveSubscriptions({
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    httpServer,
    schema,
    createContext,
    changeHub,
    viewerCache,
    allowedOrigins,
    openConnections: operations.metrics.subscriptionConnections,
  });

  const apollo = new ApolloServer<Context>({
    // Serves `schema`, executing operations compiled (see compiled-execution.ts).
    gateway: compiledExecution(schema, operations.metrics.registry),
    introspection: !production,
    // The process that listens (main.ts) decides how to stop on SIGTERM/SIGINT, not Apollo.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    validationRules: [...limits.validationRules, subscriptionsOverWebSocketOnly],
    parseOptions: limits.parseOptions,
    formatError: operations.formatError((formatted) => maskUnexpected(formatted, production)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs }),
      operations.plugin,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await subscriptions.dispose();
              await changeHub.close();
              // After the requests in flight: what they sent is queued; running jobs may finish.
              await jobs.stop(shutdownGraceMs);
              mailer?.close();
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      // No response here is cacheable by HTTP caches; computing hints wraps every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      // graphql-armor is typed against the CommonJS build of Apollo Server; the plugins are the same.
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
    ],
  });
  await apollo.start();

  app.use(
    "/graphql",
    cors({ origin: allowedOrigins, credentials: true }),
    express.json({ limit: bodyLimit }),
    refuseDeepBodies,
    authenticate(viewerCache),
    requestLimiter(rateLimits),
    expressMiddleware(apollo, {
      context: operations.graphqlContext(async ({ req, res }) =>
        createContext({
          ...(authenticationOf(res) ?? (await authenticateRequest(req, viewerCache))),
          sessionCookie: sessionCookieOn(res, production),
          changeHub,
          viewerCache,
          signInLimits: { throttle: signInThrottle, address: req.ip ?? "" },
        }),
      ),
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
 * gives anything else INTERNAL_SERVER_ERROR. Those are faults whose details stay on the server
 * (the operations plugin logs them with the request's id).
 */
function maskUnexpected(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const deliberate = formatted.extensions?.code !== "INTERNAL_SERVER_ERROR";
  if (deliberate || !production) return formatted;
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
