"use client";

import { useActionState } from "react";
import {
  addMilestoneAction,
  removeMilestoneAction,
  updateMilestoneAction,
  type MilestoneFormState,
  type MilestoneValues,
  type RemoveMilestoneState,
} from "../../app/engagements/milestone-actions";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./EngagementDetail.module.css";
import { MilestoneFields, type Person } from "./MilestoneFields";
import { FormErrors } from "../forms/FormErrors";

const EMPTY_MILESTONE: MilestoneValues = { title: "", dueOn: "", note: "", ownerId: "" };
const initial = (values: MilestoneValues): MilestoneFormState => ({
  values,
  done: null,
  fieldErrors: {},
  formErrors: [],
});

/** The engagement a milestone form writes to, with the version the user saw, and who may own a step. */
interface Target {
  engagementId: string;
  version: number;
  people: readonly Person[];
}

function Hidden({ engagementId, version, milestoneId }: Omit<Target, "people"> & { milestoneId?: string }) {
  return (
    <>
      <input type="hidden" name="engagementId" value={engagementId} />
      <input type="hidden" name="expectedVersion" value={version} />
      {milestoneId ? <input type="hidden" name="milestoneId" value={milestoneId} /> : null}
    </>
  );
}

const failed = (state: MilestoneFormState) => Object.keys(state.fieldErrors).length + state.formErrors.length > 0;

/** Adds a preparation step; what was typed stays after a refusal. */
export function AddMilestoneForm(target: Target) {
  const [state, formAction] = useActionState(addMilestoneAction, initial(EMPTY_MILESTONE));
  return (
    <form
      action={formAction}
      className={`${styles.milestoneForm} ${styles.addMilestone}`}
      aria-labelledby="add-milestone-heading"
    >
      <h3 id="add-milestone-heading">Add a milestone</h3>
      {state.done ? (
        <p role="status" className="notice notice-success">
          {state.done}
        </p>
      ) : null}
      <FormErrors messages={state.formErrors} />
      <Hidden {...target} />
      <MilestoneFields
        idPrefix="new-milestone"
        values={state.values}
        fieldErrors={state.fieldErrors}
        people={target.people}
      />
      <div>
        <SubmitButton variant="secondary" pendingLabel="Adding…">
          Add milestone
        </SubmitButton>
      </div>
    </form>
  );
}

/** Edits a milestone's title, due date and note, behind a disclosure that stays open after a refusal. */
export function EditMilestoneForm({
  milestoneId,
  current,
  ...target
}: Target & { milestoneId: string; current: MilestoneValues }) {
  const [state, formAction] = useActionState(updateMilestoneAction, initial(current));
  const refused = failed(state);
  return (
    <details className={styles.milestoneDisclosure} open={refused || undefined}>
      <summary>
        Edit<span className="visually-hidden">: {current.title}</span>
      </summary>
      <form action={formAction} className={styles.milestoneForm}>
        {state.done ? (
          <p role="status" className="notice notice-success">
            {state.done}
          </p>
        ) : null}
        <FormErrors messages={state.formErrors} />
        <Hidden {...target} milestoneId={milestoneId} />
        <MilestoneFields
          idPrefix={`edit-${milestoneId}`}
          values={refused ? state.values : current}
          fieldErrors={state.fieldErrors}
          people={target.people}
        />
        <div>
          <SubmitButton variant="small" pendingLabel="Saving…">
            Save milestone
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}

/** Removes a milestone after the user confirms; the activity keeps a record of it. */
export function RemoveMilestoneForm({
  milestoneId,
  title,
  ...target
}: Target & { milestoneId: string; title: string }) {
  const [state, formAction] = useActionState<RemoveMilestoneState, FormData>(removeMilestoneAction, { error: null });
  return (
    <details className={styles.milestoneDisclosure} open={state.error ? true : undefined}>
      <summary>
        Remove<span className="visually-hidden">: {title}</span>
      </summary>
      <form action={formAction} className={styles.milestoneForm}>
        <p>Remove “{title}”? The activity keeps a record of it.</p>
        <Hidden {...target} milestoneId={milestoneId} />
        <div>
          <SubmitButton variant="small" pendingLabel="Removing…">
            Remove milestone<span className="visually-hidden">: {title}</span>
          </SubmitButton>
        </div>
        <InlineError message={state.error} />
      </form>
    </details>
  );
}
