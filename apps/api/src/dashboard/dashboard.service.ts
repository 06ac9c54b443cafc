import { EngagementStatus, type Prisma, type PrismaClient } from "@engagement-tracker/db";
import { toStatusChange } from "../engagements/engagement.loaders.ts";
import { toEngagement } from "../engagements/engagement.service.ts";
import type { Engagement } from "../engagements/engagement.type.ts";
import type { StatusChange } from "../engagements/status-change.type.ts";
import { Health, addDays, healthWhere } from "../engagements/health.ts";
import { HealthCount, MonthlyStatusCounts, StatusCount } from "./dashboard.type.ts";

const live = { archivedAt: null };

async function countByStatusWhere(prisma: PrismaClient, where: Prisma.EngagementWhereInput): Promise<StatusCount[]> {
  const groups = await prisma.engagement.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts = new Map(groups.map((group) => [group.status, group._count._all]));
  return Object.values(EngagementStatus).map((status) =>
    Object.assign(new StatusCount(), { status, count: counts.get(status) ?? 0 }),
  );
}

export function countByStatus(prisma: PrismaClient): Promise<StatusCount[]> {
  return countByStatusWhere(prisma, live);
}

/**
 * The current month and the `months - 1` after it, each with the engagements whose planned
 * window overlaps it, by status: an engagement spanning two months counts in both.
 */
export function countByStatusPerMonth(
  prisma: PrismaClient,
  today: Date,
  months: number,
): Promise<MonthlyStatusCounts[]> {
  const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
  return Promise.all(
    Array.from({ length: months }, async (_, offset) => {
      const month = monthStart(offset);
      const statusCounts = await countByStatusWhere(prisma, {
        ...live,
        startsOn: { lt: monthStart(offset + 1) },
        endsOn: { gte: month },
      });
      return Object.assign(new MonthlyStatusCounts(), { month, statusCounts });
    }),
  );
}

export async function countByHealth(prisma: PrismaClient, today: Date): Promise<HealthCount[]> {
  const healths = Object.values(Health);
  const counts = await Promise.all(
    healths.map((health) => prisma.engagement.count({ where: { AND: [live, healthWhere(health, today)] } })),
  );
  return healths.map((health, index) => Object.assign(new HealthCount(), { health, count: counts[index]! }));
}

/** Not yet finished engagements whose planned window starts within the next `days` days (or is under way). */
export async function upcoming(prisma: PrismaClient, today: Date, days: number, limit: number): Promise<Engagement[]> {
  const rows = await prisma.engagement.findMany({
    where: {
      ...live,
      status: { not: EngagementStatus.CANCELLED },
      endsOn: { gte: today },
      startsOn: { lte: addDays(today, days) },
    },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map(toEngagement);
}

export async function withHealth(
  prisma: PrismaClient,
  health: Health,
  today: Date,
  limit: number,
): Promise<Engagement[]> {
  const rows = await prisma.engagement.findMany({
    where: { AND: [live, healthWhere(health, today)] },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map(toEngagement);
}

export async function recentStatusChanges(prisma: PrismaClient, limit: number): Promise<StatusChange[]> {
  const rows = await prisma.statusChange.findMany({
    where: { engagement: live },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(toStatusChange);
}
