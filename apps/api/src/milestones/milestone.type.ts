import type { Milestone as MilestoneRow } from "@engagement-tracker/db";
import { Field, ObjectType } from "type-graphql";
import type { Engagement } from "../engagements/engagement.type.ts";
import { TODAY_IS_UTC, todayUtc } from "../engagements/health.ts";
import { Connection } from "../common/connection.ts";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import { DateScalar, DateTimeScalar } from "../common/scalars.ts";

@ObjectType({ implements: Node, description: "A preparation step, such as 'agenda agreed', with a due date." })
export class Milestone extends NodeObject {
  protected readonly typename = "Milestone";

  engagementId: string;
  completedById: string | null;
  ownerId: string | null;
  /** Its engagement, when the statement that read the milestone read that too. */
  readEngagement?: Engagement;

  @Field(() => String)
  title: string;

  @Field(() => DateScalar)
  dueOn: Date;

  @Field(() => String, { nullable: true, description: "Context for the step; null when there is none." })
  note: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was done; null while open." })
  completedAt: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When it was removed; a removed milestone is left out of `Engagement.milestones` and of health.",
  })
  removedAt: Date | null;

  @Field(() => Boolean, { description: `Past its due date and not done. ${TODAY_IS_UTC}` })
  get overdue(): boolean {
    return !this.completedAt && this.dueOn < todayUtc();
  }

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar)
  updatedAt: Date;
}

export const toMilestone = (row: MilestoneRow): Milestone => fromRow(Milestone, row);

@ObjectType()
export class MilestoneConnection extends Connection(Milestone) {}
