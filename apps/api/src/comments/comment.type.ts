import type { Comment as CommentRow } from "@engagement-tracker/db";
import { Field, ObjectType } from "type-graphql";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import { DateTimeScalar } from "../common/scalars.ts";

@ObjectType({
  implements: Node,
  description: "A remark in an engagement's thread: plain text, shown as text (never as HTML).",
})
export class Comment extends NodeObject {
  protected readonly typename = "Comment";

  engagementId: string;
  authorId: string;

  @Field(() => String, { description: "As written: line breaks kept; a client links URLs and escapes everything." })
  body: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When its author last edited it; null if never." })
  editedAt: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When its author removed it; removed ones leave the thread.",
  })
  removedAt: Date | null;
}

export const toComment = (row: CommentRow): Comment => fromRow(Comment, row);
