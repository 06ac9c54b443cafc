import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { badInput } from "../common/connection.ts";
import type { Context } from "../context.ts";
import { Engagement } from "../engagements/engagement.type.ts";
import { primeLoaders } from "../engagements/prime-loaders.ts";
import { planRead, type ReadEngagement } from "../engagements/read/index.ts";
import { selectedFields } from "../common/selection.ts";
import { Health, todayUtc } from "../engagements/health.ts";
import { StatusChange } from "../engagements/status-change.type.ts";
import { Milestone } from "../milestones/milestone.type.ts";
import {
  countByHealth,
  countByStatus,
  countByStatusPerMonth,
  milestonesDue,
  recentStatusChanges,
  upcoming,
  withHealth,
} from "./dashboard.service.ts";
import { Dashboard, HealthCount, MonthlyStatusCounts, StatusCount } from "./dashboard.type.ts";

const MAX_LIST = 100;

/** The engagements of a list, their loaders primed with what was read alongside. */
function primed(loaders: Context["loaders"], reads: ReadEngagement[]): Engagement[] {
  reads.forEach((read) => primeLoaders(loaders, read));
  return reads.map((read) => read.engagement);
}

function requireLimit(name: string, value: number, max = MAX_LIST): number {
  if (value < 1 || value > max) throw badInput(`\`${name}\` must be between 1 and ${max}; got ${value}.`, name);
  return value;
}

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Authorized()
  @Query(() => Dashboard, { description: "The overview's figures and lists." })
  dashboard(): Dashboard {
    return Object.assign(new Dashboard(), { today: todayUtc() });
  }

  @FieldResolver(() => [StatusCount], { description: "How many engagements are in each status (every status listed)." })
  async statusCounts(@Root() { today }: Dashboard, @Ctx() { loaders }: Context): Promise<StatusCount[]> {
    return countByStatus(await loaders.statusTally.load({ today, months: 0 }));
  }

  @FieldResolver(() => [MonthlyStatusCounts], {
    description:
      "This month and the following ones (`months` in all, at most 24): engagements by status in each month their planned window overlaps.",
  })
  async statusCountsByMonth(
    @Root() { today }: Dashboard,
    @Ctx() { loaders }: Context,
    @Arg("months", () => Int, { defaultValue: 6 }) months: number,
  ): Promise<MonthlyStatusCounts[]> {
    requireLimit("months", months, 24);
    return countByStatusPerMonth(await loaders.statusTally.load({ today, months }), months);
  }

  @FieldResolver(() => [HealthCount], {
    description:
      "How many open engagements are on track, at risk and overdue. CLOSED ones (COMPLETED, CANCELLED) are not counted.",
  })
  async healthCounts(@Root() { today }: Dashboard, @Ctx() { prisma, loaders }: Context): Promise<HealthCount[]> {
    return countByHealth(prisma, await loaders.statusTally.load({ today, months: 0 }));
  }

  @FieldResolver(() => [Engagement], {
    description: "Unfinished engagements under way or starting within `days`, soonest first.",
  })
  async upcoming(
    @Root() dashboard: Dashboard,
    @Ctx() { prisma, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("days", () => Int, { defaultValue: 90 }) days: number,
    @Arg("limit", () => Int, { defaultValue: 50 }) limit: number,
  ): Promise<Engagement[]> {
    requireLimit("days", days, 366);
    requireLimit("limit", limit);
    return primed(loaders, await upcoming(prisma, dashboard.today, days, limit, planRead(selectedFields(info))));
  }

  @FieldResolver(() => [Engagement], { description: "AT_RISK engagements, soonest first; `healthReasons` says why." })
  async atRisk(
    @Root() dashboard: Dashboard,
    @Ctx() { prisma, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("limit", () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<Engagement[]> {
    requireLimit("limit", limit);
    const plan = planRead(selectedFields(info));
    return primed(loaders, await withHealth(prisma, Health.AT_RISK, dashboard.today, limit, plan));
  }

  @FieldResolver(() => [Engagement], { description: "OVERDUE engagements, oldest first." })
  async overdue(
    @Root() dashboard: Dashboard,
    @Ctx() { prisma, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("limit", () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<Engagement[]> {
    requireLimit("limit", limit);
    const plan = planRead(selectedFields(info));
    return primed(loaders, await withHealth(prisma, Health.OVERDUE, dashboard.today, limit, plan));
  }

  @FieldResolver(() => [StatusChange], { description: "The latest lifecycle moves, newest first." })
  recentStatusChanges(
    @Ctx() { prisma }: Context,
    @Arg("limit", () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<StatusChange[]> {
    return recentStatusChanges(prisma, requireLimit("limit", limit));
  }

  @FieldResolver(() => [Milestone], {
    description:
      "Open milestones of open engagements due within `days` (at most 366), overdue ones included: earliest due first, so the overdue lead.",
  })
  milestonesDue(
    @Root() dashboard: Dashboard,
    @Ctx() { prisma, viewer }: Context,
    @Arg("days", () => Int, { defaultValue: 7 }) days: number,
    @Arg("limit", () => Int, { defaultValue: 20 }) limit: number,
    @Arg("mine", () => Boolean, {
      defaultValue: false,
      description: "Only the viewer's: milestones they own, and unassigned ones of engagements they own or co-own.",
    })
    mine: boolean,
  ): Promise<Milestone[]> {
    requireLimit("days", days, 366);
    const ownerId = mine ? (viewer?.id ?? null) : undefined;
    return milestonesDue(prisma, dashboard.today, days, requireLimit("limit", limit), ownerId);
  }
}
