import { ArrayMaxSize, IsOptional } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

const MENTIONS_DESCRIPTION = "Users the comment calls on, each an active user; they are notified.";

@InputType()
export class AddCommentInput {
  @Field(() => ID)
  engagementId: string;

  @Field(() => String, { description: "Plain text, 1 to 10,000 characters." })
  body: string;

  @Field(() => [ID], { nullable: true, description: MENTIONS_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(20, { message: "At most 20 mentions." })
  mentionIds?: string[] | null;
}

@InputType({ description: "Only the author may edit; the edit is recorded and the comment shows as edited." })
export class EditCommentInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: "Plain text, 1 to 10,000 characters." })
  body: string;

  @Field(() => [ID], { nullable: true, description: `${MENTIONS_DESCRIPTION} Omitted: as they were.` })
  @IsOptional()
  @ArrayMaxSize(20, { message: "At most 20 mentions." })
  mentionIds?: string[] | null;
}

@InputType({ description: "Only the author may remove; the activity keeps a mark of it." })
export class RemoveCommentInput {
  @Field(() => ID)
  id: string;
}
