import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.ts";
import { Payload } from "../common/payload.ts";
import { Engagement } from "./engagement.type.ts";
import { StatusChange } from "./status-change.type.ts";

@ObjectType({ description: "A page of engagements." })
export class EngagementConnection extends Connection(Engagement) {}

@ObjectType()
export abstract class EngagementPayload extends Payload {
  @Field(() => Engagement, {
    nullable: true,
    description: "The engagement after the change; when refused, the engagement as it stands (if it exists).",
  })
  engagement: Engagement | null = null;
}

@ObjectType()
export class CreateEngagementPayload extends EngagementPayload {}

@ObjectType()
export class UpdateEngagementPayload extends EngagementPayload {}

@ObjectType()
export class ArchiveEngagementPayload extends EngagementPayload {}

@ObjectType()
export class UnarchiveEngagementPayload extends EngagementPayload {}

@ObjectType()
export class UpdateEngagementStatusPayload extends EngagementPayload {
  @Field(() => StatusChange, { nullable: true, description: "The history row this move wrote." })
  statusChange: StatusChange | null = null;
}

export const withEngagement = (engagement: Engagement) => ({ engagement });
