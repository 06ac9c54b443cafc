"use client";

import { useActionState } from "react";
import { renameViewAction } from "../../app/views/actions";
import type { ActionState } from "../../lib/form-state";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./Views.module.css";

const NOTHING_YET: ActionState = { error: null };

export function RenameViewForm({ id, name }: { id: string; name: string }) {
  const [state, formAction] = useActionState(renameViewAction, NOTHING_YET);
  const inputId = `rename-${id}`;
  return (
    <form action={formAction} className={styles.rename}>
      <input type="hidden" name="id" value={id} />
      <label htmlFor={inputId} className="visually-hidden">
        New name for {name}
      </label>
      <input id={inputId} name="name" type="text" required maxLength={100} defaultValue={name} />
      <SubmitButton variant="small" pendingLabel="Renaming…">
        Rename<span className="visually-hidden"> {name}</span>
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}
