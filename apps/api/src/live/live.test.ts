import { openDatabase } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { skipOrFailWithout } from "@engagement-tracker/db/testing";
import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startApiProcess, type ApiProcess } from "../test/api-process.ts";
import { createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { redisAnswers } from "../test/redis.ts";
import { recordChanges } from "../test/subscriptions.ts";

const MoveStatus = graphql(`
  mutation LiveMove($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      engagement {
        version
      }
      errors {
        code
      }
    }
  }
`);

const Rename = graphql(`
  mutation LiveRename($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      errors {
        code
      }
    }
  }
`);

describe("live changes on one instance", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it("pushes a status change to a subscriber, with the engagement as it now stands", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const subscriber = await recordChanges(api.url, api.users.VIEWER.token);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    const [change] = await subscriber.waitFor(1);
    expect(change).toMatchObject({
      event: { kind: "STATUS_CHANGED", version: 2 },
      engagement: { id: engagement.globalId, status: "CONFIRMED" },
    });
    await subscriber.close();
  });

  it("sends a subscriber with a filter only the changes that match it", async () => {
    const chinese = await insertEngagement(api.prisma, { status: "PLANNED", country: "CN" });
    const american = await insertEngagement(api.prisma, { status: "PLANNED", country: "US" });
    const subscriber = await recordChanges(api.url, api.users.VIEWER.token, { filter: { countries: ["CN"] } });
    await api.query(MoveStatus, { input: { id: american.globalId, status: "CONFIRMED" } });
    await api.query(MoveStatus, { input: { id: chinese.globalId, status: "CONFIRMED" } });
    await api.query(Rename, { input: { id: american.globalId, title: "Renamed elsewhere" } });
    await api.query(Rename, { input: { id: chinese.globalId, title: "Renamed in China" } });
    await subscriber.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscriber.received.map((change) => [change.engagement.id, change.event.kind])).toEqual([
      [chinese.globalId, "STATUS_CHANGED"],
      [chinese.globalId, "EDITED"],
    ]);
    await subscriber.close();
  });

  it("replays what a reconnecting client missed, exactly once, then continues live", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PROPOSED" });
    const first = await recordChanges(api.url, api.users.VIEWER.token);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "PLANNED" } });
    const [seen] = await first.waitFor(1);
    await first.close();

    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    await api.query(Rename, { input: { id: engagement.globalId, title: "Renamed while away" } });

    const second = await recordChanges(api.url, api.users.VIEWER.token, { since: seen!.event.sequence });
    await second.waitFor(2);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "IN_PROGRESS" } });
    const all = await second.waitFor(3);
    expect(all.map((change) => change.event.version)).toEqual([3, 4, 5]);
    expect(new Set(all.map((change) => change.event.sequence)).size).toBe(3);
    await second.close();
  });

  it("refuses a subscriber without credentials", async () => {
    await expect(recordChanges(api.url, "etp_forged").then((recorder) => recorder.waitFor(1, 1_000))).rejects.toThrow(
      /UNAUTHENTICATED|Sign in/,
    );
  });
});

const postgresUrl = process.env.DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.skipIf(!postgresUrl)(
  "live changes across API processes on one PostgreSQL database (needs DATABASE_URL)",
  () => {
    let databaseUrl: string;
    let dropDatabase: () => Promise<void>;
    let token: string;
    const processes: ApiProcess[] = [];

    beforeAll(async () => {
      const fresh = await createFreshPostgresDatabase(postgresUrl!);
      databaseUrl = fresh.url;
      dropDatabase = fresh.drop;
      const db = await openDatabase({ kind: "postgres", url: databaseUrl });
      await applyMigrations(db);
      ({ token } = await createUserWithToken(db.prisma, "EDITOR", { email: "live@test.local", name: "Live Editor" }));
      await db.close();
    });
    afterAll(async () => {
      await Promise.all(processes.map((process) => process.stop()));
      await dropDatabase?.();
    });

    async function start(env: Record<string, string> = {}, port?: number) {
      const started = await startApiProcess({ DATABASE_URL: databaseUrl, ...env }, port ?? (await freePort()));
      processes.push(started);
      return started;
    }

    async function send<Data, Variables>(
      url: string,
      document: import("@graphql-typed-document-node/core").TypedDocumentNode<Data, Variables>,
      variables: Variables,
    ) {
      const { print } = await import("graphql");
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return (await response.json()) as { data: Data };
    }

    async function newEngagement() {
      const db = await openDatabase({ kind: "postgres", url: databaseUrl });
      const engagement = await insertEngagement(db.prisma, { status: "PROPOSED" });
      await db.close();
      return engagement.globalId;
    }

    const fanOuts = [["PostgreSQL LISTEN/NOTIFY", {}]] as [string, Record<string, string>][];

    it.each(fanOuts)(
      "deliver a change made on instance A to a subscriber on instance B, in order, exactly once (%s)",
      async (_, env) => {
        const [a, b] = [await start(env), await start(env)];
        const id = await newEngagement();
        const subscriber = await recordChanges(b.url, token);
        for (const status of ["PLANNED", "CONFIRMED", "IN_PROGRESS", "COMPLETED"]) {
          await send(a.url, MoveStatus, { input: { id, status: status as "PLANNED" } });
        }
        const received = await subscriber.waitFor(4);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(subscriber.received.map((change) => change.engagement.id === id && change.event.version)).toEqual([
          2, 3, 4, 5,
        ]);
        await subscriber.close();
        expect(received).toHaveLength(4);
      },
    );

    it("over Redis pub/sub too, when REDIS_URL is set", async (context) => {
      if (!(await redisAnswers(redisUrl))) skipOrFailWithout(context, `Redis at ${redisUrl} (TEST_REDIS_URL)`);
      const [a, b] = [await start({ REDIS_URL: redisUrl }), await start({ REDIS_URL: redisUrl })];
      const id = await newEngagement();
      const subscriber = await recordChanges(b.url, token);
      for (const status of ["PLANNED", "CONFIRMED", "IN_PROGRESS"]) {
        await send(a.url, MoveStatus, { input: { id, status: status as "PLANNED" } });
      }
      await subscriber.waitFor(3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subscriber.received.map((change) => change.event.version)).toEqual([2, 3, 4]);
      await subscriber.close();
    });

    it("lets a client whose instance restarted mid-stream catch up on every change, exactly once", async () => {
      const writer = await start();
      const port = await freePort();
      let reader = await start({}, port);
      const id = await newEngagement();

      const before = await recordChanges(reader.url, token);
      await send(writer.url, MoveStatus, { input: { id, status: "PLANNED" } });
      const [last] = await before.waitFor(1);
      await before.close();
      expect(await reader.stop()).toBe(0);

      await send(writer.url, MoveStatus, { input: { id, status: "CONFIRMED" } });
      await send(writer.url, Rename, { input: { id, title: "Changed while the reader was down" } });
      await send(writer.url, MoveStatus, { input: { id, status: "IN_PROGRESS" } });

      reader = await start({}, port);
      const after = await recordChanges(reader.url, token, { since: last!.event.sequence });
      await after.waitFor(3);
      await send(writer.url, MoveStatus, { input: { id, status: "COMPLETED" } });
      await after.waitFor(4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(after.received.map((change) => [change.event.kind, change.event.version])).toEqual([
        ["STATUS_CHANGED", 3],
        ["EDITED", 4],
        ["STATUS_CHANGED", 5],
        ["STATUS_CHANGED", 6],
      ]);
      await after.close();
    });
  },
);
