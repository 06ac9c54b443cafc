// Which engagements a read covers, as SQL fragments over "Engagement" as `e`: the list's filters,
// the health rules and the keyset positions compose into one WHERE clause.
import { isCountryCode } from "@engagement-tracker/schema/countries";
import type { EngagementStatus } from "@engagement-tracker/db";
import type { DB } from "@engagement-tracker/db/kysely";
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { badInput } from "../../common/connection.ts";
import { rowIdOf, type NodeTypeName } from "../../common/node.ts";
import { MAX_SEARCH_LENGTH, boundWithinStoredDates } from "../../common/validation.ts";
import type { EngagementFilter } from "../engagement.inputs.ts";
import { AT_RISK_LEAD_DAYS, Health, SETTLED_STATUSES, addDays } from "../health.ts";
import { TERMINAL_STATUSES } from "../lifecycle.ts";
import { dayValue, enumValues, uuidValue, uuidValues } from "./sql.ts";

/** A filter with the user `mine` means: the viewer, or whoever owns the saved view or feed that keeps it. */
export type ViewerFilter = EngagementFilter & { mineFor?: string | null };

/** `filter` as `viewerRowId` reads it: `mine` names them. */
export const forViewer = (
  filter: EngagementFilter | null | undefined,
  viewerRowId: string | null,
): ViewerFilter | null | undefined => (filter?.mine ? { ...filter, mineFor: viewerRowId } : filter);

export type EngagementScope = ExpressionBuilder<DB & { e: DB["Engagement"] }, "e">;
export type Condition = Expression<SqlBool>;

const statusIn = (eb: EngagementScope, statuses: readonly EngagementStatus[]) =>
  eb("e.status", "in", enumValues("EngagementStatus", statuses));

export const isOpen = (eb: EngagementScope) => eb.not(statusIn(eb, TERMINAL_STATUSES));

/** The health rules of `assessHealth`, as conditions on one engagement. */
export function healthCondition(eb: EngagementScope, health: Health, today: Date): Condition {
  const notEnded = eb("e.endsOn", ">=", dayValue(today));
  const startsUnsettled = eb.and([
    eb.not(statusIn(eb, SETTLED_STATUSES)),
    eb("e.startsOn", "<=", dayValue(addDays(today, AT_RISK_LEAD_DAYS))),
  ]);
  // `IN` rather than a correlated EXISTS: beside an OR, PostgreSQL hashes the set of engagements with a
  // past-due milestone once instead of probing the milestones for every engagement the walk meets.
  const milestonePastDue = eb(
    "e.id",
    "in",
    eb
      .selectFrom("Milestone as m")
      .select("m.engagementId")
      .where("m.completedAt", "is", null)
      .where("m.removedAt", "is", null)
      .where("m.dueOn", "<", dayValue(today)),
  );
  switch (health) {
    case Health.OVERDUE:
      return eb.and([isOpen(eb), eb("e.endsOn", "<", dayValue(today))]);
    case Health.AT_RISK:
      return eb.and([isOpen(eb), notEnded, eb.or([startsUnsettled, milestonePastDue])]);
    case Health.ON_TRACK:
      return eb.and([isOpen(eb), notEnded, eb.not(startsUnsettled), eb.not(milestonePastDue)]);
    case Health.CLOSED:
      return statusIn(eb, TERMINAL_STATUSES);
  }
}

/** Refuses a filter the API cannot answer (before any SQL is built from it). */
export function checkFilter(filter: EngagementFilter | null | undefined): void {
  // PostgreSQL text cannot hold U+0000: refuse it as bad input rather than fail in the database.
  if (filter && JSON.stringify(filter).includes("\\u0000"))
    throw badInput("Filters cannot contain NUL characters.", "filter");
  if ((filter?.search?.length ?? 0) > MAX_SEARCH_LENGTH) {
    throw badInput(`Search text is at most ${MAX_SEARCH_LENGTH} characters.`, "filter");
  }
  const unknown = filter?.countries?.find((code) => !isCountryCode(code));
  if (unknown !== undefined) {
    throw badInput(`"${unknown}" is not an ISO 3166-1 alpha-2 country code such as "US" or "CN".`, "countries");
  }
  filter?.seriesIds?.forEach((id) => requireRowId("Series", id, "seriesIds"));
  filter?.ownerIds?.forEach((id) => requireRowId("User", id, "ownerIds"));
}

