import { Field, ObjectType } from "type-graphql";
import { EngagementPayload } from "../engagements/engagement.payloads.ts";
import { Milestone } from "./milestone.type.ts";

@ObjectType({ description: "The milestone changed and its engagement (whose version moved)." })
export class MilestonePayload extends EngagementPayload {
  @Field(() => Milestone, { nullable: true })
  milestone: Milestone | null = null;
}
