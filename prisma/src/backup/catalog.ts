import type { Prisma } from "../../generated/prisma/client.ts";

/** What the backup needs of a client: raw SQL, in or out of a transaction. */
export type Sql = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

export interface Table {
  name: string;
  /** ORDER BY clause that lists its rows the same way on every server: primary key, bytewise. */
  orderBy: string;
}

/** The data tables of the current schema, parents before the tables that reference them, and its sequences. */
export interface Catalog {
  tables: Table[];
  sequences: string[];
}

/** Prisma's own bookkeeping: which migrations built the schema. Not data; compared, never copied. */
const MIGRATIONS_TABLE = "_prisma_migrations";

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// Catalog names are of type `name` (OID 19), which the PostgreSQL adapter cannot read: cast to text.
export async function readCatalog(sql: Sql): Promise<Catalog> {
  const [tables, keyColumns, references, sequences] = await Promise.all([
    sql.$queryRawUnsafe<{ name: string }[]>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> $1`,
      MIGRATIONS_TABLE,
    ),
    sql.$queryRawUnsafe<{ table: string; column: string; collatable: boolean }[]>(
      `SELECT c.relname::text AS "table", a.attname::text AS "column", a.attcollation <> 0 AS collatable
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
       WHERE i.indisprimary AND n.nspname = current_schema()
       ORDER BY 1, array_position(i.indkey::int2[], a.attnum)`,
    ),
    sql.$queryRawUnsafe<{ child: string; parent: string }[]>(
      `SELECT child.relname::text AS child, parent.relname::text AS parent
       FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid
       JOIN pg_class parent ON parent.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
       WHERE k.contype = 'f' AND n.nspname = current_schema()`,
    ),
    sql.$queryRawUnsafe<{ name: string }[]>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'S'`,
    ),
  ]);
  const names = tables.map((table) => table.name);
  return {
    tables: parentsFirst(names, references).map((name) => ({ name, orderBy: orderByKey(name, keyColumns) })),
    sequences: sequences.map((sequence) => sequence.name).sort(),
  };
}

// COLLATE "C" orders text by bytes, so PostgreSQL and PGlite (different default collations) agree.
// Prisma gives every model a primary key; a table without one is ordered by its whole row.
function orderByKey(table: string, keyColumns: { table: string; column: string; collatable: boolean }[]): string {
  const columns = keyColumns.filter((key) => key.table === table);
  if (!columns.length) return `to_jsonb(t)::text COLLATE "C"`;
  return columns
    .map(({ column, collatable }) => `t.${quoteIdentifier(column)}${collatable ? ' COLLATE "C"' : ""}`)
    .join(", ");
}

/** Tables in an order that inserts every referenced row before the rows referring to it; ties by name. */
function parentsFirst(tables: string[], references: { child: string; parent: string }[]): string[] {
  const waitingOn = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of references) if (child !== parent) waitingOn.get(child)?.add(parent);
  const ordered: string[] = [];
  while (waitingOn.size) {
    const ready = [...waitingOn].filter(([, parents]) => parents.size === 0).map(([table]) => table);
    if (!ready.length) throw new Error(`Tables reference each other in a cycle: ${[...waitingOn.keys()].join(", ")}`);
    for (const table of ready.sort()) {
      ordered.push(table);
      waitingOn.delete(table);
      for (const parents of waitingOn.values()) parents.delete(table);
    }
  }
  return ordered;
}

/** The migrations that built this database, by name; they decide which tables and columns an export holds. */
export async function appliedMigrations(sql: Sql): Promise<string[]> {
  const rows = await sql.$queryRawUnsafe<{ name: string }[]>(
    `SELECT migration_name AS name FROM ${quoteIdentifier(MIGRATIONS_TABLE)}
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name COLLATE "C"`,
  );
  return rows.map((row) => row.name);
}
