"use client";

import { useActionState } from "react";
import { saveViewAction, type SaveViewState } from "../../app/views/actions";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";

const LABELS = { viewName: "Name" };
const EMPTY: SaveViewState = { values: { viewName: "" }, saved: null, fieldErrors: {}, formErrors: [] };

/** Saves the list's current filters and order under a name; an editor may share it with everyone. */
export function SaveViewForm({ search, canShare }: { search: string; canShare: boolean }) {
  const [state, formAction] = useActionState(saveViewAction, EMPTY);
  return (
    <form key={state.saved ?? "new"} action={formAction} className="stack">
      {state.saved ? (
        <p className="notice notice-success" role="status">
          Saved “{state.saved}”. Find it under <a href="/views">Views</a>.
        </p>
      ) : null}
      <ErrorSummary errors={state} labels={LABELS} />
      <input type="hidden" name="search" value={search} />
      <Field name="viewName" label={LABELS.viewName} hint="1 to 100 characters" error={state.fieldErrors.viewName}>
        {(control) => <input {...control} type="text" required maxLength={100} defaultValue={state.values.viewName} />}
      </Field>
      <label className="check">
        <input type="checkbox" name="pinned" defaultChecked />
        Pin to the navigation
      </label>
      {canShare ? (
        <label className="check">
          <input type="checkbox" name="shared" />
          Share with everyone
        </label>
      ) : null}
      <div className="actions">
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save view
        </SubmitButton>
      </div>
    </form>
  );
}
