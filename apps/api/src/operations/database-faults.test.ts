import { POOL_LIMITS, Prisma } from "@engagement-tracker/db";
import { describeNeeding } from "@engagement-tracker/db/testing";
import { graphql } from "@engagement-tracker/schema";
import { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowIdOf } from "../common/node.ts";
import { RefusedError } from "../common/user-error.ts";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { MoveStatus, exchange, historyOutOfStep, pick, runConcurrently, sleep, type Exchange } from "../test/load.ts";
import { privateClusterUnavailable, startPrivateCluster, type PrivateCluster } from "../test/postgres-cluster.ts";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "./database-faults.ts";

describe("recognizing a database that is down", () => {
  const prismaError = (code: string, meta?: Record<string, unknown>) =>
    new Prisma.PrismaClientKnownRequestError("fault", { code, clientVersion: Prisma.prismaVersion.client, meta });
  const viaAdapter = (cause: Record<string, unknown>) => ({
    driverAdapterError: { name: "DriverAdapterError", cause },
  });
  const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, syscall: "connect" });

  it.each([
    [
      "the server cannot be reached (Prisma P1001)",
      prismaError("P1001", viaAdapter({ kind: "DatabaseNotReachable" })),
      true,
    ],
    [
      "the server is starting up (SQLSTATE 57P03)",
      prismaError("P2039", viaAdapter({ kind: "postgres", originalCode: "57P03" })),
      true,
    ],
    [
      "the server is shutting down (57P01)",
      prismaError("P2039", viaAdapter({ kind: "postgres", originalCode: "57P01" })),
      true,
    ],
    [
      "a statement ran past statement_timeout (57014)",
      prismaError("P2010", viaAdapter({ kind: "postgres", originalCode: "57014" })),
      true,
    ],
    ["a connection dropped mid-query (node-postgres)", new Error("Connection terminated unexpectedly"), true],
    [
      "a transaction's connection broke",
      new Error("Client has encountered a connection error and is not queryable"),
      true,
    ],
    ["the connection was refused", socketError("ECONNREFUSED"), true],
    [
      "a dropped connection reached a resolver",
      new GraphQLError("wrapped", { originalError: socketError("ECONNRESET") }),
      true,
    ],
    [
      "our own error, wrapped again on its way out",
      new GraphQLError("Context creation failed", {
        originalError: new GraphQLError("x", { extensions: { code: DATABASE_UNAVAILABLE } }),
      }),
      true,
    ],
    [
      "a unique constraint was violated (P2002)",
      prismaError("P2002", viaAdapter({ kind: "UniqueConstraintViolation" })),
      false,
    ],
    ["a change was refused", new RefusedError([]), false],
    ["a programming error", new TypeError("Cannot read properties of undefined"), false],
  ])("%s: %s", (_case, error, unavailable) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });
});

const Read = graphql(`
  query FaultRead($filter: EngagementFilter) {
    engagements(first: 10, filter: $filter) {
      nodes {
        id
        status
      }
    }
  }
`);

const Create = graphql(`
  mutation FaultCreate($input: CreateEngagementInput!) {
    createEngagement(input: $input) {
      engagement {
        id
      }
      errors {
        code
      }
    }
  }
`);

const OUTAGE_MS = 3_000;
/**
 * The bounds are the pool's own connection timeout, not guesses at speed on a busy machine. A
 * request sent while PostgreSQL is down is refused at once (milliseconds, logged below); one that
 * took a whole connection timeout waited for an answer that never came instead of failing fast.
 */
const CONNECT_TIMEOUT_MS = POOL_LIMITS.connectionTimeoutMillis;
const FAIL_FAST_MS = CONNECT_TIMEOUT_MS;
/**
 * A request caught as the server went down may wait out one connection attempt that was accepted
 * but never answered; a second timeout's worth is slack for two busy cores, and still fails a
 * request that waits through two attempts or hangs.
 */
const NOTHING_HANGS_MS = 2 * CONNECT_TIMEOUT_MS;
/**
 * Recovering by itself, without a restart, is the point; it takes well under a second (logged).
 * Waiting as long as two connection timeouts is a deadline for a stuck pool, not a speed target.
 */
const RECOVERY_MS = 2 * CONNECT_TIMEOUT_MS;

type Sent = Exchange<unknown> & { kind: "read" | "move" | "create"; acknowledged?: string };

