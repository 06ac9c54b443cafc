import { hashToken, issueToken } from "@engagement-tracker/api";
import { openDatabase } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { seedSyntheticData } from "@engagement-tracker/db/seed";
import pg from "pg";
import type { Fixtures } from "./operations.ts";

export interface BenchDatabase {
  url: string;
  /** Bearer token of an EDITOR (a personal API token), for our API. */
  apiToken: string;
  /** A dashboard session of the same user, for the overview page's cookie. */
  sessionToken: string;
  fixtures: Fixtures;
  /** How long migrating and seeding took, in ms. */
  preparedInMs: number;
  drop(): Promise<void>;
}

export interface PrepareOptions {
  serverUrl: string;
  size: number;
  /**
   * pg_trgm GIN indexes on title, summary and location name: what PostGraphile's docs and
   * DESIGN.md call for to make ILIKE search usable. They live in this database only; every
   * server benefits from them alike. Off, the data has the product's migrations only.
   */
  trigramIndexes: boolean;
  log: (line: string) => void;
  /** Called as soon as the database exists, with how to drop it, so an interrupted run can clean up. */
  onCreated?: (drop: () => Promise<void>) => void;
}

/** A fresh database on the server: migrated, seeded with `size` synthetic engagements, analysed. */
export async function prepareDatabase(options: PrepareOptions): Promise<BenchDatabase> {
  const started = performance.now();
  const fresh = await createFreshPostgresDatabase(options.serverUrl);
  options.onCreated?.(fresh.drop);
  try {
    const db = await openDatabase({ kind: "postgres", url: fresh.url });
    try {
      await applyMigrations(db);
      let reported = 0;
      await seedSyntheticData(db.prisma, {
        count: options.size,
        // Each batch is one transaction under Prisma's 5 s limit; small ones stay under it on a busy machine.
        batchSize: 1_000,
        onProgress: (written, count) => {
          if (written - reported >= 100_000 || written === count) {
            reported = written;
            options.log(`  seeded ${written.toLocaleString("en")} / ${count.toLocaleString("en")} engagements`);
          }
        },
      });
    } finally {
      await db.close();
    }
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    try {
      if (options.trigramIndexes) await addTrigramIndexes(client);
      // Fresh tables have no statistics; plans made without them would measure the wrong thing.
      await client.query("VACUUM ANALYZE");
      const credentials = await createBenchUser(client);
      const fixtures = await pickFixtures(client);
      return { url: fresh.url, ...credentials, fixtures, preparedInMs: performance.now() - started, drop: fresh.drop };
    } finally {
      await client.end();
    }
  } catch (error) {
    await fresh.drop().catch(() => {});
    throw error;
  }
}

async function addTrigramIndexes(client: pg.Client): Promise<void> {
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  for (const column of ["title", "summary", "locationName"]) {
    await client.query(
      `CREATE INDEX "bench_Engagement_${column}_trgm" ON "Engagement" USING gin ("${column}" gin_trgm_ops)`,
    );
  }
}

/** An EDITOR with a personal API token and a dashboard session, written as the API itself would store them. */
async function createBenchUser(client: pg.Client): Promise<{ apiToken: string; sessionToken: string }> {
  const expiresAt = new Date(Date.now() + 2 * 86_400_000);
  const {
    rows: [user],
  } = await client.query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, role) VALUES (gen_random_uuid(), 'bench@bench.local', 'Benchmark', 'EDITOR') RETURNING id`,
  );
  const personal = issueToken("personal");
  await client.query(
    `INSERT INTO "ApiToken" (id, name, prefix, "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), 'bench', $1, $2, $3, $4)`,
    [personal.prefix, personal.hash, user!.id, expiresAt],
  );
  const session = issueToken("session");
  await client.query(
    `INSERT INTO "Session" (id, "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), $1, $2, $3)`,
    [hashToken(session.token), user!.id, expiresAt],
  );
  return { apiToken: personal.token, sessionToken: session.token };
}

/** Deterministic samples (ordered by a hash of the id, so the same data gives the same picks). */
async function pickFixtures(client: pg.Client): Promise<Fixtures> {
  const ids = async (where: string, limit: number) =>
    (
      await client.query<{ id: string }>(
        `SELECT id FROM "Engagement" WHERE "archivedAt" IS NULL ${where} ORDER BY md5(id::text) LIMIT ${limit}`,
      )
    ).rows.map((row) => row.id);
  const now = new Date();
  return {
    today: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
    detailIds: await ids("", 1_000),
    movableIds: await ids(`AND status = 'PLANNED'`, 2_000),
  };
}
