import { graphql, type CommentThread_EngagementFragment } from "@engagement-tracker/schema";
import { commentLines } from "../../lib/comment-text";
import type { Formatter } from "../../lib/format";
import { AddCommentForm, EditCommentForm, RemoveCommentForm } from "./CommentForms";
import styles from "./EngagementDetail.module.css";
import type { Person } from "./MilestoneFields";

export const CommentThreadFragment = graphql(`
  fragment CommentThread_engagement on Engagement {
    id
    archivedAt
    comments {
      id
      body
      createdAt
      editedAt
      author {
        id
        name
      }
      mentions {
        id
        name
      }
    }
  }
`);

/** The engagement's comment thread, oldest first; anyone signed in may write, an author edits and removes their own. */
export function CommentThread({
  engagement,
  viewerId,
  people,
  format,
}: {
  engagement: CommentThread_EngagementFragment;
  viewerId: string | null;
  people: readonly Person[];
  format: Formatter;
}) {
  const open = !engagement.archivedAt;
  return (
    <section className="card" aria-labelledby="comments-heading" id="comments">
      <div className="card-header">
        <h2 id="comments-heading" className={styles.cardTitle}>
          Comments
        </h2>
        {engagement.comments.length ? (
          <p>
            {engagement.comments.length} comment{engagement.comments.length === 1 ? "" : "s"}
          </p>
        ) : null}
      </div>
      {engagement.comments.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ol className={styles.comments}>
        {engagement.comments.map((comment) => (
          <li key={comment.id} className={styles.comment}>
            <p className={styles.commentMeta}>
              <strong>{comment.author?.name ?? "Someone"}</strong> ·{" "}
              <time dateTime={comment.createdAt}>{format.instant(comment.createdAt)}</time>
              {comment.editedAt ? (
                <>
                  {" "}
                  · <span title={format.instant(comment.editedAt)}>edited</span>
                </>
              ) : null}
            </p>
            <div className={styles.commentBody}>
              {commentLines(comment.body).map((pieces, line) => (
                <p key={line}>
                  {pieces.map((piece, index) =>
                    "href" in piece ? (
                      <a key={index} href={piece.href} rel="noopener noreferrer nofollow" target="_blank">
                        {piece.text}
                      </a>
                    ) : (
                      piece.text
                    ),
                  )}
                </p>
              ))}
            </div>
            {comment.mentions.length ? (
              <p className={styles.commentMeta}>
                Mentions: {comment.mentions.map((user) => `@${user.name}`).join(", ")}
              </p>
            ) : null}
            {open && comment.author?.id === viewerId ? (
              <div className={styles.milestoneManage}>
                <EditCommentForm engagementId={engagement.id} commentId={comment.id} body={comment.body} />
                <RemoveCommentForm engagementId={engagement.id} commentId={comment.id} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {open ? <AddCommentForm engagementId={engagement.id} people={people} /> : null}
    </section>
  );
}