// It starts a PostgreSQL server of its own to crash, so it disturbs neither the database of
// DATABASE_URL nor other tests, and it runs in both CI passes whichever database they use.
describeNeeding(privateClusterUnavailable(), "when PostgreSQL stops mid-load", () => {
  let cluster: PrivateCluster;
  let api: TestApi;
  beforeAll(async () => {
    cluster = await startPrivateCluster();
    api = await startTestApi({}, cluster.url);
  });
  afterAll(async () => {
    await api?.close();
    await cluster?.destroy();
  });

  it("fails requests fast with DATABASE_UNAVAILABLE, recovers by itself, and loses no acknowledged write", async () => {
    const engagements = await Promise.all(
      Array.from({ length: 12 }, () => insertEngagement(api.prisma, { status: "PLANNED" })),
    );
    const token = api.users.EDITOR.token;
    const sent: Sent[] = [];
    let created = 0;
    const load = runConcurrently(8, async (connection) => {
      const choice = connection % 4;
      if (choice === 0) {
        const result = await exchange(api.url, token, Create, {
          input: {
            title: `Fault test ${connection}-${++created}`,
            kind: "DIALOGUE",
            startsOn: day(60),
            endsOn: day(61),
            locationName: "Washington, D.C.",
            country: "US",
            hostCountry: "US",
          },
        });
        sent.push({ ...result, kind: "create", acknowledged: result.body?.data?.createEngagement.engagement?.id });
      } else if (choice === 1) {
        const result = await exchange(api.url, token, Read, { filter: { statuses: ["PLANNED", "POSTPONED"] } });
        sent.push({ ...result, kind: "read" });
      } else {
        const input = {
          id: pick(engagements).globalId,
          status: pick(["POSTPONED", "PLANNED"] as const),
          reason: "Fault test",
        };
        const result = await exchange(api.url, token, MoveStatus, { input });
        sent.push({
          ...result,
          kind: "move",
          acknowledged: result.body?.data?.updateEngagementStatus.statusChange?.id,
        });
      }
      // A failing request returns at once; pause so the outage is not a busy loop.
      if (outcomeOf(sent.at(-1)!) !== "answered") await sleep(25);
    });

    // Crash mid-load: once every kind of request has been answered.
    await vi.waitUntil(
      () =>
        (["read", "move", "create"] as const).every((kind) =>
          sent.some((request) => request.kind === kind && outcomeOf(request) === "answered"),
        ),
      { timeout: 20_000, interval: 50 },
    );
    await cluster.crash();
    const crashedAt = performance.now();
    const readyDuringOutage = await readiness();
    await sleep(OUTAGE_MS);
    const restartedAt = performance.now();
    await cluster.start();
    const serverUpAt = performance.now();
    const readyAgainAt = await firstReadyAfter(serverUpAt);
    const answeredAfterRestart = () =>
      sent.some((request) => request.startedAt > serverUpAt && outcomeOf(request) === "answered");
    await vi.waitUntil(answeredAfterRestart, { timeout: 2 * RECOVERY_MS, interval: 50 }).catch(() => {});
    await load.stop();

    const duringOutage = sent.filter(({ startedAt }) => startedAt > crashedAt && startedAt + 50 < restartedAt);
    const failures = sent.filter((request) => outcomeOf(request) !== "answered");
    const firstAnsweredAfter = sent.find(
      (request) => request.startedAt > serverUpAt && outcomeOf(request) === "answered",
    );
    const recoveryMs =
      (firstAnsweredAfter ? firstAnsweredAfter.startedAt + firstAnsweredAfter.ms : Infinity) - serverUpAt;
    const acknowledgedMoves = sent.filter(({ kind, acknowledged }) => kind === "move" && acknowledged);
    const acknowledgedCreates = sent.filter(({ kind, acknowledged }) => kind === "create" && acknowledged);
    console.info(
      `fault test: ${sent.length} requests (${acknowledgedMoves.length} moves and ${acknowledgedCreates.length} creates acknowledged); ` +
        `${duringOutage.length} sent during the ${OUTAGE_MS} ms outage, failing in ${slowest(duringOutage)} ms at most ` +
        `(${slowest(failures)} ms for those caught as it went down); ` +
        `answering again ${Math.round(recoveryMs)} ms and ready ${Math.round(readyAgainAt - serverUpAt)} ms after PostgreSQL was back`,
    );

    expect(readyDuringOutage).toMatchObject({ status: 503, body: { ready: false, database: "unreachable" } });
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(duringOutage.filter((request) => outcomeOf(request) === "answered")).toEqual([]);
    expect(failures.map(outcomeOf).filter((outcome) => outcome !== "database unavailable")).toEqual([]);
    expect(duringOutage.filter(({ ms }) => ms > FAIL_FAST_MS)).toEqual([]);
    expect(failures.filter(({ ms }) => ms > NOTHING_HANGS_MS)).toEqual([]);
    expect(recoveryMs).toBeLessThan(RECOVERY_MS);
    expect(readyAgainAt - serverUpAt).toBeLessThan(RECOVERY_MS);

    expect(acknowledgedMoves.length).toBeGreaterThan(0);
    const storedMoves = await api.prisma.statusChange.count({
      where: { id: { in: acknowledgedMoves.map(({ acknowledged }) => rowIdOf("StatusChange", acknowledged!)!) } },
    });
    const storedCreates = await api.prisma.engagement.count({
      where: {
        id: { in: acknowledgedCreates.map(({ acknowledged }) => rowIdOf("Engagement", acknowledged!)!) },
        statusChanges: { some: { fromStatus: null } },
      },
    });
    expect({
      lostMoves: acknowledgedMoves.length - storedMoves,
      lostCreates: acknowledgedCreates.length - storedCreates,
    }).toEqual({
      lostMoves: 0,
      lostCreates: 0,
    });
    expect(await historyOutOfStep(api.prisma)).toEqual([]);
  });

  async function readiness() {
    const response = await fetch(`${new URL(api.url).origin}/readyz`);
    return { status: response.status, body: await response.json() };
  }

  async function firstReadyAfter(since: number): Promise<number> {
    while (performance.now() - since < 2 * RECOVERY_MS) {
      if ((await readiness()).status === 200) return performance.now();
      await sleep(100);
    }
    return Infinity;
  }
});

const slowest = (requests: Exchange<unknown>[]) => Math.round(Math.max(0, ...requests.map(({ ms }) => ms)));

/** How a request ended, as a client sees it. */
function outcomeOf(request: Exchange<unknown>): "answered" | "database unavailable" | string {
  const codes = request.body?.errors?.map((error) => error.extensions?.code) ?? [];
  if (request.status === 200 && codes.length === 0) return "answered";
  if (codes.length && codes.every((code) => code === DATABASE_UNAVAILABLE)) return "database unavailable";
  return `HTTP ${request.status} ${codes.join(",") || request.failure}`;
}
