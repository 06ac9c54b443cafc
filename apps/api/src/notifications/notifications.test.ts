import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { appendEvent } from "../engagements/versioned-write.ts";
import { jobQueueOf } from "../jobs/job-queue.ts";
import { clientFor, createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { NOTIFICATION_ADDED, recordChanges } from "../test/subscriptions.ts";

const AddComment = graphql(`
  mutation NotifyAddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      errors {
        code
      }
    }
  }
`);

const Rename = graphql(`
  mutation NotifyRename($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      errors {
        code
      }
    }
  }
`);

const Watch = graphql(`
  mutation NotifyWatch($input: WatchEngagementInput!) {
    watchEngagement(input: $input) {
      watching
      engagement {
        viewerIsWatching
      }
      errors {
        code
      }
    }
  }
`);

const Inbox = graphql(`
  query NotifyInbox {
    unreadNotificationCount
    notifications(first: 20) {
      nodes {
        id
        kind
        reason
        readAt
        actor {
          name
        }
        engagement {
          id
        }
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation NotifyMarkRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      unreadCount
      errors {
        code
        field
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** Notifications of one engagement per recipient row ID: [kind, reason] each. */
async function notificationsOf(engagementId: string) {
  const rows = await api.prisma.notification.findMany({ where: { engagementId }, orderBy: { eventSequence: "asc" } });
  const byUser = new Map<string, [string, string][]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), [row.kind, row.reason]]);
  return byUser;
}

describe("watching and notifications", () => {
  it("a comment with a mention notifies the mentioned user once and each watcher once, never its author", async () => {
    const coOwner = await createUserWithToken(api.prisma, "EDITOR");
    const watcher = await createUserWithToken(api.prisma, "VIEWER");
    const engagement = await insertEngagement(api.prisma, { ownerId: api.users.EDITOR.id });
    await api.prisma.engagementCoOwner.create({ data: { engagementId: engagement.id, userId: coOwner.id } });
    const watched = await clientFor(api.url, watcher.token).query(Watch, {
      input: { engagementId: engagement.globalId, watching: true },
    });
    expect(watched.watchEngagement).toEqual({ watching: true, engagement: { viewerIsWatching: true }, errors: [] });

    // The owner is mentioned too: still one notification, for the mention.
    const mentions = [api.users.ADMIN.id, api.users.EDITOR.id].map((id) => globalIdOf("User", id));
    await api
      .as("VIEWER")
      .query(AddComment, { input: { engagementId: engagement.globalId, body: "Who?", mentionIds: mentions } });

    expect(Object.fromEntries(await notificationsOf(engagement.id))).toEqual({
      [api.users.ADMIN.id]: [["COMMENTED", "MENTIONED"]],
      [api.users.EDITOR.id]: [["COMMENTED", "MENTIONED"]],
      [coOwner.id]: [["COMMENTED", "WATCHING"]],
      [watcher.id]: [["COMMENTED", "WATCHING"]],
    });
    // The commenter and the mentioned now watch it.
    const watches = await api.prisma.watch.findMany({ where: { engagementId: engagement.id, watching: true } });
    expect(watches.map((watch) => watch.userId).sort()).toEqual(
      [api.users.VIEWER.id, api.users.ADMIN.id, api.users.EDITOR.id, coOwner.id, watcher.id].sort(),
    );
  });

  it("an unwatch sticks, and nobody hears of their own change", async () => {
    const engagement = await insertEngagement(api.prisma, { ownerId: api.users.ADMIN.id });
    await api.as("ADMIN").query(Watch, { input: { engagementId: engagement.globalId, watching: false } });
    await api.query(Rename, { input: { id: engagement.globalId, title: `${engagement.title} (renamed)` } });
    // The commenter watches from now on, but hears nothing of the comment itself.
    await api.as("VIEWER").query(AddComment, { input: { engagementId: engagement.globalId, body: "Noted." } });
    expect(await notificationsOf(engagement.id)).toEqual(new Map());

    await api.query(Rename, { input: { id: engagement.globalId, title: `${engagement.title} (again)` } });
    expect(Object.fromEntries(await notificationsOf(engagement.id))).toEqual({
      [api.users.VIEWER.id]: [["EDITED", "WATCHING"]],
    });
  });

  it("a write that rolls back leaves no notification, nor does a refused one", async () => {
    const engagement = await insertEngagement(api.prisma, { ownerId: api.users.ADMIN.id });
    const before = await api.prisma.notification.count();
    await expect(
      api.prisma.$transaction(async (tx) => {
        await appendEvent(
          tx,
          { engagementId: engagement.id, kind: "EDITED", version: 2, actorId: api.users.EDITOR.id },
          { jobs: jobQueueOf(api.prisma) },
        );
        expect(await tx.notification.count({ where: { engagementId: engagement.id } })).toBe(1);
        throw new Error("the rest of the write failed");
      }),
    ).rejects.toThrow("the rest of the write failed");
    const stale = await api.query(Rename, { input: { id: engagement.globalId, title: "Never", expectedVersion: 7 } });
    expect(stale.updateEngagement.errors[0]!.code).toBe("VERSION_CONFLICT");
    expect(await api.prisma.notification.count()).toBe(before);
  });

  it("lists the viewer's notifications newest first, counts the unread, and marks one or all read", async () => {
    const reader = await createUserWithToken(api.prisma, "VIEWER");
    const client = clientFor(api.url, reader.token);
    const engagement = await insertEngagement(api.prisma, { ownerId: reader.id });
    await api.query(Rename, { input: { id: engagement.globalId, title: `${engagement.title}, first` } });
    await api.query(Rename, { input: { id: engagement.globalId, title: `${engagement.title}, second` } });

    const inbox = await client.query(Inbox);
    expect(inbox.unreadNotificationCount).toBe(2);
    expect(inbox.notifications.nodes).toEqual([
      expect.objectContaining({ kind: "EDITED", reason: "WATCHING", readAt: null, actor: { name: "Test EDITOR" } }),
      expect.objectContaining({ kind: "EDITED", engagement: { id: engagement.globalId } }),
    ]);
    const [newest] = inbox.notifications.nodes;

    const theirs = await api.query(MarkRead, { input: { ids: [newest!.id] } });
    expect(theirs.markNotificationsRead.errors).toEqual([{ code: "NOT_FOUND", field: ["ids", "0"] }]);
    expect((await client.query(Inbox)).unreadNotificationCount).toBe(2);

    const one = await client.query(MarkRead, { input: { ids: [newest!.id] } });
    expect(one.markNotificationsRead).toEqual({ unreadCount: 1, errors: [] });
    const all = await client.query(MarkRead, { input: { all: true } });
    expect(all.markNotificationsRead).toEqual({ unreadCount: 0, errors: [] });
    expect((await client.query(Inbox)).notifications.nodes.every((node) => node.readAt !== null)).toBe(true);
  });

  it("notificationAdded brings the viewer their new notifications and nobody else's", async () => {
    const engagement = await insertEngagement(api.prisma, { ownerId: api.users.VIEWER.id });
    const mine = await recordChanges(api.url, api.users.VIEWER.token, {
      query: NOTIFICATION_ADDED,
      field: "notificationAdded",
    });
    const others = await recordChanges(api.url, api.users.ADMIN.token, {
      query: NOTIFICATION_ADDED,
      field: "notificationAdded",
    });
    await api.query(Rename, { input: { id: engagement.globalId, title: `${engagement.title}, live` } });
    expect(await mine.waitFor(1)).toEqual([
      { kind: "EDITED", reason: "WATCHING", engagement: { id: engagement.globalId }, actor: { name: "Test EDITOR" } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(others.received).toEqual([]);
    await Promise.all([mine.close(), others.close()]);
  });
});
