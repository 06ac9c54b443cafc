import { EngagementStatus, Prisma, type PrismaClient } from "@engagement-tracker/db";
import DataLoader from "dataloader";
import {
  countMatching,
  healthCondition,
  isOpen,
  readSoonestFirst,
  startsNearEnoughToReach,
  type EngagementScope,
  type ReadEngagement,
  type ReadPlan,
} from "../engagements/read/index.ts";
import { dayValue } from "../engagements/read/sql.ts";
import { toStatusChange, type StatusChange } from "../engagements/status-change.type.ts";
import { Health, OPEN_HEALTHS, addDays, isoDay } from "../engagements/health.ts";
import { TERMINAL_STATUSES, isTerminal } from "../engagements/lifecycle.ts";
import { toMilestone, type Milestone } from "../milestones/milestone.type.ts";
import { HealthCount, MonthlyStatusCounts, StatusCount } from "./dashboard.type.ts";

const live = { archivedAt: null };
const unarchived = (eb: EngagementScope) => eb("e.archivedAt", "is", null);

/** Live engagements by status: how many in all, and how many overlap each of the months asked for. */
export interface StatusTally {
  today: Date;
  /** Per status, the count in all. */
  total: Map<EngagementStatus, number>;
  /** Per status, the count whose planned window overlaps this month, the next, …; as many months as asked. */
  perMonth: Map<EngagementStatus, number[]>;
}

const monthStartOf = (today: Date, offset: number) =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
/**
 * Every status count the overview shows, in one pass over the live engagements: the counts in
 * all and per month, FILTERed, rather than one scan per month (at a million rows each scan costs).
 */
export async function tallyByStatus(prisma: PrismaClient, today: Date, months: number): Promise<StatusTally> {
  const perMonth = Array.from({ length: months }, (_, offset) => {
    const [start, end] = [monthStartOf(today, offset), monthStartOf(today, offset + 1)];
    return Prisma.sql`count(*) FILTER (WHERE "startsOn" < ${isoDay(end)}::date AND "endsOn" >= ${isoDay(start)}::date)`;
  });
  const rows = await prisma.$queryRaw<{ status: EngagementStatus; total: bigint; perMonth: bigint[] }[]>`
    SELECT status::text AS status, count(*) AS total,
      ${perMonth.length ? Prisma.sql`ARRAY[${Prisma.join(perMonth)}]` : Prisma.sql`'{}'::bigint[]`} AS "perMonth"
    FROM "Engagement" WHERE "archivedAt" IS NULL GROUP BY status`;
  return {
    today,
    total: new Map(rows.map((row) => [row.status, Number(row.total)])),
    perMonth: new Map(rows.map((row) => [row.status, row.perMonth.map(Number)])),
  };
}

interface TallyRequest {
  today: Date;
  months: number;
}

export function createDashboardLoaders(prisma: PrismaClient) {
  return {
    /** The overview's status counts asked for by one request share one statement: the one with the most months. */
    statusTally: new DataLoader<TallyRequest, StatusTally, string>(
      async (requests) => {
        const monthsByDay = new Map<string, number>();
        for (const { today, months } of requests) {
          monthsByDay.set(isoDay(today), Math.max(months, monthsByDay.get(isoDay(today)) ?? 0));
        }
        const tallies = new Map(
          await Promise.all(
            [...monthsByDay].map(
              async ([day, months]) => [day, await tallyByStatus(prisma, new Date(day), months)] as const,
            ),
          ),
        );
        return requests.map(({ today }) => tallies.get(isoDay(today))!);
      },
      { cacheKeyFn: ({ today, months }) => `${isoDay(today)}|${months}` },
    ),
  };
}

const statusCounts = (countOf: (status: EngagementStatus) => number): StatusCount[] =>
  Object.values(EngagementStatus).map((status) => Object.assign(new StatusCount(), { status, count: countOf(status) }));

export const countByStatus = (tally: StatusTally): StatusCount[] =>
  statusCounts((status) => tally.total.get(status) ?? 0);

