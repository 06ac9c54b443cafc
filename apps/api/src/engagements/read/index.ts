// The engagement read module: every list, page and single engagement the API reads comes from
// here, in one statement shaped as JSON by the database (writes stay on Prisma).
import type { Prisma, PrismaClient } from "@engagement-tracker/db";
import { OrderDirection, readPageArgs, slicePage, type PageArgs, type PageInfo } from "../../common/connection.ts";
import type { PublicUserRow } from "../../users/user.type.ts";
import { DEFAULT_ORDER, pageParts, type PositionedRow } from "../engagement-order.ts";
import type { EngagementOrder } from "../engagement.inputs.ts";
import { toEngagement, type Engagement, type EngagementRow } from "../engagement.type.ts";
import { todayUtc } from "../health.ts";
import {
  filterCondition,
  startsNearEnoughToReach,
  type Condition,
  type EngagementScope,
  type ViewerFilter,
} from "./conditions.ts";
import type { ReadPlan } from "./plan.ts";
import { runQuery, sqlBuilder, uuidValue, uuidValues } from "./sql.ts";
import { countMatching, readList, reviveEngagement, type ShapedEngagement } from "./statements.ts";

export {
  checkFilter,
  filterCondition,
  forViewer,
  ownedOrCoOwnedBy,
  healthCondition,
  isOpen,
  startsNearEnoughToReach,
  type Condition,
  type EngagementScope,
  type ViewerFilter,
} from "./conditions.ts";
export { countMatching, engagementObject, reviveMilestone, type ShapedEngagement } from "./statements.ts";
export { WHOLE_ENGAGEMENT, planRead, type ReadPlan } from "./plan.ts";
export { dayValue, runQuery, sqlBuilder, uuidValue } from "./sql.ts";

export type StatusChangeWithActor = Prisma.StatusChangeGetPayload<object> & { actor: PublicUserRow | null };

/** The relations read with an engagement, as the database shaped them. */
interface Related {
  series?: Prisma.SeriesGetPayload<object> | null;
  participants?: Prisma.ParticipationGetPayload<{ include: { organization: true } }>[];
  milestones?: Prisma.MilestoneGetPayload<object>[];
  statusHistory?: StatusChangeWithActor[];
  latestStatusChange?: StatusChangeWithActor | null;
}

/** An engagement read by this module: the engagement, and what its selected fields need, for the loaders. */
export interface ReadEngagement {
  engagement: Engagement;
  related: Related;
}

function split(shaped: ShapedEngagement): ReadEngagement {
  const {
    series,
    participants,
    milestones,
    statusHistory,
    latestStatusChange,
    cursorRank: _part,
    ...columns
  } = shaped as ShapedEngagement & Related;
  return {
    engagement: toEngagement(columns as unknown as EngagementRow),
    related: { series, participants, milestones, statusHistory, latestStatusChange },
  };
}

/** An engagement another statement nested with `engagementObject`, its dates revived, split for the loaders. */
export function readNested(shaped: ShapedEngagement): ReadEngagement {
  reviveEngagement(shaped);
  return split(shaped);
}

export interface EngagementPage {
  rows: ReadEngagement[];
  cursors: string[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

/** One keyset page in one statement: its cost does not grow with how deep the page is. */
export async function readEngagementPage(
  prisma: PrismaClient,
  args: { page: PageArgs; filter?: ViewerFilter | null; orderBy?: EngagementOrder | null; plan: ReadPlan },
): Promise<EngagementPage> {
  const request = readPageArgs(args.page);
  const order = args.orderBy ?? DEFAULT_ORDER;
  const displayDirection = order.direction === OrderDirection.ASC ? "asc" : "desc";
  const travel = request.backward ? (displayDirection === "asc" ? "desc" : "asc") : displayDirection;
  const today = todayUtc();
  // Either condition keeps only engagements whose window reaches a day: the walk may start near it.
  const reaching = latestOf(args.filter?.from, args.filter?.upcoming ? today : null);
  const matching = (eb: EngagementScope): Condition => filterCondition(eb, args.filter, today);
  const parts = pageParts(order, travel, request.cursor, today);
  const limit = request.size + 1;
  const shaped = await readList(
    prisma,
    args.plan,
    parts.map((part) => ({
      where: (eb) =>
        eb.and([matching(eb), part.where(eb), ...(reaching ? [startsNearEnoughToReach(eb, reaching)] : [])]),
      column: part.column,
      direction: travel,
      limit,
    })),
    limit,
  );
  const cursorOf = (row: ShapedEngagement) => parts[row.cursorRank]!.cursorOf(row as unknown as PositionedRow);
  const page = slicePage(shaped, request, cursorOf);
  return {
    rows: page.rows.map(split),
    cursors: page.rows.map(cursorOf),
    pageInfo: page.pageInfo,
    countTotal: () => countMatching(prisma, matching),
  };
}

function latestOf(...days: (Date | null | undefined)[]): Date | null {
  return days.reduce<Date | null>((latest, day) => (day && (!latest || day > latest) ? day : latest), null);
}

/** One engagement by its row ID, with what `plan` asks for; null when there is none. */
export async function readEngagement(
  prisma: PrismaClient,
  rowId: string,
  plan: ReadPlan,
): Promise<ReadEngagement | null> {
  const [shaped] = await readList(
    prisma,
    plan,
    [{ where: (eb) => eb("e.id", "=", uuidValue(rowId)), column: "startsOn", direction: "asc", limit: 1 }],
    1,
  );
  return shaped ? split(shaped) : null;
}

/** Up to `limit` engagements that `where` lets through, soonest start first: the overview's lists. */
export async function readSoonestFirst(
  prisma: PrismaClient,
  where: (eb: EngagementScope) => Condition,
  limit: number,
  plan: ReadPlan,
): Promise<ReadEngagement[]> {
  const shaped = await readList(prisma, plan, [{ where, column: "startsOn", direction: "asc", limit }], limit);
  return shaped.map(split);
}

/** Which of `rowIds` `filter` lets through now. */
export async function matchingIds(
  prisma: PrismaClient,
  rowIds: readonly string[],
  filter: ViewerFilter,
): Promise<Set<string>> {
  const today = todayUtc();
  const rows = await runQuery<{ id: string }>(
    prisma,
    sqlBuilder
      .selectFrom("Engagement as e")
      .select("e.id")
      .where((eb) => eb.and([eb("e.id", "in", uuidValues(rowIds)), filterCondition(eb, filter, today)])),
  );
  return new Set(rows.map((row) => row.id));
}
