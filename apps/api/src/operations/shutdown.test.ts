import { openDatabase, type DatabaseTarget } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { seedSyntheticData } from "@engagement-tracker/db/seed";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { freePort, startApiProcess, type ApiProcess } from "../test/api-process.ts";
import { createRoleUsers } from "../test/api.ts";
import {
  EngagementPage,
  MoveStatus,
  exchange,
  historyOutOfStep,
  pick,
  runConcurrently,
  sleep,
  type Exchange,
} from "../test/load.ts";

type LogLine = { msg?: string; requestId?: string; requestsInFlight?: number; status?: number };

describe("SIGTERM while the API is under load", () => {
  let target: DatabaseTarget;
  let token: string;
  let engagementIds: string[];
  let api: ApiProcess;
  const cleanups: (() => Promise<void>)[] = [];

  // The real entry point in a process of its own, on a database prepared here: a fresh one on
  // the server of DATABASE_URL, or an embedded one in a temporary directory.
  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const fresh = await createFreshPostgresDatabase(process.env.DATABASE_URL);
      cleanups.push(fresh.drop);
      target = { kind: "postgres", url: fresh.url };
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), "engagement-tracker-shutdown-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      target = { kind: "pglite", dataDir };
    }
    const db = await openDatabase(target);
    await applyMigrations(db);
    token = (await createRoleUsers(db.prisma)).EDITOR.token;
    await seedSyntheticData(db.prisma, { count: 100 });
    const planned = await db.prisma.engagement.findMany({
      where: { status: "PLANNED" },
      select: { id: true },
      take: 8,
    });
    engagementIds = planned.map(({ id }) => id);
    await db.close(); // an embedded database can be open in one process at a time

    api = await startApiProcess(
      {
        DATABASE_URL: target.kind === "postgres" ? target.url : "",
        PGLITE_DIR: target.kind === "pglite" ? target.dataDir : "",
        LOG_LEVEL: "info",
        RATE_LIMIT_PER_MINUTE: "1000000",
      },
      await freePort(),
    );
  });
  afterAll(async () => {
    await api?.stop();
    for (const cleanup of cleanups) await cleanup();
  });

  it("finishes every request it had begun, closes the database and exits with code 0", async () => {
    const sent = new Map<string, Exchange<unknown>>();
    let counter = 0;
    const load = runConcurrently(16, async (connection) => {
      const requestId = `shutdown-${connection}-${++counter}`;
      const headers = { "x-request-id": requestId };
      const result =
        connection % 4 === 0
          ? await exchange(
              api.url,
              token,
              MoveStatus,
              {
                input: {
                  id: globalIdOf("Engagement", pick(engagementIds)),
                  status: pick(["POSTPONED", "PLANNED"] as const),
                  reason: "Shutdown test",
                },
              },
              headers,
            )
          : await exchange(api.url, token, EngagementPage, {}, headers);
      sent.set(requestId, result);
      if (result.status === 0) await sleep(20); // refused: the server has stopped listening
    });

    await sleep(1_500);
    const signalledAt = performance.now();
    const exitCode = await api.stop();
    const stoppedMs = performance.now() - signalledAt;
    await load.stop();

    const log = api
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);
    const stopping = log.find(({ msg }) => msg?.startsWith("stopping: refusing new connections"));
    const served = log.filter((line) => line.requestId?.startsWith("shutdown-") && line.status !== undefined);
    const answeredAfterSignal = [...sent.values()].filter(
      (request) =>
        request.startedAt < signalledAt && request.startedAt + request.ms > signalledAt && request.status === 200,
    );
    console.info(
      `shutdown test (${target.kind}): ${sent.size} requests sent, ${served.length} served; SIGTERM with ` +
        `${stopping?.requestsInFlight} in flight, ${answeredAfterSignal.length} sent before it answered after it; ` +
        `exit ${exitCode} after ${Math.round(stoppedMs)} ms`,
    );

    expect(exitCode).toBe(0);
    expect(stopping?.requestsInFlight).toBeGreaterThan(0);
    // A request's log line is written when its response finishes, which may come just after "stopped".
    expect(log.filter((line) => line.requestId === undefined).at(-1)?.msg).toBe("stopped");
    // Every request the server began was answered in full; the rest were never accepted (no 5xx, no half answers).
    const incomplete = served.filter(({ requestId }) => {
      const result = sent.get(requestId!);
      return result?.status !== 200 || !result.body?.data || result.body.errors?.length;
    });
    expect(incomplete).toEqual([]);
    expect([...sent.values()].filter(({ status }) => status !== 200 && status !== 0)).toEqual([]);
    expect(answeredAfterSignal.length).toBeGreaterThan(0);

    const db = await openDatabase(target);
    try {
      expect(await historyOutOfStep(db.prisma)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
