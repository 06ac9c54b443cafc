import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../database.ts";
import { describeNeeding, postgresServerUrl } from "../testing.ts";
import {
  applyMigrations,
  checkMigrations,
  createFreshPostgresDatabase,
  createMigration,
  migrationStatus,
  resolvePaths,
} from "./index.ts";

const { schemaPath, migrationsDir } = resolvePaths();
const postgresServer = postgresServerUrl();

/** A describe block that needs a PostgreSQL server: skipped without one (a failure in CI), saying why. */
function describePostgres(name: string, tests: () => void): void {
  describeNeeding(
    postgresServer ? null : "TEST_POSTGRES_URL or DATABASE_URL set to a server where it may CREATE DATABASE",
    name,
    tests,
  );
}

let scratchDir: string;
let committed: string[];

beforeAll(async () => {
  scratchDir = await mkdtemp(join(tmpdir(), "migrations-test-"));
  committed = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
});

afterAll(() => rm(scratchDir, { recursive: true, force: true }));

/** A copy of the committed migrations folder with `extra` migrations (name → SQL) added. */
async function migrationsWith(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(scratchDir, "migrations-"));
  await cp(migrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

/** A copy of schema.prisma with a model no committed migration creates. */
async function schemaWithExtraModel(): Promise<string> {
  const path = join(scratchDir, "extra-model.prisma");
  const schema = await readFile(schemaPath, "utf8");
  await writeFile(
    path,
    `${schema}\nmodel Briefing {\n  id    String @id @default(uuid(7)) @db.Uuid\n  title String\n}\n`,
  );
  return path;
}

interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

async function openEmbedded(): Promise<TestDatabase> {
  const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  return { db, dispose: () => db.close() };
}

async function openFreshPostgres(): Promise<TestDatabase> {
  const fresh = await createFreshPostgresDatabase(postgresServer!);
  const db = await openDatabase({ kind: "postgres", url: fresh.url });
  return {
    db,
    async dispose() {
      await db.close();
      await fresh.drop();
    },
  };
}

const targets = [
  { describe, name: "embedded PGlite (memory://)", open: openEmbedded },
  { describe: describePostgres, name: "PostgreSQL (a fresh database)", open: openFreshPostgres },
];

for (const target of targets) {
  // The tests share one database and run in order, as a deployment would.
  target.describe(target.name, () => {
    let db: Database;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ db, dispose } = await target.open());
    });

    afterAll(() => dispose?.());

    it("reports every migration pending on an empty database", async () => {
      expect(await migrationStatus(db)).toMatchObject({ applied: [], pending: committed, upToDate: false });
    });

    it("applies every migration to an empty database", async () => {
      expect(await applyMigrations(db)).toEqual({ applied: committed });
      expect(await db.prisma.engagement.count()).toBe(0);
    });

    it("applies nothing the second time and leaves the data alone", async () => {
      const series = await db.prisma.series.create({
        data: { name: "Military Maritime Consultative Agreement meeting", shortName: "MMCA" },
      });
      expect(await applyMigrations(db)).toEqual({ applied: [] });
      expect(await db.prisma.series.findMany()).toEqual([series]);
    });

    it("reports the database up to date", async () => {
      expect(await migrationStatus(db)).toEqual({
        applied: committed,
        pending: [],
        failed: [],
        edited: [],
        unknownToFolder: [],
        upToDate: true,
      });
    });

    const later = { "29990101000000_comment": `COMMENT ON TABLE "Series" IS 'recurring; e.g. MMCA';\n` };

    it("applies a later migration as one script, semicolons inside strings included", async () => {
      const dir = await migrationsWith(later);
      expect(await applyMigrations(db, { migrationsDir: dir })).toEqual({ applied: ["29990101000000_comment"] });
      const [row] = await db.prisma.$queryRaw<
        { comment: string }[]
      >`SELECT obj_description('"Series"'::regclass) AS comment`;
      expect(row?.comment).toBe("recurring; e.g. MMCA");
      expect(await migrationStatus(db)).toMatchObject({ unknownToFolder: ["29990101000000_comment"], upToDate: false });
    });

    it("records a failing migration as failed and keeps none of its changes", async () => {
      const dir = await migrationsWith({
        ...later,
        "29990102000000_broken": `CREATE TABLE "Leftover" ("id" INTEGER);\nSELECT no_such_function();\n`,
      });
      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/no_such_function/);
      expect(await migrationStatus(db, { migrationsDir: dir })).toMatchObject({
        applied: [...committed, "29990101000000_comment"],
        failed: ["29990102000000_broken"],
        upToDate: false,
      });
      const [row] = await db.prisma.$queryRaw<
        { leftover: string | null }[]
      >`SELECT to_regclass('"Leftover"')::text AS leftover`;
      expect(row?.leftover).toBeNull();
    });
  });
}

