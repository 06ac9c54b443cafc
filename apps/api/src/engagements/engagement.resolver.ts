import { EngagementEventKind } from "@engagement-tracker/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role } from "../common/enums.ts";
import { PageArgs } from "../common/connection.ts";
import { rowIdOf } from "../common/node.ts";
import { selectedFields, selectedNodeFields } from "../common/selection.ts";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import { engagementMutation } from "./engagement-mutation.ts";
import { Milestone } from "../milestones/milestone.type.ts";
import { Participant } from "../organizations/organization.type.ts";
import { Series } from "../series/series.type.ts";
import { User } from "../users/user.type.ts";
import {
  ArchiveEngagementInput,
  CreateEngagementInput,
  EngagementFilter,
  EngagementOrder,
  UpdateEngagementInput,
  UpdateEngagementStatusInput,
} from "./engagement.inputs.ts";
import {
  ArchiveEngagementPayload,
  CreateEngagementPayload,
  EngagementConnection,
  UnarchiveEngagementPayload,
  UpdateEngagementPayload,
  UpdateEngagementStatusPayload,
} from "./engagement.payloads.ts";
import {
  archiveEngagement,
  changeStatus,
  createEngagement,
  unarchiveEngagement,
  updateEngagement,
} from "./engagement.commands.ts";
import { primeLoaders } from "./prime-loaders.ts";
import { forViewer, planRead, readEngagement, readEngagementPage } from "./read/index.ts";
import { EngagementEvent } from "./engagement-event.type.ts";
import { Engagement } from "./engagement.type.ts";
import { Health, TODAY_IS_UTC, assessHealth, describeIssue, todayUtc, type HealthAssessment } from "./health.ts";
import { HealthIssue } from "./health-issue.type.ts";
import { StatusChange, toStatusChange } from "./status-change.type.ts";

