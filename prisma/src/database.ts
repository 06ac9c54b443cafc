import { PGlite } from "@electric-sql/pglite";
import { trace } from "@opentelemetry/api";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { DatabaseTarget } from "./target.ts";

/** An open database: the Prisma client plus what migrations need to reach the same data. */
export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  /** Opens fresh connections to the same data; used by the migration engine. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The PostgreSQL connection pool's use now; null for the embedded database (one in-process connection). */
  poolUsage(): PoolUsage | null;
  close(): Promise<void>;
}

export interface PoolUsage {
  max: number;
  open: number;
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
}

export interface OpenOptions {
  /** Upper bound of the PostgreSQL connection pool. */
  poolSize?: number;
  /**
   * Prepare each distinct statement once per connection (default true). Turn off behind a pooler
   * that does not keep prepared statements, such as PgBouncer in transaction mode before 1.21.
   */
  preparedStatements?: boolean;
  /** Called with the text of every SQL statement the client sends. */
  onQuery?: (sql: string) => void;
  /** Called when the server drops an idle pooled connection (a restart, a failover); the pool opens a new one when needed. */
  onConnectionLost?: (error: Error) => void;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const { adapterFactory, pool } =
    target.kind === "postgres"
      ? postgresAdapter(target.url, options)
      : { adapterFactory: await pgliteAdapter(target.dataDir), pool: null };
  const prisma = new PrismaClient({
    adapter: adapterFactory,
    log: options.onQuery ? [{ emit: "event", level: "query" }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    prisma.$on("query" as never, (event: { query: string }) => onQuery(event.query));
  }
  const pglite = embeddedPglite(adapterFactory);
  runners.set(prisma, async (text, values) => {
    options.onQuery?.(text);
    if (pglite) return embeddedStatement(text, async () => (await pglite.query(text, [...values])).rows as never[]);
    const name = options.preparedStatements === false ? "" : preparedStatementName({ sql: text });
    return (await pool!.query({ text, values: [...values], ...(name && { name }) })).rows;
  });
  return {
    target,
    prisma,
    adapterFactory,
    poolUsage: () =>
      pool && { max: pool.options.max, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
    async close() {
      await prisma.$disconnect();
      await pool?.end();
      await embeddedPglite(adapterFactory)?.close();
    },
  };
}

/**
 * Bounds that keep a request from waiting long on a server that is down or stuck: a connection
 * (a new one, or a free one in a busy pool) within 3 s, a statement within 30 s; the server ends
 * a transaction left idle for 60 s. Parameters in the URL (`?statement_timeout=120000`) override them.
 */
export const POOL_LIMITS = {
  connectionTimeoutMillis: 3_000,
  statement_timeout: 30_000,
  idle_in_transaction_session_timeout: 60_000,
  keepAlive: true,
} satisfies pg.PoolConfig;

// The pool is ours rather than the adapter's so its use can be measured; the migration
// engine borrows connections from it too.
function postgresAdapter(url: string, options: OpenOptions): { adapterFactory: PrismaPg; pool: pg.Pool } {
  const prepared = options.preparedStatements ?? true;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...POOL_LIMITS,
    // Prepared statements save parsing, but plans stay per execution: a cached generic plan ignores
    // the values, and a date bound's value decides between walking 1% of the table and a quarter.
    ...(prepared && { options: "-c plan_cache_mode=force_custom_plan" }),
  });
  // Without a listener, an idle connection the server closes would crash the process.
  pool.on("error", (error) => options.onConnectionLost?.(error));
  const adapterFactory = new PrismaPg(pool, prepared ? { statementNameGenerator: preparedStatementName } : {});
  return { adapterFactory, pool };
}

const statementNames = new Map<string, string>();

/**
 * Names each distinct SQL text, so every pooled connection parses and analyses it once rather
 * than on every execution (plans are still made per execution; see the pool's plan_cache_mode).
 * Scripts of several commands (migrations) cannot be prepared; "" leaves them unnamed.
 */
function preparedStatementName({ sql }: { sql: string }): string {
  if (sql.includes(";")) return "";
  let name = statementNames.get(sql);
  if (!name) {
    name = `et_${createHash("sha1").update(sql).digest("hex")}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * PostgreSQL's statements are traced by the pg instrumentation; an embedded database's reads
 * through the runner get the same span here (its text, never its values). A no-op unless the
 * API started tracing.
 */
function embeddedStatement<T>(text: string, run: () => Promise<T>): Promise<T> {
  const kind = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "SQL";
  const attributes = { "db.system.name": "postgresql", "db.query.text": text };
  return trace
    .getTracer("engagement-tracker-db")
    .startActiveSpan(`pglite.query:${kind}`, { attributes }, async (span) => {
      try {
        return await run();
      } finally {
        span.end();
      }
    });
}

/** Runs one statement on a client's database and returns the driver's rows as they are. */
export type SqlRunner = <Row>(text: string, values: readonly unknown[]) => Promise<Row[]>;

const runners = new WeakMap<PrismaClient, SqlRunner>();

/**
 * The driver beneath a client `openDatabase` made, for reads that shape their own results (JSON
 * built by PostgreSQL): Prisma's raw queries map every value of every row, which costs such a read
 * more CPU than the rest of it. Undefined for any other client (a transaction's, say): use its
 * `$queryRawUnsafe`, which stays inside the transaction.
 */
export function sqlRunnerOf(prisma: PrismaClient): SqlRunner | undefined {
  return runners.get(prisma);
}

// The adapter keeps its PGlite private; remember it so close() can stop it
// (an open PGlite keeps the process alive) and migrations can run scripts on it.
const pgliteOf = new WeakMap<SqlMigrationAwareDriverAdapterFactory, PGlite>();

/** The PGlite instance behind an embedded database's adapter factory; undefined for PostgreSQL. */
export function embeddedPglite(adapterFactory: SqlMigrationAwareDriverAdapterFactory): PGlite | undefined {
  return pgliteOf.get(adapterFactory);
}

async function pgliteAdapter(dataDir: string): Promise<PrismaPGlite> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir });
  const factory = new PrismaPGlite(pglite);
  pgliteOf.set(factory, pglite);
  return factory;
}
