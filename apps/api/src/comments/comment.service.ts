// Comment threads: writing, editing and removing a comment, each beside its engagement (see
// writeBesideEngagement), and the loaders its fields read through.
import { EngagementEventKind, type PrismaClient, type Comment as CommentRow } from "@engagement-tracker/db";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { globalIdOf, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse, userError, type UserError } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { requireEngagementRowId } from "../engagements/engagement.commands.ts";
import { resolveActiveUsers } from "../engagements/engagement.validation.ts";
import { writeBesideEngagement, type Tx, type WriteResult } from "../engagements/versioned-write.ts";
import { publicUserFields, toUser } from "../users/user.type.ts";
import type { AddCommentInput, EditCommentInput, RemoveCommentInput } from "./comment.inputs.ts";
import { toComment, type Comment } from "./comment.type.ts";

export const MAX_COMMENT_LENGTH = 10_000;

export function createCommentLoaders(prisma: PrismaClient) {
  return {
    commentById: rowLoader(
      async (ids) => (await prisma.comment.findMany({ where: { id: { in: ids } } })).map(toComment),
      (comment) => comment.rowId,
    ),
    commentsByEngagement: groupLoader(
      async (engagementIds) =>
        (
          await prisma.comment.findMany({
            where: { engagementId: { in: engagementIds }, removedAt: null },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          })
        ).map(toComment),
      (comment) => comment.engagementId,
    ),
    mentionsByComment: groupLoader(
      async (commentIds) =>
        (
          await prisma.commentMention.findMany({
            where: { commentId: { in: commentIds } },
            select: { commentId: true, user: { select: publicUserFields } },
            orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
          })
        ).map(({ commentId, user }) => Object.assign(toUser(user), { commentId })),
      (user) => user.commentId,
    ),
  };
}

function bodyErrors(body: string): UserError[] {
  if (!body.trim()) return [userError(UserErrorCode.VALIDATION, "Write something first.", ["body"])];
  if (body.length > MAX_COMMENT_LENGTH) {
    return [
      userError(
        UserErrorCode.VALIDATION,
        `A comment is at most ${MAX_COMMENT_LENGTH.toLocaleString("en")} characters.`,
        ["body"],
      ),
    ];
  }
  // PostgreSQL text cannot hold U+0000.
  if (body.includes("\u0000")) return [userError(UserErrorCode.VALIDATION, "A comment cannot contain NUL.", ["body"])];
  return [];
}

/** The users a comment mentions, checked: each an active user; refused together with the body's problems. */
async function checkedMentions(
  tx: Tx | PrismaClient,
  input: { body: string; mentionIds?: string[] | null },
): Promise<string[]> {
  const errors = [...(await validateInput(input)), ...bodyErrors(input.body)];
  const mentions = await resolveActiveUsers(tx as Tx, input.mentionIds ?? [], (index) => ["mentionIds", String(index)]);
  errors.push(...mentions.errors);
  if (errors.length) throw new RefusedError(errors);
  return [...new Set(mentions.rowIds)];
}

const auditIds = (rowIds: string[]) => rowIds.map((rowId) => globalIdOf("User", rowId)).sort();

export async function addComment(
  prisma: PrismaClient,
  input: AddCommentInput,
  authorId: string,
): Promise<WriteResult<Comment>> {
  const rowId = requireEngagementRowId(input.engagementId, "engagementId");
  const mentionIds = await checkedMentions(prisma, input);
  return writeBesideEngagement(prisma, { rowId, actorId: authorId }, async () => ({
    event: EngagementEventKind.COMMENTED,
    write: async (tx) => {
      const comment = await tx.comment.create({
        data: {
          engagementId: rowId,
          authorId,
          body: input.body,
          mentions: { create: mentionIds.map((userId) => ({ userId })) },
        },
      });
      return {
        extra: toComment(comment),
        mentions: mentionIds,
        details: {
          comment: { id: globalIdOf("Comment", comment.id), body: comment.body, mentions: auditIds(mentionIds) },
        },
      };
    },
  }));
}

/** The author's own, not removed, comment `globalId` names, or a refusal. */
async function ownComment(prisma: PrismaClient, globalId: string, actorId: string): Promise<CommentRow> {
  const rowId = rowIdOf("Comment", globalId);
  const comment = rowId && (await prisma.comment.findUnique({ where: { id: rowId } }));
  if (!comment || comment.removedAt) refuse(UserErrorCode.NOT_FOUND, `No comment has the ID "${globalId}".`, ["id"]);
  if (comment.authorId !== actorId) {
    refuse(UserErrorCode.NOT_YOURS, "Only its author may change a comment.", ["id"]);
  }
  return comment;
}

/** Edits the author's comment: the new text and, when given, mentions; the trail keeps the text before. */
export async function editComment(
  prisma: PrismaClient,
  input: EditCommentInput,
  actorId: string,
): Promise<WriteResult<Comment>> {
  const found = await ownComment(prisma, input.id, actorId);
  const mentionIds = await checkedMentions(prisma, input);
  return writeBesideEngagement(prisma, { rowId: found.engagementId, actorId }, async (_engagement, tx) => {
    const comment = await tx.comment.findUniqueOrThrow({ where: { id: found.id } });
    if (comment.removedAt) refuse(UserErrorCode.NOT_FOUND, `No comment has the ID "${input.id}".`, ["id"]);
    return {
      event: EngagementEventKind.COMMENT_EDITED,
      write: async (tx) => {
        if (input.mentionIds != null) {
          await tx.commentMention.deleteMany({ where: { commentId: comment.id } });
          await tx.commentMention.createMany({ data: mentionIds.map((userId) => ({ commentId: comment.id, userId })) });
        }
        const edited = await tx.comment.update({
          where: { id: comment.id },
          data: { body: input.body, editedAt: new Date() },
        });
        return {
          extra: toComment(edited),
          mentions: input.mentionIds == null ? [] : mentionIds,
          details: {
            comment: { id: input.id, changes: { body: { from: comment.body, to: edited.body } } },
          },
        };
      },
    };
  });
}

/** Removes the author's comment from the thread; the activity keeps a "comment removed" mark. */
export async function removeComment(
  prisma: PrismaClient,
  input: RemoveCommentInput,
  actorId: string,
): Promise<WriteResult<Comment>> {
  const found = await ownComment(prisma, input.id, actorId);
  return writeBesideEngagement(prisma, { rowId: found.engagementId, actorId }, async (_engagement, tx) => {
    const comment = await tx.comment.findUniqueOrThrow({ where: { id: found.id } });
    if (comment.removedAt) refuse(UserErrorCode.NOT_FOUND, `No comment has the ID "${input.id}".`, ["id"]);
    return {
      event: EngagementEventKind.COMMENT_REMOVED,
      write: async (tx) => ({
        extra: toComment(await tx.comment.update({ where: { id: comment.id }, data: { removedAt: new Date() } })),
        details: { comment: { id: input.id } },
      }),
    };
  });
}
