import type { PrismaClient } from "../../generated/prisma/client.ts";
import { appliedMigrations, quoteIdentifier, readCatalog, type Sql } from "./catalog.ts";

/**
 * An export is JSON lines:
 *   {"format":"engagement-tracker-export","version":1,"migrations":[…],"sequences":[…]}
 *   {"table":"Organization","rows":2}
 *   {"id": "…", "name": "…", …}              ← each row as PostgreSQL's to_jsonb writes it
 *   {"id": "…", "name": "…", …}
 *   {"table":"Series","rows":0}
 *   …
 *   {"end":"engagement-tracker-export"}
 * Tables come parents first and rows by primary key, so the same data always gives the same
 * bytes; the end line shows the file was not cut short.
 */
export const EXPORT_FORMAT = "engagement-tracker-export";
export const EXPORT_VERSION = 1;

export interface SequenceState {
  name: string;
  /** bigint, as text: JSON numbers lose precision past 2^53. */
  lastValue: string;
  isCalled: boolean;
}

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** The migrations that shaped the data; an import needs a database built by the same ones. */
  migrations: string[];
  sequences: SequenceState[];
}

export interface TableSection {
  table: string;
  rows: number;
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

/** A backup may outlast Prisma's default 5 s transaction; each statement stays bounded by the server's limits. */
export const BACKUP_TRANSACTION = { maxWait: 10_000, timeout: 60 * 60_000 };

const ROWS_PER_FETCH = 1_000;

/**
 * Writes every row of every table from one consistent snapshot (REPEATABLE READ, read only), so
 * it can run while the API serves writes. `write` receives whole lines, each ending in "\n".
 */
export async function exportData(
  prisma: PrismaClient,
  write: (lines: string) => Promise<void>,
): Promise<BackupSummary> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // Values are written the same way whatever the server's settings: instants in UTC, floats exact.
    await tx.$queryRawUnsafe("SELECT set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '1', true)");
    const catalog = await readCatalog(tx);
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      migrations: await appliedMigrations(tx),
      sequences: await sequenceStates(tx, catalog.sequences),
    };
    await write(`${JSON.stringify(header)}\n`);
    let rows = 0;
    for (const table of catalog.tables) {
      const [counted] = await tx.$queryRawUnsafe<{ rows: number }[]>(
        `SELECT count(*)::int AS rows FROM ${quoteIdentifier(table.name)}`,
      );
      const section: TableSection = { table: table.name, rows: counted?.rows ?? 0 };
      await write(`${JSON.stringify(section)}\n`);
      await tx.$executeRawUnsafe(
        `DECLARE export_rows NO SCROLL CURSOR FOR
         SELECT to_jsonb(t)::text AS row FROM ${quoteIdentifier(table.name)} t ORDER BY ${table.orderBy}`,
      );
      for (;;) {
        const batch = await tx.$queryRawUnsafe<{ row: string }[]>(`FETCH ${ROWS_PER_FETCH} FROM export_rows`);
        if (!batch.length) break;
        await write(batch.map(({ row }) => `${row}\n`).join(""));
      }
      await tx.$executeRawUnsafe("CLOSE export_rows");
      rows += section.rows;
    }
    await write(`${JSON.stringify({ end: EXPORT_FORMAT })}\n`);
    return { tables: catalog.tables.length, rows };
  }, BACKUP_TRANSACTION);
}

async function sequenceStates(sql: Sql, sequences: string[]): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const name of sequences) {
    const [state] = await sql.$queryRawUnsafe<{ lastValue: string; isCalled: boolean }[]>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${quoteIdentifier(name)}`,
    );
    if (state) states.push({ name, ...state });
  }
  return states;
}
