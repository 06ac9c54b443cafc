"use client";

import type { Role } from "@engagement-tracker/schema";
import { useActionState } from "react";
import { updateUserAction, type UpdateUserState } from "../../app/admin/actions";
import { USER_ROLE_LABELS } from "../../lib/labels";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./Accounts.module.css";

const ROLES = Object.keys(USER_ROLE_LABELS) as Role[];
const NOTHING_YET: UpdateUserState = { error: null, done: null, confirmingDisable: false };

/**
 * A user's row of changes: role, disable/enable, new password; each a plain form post without
 * JavaScript. On the admin's own row only the password: another admin changes their role or
 * disables them (the API refuses it too).
 */
export function UserActions({
  id,
  name,
  role,
  disabled,
  self,
}: {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  self: boolean;
}) {
  const [state, formAction] = useActionState(updateUserAction, NOTHING_YET);
  const fieldId = (field: string) => `user-${id}-${field}`.replace(/[^\w-]/g, "_");
  const roleForm = (
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
  );
  const disableForm = state.confirmingDisable ? (
    <form action={formAction} className={styles.confirm} aria-labelledby={fieldId("confirm")}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="confirmed" value="yes" />
      <p id={fieldId("confirm")} role="alert" className="small">
        Disable {name}? Their sessions end and their API tokens stop at once.
      </p>
      <div className={styles.inline}>
        <SubmitButton variant="small" pendingLabel="Disabling…" name="intent" value="disable" autoFocus>
          Yes, disable<span className="visually-hidden"> {name}</span>
        </SubmitButton>
        <SubmitButton variant="small" pendingLabel="Keeping…" name="intent" value="keep">
          Keep active
        </SubmitButton>
      </div>
    </form>
  ) : (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="small" pendingLabel="Saving…" name="intent" value={disabled ? "enable" : "disable"}>
        {disabled ? "Enable" : "Disable"}
        <span className="visually-hidden"> {name}</span>
      </SubmitButton>
    </form>
  );
  return (
    <div className={styles.actions}>
      {self ? <p className="small">Your own account: another admin changes its role or disables it.</p> : roleForm}
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
      {self ? null : disableForm}
      <InlineError message={state.error} />
      {state.done ? (
        <span role="status" className="small">
          {state.done}
        </span>
      ) : null}
    </div>
  );
}
