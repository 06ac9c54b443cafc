"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "../app/session-actions";
import { ErrorSummary } from "./forms/ErrorSummary";
import { Field } from "./forms/Field";
import { SubmitButton } from "./forms/SubmitButton";

const LABELS = { email: "Email", password: "Password" };

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [state, formAction] = useActionState<SignInState, FormData>(signInAction, {
    email: "",
    fieldErrors: {},
    formErrors: [],
  });
  return (
    <form action={formAction} className="stack">
      <ErrorSummary errors={state} labels={LABELS} />
      <input type="hidden" name="next" value={returnTo} />
      <Field name="email" label={LABELS.email} error={state.fieldErrors.email}>
        {(control) => <input {...control} type="email" autoComplete="username" required defaultValue={state.email} />}
      </Field>
      <Field name="password" label={LABELS.password} error={state.fieldErrors.password}>
        {(control) => <input {...control} type="password" autoComplete="current-password" required />}
      </Field>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
