import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import { engagementMutation } from "../engagements/engagement-mutation.ts";
import { Engagement } from "../engagements/engagement.type.ts";
import type { WriteResult } from "../engagements/versioned-write.ts";
import { User } from "../users/user.type.ts";
import { AddCommentInput, EditCommentInput, RemoveCommentInput } from "./comment.inputs.ts";
import { CommentPayload } from "./comment.payloads.ts";
import { addComment, editComment, removeComment } from "./comment.service.ts";
import { Comment } from "./comment.type.ts";

const toCommentPayload = ({ engagement, extra }: WriteResult<Comment>) => ({ engagement, comment: extra });

// Any signed-in user may comment, VIEWERs included (supervisors ask questions here); only the
// author may edit or remove a comment.
@Resolver(() => Comment)
export class CommentResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who wrote it." })
  author(@Root() comment: Comment, @Ctx() { loaders }: Context): Promise<User | null> {
    return loaders.userById.load(comment.authorId);
  }

  @FieldResolver(() => [User], { description: "Users it calls on, by name." })
  mentions(@Root() comment: Comment, @Ctx() { loaders }: Context): Promise<User[]> {
    return loaders.mentionsByComment.load(comment.rowId);
  }

  @FieldResolver(() => Engagement)
  async engagement(@Root() comment: Comment, @Ctx() { loaders }: Context): Promise<Engagement> {
    return (await loaders.engagementById.load(comment.engagementId))!;
  }

  @Authorized()
  @Mutation(() => CommentPayload, { description: "Adds a comment to an engagement's thread (any role)." })
  addComment(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => AddCommentInput) input: AddCommentInput,
  ): Promise<CommentPayload> {
    return engagementMutation(
      context,
      CommentPayload,
      () => addComment(context.prisma, input, viewer.id),
      toCommentPayload,
    );
  }

  @Authorized()
  @Mutation(() => CommentPayload, { description: "Edits one's own comment; it then shows as edited." })
  editComment(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => EditCommentInput) input: EditCommentInput,
  ): Promise<CommentPayload> {
    return engagementMutation(
      context,
      CommentPayload,
      () => editComment(context.prisma, input, viewer.id),
      toCommentPayload,
    );
  }

  @Authorized()
  @Mutation(() => CommentPayload, {
    description: "Removes one's own comment from the thread; the activity keeps a mark.",
  })
  removeComment(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => RemoveCommentInput) input: RemoveCommentInput,
  ): Promise<CommentPayload> {
    return engagementMutation(
      context,
      CommentPayload,
      () => removeComment(context.prisma, input, viewer.id),
      toCommentPayload,
    );
  }
}

@Resolver(() => Engagement)
export class EngagementCommentsResolver {
  @FieldResolver(() => [Comment], { description: "Its comment thread, oldest first; removed comments left out." })
  comments(@Root() engagement: Engagement, @Ctx() { loaders }: Context): Promise<Comment[]> {
    return loaders.commentsByEngagement.load(engagement.rowId);
  }
}
