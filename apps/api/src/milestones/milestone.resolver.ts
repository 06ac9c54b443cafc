import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Role } from "../common/enums.ts";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import { engagementMutation } from "../engagements/engagement-mutation.ts";
import type { WriteResult } from "../engagements/versioned-write.ts";
import { Engagement } from "../engagements/engagement.type.ts";
import { AddMilestoneInput, MilestoneStateInput } from "./milestone.inputs.ts";
import { MilestonePayload } from "./milestone.payloads.ts";
import { addMilestone, setMilestoneDone } from "./milestone.service.ts";
import { Milestone } from "./milestone.type.ts";

const toMilestonePayload = ({ engagement, extra }: WriteResult<Milestone>) => ({ engagement, milestone: extra });

@Resolver(() => Milestone)
export class MilestoneResolver {
  @FieldResolver(() => Engagement)
  async engagement(@Root() milestone: Milestone, @Ctx() { loaders }: Context): Promise<Engagement> {
    return (await loaders.engagementById.load(milestone.engagementId))!;
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