/**
 * The current month and the `months - 1` after it, each with the engagements whose planned
 * window overlaps it, by status: an engagement spanning two months counts in both.
 */
export function countByStatusPerMonth(tally: StatusTally, months: number): MonthlyStatusCounts[] {
  return Array.from({ length: months }, (_, offset) =>
    Object.assign(new MonthlyStatusCounts(), {
      month: monthStartOf(tally.today, offset),
      statusCounts: statusCounts((status) => tally.perMonth.get(status)?.[offset] ?? 0),
    }),
  );
}

/**
 * Open engagements by health. An open one is exactly one of the three (OVERDUE and AT_RISK
 * exclude each other), so ON_TRACK is the rest; CLOSED ones (COMPLETED, CANCELLED) are not counted.
 */
export async function countByHealth(prisma: PrismaClient, tally: StatusTally): Promise<HealthCount[]> {
  const countWith = (health: Health) =>
    countMatching(prisma, (eb) => eb.and([unarchived(eb), healthCondition(eb, health, tally.today)]));
  const [overdue, atRisk] = await Promise.all([countWith(Health.OVERDUE), countWith(Health.AT_RISK)]);
  const openTotal = [...tally.total]
    .filter(([status]) => !isTerminal(status))
    .reduce((sum, [, count]) => sum + count, 0);
  const counts = {
    [Health.OVERDUE]: overdue,
    [Health.AT_RISK]: atRisk,
    [Health.ON_TRACK]: openTotal - overdue - atRisk,
  };
  return OPEN_HEALTHS.map((health) => Object.assign(new HealthCount(), { health, count: counts[health] }));
}

/** Not yet finished engagements whose planned window starts within the next `days` days (or is under way). */
export function upcoming(
  prisma: PrismaClient,
  today: Date,
  days: number,
  limit: number,
  plan: ReadPlan,
): Promise<ReadEngagement[]> {
  return readSoonestFirst(
    prisma,
    (eb) =>
      eb.and([
        unarchived(eb),
        isOpen(eb),
        eb("e.endsOn", ">=", dayValue(today)),
        startsNearEnoughToReach(eb, today),
        eb("e.startsOn", "<=", dayValue(addDays(today, days))),
      ]),
    limit,
    plan,
  );
}

/** Engagements of one health, soonest first. */
export function withHealth(
  prisma: PrismaClient,
  health: Health,
  today: Date,
  limit: number,
  plan: ReadPlan,
): Promise<ReadEngagement[]> {
  return readSoonestFirst(
    prisma,
    (eb) =>
      eb.and([
        unarchived(eb),
        healthCondition(eb, health, today),
        // An AT_RISK engagement has not ended: the walk in start order can skip the past.
        ...(health === Health.AT_RISK ? [startsNearEnoughToReach(eb, today)] : []),
      ]),
    limit,
    plan,
  );
}

export async function recentStatusChanges(prisma: PrismaClient, limit: number): Promise<StatusChange[]> {
  const rows = await prisma.statusChange.findMany({
    where: { engagement: live },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(toStatusChange);
}

/**
 * Open milestones of open, unarchived engagements due on or before `today + days`, overdue ones
 * included: earliest due first, so the overdue lead.
 */
export async function milestonesDue(
  prisma: PrismaClient,
  today: Date,
  days: number,
  limit: number,
  /** Only this user's (see `Dashboard.milestonesDue`); null: nobody's; undefined: everyone's. */
  ownerId?: string | null,
): Promise<Milestone[]> {
  const owned = (userId: string): Prisma.MilestoneWhereInput => ({
    OR: [
      { ownerId: userId },
      { ownerId: null, engagement: { OR: [{ ownerId: userId }, { coOwners: { some: { userId } } }] } },
    ],
  });
  const rows = await prisma.milestone.findMany({
    where: {
      completedAt: null,
      removedAt: null,
      dueOn: { lte: addDays(today, days) },
      engagement: { ...live, status: { notIn: [...TERMINAL_STATUSES] } },
      ...(ownerId === undefined ? {} : ownerId === null ? { id: { in: [] } } : owned(ownerId)),
    },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map(toMilestone);
}