describePostgres("instances starting at once on one empty PostgreSQL database", () => {
  it("wait for each other: every migration is applied exactly once, and each finds the database up to date", async () => {
    const fresh = await createFreshPostgresDatabase(postgresServer!);
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url: fresh.url })));
    try {
      const results = await Promise.all(instances.map((instance) => applyMigrations(instance)));
      expect(results.flatMap(({ applied }) => applied).sort()).toEqual(committed);
      const recorded = await instances[0]!.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`;
      expect(recorded.map((row) => row.migration_name)).toEqual(committed);
      for (const instance of instances) expect(await migrationStatus(instance)).toMatchObject({ upToDate: true });
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await fresh.drop();
    }
  });
});

describePostgres("createFreshPostgresDatabase", () => {
  it("drops its database even while a connection is still open", async () => {
    const fresh = await createFreshPostgresDatabase(postgresServer!);
    const name = new URL(fresh.url).pathname.slice(1);
    const forgotten = new pg.Client({ connectionString: fresh.url });
    forgotten.on("error", () => {}); // the drop terminates it
    await forgotten.connect();
    await fresh.drop();
    const server = new pg.Client({ connectionString: postgresServer });
    await server.connect();
    const { rowCount } = await server.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    await server.end();
    expect(rowCount).toBe(0);
  });
});

describe("checking the schema against its migrations", () => {
  it("passes on the committed schema and migrations", async () => {
    expect(await checkMigrations()).toEqual({ ok: true });
  });

  it("fails when the schema has a model no migration creates", async () => {
    const result = await checkMigrations({ schemaPath: await schemaWithExtraModel() });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("db:migrate:create") });
    expect(result.ok || result.missingSql).toContain(`CREATE TABLE "Briefing"`);
  });

  it("creates the missing migration, after which the check passes and nothing more is created", async () => {
    const extraSchema = await schemaWithExtraModel();
    const dir = await migrationsWith();
    const paths = { schemaPath: extraSchema, migrationsDir: dir };
    const created = await createMigration("Add briefings", { ...paths, now: new Date("2030-01-02T03:04:05Z") });
    expect(created).toBe(join(dir, "20300102030405_add_briefings"));
    expect(await readFile(join(created!, "migration.sql"), "utf8")).toMatch(/^-- CreateTable\nCREATE TABLE "Briefing"/);
    expect(await checkMigrations(paths)).toEqual({ ok: true });
    expect(await createMigration("again", paths)).toBeNull();
  });

  it("writes the whole schema as one standard migration from nothing, lockfile included", async () => {
    const dir = join(scratchDir, "from-nothing");
    const created = await createMigration("init", { migrationsDir: dir });
    const sql = await readFile(join(created!, "migration.sql"), "utf8");
    expect(sql.startsWith("-- CreateEnum")).toBe(true);
    for (const table of ["Engagement", "StatusChange", "EngagementEvent", "ApiToken"]) {
      expect(sql).toContain(`CREATE TABLE "${table}"`);
    }
    expect(await readFile(join(dir, "migration_lock.toml"), "utf8")).toBe(
      await readFile(join(migrationsDir, "migration_lock.toml"), "utf8"),
    );
  });
});
