import { IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { EngagementFilter, EngagementOrder } from "../engagements/engagement.inputs.ts";

export const MAX_VIEW_NAME = 100;

@InputType({ description: "Without `id`, saves a new view; with it, changes yours (only the fields given)." })
export class SaveViewInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: `1–${MAX_VIEW_NAME} characters; needed for a new view.` })
  @IsOptional()
  @MaxLength(MAX_VIEW_NAME, { message: `View names are at most ${MAX_VIEW_NAME} characters.` })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Share with everyone (EDITOR or ADMIN only: FORBIDDEN else)." })
  shared?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Keep it in your navigation." })
  pinned?: boolean | null;

  @Field(() => EngagementFilter, {
    nullable: true,
    description: "Refused (VALIDATION) where `engagements` would refuse it.",
  })
  filter?: EngagementFilter | null;

  @Field(() => EngagementOrder, { nullable: true })
  orderBy?: EngagementOrder | null;
}

@InputType()
export class PinViewInput {
  @Field(() => ID)
  id: string;

  @Field(() => Boolean)
  pinned: boolean;
}

@InputType()
export class DeleteViewInput {
  @Field(() => ID)
  id: string;
}
