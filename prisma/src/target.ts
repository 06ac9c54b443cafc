import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the data lives: a PostgreSQL server, or PGlite in this process. */
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** `dataDir` is a directory, or `memory://` for a throwaway database. */
  | { kind: "pglite"; dataDir: string };

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const defaultPgliteDir = join(repoRoot, ".data", "pglite");

/**
 * DATABASE_URL selects PostgreSQL; without it the product runs on the embedded
 * default. `PGLITE_DIR` moves the embedded data (`memory://` keeps it in memory).
 */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  return { kind: "pglite", dataDir: env.PGLITE_DIR?.trim() || defaultPgliteDir };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite (${target.dataDir})`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
