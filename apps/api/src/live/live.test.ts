import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { CreateEngagement, MoveStatus, Rename, newEngagementInput, signedInUser } from "../test/shared-operations.ts";
import { recordChanges } from "../test/subscriptions.ts";

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

  it("answers a subscription sent over HTTP with 400 and where to subscribe, running nothing", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${api.users.VIEWER.token}` },
      body: JSON.stringify({ query: 'subscription { engagementChanged(sinceSequence: "0") { event { sequence } } }' }),
    });
    expect(response.status).toBe(400);
    const { data, errors } = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(data).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("over WebSocket"),
        extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED" }),
      }),
    ]);
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

  it("tells each subscriber whether a change concerns them: an engagement they own, or a change that notified them", async () => {
    const CONCERNS = `
      subscription LiveConcerns { engagementChanged { engagement { id } concernsViewer } }`;
    const owned = await insertEngagement(api.prisma, { ownerId: api.users.VIEWER.id });
    const watched = await insertEngagement(api.prisma);
    await api.prisma.watch.create({ data: { userId: api.users.ADMIN.id, engagementId: watched.id } });
    type Concerns = { engagement: { id: string }; concernsViewer: boolean };
    const owner = await recordChanges<Concerns>(api.url, api.users.VIEWER.token, { query: CONCERNS });
    const watcher = await recordChanges<Concerns>(api.url, api.users.ADMIN.token, { query: CONCERNS });
    await api.query(Rename, { input: { id: owned.globalId, title: "Renamed, owned" } });
    await api.query(Rename, { input: { id: watched.globalId, title: "Renamed, watched" } });
    const concerns = async (recorder: typeof owner) =>
      (await recorder.waitFor(2)).map((change) => [change.engagement.id, change.concernsViewer]);
    expect(await concerns(owner)).toEqual([
      [owned.globalId, true],
      [watched.globalId, false],
    ]);
    expect(await concerns(watcher)).toEqual([
      [owned.globalId, false],
      [watched.globalId, true],
    ]);
    await Promise.all([owner.close(), watcher.close()]);
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
