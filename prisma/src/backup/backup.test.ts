import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { openDatabase, type Database } from "../database.ts";
import { applyMigrations, createFreshPostgresDatabase } from "../migrations/index.ts";
import { seedDemoData, seedSyntheticData } from "../seed/index.ts";
import type { DatabaseTarget } from "../target.ts";
import { postgresServerUrl, skipOrFailWithout } from "../testing.ts";
import { exportData, importData, ImportRefused } from "./index.ts";

/** The database kind of this pass: the server of DATABASE_URL, else embedded. */
const passServerUrl = process.env.DATABASE_URL?.trim();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * A new, empty database: by default on the server of DATABASE_URL, else an embedded one (on
 * disk when another process must open it); "postgres" asks for one on a PostgreSQL server.
 */
async function emptyTarget(
  flavour: "default" | "embedded" | "postgres" = "default",
  onDisk = false,
): Promise<DatabaseTarget> {
  const serverUrl = flavour === "postgres" ? postgresServerUrl() : flavour === "default" ? passServerUrl : undefined;
  if (serverUrl) {
    const fresh = await createFreshPostgresDatabase(serverUrl);
    cleanups.push(fresh.drop);
    return { kind: "postgres", url: fresh.url };
  }
  if (!onDisk) return { kind: "pglite", dataDir: "memory://" };
  const dataDir = await mkdtemp(join(tmpdir(), "engagement-tracker-backup-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  return { kind: "pglite", dataDir };
}

async function migrated(target: DatabaseTarget): Promise<Database> {
  const db = await openDatabase(target);
  cleanups.push(() => db.close());
  await applyMigrations(db);
  return db;
}

async function exported(prisma: PrismaClient): Promise<string> {
  let text = "";
  await exportData(prisma, async (lines) => void (text += lines));
  return text;
}

async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split("\n").filter(Boolean);
}

async function rowCount(prisma: PrismaClient): Promise<number> {
  const counts = await Promise.all([
    prisma.user.count(),
    prisma.engagement.count(),
    prisma.statusChange.count(),
    prisma.engagementEvent.count(),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * Every table holds rows, with the awkward values a backup must carry exactly: text with
 * quotes, newlines and non-Latin script, nulls, empty and non-empty arrays, JSON, bigint
 * sequence numbers, millisecond instants and calendar dates.
 */
async function fillEveryTable(prisma: PrismaClient): Promise<void> {
  await seedDemoData(prisma);
  await seedSyntheticData(prisma, { count: 40 });
  const user = await prisma.user.create({
    data: {
      email: "desk.officer@example.mil",
      name: 'Zhāng "Desk" O\'Brien',
      role: "EDITOR",
      passwordHash: "$argon2id$x",
    },
  });
  const engagement = await prisma.engagement.create({
    data: {
      title: "Site survey — 湖南省 (Hunan)",
      kind: "SITE_SURVEY",
      startsOn: new Date("2027-01-05"),
      endsOn: new Date("2027-01-19"),
      locationName: "Changsha",
      country: "CN",
      hostCountry: "CN",
      summary: 'Line one\nLine two with a tab\tand "quotes" and a backslash \\',
      objectives: ["Locate remains", "Agree next steps"],
      statusChanges: { create: { fromStatus: null, toStatus: "PROPOSED", reason: "Created", actorId: user.id } },
    },
  });
  const { sequence } = await prisma.engagementEvent.create({
    data: {
      engagementId: engagement.id,
      kind: "CREATED",
      version: 1,
      actorId: user.id,
      changes: { title: { from: null, to: engagement.title }, nested: [1, 2.5, true, null] },
      at: new Date("2026-11-29T07:00:00.123Z"),
    },
  });
  await prisma.watch.create({ data: { userId: user.id, engagementId: engagement.id, watching: false } });
  await prisma.notification.create({
    data: {
      userId: user.id,
      engagementId: engagement.id,
      eventSequence: sequence,
      kind: "CREATED",
      reason: "MENTIONED",
      readAt: new Date("2026-11-29T08:00:00.456Z"),
    },
  });
  await prisma.alertCondition.create({
    data: { engagementId: engagement.id, key: "AT_RISK", since: new Date("2026-11-29T07:30:00.789Z") },
  });
  await prisma.alert.create({
    data: {
      engagementId: engagement.id,
      kind: "POSTPONED",
      eventSequence: sequence,
      day: new Date("2026-11-29"),
      recipients: { create: { userId: user.id, emailedAt: new Date("2026-11-29T07:31:00.001Z") } },
    },
  });
  const expiresAt = new Date(Date.UTC(2027, 0, 1));
  await prisma.session.create({ data: { tokenHash: "a".repeat(64), userId: user.id, expiresAt } });
  await prisma.apiToken.create({
    data: { name: "integration", prefix: "et_abc", tokenHash: "b".repeat(64), userId: user.id, expiresAt },
  });
  // A feed that follows one of the seeded saved views, so both and their link survive the round trip.
  const view = await prisma.savedView.findFirstOrThrow({ orderBy: { name: "asc" } });
  await prisma.calendarFeed.create({
    data: { name: "Desk calendar", prefix: "etc_abc", tokenHash: "c".repeat(64), userId: user.id, viewId: view.id },
  });
  const endpoint = await prisma.webhookEndpoint.create({
    data: {
      url: "https://hooks.example.org/engagements?team=ops",
      events: ["CHANGES", "ALERTS"],
      secret: "whsec_abc",
      secretPrefix: "whsec_abc",
      createdById: user.id,
      failingSince: new Date("2026-11-29T09:00:00.789Z"),
    },
  });
  await prisma.webhookDelivery.create({
    data: {
      endpointId: endpoint.id,
      idempotencyKey: `change-${sequence}`,
      payload: { type: "engagement.changed", sequence: sequence.toString() },
      attempts: 2,
      responseStatus: 503,
      lastError: "Answered 503.",
    },
  });
}

describe("export and import", () => {
  let source: Database;
  let firstExport: string;

  beforeAll(async () => {
    source = await migrated(await emptyTarget());
    await fillEveryTable(source.prisma);
    firstExport = await exported(source.prisma);
  });

  it("exports byte-identical output after a round trip through an empty database, whose sequences go on", async () => {
    const target = await migrated(await emptyTarget());
    const summary = await importData(target.prisma, linesOf(firstExport));

    expect(await exported(target.prisma)).toBe(firstExport);
    const sections = [...firstExport.matchAll(/^\{"table":"(\w+)","rows":(\d+)\}$/gm)];
    expect(sections.filter(([, , rows]) => rows === "0").map(([, table]) => table)).toEqual([]);
    expect(summary).toEqual({
      tables: sections.length,
      rows: sections.reduce((sum, [, , rows]) => sum + Number(rows), 0),
    });

    const [engagement, lastEvent] = await Promise.all([
      target.prisma.engagement.findFirstOrThrow(),
      target.prisma.engagementEvent.findFirstOrThrow({ orderBy: { sequence: "desc" } }),
    ]);
    const next = await target.prisma.engagementEvent.create({
      data: { engagementId: engagement.id, kind: "EDITED", version: 2 },
    });
    expect(next.sequence).toBeGreaterThan(lastEvent.sequence);
  });

  it("refuses a database that holds data and changes nothing; --replace swaps its contents for the export's", async () => {
    const target = await migrated(await emptyTarget());
    await seedDemoData(target.prisma);
    const before = await exported(target.prisma);

    await expect(importData(target.prisma, linesOf(firstExport))).rejects.toThrow(ImportRefused);
    expect(await exported(target.prisma)).toBe(before);

    await importData(target.prisma, linesOf(firstExport), { replace: true });
    expect(await exported(target.prisma)).toBe(firstExport);
  });

  describe("refuses, leaving the database empty, an export", () => {
    let target: Database;
    beforeAll(async () => {
      target = await migrated(await emptyTarget());
    });

    const cutShort = (text: string) => {
      const lines = text.split("\n").filter(Boolean);
      return lines.slice(0, Math.floor(lines.length / 2)).join("\n");
    };
    const fromOtherMigrations = (text: string) => {
      const { migrations } = JSON.parse(text.slice(0, text.indexOf("\n"))) as { migrations: string[] };
      return text.replace(JSON.stringify(migrations), JSON.stringify(migrations.slice(0, -1)));
    };
    it.each([
      ["that was cut short", cutShort, /cut short/],
      ["taken at other migrations than the database's", fromOtherMigrations, /migrations/],
    ])("%s", async (_case, spoil, reason) => {
      await expect(importData(target.prisma, linesOf(spoil(firstExport)))).rejects.toThrow(reason);
      expect(await rowCount(target.prisma)).toBe(0);
    });
  });

  it("moves data from PostgreSQL to the embedded database and back unchanged", async (context) => {
    if (!postgresServerUrl()) skipOrFailWithout(context, "a PostgreSQL server (TEST_POSTGRES_URL or DATABASE_URL)");
    const postgres = await migrated(await emptyTarget("postgres"));
    await fillEveryTable(postgres.prisma);
    const fromPostgres = await exported(postgres.prisma);

    const embedded = await migrated(await emptyTarget("embedded"));
    await importData(embedded.prisma, linesOf(fromPostgres));
    expect(await exported(embedded.prisma)).toBe(fromPostgres);

    const back = await migrated(await emptyTarget("postgres"));
    await importData(back.prisma, linesOf(await exported(embedded.prisma)));
    expect(await exported(back.prisma)).toBe(fromPostgres);
  });
});

describe("npm run db:export / db:import", () => {
  const run = promisify(execFile);
  const cli = (target: DatabaseTarget, ...args: string[]) =>
    run(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", "cli", "backup.ts"), ...args], {
      env: {
        ...process.env,
        DATABASE_URL: target.kind === "postgres" ? target.url : "",
        PGLITE_DIR: target.kind === "pglite" ? target.dataDir : "",
      },
    });

  it("round-trips through a file, migrating the empty database first", async () => {
    const sourceTarget = await emptyTarget("default", true);
    const source = await openDatabase(sourceTarget);
    await applyMigrations(source);
    await seedDemoData(source.prisma);
    const expected = await exported(source.prisma);
    await source.close(); // an embedded database can be open in one process at a time
    const directory = await mkdtemp(join(tmpdir(), "engagement-tracker-export-"));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, "backup.jsonl");

    await cli(sourceTarget, "export", file);
    expect(await readFile(file, "utf8")).toBe(expected);

    const target = await emptyTarget("default", true);
    await cli(target, "import", file);

    const imported = await openDatabase(target);
    cleanups.push(() => imported.close());
    expect(await exported(imported.prisma)).toBe(expected);
  });

  it("writes nothing at the destination when the export fails", async () => {
    const directory = await mkdtemp(join(tmpdir(), "engagement-tracker-export-"));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, "backup.jsonl");

    const unreachable: DatabaseTarget = { kind: "postgres", url: "postgresql://nobody@127.0.0.1:1/none" };
    await expect(cli(unreachable, "export", file)).rejects.toMatchObject({ code: 1 });
    await expect(readFile(file)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFile(`${file}.partial`)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
