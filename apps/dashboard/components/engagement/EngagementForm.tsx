"use client";

import { COUNTRIES } from "@engagement-tracker/schema/countries";
import { useActionState, useEffect, useRef, type InputHTMLAttributes } from "react";
import type { EngagementFormState } from "../../app/engagements/actions";
import { ENGAGEMENT_FIELD_LABELS, participantLabel, type EngagementFormValues } from "../../lib/engagement-form";
import type { EngagementFormOptions } from "../../lib/engagement-form-options";
import { KIND_LABELS, KINDS } from "../../lib/labels";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field, fieldId } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";
import { useUnsavedChangesWarning } from "../forms/useUnsavedChangesWarning";
import { ConflictNotice } from "./ConflictNotice";
import { ParticipantRows } from "./ParticipantRows";
import styles from "./EngagementForm.module.css";

type TextFieldName = Exclude<keyof EngagementFormValues, "participants" | "coOwnerIds">;

/** Create and edit share one form; edit adds the version it started from and the outcome. */
export function EngagementForm({
  action,
  initial,
  options,
  edit,
  submitLabel,
}: {
  action: (state: EngagementFormState, formData: FormData) => Promise<EngagementFormState>;
  initial: EngagementFormValues;
  options: EngagementFormOptions;
  edit?: { id: string; version: number; seen: string };
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, {
    values: null,
    conflict: null,
    fieldErrors: {},
    formErrors: [],
  });
  const values = state.values ?? initial;
  const errors = state.fieldErrors;
  const form = useRef<HTMLFormElement>(null);
  const conflictNotice = useRef<HTMLDivElement>(null);
  useUnsavedChangesWarning(form, state.values ? state : null);
  // The notice sits beside Save, where the user just was; focus goes to it so it is read out.
  useEffect(() => {
    if (state.conflict) conflictNotice.current?.focus();
  }, [state.conflict]);
  const labels: Record<string, string> = {
    ...ENGAGEMENT_FIELD_LABELS,
    coOwnerIds: "Co-owners",
    ...Object.fromEntries(
      values.participants.flatMap((_, index) => [
        [`participants.${index}.organizationId`, participantLabel(index, "organizationId")],
        [`participants.${index}.role`, participantLabel(index, "role")],
      ]),
    ),
  };
  /** A labelled input for one of the form's text values, with its hint and the API's error. */
  const inputField = (
    name: TextFieldName,
    { hint, className, ...input }: { hint?: string; className?: string } & InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <Field name={name} label={labels[name]} hint={hint} error={errors[name]} className={className}>
      {(control) => <input type="text" {...input} {...control} defaultValue={values[name]} />}
    </Field>
  );
  // A text box with suggestions is a combobox that works without JavaScript; the server resolves the name.
  const countryInput = { list: "country-names", autoComplete: "off", required: true };

  return (
    <form ref={form} action={formAction} className={styles.form}>
      <ErrorSummary errors={state} labels={labels} />
      {edit ? (
        <>
          <input type="hidden" name="id" value={edit.id} />
          <input type="hidden" name="expectedVersion" value={edit.version} />
          <input type="hidden" name="seen" value={edit.seen} />
          {/* What the form started from: saving sends only the fields that differ from it. */}
          <input type="hidden" name="original" value={JSON.stringify(initial)} />
        </>
      ) : null}
      {/* A new set of values (after a refusal) must replace what the fields show. */}
      <div key={JSON.stringify(values)} className={styles.sections}>
        <fieldset className={`card ${styles.section}`}>
          <legend className={styles.legend}>What</legend>
          {inputField("title", { className: styles.wide, required: true })}
          <Field name="kind" label={labels.kind} error={errors.kind}>
            {(control) => (
              <select {...control} defaultValue={values.kind} required>
                <option value="">Choose…</option>
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="seriesId" label={labels.seriesId} hint="For recurring engagements" error={errors.seriesId}>
            {(control) => (
              <select {...control} defaultValue={values.seriesId}>
                <option value="">None</option>
                {options.series.map((series) => (
                  <option key={series.id} value={series.id}>
                    {series.name} ({series.shortName})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {inputField("round", { hint: "17 for the 17th talks", inputMode: "numeric" })}
          {edit ? null : (
            <Field name="status" label={labels.status} error={errors.status}>
              {(control) => (
                <select {...control} defaultValue={values.status || "PROPOSED"}>
                  <option value="PROPOSED">Proposed</option>
                  <option value="PLANNED">Planned</option>
                </select>
              )}
            </Field>
          )}
        </fieldset>

        <fieldset className={`card ${styles.section}`}>
          <legend className={styles.legend}>Who is responsible</legend>
          <Field
            name="ownerId"
            label={labels.ownerId}
            hint="The desk officer who answers for it"
            error={errors.ownerId}
          >
            {(control) => (
              <select {...control} defaultValue={values.ownerId}>
                <option value="">{edit ? "Unassigned" : "Me"}</option>
                {options.people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className={styles.wide} aria-describedby={errors.coOwnerIds ? "coOwnerIds-error" : undefined}>
            <legend>{labels.coOwnerIds}</legend>
            <div className={styles.checks}>
              {options.people.map((person, index) => (
                <label key={person.id} className="check">
                  <input
                    // The error summary links to the group's first box.
                    id={index === 0 ? fieldId("coOwnerIds") : undefined}
                    type="checkbox"
                    name="coOwnerIds"
                    value={person.id}
                    defaultChecked={values.coOwnerIds.includes(person.id)}
                  />
                  {person.name}
                </label>
              ))}
            </div>
            {errors.coOwnerIds ? (
              <span id="coOwnerIds-error" className="field-error">
                {errors.coOwnerIds}
              </span>
            ) : null}
          </fieldset>
        </fieldset>

        <fieldset className={`card ${styles.section}`}>
          <legend className={styles.legend}>When and where</legend>
          {inputField("startsOn", { type: "date", required: true })}
          {inputField("endsOn", { type: "date", required: true })}
          {inputField("locationName", { hint: "City or site, e.g. Honolulu", required: true })}
          {inputField("region", { hint: "Province or state" })}
          {inputField("country", { hint: "Type a name and choose, e.g. China", ...countryInput })}
          {inputField("hostCountry", { hint: "The hosting side", ...countryInput })}
          <datalist id="country-names">
            {COUNTRIES.map((country) => (
              <option key={country.code} value={country.name} />
            ))}
          </datalist>
        </fieldset>

        <fieldset className={`card ${styles.section}`}>
          <legend className={styles.legend}>About</legend>
          <Field name="summary" label={labels.summary} error={errors.summary} className={styles.wide}>
            {(control) => <textarea {...control} rows={4} defaultValue={values.summary} />}
          </Field>
          <Field
            name="objectives"
            label={labels.objectives}
            hint="One per line"
            error={errors.objectives}
            className={styles.wide}
          >
            {(control) => <textarea {...control} rows={4} defaultValue={values.objectives} />}
          </Field>
          {edit ? (
            <Field
              name="outcome"
              label={labels.outcome}
              hint="What came of it, once held"
              error={errors.outcome}
              className={styles.wide}
            >
              {(control) => <textarea {...control} rows={3} defaultValue={values.outcome} />}
            </Field>
          ) : null}
        </fieldset>

        <ParticipantRows participants={values.participants} organizations={options.organizations} errors={errors} />
      </div>
      {state.conflict ? (
        <div ref={conflictNotice} tabIndex={-1}>
          <ConflictNotice changes={state.conflict.changes}>
            The form now shows the engagement as it stands, with your edits kept in the fields you changed. Saving again
            applies only your edits.
          </ConflictNotice>
        </div>
      ) : null}
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
