"use client";

import type { EngagementStatus } from "@engagement-tracker/schema";
import { useActionState, useState } from "react";
import { changeStatusAction, type StatusChangeState } from "../../app/engagements/actions";
import { STATUS_LABELS } from "../../lib/labels";
import { StatusBadge } from "../Badges";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";
import { ConflictNotice } from "./ConflictNotice";
import styles from "./EngagementDetail.module.css";

const INITIAL: StatusChangeState = {
  status: "",
  reason: "",
  conflict: null,
  done: null,
  fieldErrors: {},
  formErrors: [],
};

/**
 * Moves the engagement with the version the user saw. After a conflict the page shows the
 * fresh state; the user's choice and reason stay, so a retry is one click on the new version.
 */
export function StatusChangeForm({
  engagementId,
  version,
  currentStatus,
  allowedTransitions,
  statusesNeedingReason,
  seen,
}: {
  engagementId: string;
  version: number;
  currentStatus: EngagementStatus;
  allowedTransitions: readonly EngagementStatus[];
  statusesNeedingReason: readonly EngagementStatus[];
  /** The snapshot of the engagement this form was rendered with, to tell what changed on a conflict. */
  seen: string;
}) {
  const [state, formAction] = useActionState(changeStatusAction, INITIAL);
  const [chosen, setChosen] = useState<string>("");
  const requested = state.status as EngagementStatus;
  const reasonRequired = statusesNeedingReason.includes(chosen as EngagementStatus);
  return (
    <form action={formAction} className="stack">
      {state.done ? (
        <p role="status" className="notice notice-success">
          {state.done}
        </p>
      ) : null}
      {state.conflict ? (
        <ConflictNotice changes={state.conflict.changes}>
          {allowedTransitions.includes(requested)
            ? `Moving to ${STATUS_LABELS[requested]} is still possible. Check the changes, then change the status again.`
            : `Moving to ${STATUS_LABELS[requested]} is no longer possible from ${STATUS_LABELS[currentStatus]}. Choose another move.`}
        </ConflictNotice>
      ) : null}
      {state.formErrors.length ? (
        <div role="alert" className="notice notice-error">
          {state.formErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
      <input type="hidden" name="id" value={engagementId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="seen" value={seen} />
      <fieldset aria-describedby={state.fieldErrors.status ? "status-error" : undefined}>
        <legend>
          Move from <StatusBadge status={currentStatus} /> to
        </legend>
        <div className={styles.transitions}>
          {allowedTransitions.map((status) => (
            <label key={status} className={styles.transition} data-status={status}>
              <input
                type="radio"
                name="status"
                value={status}
                required
                defaultChecked={!state.done && requested === status}
                onChange={(event) => setChosen(event.currentTarget.value)}
              />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </div>
        {state.fieldErrors.status ? (
          <span id="status-error" className="field-error">
            {state.fieldErrors.status}
          </span>
        ) : null}
      </fieldset>
      <Field
        name="reason"
        label={reasonRequired ? "Reason (required)" : "Reason"}
        hint={`Recorded in the history. Required when postponing or cancelling.`}
        error={state.fieldErrors.reason}
      >
        {(control) => (
          <textarea {...control} rows={3} required={reasonRequired} defaultValue={state.done ? "" : state.reason} />
        )}
      </Field>
      <div>
        <SubmitButton pendingLabel="Changing status…">Change status</SubmitButton>
      </div>
    </form>
  );
}
