"use client";

import { useActionState } from "react";
import {
  addCommentAction,
  editCommentAction,
  removeCommentAction,
  type CommentFormState,
  type RemoveCommentState,
} from "../../app/engagements/comment-actions";
import { Field } from "../forms/Field";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./EngagementDetail.module.css";
import type { Person } from "./MilestoneFields";
import { FormErrors } from "../forms/FormErrors";

const initial = (body: string): CommentFormState => ({
  body,
  mentionIds: [],
  done: null,
  fieldErrors: {},
  formErrors: [],
});

const failed = (state: CommentFormState) => Object.keys(state.fieldErrors).length + state.formErrors.length > 0;

/** The people a comment may call on: a group of checkboxes behind a disclosure, which reads well to a screen reader and works without JavaScript. */
function MentionPicker({ people, selected, error }: { people: readonly Person[]; selected: string[]; error?: string }) {
  return (
    <details className={styles.mentionPicker} open={selected.length > 0 || Boolean(error) || undefined}>
      <summary>Mention someone</summary>
      <fieldset aria-describedby={error ? "comment-mentions-error" : undefined}>
        <legend className="visually-hidden">Mention</legend>
        <div className={styles.mentionChoices}>
          {people.map((person) => (
            <label key={person.id} className="check">
              <input
                type="checkbox"
                name="mentionIds"
                value={person.id}
                defaultChecked={selected.includes(person.id)}
              />
              @{person.name}
            </label>
          ))}
        </div>
        {error ? (
          <span id="comment-mentions-error" className="field-error">
            {error}
          </span>
        ) : null}
      </fieldset>
    </details>
  );
}

/** Writes a comment; what was written stays after a refusal. */
export function AddCommentForm({ engagementId, people }: { engagementId: string; people: readonly Person[] }) {
  const [state, formAction] = useActionState(addCommentAction, initial(""));
  return (
    <form action={formAction} className={styles.commentForm} aria-labelledby="add-comment-heading">
      <h3 id="add-comment-heading" className="visually-hidden">
        Add a comment
      </h3>
      {state.done ? (
        <p role="status" className="notice notice-success">
          {state.done}
        </p>
      ) : null}
      <FormErrors messages={state.formErrors} />
      <input type="hidden" name="engagementId" value={engagementId} />
      {/* A new key after each answer: the fields show what the state holds. */}
      <div key={`${state.done}-${state.body}`} className={styles.commentFields}>
        <Field
          name="body"
          id="new-comment-body"
          label="Comment"
          hint="Plain text; links are made clickable"
          error={state.fieldErrors.body}
        >
          {(control) => <textarea {...control} rows={3} maxLength={10_000} defaultValue={state.body} />}
        </Field>
        <MentionPicker people={people} selected={state.mentionIds} error={state.fieldErrors.mentionIds} />
      </div>
      <div>
        <SubmitButton variant="secondary" pendingLabel="Posting…">
          Post comment
        </SubmitButton>
      </div>
    </form>
  );
}

/** The author edits their comment behind a disclosure that stays open after a refusal. */
export function EditCommentForm({
  engagementId,
  commentId,
  body,
}: {
  engagementId: string;
  commentId: string;
  body: string;
}) {
  const [state, formAction] = useActionState(editCommentAction, initial(body));
  const refused = failed(state);
  return (
    <details className={styles.milestoneDisclosure} open={refused || undefined}>
      <summary>
        Edit<span className="visually-hidden"> your comment</span>
      </summary>
      <form action={formAction} className={styles.milestoneForm}>
        <FormErrors messages={state.formErrors} />
        <input type="hidden" name="engagementId" value={engagementId} />
        <input type="hidden" name="commentId" value={commentId} />
        <Field name="body" id={`edit-${commentId}-body`} label="Comment" error={state.fieldErrors.body}>
          {(control) => (
            <textarea {...control} rows={3} maxLength={10_000} defaultValue={refused ? state.body : body} />
          )}
        </Field>
        <div>
          <SubmitButton variant="small" pendingLabel="Saving…">
            Save comment
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}

/** The author removes their comment after confirming; the activity keeps a mark of it. */
export function RemoveCommentForm({ engagementId, commentId }: { engagementId: string; commentId: string }) {
  const [state, formAction] = useActionState<RemoveCommentState, FormData>(removeCommentAction, { error: null });
  return (
    <details className={styles.milestoneDisclosure} open={state.error ? true : undefined}>
      <summary>
        Remove<span className="visually-hidden"> your comment</span>
      </summary>
      <form action={formAction} className={styles.milestoneForm}>
        <p>Remove this comment? The activity keeps a mark that it was removed.</p>
        <input type="hidden" name="engagementId" value={engagementId} />
        <input type="hidden" name="commentId" value={commentId} />
        <div>
          <SubmitButton variant="small" pendingLabel="Removing…">
            Remove comment
          </SubmitButton>
        </div>
        <InlineError message={state.error} />
      </form>
    </details>
  );
}
