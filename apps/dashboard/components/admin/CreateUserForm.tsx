"use client";

import type { Role } from "@engagement-tracker/schema";
import { useActionState } from "react";
import { createUserAction, type CreateUserState } from "../../app/admin/actions";
import { USER_ROLE_LABELS } from "../../lib/labels";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./Accounts.module.css";

const LABELS = { name: "Name", email: "Email", role: "Role", password: "Password" };
const ROLES = Object.keys(USER_ROLE_LABELS) as Role[];
const EMPTY: CreateUserState = {
  values: { email: "", name: "", role: "VIEWER" },
  created: null,
  fieldErrors: {},
  formErrors: [],
};

/** Adds a user; the API's errors appear beside the fields they name. */
export function CreateUserForm() {
  const [state, formAction] = useActionState(createUserAction, EMPTY);
  // A new key after each answer puts back what the state holds: React resets a form after its
  // action, and a select would otherwise fall back to the role it first showed.
  const formKey = `${state.created ?? "new"}:${JSON.stringify(state.values)}`;
  return (
    <form key={formKey} action={formAction} className="stack">
      <ErrorSummary errors={state} labels={LABELS} />
      {state.created ? (
        <p role="status" className="notice notice-success">
          Added {state.created}. Give them their password in person or over a trusted channel.
        </p>
      ) : null}
      <div className={styles.grid}>
        <Field name="name" label={LABELS.name} error={state.fieldErrors.name}>
          {(control) => <input {...control} type="text" autoComplete="off" required defaultValue={state.values.name} />}
        </Field>
        <Field name="email" label={LABELS.email} error={state.fieldErrors.email}>
          {(control) => (
            <input {...control} type="email" autoComplete="off" required defaultValue={state.values.email} />
          )}
        </Field>
        <Field name="role" label={LABELS.role} error={state.fieldErrors.role}>
          {(control) => (
            <select {...control} defaultValue={state.values.role}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {USER_ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="password" label={LABELS.password} error={state.fieldErrors.password}>
          {(control) => <input {...control} type="password" autoComplete="new-password" required />}
        </Field>
      </div>
      <div className="actions">
        <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
      </div>
    </form>
  );
}
