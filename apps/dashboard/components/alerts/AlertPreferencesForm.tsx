"use client";

import { graphql, type AlertKind, type AlertPreferencesForm_PreferencesFragment } from "@engagement-tracker/schema";
import { useActionState } from "react";
import { updateAlertPreferencesAction, type AlertPreferencesState } from "../../app/settings/alerts/actions";
import styles from "../admin/Accounts.module.css";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";

export const AlertPreferencesFormFragment = graphql(`
  fragment AlertPreferencesForm_preferences on AlertPreferences {
    email
    kinds
    timing
    quietHours {
      from
      until
    }
    timeZone
    dueSoonDays
  }
`);

const KIND_LABELS: Record<AlertKind, string> = {
  AT_RISK: "An engagement becomes at risk",
  OVERDUE: "An engagement becomes overdue",
  MILESTONE_DUE_SOON: "A milestone is due soon",
  MILESTONE_OVERDUE: "A milestone becomes overdue",
  POSTPONED: "Someone postpones an engagement",
  CANCELLED: "Someone cancels an engagement",
};
const KINDS = Object.keys(KIND_LABELS) as AlertKind[];

const LABELS = {
  kinds: "Alert me when",
  timing: "How",
  quietFrom: "Quiet from",
  quietUntil: "Quiet until",
  timeZone: "Time zone",
  dueSoonDays: "Due soon means within",
};

/** The viewer's alert preferences, saved as a whole. */
export function AlertPreferencesForm({
  preferences,
  timeZones,
}: {
  preferences: AlertPreferencesForm_PreferencesFragment;
  timeZones: readonly string[];
}) {
  const initial: AlertPreferencesState = {
    values: {
      kinds: [...preferences.kinds],
      timing: preferences.timing,
      quietFrom: preferences.quietHours?.from ?? "",
      quietUntil: preferences.quietHours?.until ?? "",
      timeZone: preferences.timeZone,
      dueSoonDays: String(preferences.dueSoonDays),
    },
    saved: false,
    fieldErrors: {},
    formErrors: [],
  };
  const [state, formAction] = useActionState(updateAlertPreferencesAction, initial);
  const { values } = state;
  return (
    <form action={formAction} className="stack">
      <ErrorSummary errors={state} labels={LABELS} />
      {state.saved ? (
        <p role="status" className="notice notice-success">
          Alert settings saved.
        </p>
      ) : null}
      <p>
        Alerts go to <strong>{preferences.email}</strong>, about engagements you own, co-own or watch.
      </p>
      <fieldset>
        <legend>{LABELS.kinds}</legend>
        <div className="checks">
          {KINDS.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" name="kinds" value={kind} defaultChecked={values.kinds.includes(kind)} />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{LABELS.timing}</legend>
        <div className="checks">
          <label className="check">
            <input type="radio" name="timing" value="IMMEDIATE" defaultChecked={values.timing === "IMMEDIATE"} />
            An e-mail for each alert, as it happens
          </label>
          <label className="check">
            <input type="radio" name="timing" value="DIGEST" defaultChecked={values.timing === "DIGEST"} />
            One daily digest of what needs attention today
          </label>
        </div>
      </fieldset>
      <div className={styles.grid}>
        <Field
          name="quietFrom"
          label={LABELS.quietFrom}
          hint="No e-mail from this time… (leave both empty for none)"
          error={state.fieldErrors.quietFrom}
        >
          {(control) => <input {...control} type="time" defaultValue={values.quietFrom} />}
        </Field>
        <Field
          name="quietUntil"
          label={LABELS.quietUntil}
          hint="…until this time; alerts held back arrive then"
          error={state.fieldErrors.quietUntil}
        >
          {(control) => <input {...control} type="time" defaultValue={values.quietUntil} />}
        </Field>
        <Field name="timeZone" label={LABELS.timeZone} hint="Of your quiet hours" error={state.fieldErrors.timeZone}>
          {(control) => (
            <select {...control} defaultValue={values.timeZone}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="dueSoonDays"
          label={LABELS.dueSoonDays}
          hint="Days before a milestone's due date, 0 to 30"
          error={state.fieldErrors.dueSoonDays}
        >
          {(control) => (
            <input {...control} type="number" min={0} max={30} step={1} required defaultValue={values.dueSoonDays} />
          )}
        </Field>
      </div>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">Save alert settings</SubmitButton>
      </div>
    </form>
  );
}
