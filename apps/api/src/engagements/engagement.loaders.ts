import type { PrismaClient, StatusChange as StatusChangeRow } from "@engagement-tracker/db";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { toEngagementEvent } from "./engagement-event.type.ts";
import { toEngagement } from "./engagement.type.ts";
import { toStatusChange } from "./status-change.type.ts";
import { publicUserFields, toUser } from "../users/user.type.ts";

export function createEngagementLoaders(prisma: PrismaClient) {
  return {
    activityByEngagement: groupLoader(
      async (engagementIds) =>
        (
          await prisma.engagementEvent.findMany({
            where: { engagementId: { in: engagementIds } },
            orderBy: { sequence: "asc" },
          })
        ).map(toEngagementEvent),
      (event) => event.engagementId,
    ),
    coOwnersByEngagement: groupLoader(
      async (engagementIds) =>
        (
          await prisma.engagementCoOwner.findMany({
            where: { engagementId: { in: engagementIds } },
            select: { engagementId: true, user: { select: publicUserFields } },
            orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
          })
        ).map(({ engagementId, user }) => Object.assign(toUser(user), { engagementId })),
      (user) => user.engagementId,
    ),
    engagementById: rowLoader(
      async (ids) => (await prisma.engagement.findMany({ where: { id: { in: ids } } })).map(toEngagement),
      (engagement) => engagement.rowId,
    ),
    statusChangeById: rowLoader(
      async (ids) => (await prisma.statusChange.findMany({ where: { id: { in: ids } } })).map(toStatusChange),
      (change) => change.rowId,
    ),
    statusHistoryByEngagement: groupLoader(
      async (engagementIds) =>
        (
          await prisma.statusChange.findMany({
            where: { engagementId: { in: engagementIds } },
            orderBy: [{ at: "asc" }, { id: "asc" }],
          })
        ).map(toStatusChange),
      (change) => change.engagementId,
    ),
    // DISTINCT ON reads one row per engagement; Prisma's `distinct` would fetch every row and filter in memory.
    latestStatusChangeByEngagement: rowLoader(
      async (engagementIds) =>
        (
          await prisma.$queryRaw<StatusChangeRow[]>`
            SELECT DISTINCT ON ("engagementId") *
            FROM "StatusChange"
            WHERE "engagementId" = ANY(${engagementIds}::uuid[])
            ORDER BY "engagementId", "at" DESC, "id" DESC`
        ).map(toStatusChange),
      (change) => change.engagementId,
    ),
  };
}
