import { openDatabase, type PrismaClient } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { describeNeeding, postgresServerUrl, skipOrFailWithout } from "@engagement-tracker/db/testing";
import { graphql } from "@engagement-tracker/schema";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "graphql-ws";
import { globalIdOf } from "../common/node.ts";
import { freePort, startApiProcess, type ApiProcess } from "../test/api-process.ts";
import { clientFor, createSession, createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
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

const EngagementWithRelations = graphql(`
  query LiveEngagementNow($id: ID!) {
    engagement(id: $id) {
      status
      statusHistory {
        toStatus
      }
      milestones {
        title
      }
    }
  }
`);

const WITH_RELATIONS = `
  subscription LiveWithRelations($filter: EngagementFilter, $since: String) {
    engagementChanged(filter: $filter, sinceSequence: $since) {
      event { sequence kind }
      engagement { status statusHistory { toStatus } milestones { title } }
    }
  }`;

interface ChangeWithRelations {
  event: { sequence: string; kind: string };
  engagement: { status: string; statusHistory: { toStatus: string }[]; milestones: { title: string }[] };
}

const LatestSequence = graphql(`
  query LiveLatestSequence {
    latestChangeSequence
  }
`);

const AddMilestone = graphql(`
  mutation LiveAddMilestone($input: AddMilestoneInput!) {
    addMilestone(input: $input) {
      errors {
        code
      }
    }
  }
`);

const CreateEngagement = graphql(`
  mutation LiveCreate($input: CreateEngagementInput!) {
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

const LiveSignOut = graphql(`
  mutation LiveSignOut {
    signOut {
      errors {
        code
      }
    }
  }
`);

const LiveTokens = graphql(`
  query LiveTokens {
    apiTokens {
      id
    }
  }
`);

const LiveRevoke = graphql(`
  mutation LiveRevoke($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      errors {
        code
      }
    }
  }
`);

const LiveUpdateUser = graphql(`
  mutation LiveUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      errors {
        code
      }
    }
  }
