// Milestones due in a range of days, across engagements: one keyset page in one statement, each
// milestone with its engagement when asked, so a calendar needs no engagements beyond the days it shows.
import type { PrismaClient } from "@engagement-tracker/db";
import type { DB } from "@engagement-tracker/db/kysely";
import { sql, type ExpressionBuilder } from "kysely";
import {
  badInput,
  decodeCursor,
  encodeCursor,
  readPageArgs,
  slicePage,
  type PageArgs,
  type PageInfo,
} from "../common/connection.ts";
import { boundWithinStoredDates } from "../common/validation.ts";
import type { EngagementFilter } from "../engagements/engagement.inputs.ts";
import { isoDay, todayUtc } from "../engagements/health.ts";
import {
  dayValue,
  engagementObject,
  filterCondition,
  readNested,
  reviveMilestone,
  runQuery,
  sqlBuilder,
  uuidValue,
  type Condition,
  type EngagementScope,
  type ReadEngagement,
  type ReadPlan,
  type ShapedEngagement,
} from "../engagements/read/index.ts";
import { toMilestone, type Milestone } from "./milestone.type.ts";

type MilestoneScope = ExpressionBuilder<DB & { m: DB["Milestone"]; e: DB["Engagement"] }, "m" | "e">;

const ORDERING = "DUE_DATE";

export interface MilestoneRangeArgs {
  from: Date;
  to: Date;
  filter?: EngagementFilter | null;
  page: PageArgs;
  /** What to read of each milestone's engagement; null when its engagement is not selected. */
  plan: ReadPlan | null;
}

export interface MilestoneRangePage {
  rows: { milestone: Milestone; engagement: ReadEngagement | null }[];
  cursors: string[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

/** A cursor's day, only as this API writes it. */
function cursorDay(value: string): Date {
  const day = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || isoDay(day) !== value) throw badInput("That cursor is not one this API issued.");
  return day;
}

/**
 * The milestones due from `from` to `to` (inclusive) whose engagement `filter` lets through, by
 * due date then ID; removed ones are left out. A filter the engagements list refuses is refused
 * here with the same error.
 */
export async function readMilestonesInRange(
  prisma: PrismaClient,
  args: MilestoneRangeArgs,
): Promise<MilestoneRangePage> {
  if (args.from > args.to) throw badInput("`from` must be on or before `to`.", "to");
  const request = readPageArgs(args.page);
  const position = request.cursor ? decodeCursor(request.cursor, ORDERING) : null;
  const travel = request.backward ? "desc" : "asc";
  const today = todayUtc();
  const from = dayValue(boundWithinStoredDates(args.from));
  const to = dayValue(boundWithinStoredDates(args.to));
  // The engagement filter's conditions are written over `e`; here `e` is each milestone's engagement.
  const matching = (eb: MilestoneScope): Condition =>
    eb.and([
      eb("m.removedAt", "is", null),
      eb("m.dueOn", ">=", from),
      eb("m.dueOn", "<=", to),
      filterCondition(eb as unknown as EngagementScope, args.filter, today),
    ]);
  const among = () => sqlBuilder.selectFrom("Milestone as m").innerJoin("Engagement as e", "e.id", "m.engagementId");
  const hits = among()
    .selectAll("m")
    .where((eb) =>
      eb.and([
        matching(eb),
        ...(position
          ? [
              eb(
                eb.refTuple("m.dueOn", "m.id"),
                travel === "asc" ? ">" : "<",
                eb.tuple(dayValue(cursorDay(position.value)), uuidValue(position.rowId)),
              ),
            ]
          : []),
      ]),
    )
    .orderBy("m.dueOn", travel)
    .orderBy("m.id", travel)
    .limit(request.size + 1);
  const pairs = [sql`'milestone', to_json("hit")`];
  if (args.plan) pairs.push(sql`'engagement', (${engagementObject(args.plan, sql.ref<string>("hit.engagementId"))})`);
  const query = sqlBuilder
    .selectFrom(hits.as("hit"))
    .select(
      sql<string>`coalesce(json_agg(json_build_object(${sql.join(pairs)}) order by "hit"."dueOn" ${sql.raw(travel)}, "hit"."id" ${sql.raw(travel)}), '[]')::text`.as(
        "rows",
      ),
    );
  const [row] = await runQuery<{ rows: string }>(prisma, query);
  const shaped = JSON.parse(row!.rows) as { milestone: Record<string, unknown>; engagement?: ShapedEngagement }[];
  const read = shaped.map(({ milestone, engagement }) => {
    reviveMilestone(milestone);
    return {
      milestone: toMilestone(milestone as unknown as Parameters<typeof toMilestone>[0]),
      engagement: engagement ? readNested(engagement) : null,
    };
  });
  const cursorOf = ({ milestone }: (typeof read)[number]) =>
    encodeCursor({ ordering: ORDERING, value: isoDay(milestone.dueOn), rowId: milestone.rowId });
  const page = slicePage(read, request, cursorOf);
  return {
    rows: page.rows,
    cursors: page.rows.map(cursorOf),
    pageInfo: page.pageInfo,
    countTotal: async () => {
      const [count] = await runQuery<{ count: number }>(
        prisma,
        among()
          .select(sql<number>`count(*)::int`.as("count"))
          .where(matching),
      );
      return count!.count;
    },
  };
}