@Resolver(() => Engagement)
export class EngagementResolver {
  @Authorized()
  @Query(() => EngagementConnection, { description: "Engagements, filtered and ordered, a page at a time." })
  async engagements(
    @Ctx() { prisma, loaders, viewer }: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => EngagementFilter, { nullable: true }) filter?: EngagementFilter | null,
    @Arg("orderBy", () => EngagementOrder, { nullable: true, description: "Default: START_DATE ascending." })
    orderBy?: EngagementOrder | null,
  ): Promise<EngagementConnection> {
    const plan = planRead(selectedNodeFields(info));
    const result = await readEngagementPage(prisma, {
      page,
      filter: forViewer(filter, viewer?.id ?? null),
      orderBy,
      plan,
    });
    result.rows.forEach((read) => primeLoaders(loaders, read));
    return Object.assign(new EngagementConnection(), {
      edges: result.rows.map(({ engagement }, index) => ({ node: engagement, cursor: result.cursors[index]! })),
      pageInfo: result.pageInfo,
      countTotal: result.countTotal,
    });
  }

  @Authorized()
  @Query(() => Engagement, { nullable: true, description: "One engagement by its ID." })
  async engagement(
    @Ctx() { prisma, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID) id: string,
  ): Promise<Engagement | null> {
    const rowId = rowIdOf("Engagement", id);
    if (!rowId) return null;
    const found = await readEngagement(prisma, rowId, planRead(selectedFields(info)));
    if (found) primeLoaders(loaders, found);
    return found?.engagement ?? null;
  }

  @FieldResolver(() => Series, { nullable: true })
  series(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<Series | null> | null {
    return engagement.seriesId ? loaders.seriesById.load(engagement.seriesId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "The responsible desk officer; null while unassigned." })
  owner(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<User | null> | null {
    return engagement.ownerId ? loaders.userById.load(engagement.ownerId) : null;
  }

  @FieldResolver(() => [User], { description: "Users who share the responsibility with the owner, by name." })
  coOwners(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<User[]> {
    return loaders.coOwnersByEngagement.load(engagement.rowId);
  }

  @FieldResolver(() => [Participant], { description: "Organizations taking part, hosts first." })
  participants(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<Participant[]> {
    return loaders.participantsByEngagement.load(engagement.rowId);
  }

  @FieldResolver(() => [Milestone], { description: "Preparation steps, by due date." })
  milestones(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<Milestone[]> {
    return loaders.milestonesByEngagement.load(engagement.rowId);
  }

  @FieldResolver(() => [StatusChange], { description: "Every status this engagement has had, oldest first." })
  statusHistory(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<StatusChange[]> {
    return loaders.statusHistoryByEngagement.load(engagement.rowId);
  }

  @FieldResolver(() => [EngagementEvent], {
    description: "The audit trail: every write to this engagement, oldest first.",
  })
  async activity(
    @Root() engagement: Engagement,
    @Ctx() { loaders }: Context,
    @Arg("kinds", () => [EngagementEventKind], { nullable: true, description: "Only events of these kinds." })
    kinds?: EngagementEventKind[] | null,
  ): Promise<EngagementEvent[]> {
    const events = await loaders.activityByEngagement.load(engagement.rowId);
    return kinds ? events.filter((event) => kinds.includes(event.kind)) : events;
  }

  @FieldResolver(() => StatusChange, { nullable: true, description: "The move that set the current status." })
  latestStatusChange(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<StatusChange | null> {
    return loaders.latestStatusChangeByEngagement.load(engagement.rowId);
  }

  @FieldResolver(() => Health, { description: `Derived, never stored. ${TODAY_IS_UTC}` })
  async health(@Root() engagement: Engagement, @Ctx() context: Context): Promise<Health> {
    return (await this.assess(engagement, context)).health;
  }

  @FieldResolver(() => [String], {
    description: `Why the engagement is AT_RISK or OVERDUE, as English sentences; empty when ON_TRACK or CLOSED. \`healthIssues\` gives the same as facts. ${TODAY_IS_UTC}`,
  })
  async healthReasons(@Root() engagement: Engagement, @Ctx() context: Context): Promise<string[]> {
    return (await this.assess(engagement, context)).issues.map(describeIssue);
  }

  @FieldResolver(() => [HealthIssue], {
    description: `Why the engagement is AT_RISK or OVERDUE, one entry per reason, for readers to phrase; empty when ON_TRACK or CLOSED. ${TODAY_IS_UTC}`,
  })
  async healthIssues(@Root() engagement: Engagement, @Ctx() context: Context): Promise<HealthIssue[]> {
    return (await this.assess(engagement, context)).issues;
  }

  private async assess(engagement: Engagement, { loaders }: Context): Promise<HealthAssessment> {
    const milestones = await loaders.milestonesByEngagement.load(engagement.rowId);
    return assessHealth({ ...engagement, milestones }, todayUtc());
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateEngagementPayload)
  createEngagement(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => CreateEngagementInput) input: CreateEngagementInput,
  ): Promise<CreateEngagementPayload> {
    return engagementMutation(context, CreateEngagementPayload, () =>
      createEngagement(context.prisma, input, viewer.id),
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateEngagementPayload, { description: "Edits facts of an engagement (not its status)." })
  updateEngagement(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => UpdateEngagementInput) input: UpdateEngagementInput,
  ): Promise<UpdateEngagementPayload> {
    return engagementMutation(context, UpdateEngagementPayload, () =>
      updateEngagement(context.prisma, input, viewer.id),
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateEngagementStatusPayload, {
    description: "Moves an engagement one step through its lifecycle and records the move in its history.",
  })
  updateEngagementStatus(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => UpdateEngagementStatusInput) input: UpdateEngagementStatusInput,
  ): Promise<UpdateEngagementStatusPayload> {
    return engagementMutation(
      context,
      UpdateEngagementStatusPayload,
      () => changeStatus(context.prisma, input, viewer.id),
      ({ engagement, extra }) => ({ engagement, statusChange: toStatusChange(extra) }),
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArchiveEngagementPayload, {
    description: "Hides an engagement from lists; it can no longer be changed.",
  })
  archiveEngagement(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => ArchiveEngagementInput) input: ArchiveEngagementInput,
  ): Promise<ArchiveEngagementPayload> {
    return engagementMutation(context, ArchiveEngagementPayload, () =>
      archiveEngagement(context.prisma, input, viewer.id),
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UnarchiveEngagementPayload, {
    description: "Brings an archived engagement back into lists and makes it changeable again.",
  })
  unarchiveEngagement(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => ArchiveEngagementInput) input: ArchiveEngagementInput,
  ): Promise<UnarchiveEngagementPayload> {
    return engagementMutation(context, UnarchiveEngagementPayload, () =>
      unarchiveEngagement(context.prisma, input, viewer.id),
    );
  }
}
