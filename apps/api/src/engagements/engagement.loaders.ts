import type {
  EngagementEvent as EngagementEventRow,
  Prisma,
  PrismaClient,
  StatusChange as StatusChangeRow,
} from "@engagement-tracker/db";
import DataLoader from "dataloader";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { fromRow } from "../common/node.ts";
import type { Context } from "../context.ts";
import { MILESTONES_IN_ORDER, toMilestone } from "../milestones/milestone.service.ts";
import { PARTICIPANTS_IN_ORDER, toParticipant } from "../organizations/organization.service.ts";
import { earliestStartReaching, toEngagement, type IncludedRelations } from "./engagement.service.ts";
import type { Engagement } from "./engagement.type.ts";
import { toSeries } from "../series/series.service.ts";
import { publicUserFields, toUser } from "../users/user.service.ts";
import { EngagementEvent } from "./engagement-event.type.ts";
import { StatusChange } from "./status-change.type.ts";

export const toStatusChange = (row: StatusChangeRow): StatusChange => fromRow(StatusChange, row);

export const toEngagementEvent = ({ sequence, changes, ...row }: EngagementEventRow): EngagementEvent =>
  Object.assign(new EngagementEvent(), row, {
    sequence: sequence.toString(),
    changes: changes as Record<string, unknown>,
  });

const OLDEST_FIRST = [{ at: "asc" }, { id: "asc" }] as Prisma.StatusChangeOrderByWithRelationInput[];
const NEWEST_FIRST = [{ at: "desc" }, { id: "desc" }] as Prisma.StatusChangeOrderByWithRelationInput[];

/**
 * Reads, in an engagement's own statement, the relations its selected fields need, and hands
 * them to the loaders those fields read from: a page of any size, or one engagement with its
 * history, is then one statement.
 */
export class RelatedReads {
  readonly include: Prisma.EngagementInclude;
  private readonly wholeHistory: boolean;

  constructor(selected: ReadonlySet<string>) {
    const needsMilestones = selected.has("milestones") || selected.has("health") || selected.has("healthReasons");
    this.wholeHistory = selected.has("statusHistory");
    // The whole history, when asked for, also yields the latest change.
    const actor = { select: publicUserFields };
    const statusChanges = this.wholeHistory
      ? { orderBy: OLDEST_FIRST, include: { actor } }
      : selected.has("latestStatusChange") && { orderBy: NEWEST_FIRST, take: 1, include: { actor } };
    this.include = {
      ...(selected.has("series") && { series: true }),
      ...(selected.has("participants") && { participations: PARTICIPANTS_IN_ORDER }),
      ...(needsMilestones && { milestones: MILESTONES_IN_ORDER }),
      ...(statusChanges && { statusChanges }),
    };
  }

  prime(loaders: Context["loaders"], engagement: Engagement, included: IncludedRelations): void {
    const { rowId } = engagement;
    const { series, participations, milestones, statusChanges } = included;
    loaders.engagementById.prime(rowId, engagement);
    if (series) loaders.seriesById.prime(series.id, toSeries(series));
    if (participations) loaders.participantsByEngagement.prime(rowId, participations.map(toParticipant));
    if (milestones) loaders.milestonesByEngagement.prime(rowId, milestones.map(toMilestone));
    if (!statusChanges) return;
    const changes = statusChanges.map(({ actor, ...change }) => {
      if (actor) loaders.userById.prime(actor.id, toUser(actor));
      return toStatusChange(change);
    });
    if (this.wholeHistory) loaders.statusHistoryByEngagement.prime(rowId, changes);
    loaders.latestStatusChangeByEngagement.prime(rowId, (this.wholeHistory ? changes.at(-1) : changes[0]) ?? null);
  }
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
