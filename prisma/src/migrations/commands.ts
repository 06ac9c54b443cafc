import type { HistoryDiagnostic, MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createHash } from "node:crypto";
import { relative } from "node:path";
import type { Database } from "../database.ts";
import { migrationAdapterFactory, scratchAdapterFactory } from "./adapters.ts";
import { noExternalObjects, withSchemaEngine } from "./engine.ts";
import {
  migrationNames,
  migrationSlug,
  readMigrationList,
  readSchema,
  resolvePaths,
  writeMigration,
  type MigrationPaths,
} from "./folder.ts";

/**
 * Applies the migrations the database has not recorded yet, in Prisma's
 * `_prisma_migrations` table with Prisma's checksums. Running it again applies nothing.
 */
export async function applyMigrations(db: Database, paths?: MigrationPaths): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrationList(resolvePaths(paths).migrationsDir);
  if (await allRecordedAsApplied(db, migrationsList)) return { applied: [] };
  for (let attempt = 1; ; attempt++) {
    try {
      const { appliedMigrationNames } = await withSchemaEngine(migrationAdapterFactory(db), undefined, (engine) =>
        engine.applyMigrations({ migrationsList, filters: noExternalObjects }),
      );
      return { applied: appliedMigrationNames };
    } catch (error) {
      // Instances starting together queue on the engine's advisory lock, which it gives up on after
      // 10 s; by the next attempt the first instance has usually applied everything.
      const lockTimedOut = (error as { cause?: { code?: string } }).cause?.code === "P1002";
      if (!lockTimedOut || attempt === LOCK_ATTEMPTS) throw error;
      if (await allRecordedAsApplied(db, migrationsList)) return { applied: [] };
    }
  }
}

const LOCK_ATTEMPTS = 3;

/**
 * True when `_prisma_migrations` records every migration in the folder as finished, with the
 * checksum of the file as it is now: the common case at start-up, answered with one query
 * instead of starting the schema engine. Anything else (a fresh database, an edited or failed
 * migration) goes to the engine, which applies or explains.
 */
async function allRecordedAsApplied(db: Database, migrationsList: MigrationList): Promise<boolean> {
  const recorded = await db.prisma
    .$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    )
    .catch(() => null);
  if (!recorded) return false;
  const checksums = new Map(recorded.map((row) => [row.migration_name, row.checksum]));
  return migrationsList.migrationDirectories.every(({ path, migrationFile }) => {
    const file = migrationFile.content;
    return file.tag === "ok" && checksums.get(path) === createHash("sha256").update(file.value).digest("hex");
  });
}

export interface MigrationStatus {
  /** In the folder and applied. */
  applied: string[];
  /** In the folder, not yet applied. */
  pending: string[];
  /** Started and failed; deploy refuses to run until they are resolved. */
  failed: string[];
  /** Applied, but their migration.sql has changed since. */
  edited: string[];
  /** Applied to the database but absent from the folder. */
  unknownToFolder: string[];
  upToDate: boolean;
}

export async function migrationStatus(db: Database, paths?: MigrationPaths): Promise<MigrationStatus> {
  const migrationsList = await readMigrationList(resolvePaths(paths).migrationsDir);
  const diagnosis = await withSchemaEngine(migrationAdapterFactory(db), undefined, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noExternalObjects }),
  );
  const pending = unapplied(diagnosis.history);
  const failed = diagnosis.failedMigrationNames;
  const edited = diagnosis.editedMigrationNames;
  const unknownToFolder = unpersisted(diagnosis.history);
  return {
    applied: migrationNames(migrationsList).filter((name) => !pending.includes(name) && !failed.includes(name)),
    pending,
    failed,
    edited,
    unknownToFolder,
    upToDate: [pending, failed, edited, unknownToFolder].every((names) => names.length === 0),
  };
}

function unapplied(history: HistoryDiagnostic | null): string[] {
  return history && history.diagnostic !== "migrationsDirectoryIsBehind" ? history.unappliedMigrationNames : [];
}

function unpersisted(history: HistoryDiagnostic | null): string[] {
  return history && history.diagnostic !== "databaseIsBehind" ? history.unpersistedMigrationNames : [];
}

/**
 * Writes a migration for what the schema has and the migrations folder lacks.
 * Returns the new migration's folder, or null when there is nothing to migrate.
 */
export async function createMigration(
  name: string,
  options: MigrationPaths & { now?: Date } = {},
): Promise<string | null> {
  const slug = migrationSlug(name);
  const { migrationsDir } = resolvePaths(options);
  const sql = await missingMigrationSql(options);
  return sql === null ? null : writeMigration(migrationsDir, slug, sql, options.now ?? new Date());
}

export type MigrationCheck = { ok: true } | { ok: false; message: string; missingSql: string };

/** Fails when the schema and what its migrations build differ (a schema change without a migration). */
export async function checkMigrations(paths?: MigrationPaths): Promise<MigrationCheck> {
  const missingSql = await missingMigrationSql(paths);
  if (missingSql === null) return { ok: true };
  const { schemaPath, migrationsDir } = resolvePaths(paths);
  const message =
    `${relative(process.cwd(), schemaPath)} differs from what ${relative(process.cwd(), migrationsDir)} builds; ` +
    "create a migration with `npm run db:migrate:create -- <name>`";
  return { ok: false, message, missingSql };
}

// The engine replays the migrations on a scratch database and diffs the result with
// the schema; exit code 2 means they differ, and stdout is the SQL that would close the gap.
async function missingMigrationSql(paths?: MigrationPaths): Promise<string | null> {
  const { schemaPath, migrationsDir } = resolvePaths(paths);
  const [schemaFiles, migrationsList] = await Promise.all([readSchema(schemaPath), readMigrationList(migrationsDir)]);
  const diff = await withSchemaEngine(scratchAdapterFactory(), schemaFiles, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: true,
      filters: noExternalObjects,
    }),
  );
  return diff.exitCode === 2 ? (diff.stdout ?? "") : null;
}
