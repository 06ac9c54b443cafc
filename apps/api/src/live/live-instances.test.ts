import { openDatabase, type PrismaClient } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { describeNeeding, postgresServerUrl, skipOrFailWithout } from "@engagement-tracker/db/testing";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CloseCode } from "graphql-ws";
import { globalIdOf } from "../common/node.ts";
import { freePort, startApiProcess, type ApiProcess } from "../test/api-process.ts";
import { clientFor, createUserWithToken } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { CreateEngagement, LiveUpdateUser, MoveStatus, Rename, newEngagementInput } from "../test/shared-operations.ts";
import { redisAnswers } from "../test/redis.ts";
import { NOTIFICATION_ADDED, recordChanges } from "../test/subscriptions.ts";

const postgresUrl = postgresServerUrl();
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describeNeeding(
  postgresUrl ? null : "a PostgreSQL server (TEST_POSTGRES_URL or DATABASE_URL)",
  "live changes across API processes on one PostgreSQL database",
  () => {
    let databaseUrl: string;
    let dropDatabase: () => Promise<void>;
    let token: string;
    let adminToken: string;
    let adminId: string;
    const processes: ApiProcess[] = [];

    beforeAll(async () => {
      const fresh = await createFreshPostgresDatabase(postgresUrl!);
      databaseUrl = fresh.url;
      dropDatabase = fresh.drop;
      const db = await openDatabase({ kind: "postgres", url: databaseUrl });
      await applyMigrations(db);
      ({ token } = await createUserWithToken(db.prisma, "EDITOR", { email: "live@test.local", name: "Live Editor" }));
      ({ token: adminToken, id: adminId } = await createUserWithToken(db.prisma, "ADMIN"));
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
      document: TypedDocumentNode<Data, Variables>,
      variables: Variables,
      as = token,
    ) {
      return clientFor(url, as).query(document, variables);
    }

    async function withDatabase<Result>(work: (prisma: PrismaClient) => Promise<Result>): Promise<Result> {
      const db = await openDatabase({ kind: "postgres", url: databaseUrl });
      try {
        return await work(db.prisma);
      } finally {
        await db.close();
      }
    }

    const newEngagement = () =>
      withDatabase(async (prisma) => (await insertEngagement(prisma, { status: "PROPOSED" })).globalId);

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
        // Changes arrive in sequence order: a repeated or stray one would come before this last one.
        await send(a.url, Rename, { input: { id, title: "The last change" } });
        await subscriber.waitFor(5);
        expect(subscriber.received.map((change) => change.engagement.id === id && change.event.version)).toEqual([
          2, 3, 4, 5, 6,
        ]);
        await subscriber.close();
      },
    );

    it("deliver a notification created on instance A to its recipient's subscription on instance B", async () => {
      const [a, b] = [await start(), await start()];
      const id = await withDatabase(async (prisma) => (await insertEngagement(prisma, { ownerId: adminId })).globalId);
      const inbox = await recordChanges(b.url, adminToken, { query: NOTIFICATION_ADDED, field: "notificationAdded" });
      await send(a.url, Rename, { input: { id, title: "Renamed on A" } });
      expect(await inbox.waitFor(1)).toEqual([
        { kind: "EDITED", reason: "WATCHING", engagement: { id }, actor: { name: "Live Editor" } },
      ]);
      await inbox.close();
    });

    it("over Redis pub/sub too, when REDIS_URL is set", async (context) => {
      if (!(await redisAnswers(redisUrl))) skipOrFailWithout(context, `Redis at ${redisUrl} (TEST_REDIS_URL)`);
      const [a, b] = [await start({ REDIS_URL: redisUrl }), await start({ REDIS_URL: redisUrl })];
      const id = await newEngagement();
      const subscriber = await recordChanges(b.url, token);
      for (const status of ["PLANNED", "CONFIRMED", "IN_PROGRESS"]) {
        await send(a.url, MoveStatus, { input: { id, status: status as "PLANNED" } });
      }
      await send(a.url, Rename, { input: { id, title: "The last change" } });
      await subscriber.waitFor(4);
      expect(subscriber.received.map((change) => change.event.version)).toEqual([2, 3, 4, 5]);
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
      await send(writer.url, Rename, { input: { id, title: "The last change" } });
      await after.waitFor(5);
      expect(after.received.map((change) => [change.event.kind, change.event.version])).toEqual([
        ["STATUS_CHANGED", 3],
        ["EDITED", 4],
        ["STATUS_CHANGED", 5],
        ["STATUS_CHANGED", 6],
        ["EDITED", 7],
      ]);
      await after.close();
    });

    it("refuses a bad filter on one instance while subscribers on both still get every change", async () => {
      const [a, b] = [await start(), await start()];
      const onA = await recordChanges(a.url, token);
      const onB = await recordChanges(b.url, token);
      const refused = await recordChanges(b.url, token, { filter: { seriesIds: ["garbage"] } });
      await expect(refused.waitFor(1, 2_000)).rejects.toThrow(/BAD_USER_INPUT/);
      await refused.close();
      const created = [];
      for (const title of ["Made after a bad filter, one", "Made after a bad filter, two"]) {
        const { createEngagement } = await send(a.url, CreateEngagement, { input: newEngagementInput(title) });
        created.push(createEngagement.engagement!.id);
      }
      for (const subscriber of [onA, onB]) {
        expect((await subscriber.waitFor(2)).map((change) => change.engagement.id)).toEqual(created);
        await subscriber.close();
      }
    });

    it("closes a subscription on instance B within 6 s of its user being disabled on instance A", async () => {
      const [a, b] = [await start(), await start()];
      const reader = await withDatabase((prisma) => createUserWithToken(prisma, "VIEWER"));
      const id = await newEngagement();
      const subscriber = await recordChanges(b.url, reader.token);
      await send(a.url, MoveStatus, { input: { id, status: "PLANNED" } });
      await subscriber.waitFor(1);

      await send(a.url, LiveUpdateUser, { input: { id: globalIdOf("User", reader.id), disabled: true } }, adminToken);
      const disabledAt = Date.now();
      const closed = await subscriber.closed;
      expect(closed.code).toBe(CloseCode.Unauthorized);
      // Instance B forgets credentials within its viewer cache's 5 s and looks again every half second.
      expect(Date.now() - disabledAt).toBeLessThan(6_000);
      await send(a.url, MoveStatus, { input: { id, status: "CONFIRMED" } });
      expect(subscriber.received).toHaveLength(1);
    });
  },
  // Each test starts two or three API processes: about 10 s each on a busy two-core machine.
  { timeout: 90_000 },
);
