import type { PrismaClient, StatusChange as StatusChangeRow } from "@engagement-tracker/db";
import DataLoader from "dataloader";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { toEngagementEvent } from "./engagement-event.type.ts";
import { boundWithinStoredDates } from "../common/validation.ts";
import { addDays } from "./health.ts";
import { toEngagement } from "./engagement.type.ts";
import { toStatusChange } from "./status-change.type.ts";
import { publicUserFields, toUser } from "../users/user.type.ts";

/**
 * The earliest start of any engagement whose window reaches `day` (ends on it or later): `day`
 * less the longest window (read from an index on the window's length).
 */
async function earliestStartReaching(prisma: PrismaClient, day: Date): Promise<Date> {
  const [longest] = await prisma.$queryRaw<{ days: number | null }[]>`
    SELECT max("endsOn" - "startsOn") AS days FROM "Engagement"`;
  return addDays(boundWithinStoredDates(day), -(longest?.days ?? 0));
}

export function createEngagementLoaders(prisma: PrismaClient) {
  return {
    /** Per request, so lists drawn for the same day look the longest window up once. */
    earliestStartReaching: new DataLoader<Date, Date, number>(
      (days) => Promise.all(days.map((day) => earliestStartReaching(prisma, day))),
      { cacheKeyFn: (day) => day.getTime() },
    ),
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
