import type { Prisma } from "@engagement-tracker/db";
import type { Loaders } from "../loader-registry.ts";
import { MILESTONES_IN_ORDER } from "../milestones/milestone.service.ts";
import { toMilestone } from "../milestones/milestone.type.ts";
import { PARTICIPANTS_IN_ORDER } from "../organizations/organization.service.ts";
import { toParticipant } from "../organizations/organization.type.ts";
import { toSeries } from "../series/series.type.ts";
import { publicUserFields, toUser } from "../users/user.type.ts";
import type { IncludedRelations } from "./engagement.queries.ts";
import type { Engagement } from "./engagement.type.ts";
import { toStatusChange } from "./status-change.type.ts";

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
    const needsMilestones = ["milestones", "health", "healthReasons", "healthIssues"].some((field) =>
      selected.has(field),
    );
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

  prime(loaders: Loaders, engagement: Engagement, included: IncludedRelations): void {
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
