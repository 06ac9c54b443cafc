import { openDatabase, type Database, type DatabaseTarget } from "@engagement-tracker/db";
import { createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { describeNeeding, postgresServerUrl } from "@engagement-tracker/db/testing";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../operations/index.ts";
import { until } from "../test/jobs.ts";
import { JobQueue, type JobEvents } from "./job-queue.ts";

declare module "./job-queue.ts" {
  interface JobPayloads {
    "test.record": { n: number };
    "test.flaky": { failures: number };
    "test.changes": JobEvents["engagement.changed"];
  }
}

const logger = createLogger({ level: process.env.TEST_LOG ?? "silent" });
const postgresUrl = postgresServerUrl();
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** A queue as the server makes one, polling often so the tests take milliseconds, not seconds. */
function queueOn(db: Database, registry?: Registry): JobQueue {
  const jobs = new JobQueue({ db, logger, registry, pollingIntervalSeconds: 0.5 });
  open.push({ close: () => jobs.stop(2_000) });
  return jobs;
}

// The queue keeps tables of its own: it needs none of the application's migrations.
const database = (target: DatabaseTarget): Promise<Database> => openDatabase(target);

describe("the job queue on the embedded database", () => {
  it("runs a job sent in a transaction once it commits, and never one whose transaction rolled back", async () => {
    const db = await database({ kind: "pglite", dataDir: "memory://" });
    open.push(db);
    const jobs = queueOn(db);
    jobs.define("test.record");
    jobs.define("test.changes");
    jobs.subscribe("engagement.changed", "test.changes");
    await jobs.start();
    const seen: number[] = [];
    const changes: string[] = [];
    await jobs.work("test.record", async ({ n }) => void seen.push(n));
    await jobs.work("test.changes", async ({ sequence }) => void changes.push(sequence));

    await db.prisma.$transaction(async (tx) => {
      await jobs.send("test.record", { n: 1 }, { tx });
      const change = { engagementId: "e", kind: "EDITED", actorId: null };
      await jobs.publish("engagement.changed", { ...change, sequence: "41" }, { tx });
    });
    await db.prisma
      .$transaction(async (tx) => {
        await jobs.send("test.record", { n: 2 }, { tx });
        throw new Error("roll back");
      })
      .catch(() => {});
    await jobs.send("test.record", { n: 3 });

    await until(() => seen.length >= 2 && changes.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(seen.sort()).toEqual([1, 3]);
    expect(changes).toEqual(["41"]);
  });

  it("retries a failing job with backoff until it succeeds, and counts the attempts in /metrics", async () => {
    const db = await database({ kind: "pglite", dataDir: "memory://" });
    open.push(db);
    const registry = new Registry();
    const jobs = queueOn(db, registry);
    const attempts: number[] = [];
    await jobs.work("test.flaky", async ({ failures }, { retryCount }) => {
      attempts.push(Date.now());
      if (retryCount < failures) throw new Error(`attempt ${retryCount + 1} fails`);
    });
    await jobs.send("test.flaky", { failures: 2 }, { retryLimit: 3, retryDelay: 1, retryBackoff: true });

    await until(() => attempts.length === 3);
    // Backoff: each wait at least the delay before it (1 s, then more).
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(900);
    const metrics = await registry.metrics();
    expect(metrics).toContain('jobs_attempts_total{queue="test.flaky",outcome="retried"} 2');
    expect(metrics).toContain('jobs_attempts_total{queue="test.flaky",outcome="completed"} 1');
  });

  it("reports queued and failed jobs across processes", async () => {
    const db = await database({ kind: "pglite", dataDir: "memory://" });
    open.push(db);
    const registry = new Registry();
    const jobs = queueOn(db, registry);
    await jobs.send("test.record", { n: 1 });
    await jobs.send("test.record", { n: 2 }, { startAfter: 3600 });
    await jobs.work("test.flaky", async () => {
      throw new Error("never works");
    });
    await jobs.send("test.flaky", { failures: 9 }, { retryLimit: 0 });
    await until(async () => (await registry.metrics()).includes('jobs{queue="test.flaky",state="failed"} 1'));
    expect(await registry.metrics()).toContain('jobs{queue="test.record",state="queued"} 2');
  });

  it("keeps jobs across a restart: a job sent before the process stopped runs after it starts again", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "jobs-"));
    try {
      const before = await database({ kind: "pglite", dataDir });
      const sender = new JobQueue({ db: before, logger });
      await sender.send("test.record", { n: 7 });
      await sender.stop();
      await before.close();

      const after = await database({ kind: "pglite", dataDir });
      open.push(after);
      const seen: number[] = [];
      await queueOn(after).work("test.record", async ({ n }) => void seen.push(n));
      await until(() => seen.length === 1);
      expect(seen).toEqual([7]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeNeeding(
  postgresUrl ? null : "a PostgreSQL server (TEST_POSTGRES_URL or DATABASE_URL)",
  "the job queue on PostgreSQL",
  () => {
    const drops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });

    it("runs each job exactly once when several processes work the same queue", async () => {
      const fresh = await createFreshPostgresDatabase(postgresUrl!);
      drops.push(fresh.drop);
      const seen: string[] = [];
      const instances = await Promise.all(
        ["a", "b", "c"].map(async (instance) => {
          const db = await database({ kind: "postgres", url: fresh.url });
          open.push(db);
          const jobs = queueOn(db);
          await jobs.work("test.record", async ({ n }) => void seen.push(`${n}`), { concurrency: 4 });
          return { instance, jobs };
        }),
      );
      const count = 60;
      await Promise.all(Array.from({ length: count }, (_, n) => instances[n % 3]!.jobs.send("test.record", { n })));
      await until(() => seen.length >= count);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(seen).toHaveLength(count);
      expect(new Set(seen).size).toBe(count);
    });
  },
);
