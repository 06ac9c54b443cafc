"use client";

import { useActionState } from "react";
import { createApiTokenAction, type CreateApiTokenState } from "../../app/tokens/actions";
import styles from "../admin/Accounts.module.css";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";
import { ShownOnce } from "./ShownOnce";

const LABELS = { name: "Name", expiresInDays: "Lifetime in days" };
const EMPTY: CreateApiTokenState = {
  values: { name: "", expiresInDays: "90" },
  created: null,
  fieldErrors: {},
  formErrors: [],
};

/** Creates a token and shows its secret this once. */
export function CreateApiTokenForm() {
  const [state, formAction] = useActionState(createApiTokenAction, EMPTY);
  return (
    <div className="stack">
      {state.created ? (
        <ShownOnce
          heading={`Copy your new token “${state.created.name}” now. You won’t see it again.`}
          name="secret"
          label="Token secret"
          value={state.created.secret}
        />
      ) : null}
      <form key={state.created?.secret ?? "new"} action={formAction} className="stack">
        <ErrorSummary errors={state} labels={LABELS} />
        <div className={styles.grid}>
          <Field
            name="name"
            label={LABELS.name}
            hint="What it is for, e.g. Calendar sync"
            error={state.fieldErrors.name}
          >
            {(control) => <input {...control} type="text" required defaultValue={state.values.name} />}
          </Field>
          <Field
            name="expiresInDays"
            label={LABELS.expiresInDays}
            hint="1 to 365"
            error={state.fieldErrors.expiresInDays}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                max={365}
                step={1}
                required
                defaultValue={state.values.expiresInDays}
              />
            )}
          </Field>
        </div>
        <div className="actions">
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </div>
      </form>
    </div>
  );
}
