"use client";

import { useActionState, type InputHTMLAttributes } from "react";
import type { EngagementFormState } from "../../app/engagements/actions";
import {
  ENGAGEMENT_FIELD_LABELS,
  SPARE_PARTICIPANT_ROWS,
  participantLabel,
  type EngagementFormValues,
} from "../../lib/engagement-form";
import { KIND_LABELS, KINDS, PARTICIPATION_ROLE_LABELS, PARTICIPATION_ROLES } from "../../lib/labels";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";
import { ConflictNotice } from "./ConflictNotice";
import styles from "./EngagementForm.module.css";

type TextFieldName = Exclude<keyof EngagementFormValues, "participants">;

export interface EngagementFormOptions {
  series: readonly { id: string; name: string; shortName: string }[];
  organizations: readonly { id: string; name: string; country: string }[];
  /** Country code → name in the reader's locale, for the country pickers. */
  countryNames: Record<string, string>;
}

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
  const rows = [
    ...values.participants.filter((participant) => participant.organizationId),
    ...Array.from({ length: SPARE_PARTICIPANT_ROWS }, () => ({ organizationId: "", role: "" })),
  ];
  const labels = {
    ...ENGAGEMENT_FIELD_LABELS,
    ...Object.fromEntries(
      rows.flatMap((_, index) => [
        [`participants.${index}.organizationId`, participantLabel(index, "organizationId")],
        [`participants.${index}.role`, participantLabel(index, "role")],
      ]),
    ),
  };
  const countries = Object.entries(options.countryNames).sort(([, a], [, b]) => a.localeCompare(b));
  /** A labelled input for one of the form's text values, with its hint and the API's error. */
  const inputField = (
    name: TextFieldName,
    { hint, className, ...input }: { hint?: string; className?: string } & InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <Field name={name} label={labels[name]} hint={hint} error={errors[name]} className={className}>
      {(control) => <input type="text" {...input} {...control} defaultValue={values[name]} />}
    </Field>
  );
  const countryInput = { list: "country-codes", maxLength: 2, autoCapitalize: "characters", required: true };
  const countriesWithOrganizations = [...new Set(options.organizations.map((organization) => organization.country))];

  return (
    <form action={formAction} className={styles.form}>
      {state.conflict ? (
        <ConflictNotice changes={state.conflict.changes}>
          Your edits are still in the form. Saving again applies them over the changes above.
        </ConflictNotice>
      ) : null}
      <ErrorSummary errors={state} labels={labels} />
      {edit ? (
        <>
          <input type="hidden" name="id" value={edit.id} />
          <input type="hidden" name="expectedVersion" value={edit.version} />
          <input type="hidden" name="seen" value={edit.seen} />
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
          <legend className={styles.legend}>When and where</legend>
          {inputField("startsOn", { type: "date", required: true })}
          {inputField("endsOn", { type: "date", required: true })}
          {inputField("locationName", { hint: "City or site, e.g. Honolulu", required: true })}
          {inputField("region", { hint: "Province or state" })}
          {inputField("country", { hint: "Two-letter code, e.g. CN", ...countryInput })}
          {inputField("hostCountry", { hint: "The hosting side", ...countryInput })}
          <datalist id="country-codes">
            {countries.map(([code, name]) => (
              <option key={code} value={code} label={name} />
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

        <fieldset className={`card ${styles.section}`}>
          <legend className={styles.legend}>Participants</legend>
          <p className={`field-hint ${styles.wide}`}>Leave a row empty to skip it; save to get more empty rows.</p>
          {rows.map((participant, index) => (
            <div key={index} className={styles.participant}>
              <Field
                name={`participants.${index}.organizationId`}
                label={participantLabel(index, "organizationId")}
                error={errors[`participants.${index}.organizationId`]}
              >
                {(control) => (
                  <select {...control} defaultValue={participant.organizationId}>
                    <option value="">None</option>
                    {countriesWithOrganizations.map((country) => (
                      <optgroup key={country} label={options.countryNames[country] ?? country}>
                        {options.organizations
                          .filter((organization) => organization.country === country)
                          .map((organization) => (
                            <option key={organization.id} value={organization.id}>
                              {organization.name}
                            </option>
                          ))}
                      </optgroup>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                name={`participants.${index}.role`}
                label={participantLabel(index, "role")}
                error={errors[`participants.${index}.role`]}
              >
                {(control) => (
                  <select {...control} defaultValue={participant.role || "DELEGATION"}>
                    {PARTICIPATION_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {PARTICIPATION_ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          ))}
        </fieldset>
      </div>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
