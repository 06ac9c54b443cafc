// npm run db:export -- <file>               every row of every table as JSON lines ("-": standard output)
// npm run db:import -- <file> [--replace]   into an empty database, migrated first; --replace empties it first
// Act on DATABASE_URL, or on the embedded database when it is unset (stop the API first: an
// embedded database can be open in one process at a time). Messages go to standard error.
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { exportData, importData, ImportRefused, type BackupSummary } from "../backup/index.ts";
import { openDatabase, type Database } from "../database.ts";
import { applyMigrations } from "../migrations/index.ts";
import { databaseTargetFromEnv, describeTarget } from "../target.ts";

const usage = "usage: backup export <file> | backup import <file> [--replace]   (file - is stdout / stdin)";
const STANDARD_STREAM = "-";

/** npm runs workspace scripts in the package folder; paths are meant from where the user typed them. */
function userPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

async function exportTo(db: Database, file: string): Promise<BackupSummary> {
  if (file === STANDARD_STREAM) {
    return exportData(db.prisma, async (lines) => {
      if (!process.stdout.write(lines)) await once(process.stdout, "drain");
    });
  }
  // Written aside and renamed when complete, so a failed export never leaves a file that looks whole.
  const path = userPath(file);
  const partial = `${path}.partial`;
  const output = await open(partial, "w");
  try {
    // Each writeFile on a handle continues where the previous one ended.
    const summary = await exportData(db.prisma, (lines) => output.writeFile(lines));
    await output.close();
    await rename(partial, path);
    return summary;
  } catch (error) {
    await output.close();
    await rm(partial, { force: true });
    throw error;
  }
}

async function importFrom(db: Database, file: string, replace: boolean): Promise<BackupSummary> {
  const input = file === STANDARD_STREAM ? process.stdin : createReadStream(userPath(file));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    return await importData(db.prisma, lines, { replace });
  } finally {
    lines.close();
    input.destroy();
  }
}

async function run(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: "boolean", default: false } },
  });
  const [command, file] = positionals;
  if ((command !== "export" && command !== "import") || !file) {
    console.error(usage);
    return 2;
  }
  const target = databaseTargetFromEnv();
  const db = await openDatabase(target);
  try {
    const started = performance.now();
    let summary: BackupSummary;
    if (command === "export") {
      summary = await exportTo(db, file);
    } else {
      // A brand-new database gets its tables here; the export must come from the same migrations.
      await applyMigrations(db);
      summary = await importFrom(db, file, values.replace);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = file === STANDARD_STREAM ? "" : ` ${command === "export" ? "to" : "from"} ${userPath(file)}`;
    console.error(
      `${command === "export" ? "Exported" : "Imported"} ${summary.rows} rows in ${summary.tables} tables ` +
        `(${describeTarget(target)})${where} in ${seconds} s`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    console.error(`Import refused: ${error.message}`);
    return 1;
  } finally {
    await db.close();
  }
}

// Exit explicitly: the migration engine leaves a timer pending.
run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
