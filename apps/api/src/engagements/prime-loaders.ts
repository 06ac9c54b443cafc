// What a read brought along with each engagement, handed to the loaders its fields read from.
import type { Loaders } from "../loader-registry.ts";
import { toMilestone } from "../milestones/milestone.type.ts";
import { toParticipant } from "../organizations/organization.type.ts";
import { toSeries } from "../series/series.type.ts";
import { toUser } from "../users/user.type.ts";
import type { ReadEngagement, StatusChangeWithActor } from "./read/index.ts";
import { toStatusChange } from "./status-change.type.ts";

/** Hands what was read with an engagement to the loaders its fields read from. */
export function primeLoaders(loaders: Loaders, { engagement, related }: ReadEngagement): void {
  const { rowId } = engagement;
  const { series, participants, milestones, statusHistory, latestStatusChange } = related;
  if (series) loaders.seriesById.prime(series.id, toSeries(series));
  if (participants) loaders.participantsByEngagement.prime(rowId, participants.map(toParticipant));
  if (milestones) loaders.milestonesByEngagement.prime(rowId, milestones.map(toMilestone));
  const withActor = ({ actor, ...change }: StatusChangeWithActor) => {
    if (actor) loaders.userById.prime(actor.id, toUser(actor));
    return toStatusChange(change);
  };
  if (statusHistory) {
    const history = statusHistory.map(withActor);
    loaders.statusHistoryByEngagement.prime(rowId, history);
    loaders.latestStatusChangeByEngagement.prime(rowId, history.at(-1) ?? null);
  } else if (latestStatusChange !== undefined) {
    loaders.latestStatusChangeByEngagement.prime(rowId, latestStatusChange && withActor(latestStatusChange));
  }
}
