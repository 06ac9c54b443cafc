// The viewer's notifications and watches: reading, marking read, watching and unwatching.
// Notifications themselves are written with the change that causes them (engagements/watching.ts).
import type { PrismaClient } from "@engagement-tracker/db";
import DataLoader from "dataloader";
import { badInput, decodeCursor, encodeCursor, readPageArgs, slicePage, type PageArgs } from "../common/connection.ts";
import { rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse, userError } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { requireEngagementRowId } from "../engagements/engagement.commands.ts";
import type { MarkNotificationsReadInput, WatchEngagementInput } from "./notification.inputs.ts";
import { NotificationConnection, toNotification } from "./notification.type.ts";

const ORDERING = "notifications:newest";

/** A page of `userId`'s notifications, newest first (forward paging only). */
export async function readNotifications(
  prisma: PrismaClient,
  userId: string,
  page: PageArgs,
  unreadOnly: boolean,
): Promise<NotificationConnection> {
  const request = readPageArgs(page);
  if (request.backward) throw badInput("Notifications page forward, with `first` and `after`.");
  const after = request.cursor ? decodeCursor(request.cursor, ORDERING) : null;
  const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  const rows = await prisma.notification.findMany({
    where: after
      ? {
          ...where,
          OR: [
            { createdAt: { lt: new Date(after.value) } },
            { createdAt: new Date(after.value), id: { lt: after.rowId } },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: request.size + 1,
  });
  const cursorOf = (row: (typeof rows)[number]) =>
    encodeCursor({ ordering: ORDERING, value: row.createdAt.toISOString(), rowId: row.id });
  const sliced = slicePage(rows, request, cursorOf);
  return Object.assign(new NotificationConnection(), {
    edges: sliced.rows.map((row) => ({ node: toNotification(row), cursor: cursorOf(row) })),
    pageInfo: sliced.pageInfo,
    countTotal: () => prisma.notification.count({ where }),
  });
}

export const unreadCount = (prisma: PrismaClient, userId: string): Promise<number> =>
  prisma.notification.count({ where: { userId, readAt: null } });

/** Marks the named (or all) unread notifications of `userId` read; one not theirs refuses the lot. */
export async function markRead(
  prisma: PrismaClient,
  input: MarkNotificationsReadInput,
  userId: string,
): Promise<number> {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
  if (!input.all && !input.ids?.length) refuse(UserErrorCode.VALIDATION, "Name notifications, or mark all.", ["ids"]);
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    if (input.all) {
      await tx.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
    } else {
      const ids = input.ids!.map((id) => rowIdOf("Notification", id));
      const mine = new Set(
        (
          await tx.notification.findMany({
            where: { id: { in: ids.filter((id) => id !== null) }, userId },
            select: { id: true },
          })
        ).map((row) => row.id),
      );
      const unknown = ids
        .map((id, index) => [id, index] as const)
        .filter(([id]) => !id || !mine.has(id))
        .map(([, index]) =>
          userError(UserErrorCode.NOT_FOUND, `You have no notification "${input.ids![index]}".`, [
            "ids",
            String(index),
          ]),
        );
      if (unknown.length) throw new RefusedError(unknown);
      await tx.notification.updateMany({ where: { id: { in: [...mine] }, readAt: null }, data: { readAt: now } });
    }
    return tx.notification.count({ where: { userId, readAt: null } });
  });
}

/** Watches or unwatches; an unwatch is kept, so automatic watching leaves the user alone after it. */
export async function setWatching(prisma: PrismaClient, input: WatchEngagementInput, userId: string): Promise<string> {
  const engagementId = requireEngagementRowId(input.engagementId, "engagementId");
  if (!(await prisma.engagement.count({ where: { id: engagementId } }))) {
    refuse(UserErrorCode.NOT_FOUND, `No engagement has the ID "${input.engagementId}".`, ["engagementId"]);
  }
  await prisma.watch.upsert({
    where: { userId_engagementId: { userId, engagementId } },
    create: { userId, engagementId, watching: input.watching },
    update: { watching: input.watching },
  });
  return engagementId;
}

export function createNotificationLoaders(prisma: PrismaClient) {
  return {
    /** Whether one user watches each engagement: keyed "userId engagementId". */
    watching: new DataLoader<string, boolean>(async (keys) => {
      const pairs = keys.map((key) => key.split(" ") as [string, string]);
      const rows = await prisma.watch.findMany({
        where: { OR: pairs.map(([userId, engagementId]) => ({ userId, engagementId })), watching: true },
        select: { userId: true, engagementId: true },
      });
      const watched = new Set(rows.map((row) => `${row.userId} ${row.engagementId}`));
      return keys.map((key) => watched.has(key));
    }),
  };
}
