import type { PrismaClient } from "../../generated/prisma/client.ts";
import { appliedMigrations, quoteIdentifier, readCatalog, type Sql } from "./catalog.ts";
import {
  BACKUP_TRANSACTION,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type BackupSummary,
  type ExportHeader,
  type TableSection,
} from "./export.ts";

/** The export cannot go into this database; nothing was written. */
export class ImportRefused extends Error {}

export interface ImportOptions {
  /** Empty every table first. Without it, a database that holds any row is refused. */
  replace?: boolean;
}

const ROWS_PER_INSERT = 500;

/**
 * Loads an export (see export.ts) into a database built by the same migrations, in one
 * transaction: it all lands, or (on any refusal or error) nothing does. Rows go in as
 * PostgreSQL wrote them, through the table's own row type, so every value comes back exactly.
 */
export async function importData(
  prisma: PrismaClient,
  lines: AsyncIterable<string>,
  { replace = false }: ImportOptions = {},
): Promise<BackupSummary> {
  const reader = lines[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const { done, value } = await reader.next();
    if (done) throw new ImportRefused("The export ends early: it was cut short; nothing was imported.");
    return value;
  };
  const header = readHeader(await nextLine());

  return prisma.$transaction(async (tx) => {
    const catalog = await readCatalog(tx);
    const migrations = await appliedMigrations(tx);
    if (migrations.join() !== header.migrations.join()) {
      throw new ImportRefused(
        `The export was taken from a database built by migrations ${header.migrations.join(", ") || "(none)"}; ` +
          `this one was built by ${migrations.join(", ") || "(none)"}. Import into a database at the same migration.`,
      );
    }
    const tableNames = catalog.tables.map((table) => table.name);
    if (replace) {
      await tx.$executeRawUnsafe(`TRUNCATE ${tableNames.map(quoteIdentifier).join(", ")}`);
    } else {
      const holding = await tablesWithRows(tx, tableNames);
      if (holding.length) {
        throw new ImportRefused(
          `The database already holds data (${holding.join(", ")}). Import into an empty database, ` +
            "or replace everything in it with --replace.",
        );
      }
    }

    const expected = new Set(tableNames);
    let rows = 0;
    for (let line = await nextLine(); !isEnd(line); line = await nextLine()) {
      const section = JSON.parse(line) as TableSection;
      if (!expected.delete(section.table)) {
        throw new ImportRefused(`The export has a table "${section.table}" this database lacks, or has it twice.`);
      }
      const batch: string[] = [];
      for (let index = 0; index < section.rows; index++) {
        batch.push(await nextLine());
        if (batch.length === ROWS_PER_INSERT || index === section.rows - 1) {
          await insertRows(tx, section.table, batch.splice(0));
        }
      }
      rows += section.rows;
    }
    if (expected.size) throw new ImportRefused(`The export lacks the tables ${[...expected].join(", ")}.`);
    await restoreSequences(tx, header, catalog.sequences);
    return { tables: tableNames.length, rows };
  }, BACKUP_TRANSACTION);
}

function readHeader(line: string): ExportHeader {
  const header = JSON.parse(line) as Partial<ExportHeader>;
  if (header.format !== EXPORT_FORMAT) throw new ImportRefused("This is not an Engagement Tracker export.");
  if (header.version !== EXPORT_VERSION) {
    throw new ImportRefused(`This export has format version ${header.version}; this version reads ${EXPORT_VERSION}.`);
  }
  return header as ExportHeader;
}

function isEnd(line: string): boolean {
  return (JSON.parse(line) as { end?: string }).end === EXPORT_FORMAT;
}

async function tablesWithRows(sql: Sql, tables: string[]): Promise<string[]> {
  const holding: string[] = [];
  for (const table of tables) {
    const [row] = await sql.$queryRawUnsafe<{ any: boolean }[]>(
      `SELECT EXISTS (SELECT FROM ${quoteIdentifier(table)}) AS any`,
    );
    if (row?.any) holding.push(table);
  }
  return holding;
}

async function insertRows(sql: Sql, table: string, rows: string[]): Promise<void> {
  const name = quoteIdentifier(table);
  // OVERRIDING SYSTEM VALUE: identity columns take the exported values too.
  const inserted = await sql.$executeRawUnsafe(
    `INSERT INTO ${name} OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)`,
    `[${rows.join(",")}]`,
  );
  if (inserted !== rows.length) throw new Error(`Inserted ${inserted} of ${rows.length} rows into ${table}`);
}

async function restoreSequences(sql: Sql, header: ExportHeader, sequences: string[]): Promise<void> {
  const exported = header.sequences.map((sequence) => sequence.name);
  if (exported.join() !== sequences.join()) {
    throw new ImportRefused(`The export's sequences (${exported.join(", ")}) differ from this database's.`);
  }
  for (const { name, lastValue, isCalled } of header.sequences) {
    await sql.$executeRawUnsafe(
      "SELECT setval($1::regclass, $2::bigint, $3::boolean)",
      quoteIdentifier(name),
      lastValue,
      isCalled,
    );
  }
}
