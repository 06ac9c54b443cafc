"use client";

import type { EngagementStatus } from "@engagement-tracker/schema";
import { useActionState, useEffect, useRef, useState } from "react";
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
  startsOn: "",
  endsOn: "",
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
  window,
  statusesNeedingReason,
  seen,
}: {
  engagementId: string;
  version: number;
  currentStatus: EngagementStatus;
  allowedTransitions: readonly EngagementStatus[];
  /** The planned window now, offered as the new dates when postponing. */
  window: { startsOn: string; endsOn: string };
  statusesNeedingReason: readonly EngagementStatus[];
  /** The snapshot of the engagement this form was rendered with, to tell what changed on a conflict. */
  seen: string;
}) {
  const [state, formAction] = useActionState(changeStatusAction, INITIAL);
  const [chosen, setChosen] = useState<string>("");
  const requested = state.status as EngagementStatus;
  const reasonRequired = statusesNeedingReason.includes(chosen as EngagementStatus);
  const doneMessage = useRef<HTMLParagraphElement>(null);
  // After a move the result is where focus goes, not back to the top of the page.
  useEffect(() => {
    if (state.done) doneMessage.current?.focus();
  }, [state]);
  const keepTyped = !state.done && (state.startsOn || state.endsOn);
  return (
    <form action={formAction} className={`stack ${styles.statusForm}`}>
      {state.done ? (
        <p role="status" className="notice notice-success" ref={doneMessage} tabIndex={-1}>
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
      {allowedTransitions.includes("POSTPONED") ? (
        <fieldset className={styles.postponeDates}>
          <legend>New dates, if known (when postponing)</legend>
          <div className={styles.postponeFields}>
            <Field name="startsOn" label="New start" error={state.fieldErrors.startsOn}>
              {(control) => (
                <input {...control} type="date" defaultValue={keepTyped ? state.startsOn : window.startsOn} />
              )}
            </Field>
            <Field name="endsOn" label="New end" error={state.fieldErrors.endsOn}>
              {(control) => <input {...control} type="date" defaultValue={keepTyped ? state.endsOn : window.endsOn} />}
            </Field>
          </div>
        </fieldset>
      ) : null}
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
