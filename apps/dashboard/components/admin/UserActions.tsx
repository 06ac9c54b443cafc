"use client";

import type { Role } from "@engagement-tracker/schema";
import { useActionState } from "react";
import { updateUserAction, type UpdateUserState } from "../../app/admin/actions";
import { USER_ROLE_LABELS } from "../../lib/labels";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./Accounts.module.css";

const ROLES = Object.keys(USER_ROLE_LABELS) as Role[];
const NOTHING_YET: UpdateUserState = { error: null, done: null };

/** A user's row of changes: role, disable/enable, new password; each a plain form post without JavaScript. */
export function UserActions({ id, name, role, disabled }: { id: string; name: string; role: Role; disabled: boolean }) {
  const [state, formAction] = useActionState(updateUserAction, NOTHING_YET);
  const fieldId = (field: string) => `user-${id}-${field}`.replace(/[^\w-]/g, "_");
  return (
    <div className={styles.actions}>
      <form action={formAction} className={styles.inline}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="intent" value="role" />
        <label htmlFor={fieldId("role")} className="visually-hidden">
          Role of {name}
        </label>
        <select id={fieldId("role")} name="role" defaultValue={role}>
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {USER_ROLE_LABELS[option]}
            </option>
          ))}
        </select>
        <SubmitButton variant="small" pendingLabel="Saving…">
          Change role<span className="visually-hidden"> of {name}</span>
        </SubmitButton>
      </form>
      <form action={formAction} className={styles.inline}>
        <input type="hidden" name="id" value={id} />
        <label htmlFor={fieldId("password")} className="visually-hidden">
          New password for {name}
        </label>
        <input
          id={fieldId("password")}
          name="password"
          type="password"
          autoComplete="new-password"
          placeholder="New password"
          required
        />
        <SubmitButton variant="small" pendingLabel="Saving…" name="intent" value="password">
          Reset password<span className="visually-hidden"> of {name}</span>
        </SubmitButton>
      </form>
      <form action={formAction}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton variant="small" pendingLabel="Saving…" name="intent" value={disabled ? "enable" : "disable"}>
          {disabled ? "Enable" : "Disable"}
          <span className="visually-hidden"> {name}</span>
        </SubmitButton>
      </form>
      <InlineError message={state.error} />
      {state.done ? (
        <span role="status" className="small">
          {state.done}
        </span>
      ) : null}
    </div>
  );
}
