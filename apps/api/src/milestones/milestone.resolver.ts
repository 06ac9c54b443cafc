import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/connection.ts";
import { Role } from "../common/enums.ts";
import { DateScalar } from "../common/scalars.ts";
import { selectedNodeFields, selectedNodeFieldsOf } from "../common/selection.ts";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import { engagementMutation } from "../engagements/engagement-mutation.ts";
import type { WriteResult } from "../engagements/versioned-write.ts";
import { EngagementFilter } from "../engagements/engagement.inputs.ts";
import { Engagement } from "../engagements/engagement.type.ts";
import { primeLoaders } from "../engagements/prime-loaders.ts";
import { planRead } from "../engagements/read/index.ts";
import { User } from "../users/user.type.ts";
import {
  AddMilestoneInput,
  MilestoneStateInput,
  RemoveMilestoneInput,
  UpdateMilestoneInput,
} from "./milestone.inputs.ts";
import { MilestonePayload } from "./milestone.payloads.ts";
import { addMilestone, removeMilestone, setMilestoneDone, updateMilestone } from "./milestone.service.ts";
import { Milestone, MilestoneConnection } from "./milestone.type.ts";
import { readMilestonesInRange } from "./milestone-range.ts";

const toMilestonePayload = ({ engagement, extra }: WriteResult<Milestone>) => ({ engagement, milestone: extra });

@Resolver(() => Milestone)
export class MilestoneResolver {
  @Authorized()
  @Query(() => MilestoneConnection, {
    description:
      "Milestones due from `from` to `to` (inclusive) whose engagement `filter` lets through (the engagements list's filter, refused alike), by due date then ID; removed ones are left out.",
  })
  async milestones(
    @Ctx() { prisma, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
    // type-graphql lists arguments in the SDL last first: these read from, to, paging, filter there.
    @Arg("filter", () => EngagementFilter, { nullable: true }) filter: EngagementFilter | null | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("to", () => DateScalar) to: Date,
    @Arg("from", () => DateScalar) from: Date,
  ): Promise<MilestoneConnection> {
    const plan = selectedNodeFields(info).has("engagement") ? planRead(selectedNodeFieldsOf(info, "engagement")) : null;
    const result = await readMilestonesInRange(prisma, { from, to, filter, page, plan });
    return Object.assign(new MilestoneConnection(), {
      edges: result.rows.map(({ milestone, engagement }, index) => {
        if (engagement) {
          primeLoaders(loaders, engagement);
          milestone.readEngagement = engagement.engagement;
        }
        return { node: milestone, cursor: result.cursors[index]! };
      }),
      pageInfo: result.pageInfo,
      countTotal: result.countTotal,
    });
  }

  @FieldResolver(() => Engagement)
  async engagement(@Root() milestone: Milestone, @Ctx() { loaders }: Context): Promise<Engagement> {
    return milestone.readEngagement ?? (await loaders.engagementById.load(milestone.engagementId))!;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "Who marked it done; null while open or when not recorded.",
  })
  completedBy(@Root() milestone: Milestone, @Ctx() { loaders }: Context): Promise<User | null> | null {
    return milestone.completedById ? loaders.userById.load(milestone.completedById) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who sees the step through; null when unassigned." })
  owner(@Root() milestone: Milestone, @Ctx() { loaders }: Context): Promise<User | null> | null {
    return milestone.ownerId ? loaders.userById.load(milestone.ownerId) : null;
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MilestonePayload, { description: "Adds a preparation step to an engagement." })
  addMilestone(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => AddMilestoneInput) input: AddMilestoneInput,
  ): Promise<MilestonePayload> {
    return engagementMutation(
      context,
      MilestonePayload,
      () => addMilestone(context.prisma, input, viewer.id),
      toMilestonePayload,
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MilestonePayload, {
    description: "Changes a milestone's title, due date or note; the audit trail records each change.",
  })
  updateMilestone(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => UpdateMilestoneInput) input: UpdateMilestoneInput,
  ): Promise<MilestonePayload> {
    return engagementMutation(
      context,
      MilestonePayload,
      () => updateMilestone(context.prisma, input, viewer.id),
      toMilestonePayload,
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MilestonePayload, {
    description:
      "Removes a mistaken milestone: it leaves the engagement's milestones and health; the audit trail keeps it.",
  })
  removeMilestone(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => RemoveMilestoneInput) input: RemoveMilestoneInput,
  ): Promise<MilestonePayload> {
    return engagementMutation(
      context,
      MilestonePayload,
      () => removeMilestone(context.prisma, input, viewer.id),
      toMilestonePayload,
    );
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MilestonePayload, { description: "Marks a milestone done; done already is not an error." })
  completeMilestone(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => MilestoneStateInput) input: MilestoneStateInput,
  ): Promise<MilestonePayload> {
    return this.setDone(context, viewer, input, true);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MilestonePayload, { description: "Marks a done milestone open again." })
  reopenMilestone(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => MilestoneStateInput) input: MilestoneStateInput,
  ): Promise<MilestonePayload> {
    return this.setDone(context, viewer, input, false);
  }

  private setDone(
    context: Context,
    viewer: Viewer,
    input: MilestoneStateInput,
    done: boolean,
  ): Promise<MilestonePayload> {
    return engagementMutation(
      context,
      MilestonePayload,
      () => setMilestoneDone(context.prisma, input, done, viewer.id),
      toMilestonePayload,
    );
  }
}
