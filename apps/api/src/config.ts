import { databaseTargetFromEnv, type DatabaseTarget } from "@engagement-tracker/db";

export interface ApiConfig {
  port: number;
  host: string;
  production: boolean;
  database: DatabaseTarget;
  /** Prepare statements once per PostgreSQL connection; off behind poolers that cannot keep them. */
  preparedStatements: boolean;
  /** Seed the demo data on start: the embedded default does, PostgreSQL (and production) only when asked. */
  seedDemoData: boolean;
  /** The password the demo users get; without it each gets a random one, printed once. */
  demoPassword: string | undefined;
  /** Largest request body accepted. */
  bodyLimit: string;
  /** Browser origins allowed to call the API. */
  allowedOrigins: string[];
  rateLimits: { requestsPerMinute: number; signInsPer15Minutes: number };
  /** Which peers' X-Forwarded-For names the client (Express "trust proxy"); rate limits key on that address. */
  trustProxy: TrustProxy;
  /** With it, live changes fan out across instances over Redis pub/sub instead of LISTEN/NOTIFY. */
  redisUrl: string | undefined;
  /** pino level of the JSON log lines: trace, debug, info, warn, error, fatal or silent. */
  logLevel: string;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish. */
  shutdownGraceMs: number;
  /** Background jobs: whether the API process runs them (else `npm run worker` does), how often idle workers poll, links and the digest's hour. */
  jobs: { run: boolean; pollingIntervalSeconds: number; dashboardUrl: string; digestHourUtc: number };
  /** Outgoing e-mail; off without SMTP_URL. */
  mail: { smtpUrl: string | undefined; from: string | undefined };
  /** Where `npm run worker` serves /metrics. */
  workerPort: number;
}

/**
 * Express's "trust proxy": `false` trusts no peer, a number that many hops, a string the listed
 * addresses, subnets and names (`loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | string;

/**
 * TRUST_PROXY: unset trusts loopback only (the dashboard on the same host, which sends the
 * address it saw); `false` trusts no one; a number trusts that many hops; else a list of the
 * proxies' addresses or subnets. `true` (trust anyone) is refused: any client could then pick
 * the address its rate limits count against.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const setting = value?.trim() ?? "loopback";
  if (setting === "false" || setting === "") return false;
  if (setting === "true") {
    throw new Error("TRUST_PROXY=true would let any client choose its address; list the proxies' addresses instead.");
  }
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const database = databaseTargetFromEnv(env);
  const production = env.NODE_ENV === "production";
  const dashboardOrigins = env.DASHBOARD_ORIGIN ?? "http://localhost:3000,http://127.0.0.1:3000";
  return {
    port: Number(env.API_PORT ?? env.PORT ?? 4000),
    host: env.API_HOST ?? "127.0.0.1",
    production,
    database,
    // Nothing default survives into production unless asked for explicitly.
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== "false",
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === "true" : !production && database.kind === "pglite",
    demoPassword: env.DEMO_PASSWORD || undefined,
    bodyLimit: env.API_BODY_LIMIT ?? "100kb",
    allowedOrigins: dashboardOrigins.split(",").map((origin) => origin.trim()),
    rateLimits: {
      requestsPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
      signInsPer15Minutes: Number(env.SIGN_IN_LIMIT_PER_15_MINUTES ?? 20),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? "info",
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
    jobs: {
      run: env.API_RUNS_JOBS !== "false",
      pollingIntervalSeconds: Number(env.JOBS_POLL_SECONDS ?? 2),
      dashboardUrl: env.DASHBOARD_URL || dashboardOrigins.split(",")[0]!.trim(),
      digestHourUtc: Number(env.ALERTS_DIGEST_HOUR_UTC ?? 7),
    },
    mail: { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM || undefined },
    workerPort: Number(env.WORKER_PORT ?? 4001),
  };
}