/** Engagements `userRowId` owns or co-owns. */
export function ownedOrCoOwnedBy(eb: EngagementScope, userRowId: string): Condition {
  return eb.or([
    eb("e.ownerId", "=", uuidValue(userRowId)),
    eb.exists(
      eb
        .selectFrom("EngagementCoOwner as co")
        .select(sql.lit(1).as("one"))
        .whereRef("co.engagementId", "=", "e.id")
        .where("co.userId", "=", uuidValue(userRowId)),
    ),
  ]);
}

/** The engagements `filter` lets through, as of `today`. */
export function filterCondition(eb: EngagementScope, filter: ViewerFilter | null | undefined, today: Date): Condition {
  checkFilter(filter);
  const conditions: Condition[] = [];
  if (filter?.archived != null) conditions.push(eb("e.archivedAt", filter.archived ? "is not" : "is", null));
  else if (!filter?.includeArchived) conditions.push(eb("e.archivedAt", "is", null));
  if (filter?.upcoming) conditions.push(eb.and([isOpen(eb), eb("e.endsOn", ">=", dayValue(today))]));
  if (filter?.statuses?.length) conditions.push(statusIn(eb, filter.statuses));
  if (filter?.kinds?.length) {
    conditions.push(eb("e.kind", "in", enumValues("EngagementKind", filter.kinds)));
  }
  if (filter?.seriesIds?.length) {
    const rowIds = filter.seriesIds.map((id) => requireRowId("Series", id, "seriesIds"));
    conditions.push(eb("e.seriesId", "in", uuidValues(rowIds)));
  }
  if (filter?.ownerIds?.length) {
    const rowIds = filter.ownerIds.map((id) => requireRowId("User", id, "ownerIds"));
    conditions.push(eb("e.ownerId", "in", uuidValues(rowIds)));
  }
  // Without a user to read it for, `mine` matches nothing rather than everything.
  if (filter?.mine) conditions.push(filter.mineFor ? ownedOrCoOwnedBy(eb, filter.mineFor) : eb.lit(false));
  if (filter?.countries?.length) {
    conditions.push(
      eb(
        "e.country",
        "in",
        filter.countries.map((code) => code.toUpperCase()),
      ),
    );
  }
  const region = filter?.region?.trim();
  if (region) conditions.push(eb(eb.fn("lower", ["e.region"]), "=", region.toLowerCase()));
  if (filter?.health?.length) conditions.push(eb.or(filter.health.map((health) => healthCondition(eb, health, today))));
  for (const word of filter?.search?.trim().split(/\s+/).filter(Boolean) ?? []) {
    const pattern = `%${literally(word)}%`;
    conditions.push(
      eb.or([
        eb("e.title", "ilike", pattern),
        eb("e.summary", "ilike", pattern),
        eb("e.locationName", "ilike", pattern),
      ]),
    );
  }
  if (filter?.from) conditions.push(eb("e.endsOn", ">=", dayValue(boundWithinStoredDates(filter.from))));
  if (filter?.to) conditions.push(eb("e.startsOn", "<=", dayValue(boundWithinStoredDates(filter.to))));
  return eb.and(conditions);
}

/** `ILIKE` patterns: `%`, `_` and `\` in search text match only themselves. */
const literally = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function requireRowId(type: NodeTypeName, globalId: string, argumentName: string): string {
  const rowId = rowIdOf(type, globalId);
  if (!rowId) throw badInput(`"${globalId}" is not a ${type} ID.`, argumentName);
  return rowId;
}

/**
 * No engagement whose window reaches `day` (ends on it or later) starts before `day` less the
 * longest window (read from an index on the window's length). "Ends on or after" alone cannot
 * narrow a walk in start-date order; with this bound, in the same statement, it begins near `day`.
 */
export function startsNearEnoughToReach(eb: EngagementScope, day: Date): Condition {
  const longestWindow = eb.selectFrom("Engagement").select(sql<number>`max("endsOn" - "startsOn")`.as("days"));
  return eb("e.startsOn", ">=", sql<Date>`${dayValue(boundWithinStoredDates(day))} - coalesce((${longestWindow}), 0)`);
}
