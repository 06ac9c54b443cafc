"use client";

import type { WebhookEventKind } from "@engagement-tracker/schema";
import { useActionState } from "react";
import { createWebhookEndpointAction, type CreateWebhookState } from "../../../app/admin/webhooks/actions";
import { WEBHOOK_EVENT_LABELS } from "../../../lib/labels";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field, fieldId } from "../../forms/Field";
import { SubmitButton } from "../../forms/SubmitButton";
import { ShownOnce } from "../../tokens/ShownOnce";
import styles from "../Accounts.module.css";

const LABELS = { url: "URL", description: "Description", events: "Send" };
const EVENTS_ERROR = `${fieldId("events")}-error`;
const EMPTY: CreateWebhookState = {
  values: { url: "", description: "", events: ["CHANGES"] },
  created: null,
  fieldErrors: {},
  formErrors: [],
};

/** Adds an endpoint and shows its signing secret this once. */
export function CreateWebhookForm() {
  const [state, formAction] = useActionState(createWebhookEndpointAction, EMPTY);
  return (
    <div className="stack">
      {state.created ? (
        <ShownOnce
          heading={`Copy the signing secret for ${state.created.url} into the receiver now. You won’t see it again.`}
          name="secret"
          label="Signing secret"
          value={state.created.secret}
        >
          <p className="field-hint">
            Select the field and copy it (Ctrl+C or ⌘C). Rotating the secret makes a new one.
          </p>
        </ShownOnce>
      ) : null}
      <form key={state.created?.secret ?? "new"} action={formAction} className="stack">
        <ErrorSummary errors={state} labels={LABELS} />
        <div className={styles.grid}>
          <Field
            name="url"
            label={LABELS.url}
            hint="Where to POST, e.g. https://grafana.example.org/api/hooks"
            error={state.fieldErrors.url}
          >
            {(control) => <input {...control} type="url" required defaultValue={state.values.url} />}
          </Field>
          <Field
            name="description"
            label={LABELS.description}
            hint="What it is for (optional)"
            error={state.fieldErrors.description}
          >
            {(control) => <input {...control} type="text" maxLength={200} defaultValue={state.values.description} />}
          </Field>
        </div>
        <fieldset id={fieldId("events")} aria-describedby={state.fieldErrors.events ? EVENTS_ERROR : undefined}>
          <legend>{LABELS.events}</legend>
          {(Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEventKind[]).map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" name="events" value={kind} defaultChecked={state.values.events.includes(kind)} />
              {WEBHOOK_EVENT_LABELS[kind]}
            </label>
          ))}
          {state.fieldErrors.events ? (
            <p id={EVENTS_ERROR} className="field-error">
              {state.fieldErrors.events}
            </p>
          ) : null}
        </fieldset>
        <div className="actions">
          <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
        </div>
      </form>
    </div>
  );
}
