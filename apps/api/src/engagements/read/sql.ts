// Typed SQL for reads: Kysely builds and compiles statements; the Prisma client's own database
// (PostgreSQL or the embedded PGlite) runs them, so there is one connection pool and one dialect.
import { sqlRunnerOf, type PrismaClient } from "@engagement-tracker/db";
import type { DB } from "@engagement-tracker/db/kysely";
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
  type RawBuilder,
} from "kysely";
import { isoDay } from "../health.ts";

/** Compiles only: it has no connection of its own (its driver refuses to run anything). */
export const sqlBuilder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export async function runQuery<Row>(prisma: PrismaClient, query: Compilable): Promise<Row[]> {
  const { sql: text, parameters } = query.compile();
  const runner = sqlRunnerOf(prisma);
  return runner ? runner<Row>(text, parameters) : prisma.$queryRawUnsafe<Row[]>(text, ...parameters);
}

// Parameters are typed in the statement: the driver may send them as text, which PostgreSQL
// would not compare with a date, a UUID or an enum.
export const dayValue = (day: Date): RawBuilder<Date> => sql<Date>`${isoDay(day)}::date`;
export const instantValue = (instant: Date): RawBuilder<Date> => sql<Date>`${instant.toISOString()}::timestamptz`;
export const uuidValue = (id: string): RawBuilder<string> => sql<string>`${id}::uuid`;
// Lists go as one parameter each, for `IN (…)`: not every driver sends an array parameter as an array.
export const uuidValues = (ids: readonly string[]): RawBuilder<string>[] => ids.map(uuidValue);
export const enumValues = <Value extends string>(type: string, values: readonly Value[]): RawBuilder<Value>[] =>
  values.map((value) => sql<Value>`${value}::${sql.id(type)}`);
