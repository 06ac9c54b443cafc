"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionState } from "../../lib/form-state";
import { InlineError } from "./InlineError";
import { SubmitButton } from "./SubmitButton";

const NOTHING_YET: ActionState = { error: null };

/**
 * One button that runs a server action on one thing (revoke a token, pin or delete a view), with
 * the thing's name for screen readers; a plain form post without JavaScript.
 */
export function ActionButton({
  action,
  fields,
  subject,
  pendingLabel,
  children,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden inputs: what the action acts on. */
  fields: Record<string, string>;
  /** What it acts on, read after the label ("Revoke Calendar sync"). */
  subject: string;
  pendingLabel: string;
  children: ReactNode;
}) {
  const [state, formAction] = useActionState(action, NOTHING_YET);
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant="small" pendingLabel={pendingLabel}>
        {children}
        <span className="visually-hidden"> {subject}</span>
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}
