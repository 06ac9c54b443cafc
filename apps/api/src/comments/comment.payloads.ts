import { Field, ObjectType } from "type-graphql";
import { EngagementPayload } from "../engagements/engagement.payloads.ts";
import { Comment } from "./comment.type.ts";

@ObjectType({ description: "The comment written and its engagement (whose version a comment leaves alone)." })
export class CommentPayload extends EngagementPayload {
  @Field(() => Comment, { nullable: true })
  comment: Comment | null = null;
}
