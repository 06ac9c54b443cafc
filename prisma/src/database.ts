import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { DatabaseTarget } from "./target.ts";

/** An open database: the Prisma client plus what migrations need to reach the same data. */
export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  /** Opens fresh connections to the same data; used by the migration engine. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Upper bound of the PostgreSQL connection pool. */
  poolSize?: number;
  /** Called with the text of every SQL statement the client sends. */
  onQuery?: (sql: string) => void;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const adapterFactory =
    target.kind === "postgres" ? postgresAdapter(target.url, options) : await pgliteAdapter(target.dataDir);
  const prisma = new PrismaClient({
    adapter: adapterFactory,
    log: options.onQuery ? [{ emit: "event", level: "query" }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    prisma.$on("query" as never, (event: { query: string }) => onQuery(event.query));
  }
  return {
    target,
    prisma,
    adapterFactory,
    async close() {
      await prisma.$disconnect();
      await embeddedPglite(adapterFactory)?.close();
    },
  };
}

function postgresAdapter(url: string, options: OpenOptions): PrismaPg {
  return new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 });
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