`);

const newEngagementInput = (title: string) => ({
  title,
  kind: "DIALOGUE" as const,
  status: "PLANNED" as const,
  startsOn: day(40),
  endsOn: day(41),
  locationName: "Honolulu",
  country: "US",
  hostCountry: "US",
});

/** A viewer with a dashboard session (not an API token), as signing in gives one. */
async function signedInUser(api: TestApi) {
  const { id } = await createUserWithToken(api.prisma, "VIEWER");
  return { id, token: await createSession(api.prisma, id) };
}

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
    // Changes arrive in commit order: once this last one is in, any change to the American one would be too.
    await api.query(MoveStatus, { input: { id: chinese.globalId, status: "IN_PROGRESS" } });
    await subscriber.waitFor(3);
    expect(subscriber.received.map((change) => [change.engagement.id, change.event.kind])).toEqual([
      [chinese.globalId, "STATUS_CHANGED"],
      [chinese.globalId, "EDITED"],
      [chinese.globalId, "STATUS_CHANGED"],
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
    await expect(
      recordChanges(api.url, "etp_forged", { since: null }).then((recorder) => recorder.waitFor(1, 1_000)),
    ).rejects.toThrow(/UNAUTHENTICATED|Sign in/);
  });

  it("accepts a browser's session cookie from the dashboard's origin, and refuses any other origin", async () => {
    const cookie = `et_session=${(await signedInUser(api)).token}`;
    const { latestChangeSequence } = await api.query(LatestSequence);

    await expect(
      recordChanges(api.url, null, {
        headers: { origin: "http://attacker.test", cookie },
        since: latestChangeSequence,
      }),
    ).rejects.toBeTruthy();

    const browser = await recordChanges(api.url, null, {
      headers: { origin: "http://localhost:3000", cookie },
      since: latestChangeSequence,
    });
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    const [change] = await browser.waitFor(1);
    expect(change).toMatchObject({ engagement: { id: engagement.globalId, status: "CONFIRMED" } });
    await browser.close();
  });

  it("gives each change the engagement's relations as they stand after it, not as the first change loaded them", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const subscriber = await recordChanges<ChangeWithRelations>(api.url, api.users.VIEWER.token, {
      query: WITH_RELATIONS,
    });
    const writes = [
      () => api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } }),
      () => api.query(MoveStatus, { input: { id: engagement.globalId, status: "POSTPONED", reason: "Typhoon" } }),
      () => api.query(AddMilestone, { input: { engagementId: engagement.globalId, title: "Venue", dueOn: day(20) } }),
    ];
    for (const [index, write] of writes.entries()) {
      await write();
      const received = await subscriber.waitFor(index + 1);
      const now = await api.query(EngagementWithRelations, { id: engagement.globalId });
      expect(received[index]!.engagement).toEqual(now.engagement);
    }
    expect(subscriber.received.map((change) => change.engagement.statusHistory.length)).toEqual([2, 3, 3]);
    expect(subscriber.received.at(-1)!.engagement.milestones.map((milestone) => milestone.title)).toContain("Venue");
    await subscriber.close();
  });

  it.each([
    ["a series ID that is not one", { seriesIds: ["garbage"] }],
    ["a search longer than 200 characters", { search: "x".repeat(201) }],
  ])(
    "refuses a subscription whose filter has %s, and every other subscriber still gets every change",
    async (_, filter) => {
      const everything = await recordChanges(api.url, api.users.VIEWER.token);
      const refused = await recordChanges(api.url, api.users.VIEWER.token, { filter });
      await expect(refused.waitFor(1, 2_000)).rejects.toThrow(/BAD_USER_INPUT/);
      await refused.close();
      const created = [
        await api.query(CreateEngagement, { input: newEngagementInput("After a bad filter, one") }),
        await api.query(CreateEngagement, { input: newEngagementInput("After a bad filter, two") }),
      ].map((result) => result.createEngagement.engagement!.id);
      const received = await everything.waitFor(2);
      expect(received.map((change) => change.engagement.id)).toEqual(created);
      await everything.close();
    },
  );
});

describe("subscriptions end when the access they were opened with ends", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  const endings = [
    {
      ending: "signing out",
      user: () => signedInUser(api),
      end: (user: { token: string }) => api.withToken(user.token).query(LiveSignOut),
      code: CloseCode.Unauthorized,
    },
    {
      ending: "revoking the token",
      user: () => createUserWithToken(api.prisma, "VIEWER"),
      end: async (user: { token: string }) => {
        const own = api.withToken(user.token);
        const [token] = (await own.query(LiveTokens)).apiTokens;
        await own.query(LiveRevoke, { input: { id: token!.id } });
      },
      code: CloseCode.Unauthorized,
    },
    {
      ending: "disabling the user",
      user: () => createUserWithToken(api.prisma, "VIEWER"),
      end: (user: { id: string }) =>
        api.as("ADMIN").query(LiveUpdateUser, { input: { id: globalIdOf("User", user.id), disabled: true } }),
      code: CloseCode.Unauthorized,
    },
    {
      ending: "changing the user's role",
      user: () => createUserWithToken(api.prisma, "VIEWER"),
      end: (user: { id: string }) =>
        api.as("ADMIN").query(LiveUpdateUser, { input: { id: globalIdOf("User", user.id), role: "EDITOR" } }),
      code: CloseCode.Forbidden,
    },
  ];

  it.each(endings)("$ending closes the user's open subscription with code $code", async ({ user, end, code }) => {
    const reader = await user();
    const engagement = await insertEngagement(api.prisma, { status: "PROPOSED" });
    const subscriber = await recordChanges(api.url, reader.token);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "PLANNED" } });
    await subscriber.waitFor(1);

    await end(reader);
    expect(await subscriber.closed).toMatchObject({ code });
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    expect(subscriber.received).toHaveLength(1);
  });
});

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
    const processes: ApiProcess[] = [];

    beforeAll(async () => {
      const fresh = await createFreshPostgresDatabase(postgresUrl!);
      databaseUrl = fresh.url;
      dropDatabase = fresh.drop;
      const db = await openDatabase({ kind: "postgres", url: databaseUrl });
      await applyMigrations(db);
      ({ token } = await createUserWithToken(db.prisma, "EDITOR", { email: "live@test.local", name: "Live Editor" }));
      ({ token: adminToken } = await createUserWithToken(db.prisma, "ADMIN"));
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
