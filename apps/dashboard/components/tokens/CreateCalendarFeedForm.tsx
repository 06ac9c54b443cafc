"use client";

import { useActionState } from "react";
import { createCalendarFeedAction, type CreateCalendarFeedState } from "../../app/tokens/actions";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { SubmitButton } from "../forms/SubmitButton";
import { ShownOnce } from "./ShownOnce";

const LABELS = { feedName: "Name" };
const EMPTY: CreateCalendarFeedState = { values: { feedName: "" }, created: null, fieldErrors: {}, formErrors: [] };

/** Creates a calendar feed and shows its address this once, with a link that opens the reader's calendar program. */
export function CreateCalendarFeedForm({ views }: { views: readonly { id: string; name: string }[] }) {
  const [state, formAction] = useActionState(createCalendarFeedAction, EMPTY);
  return (
    <div className="stack">
      {state.created ? (
        <ShownOnce
          heading={`Copy the address of your new calendar feed “${state.created.name}” now. You won’t see it again.`}
          name="feedUrl"
          label="Feed address"
          value={state.created.url}
        >
          <p>
            <a href={state.created.url.replace(/^https?:/, "webcal:")}>Subscribe in your calendar program</a> (a{" "}
            <code>webcal://</code> link), or paste the address into it.
          </p>
        </ShownOnce>
      ) : null}
      <form key={state.created?.url ?? "new"} action={formAction} className="stack">
        <ErrorSummary errors={state} labels={LABELS} />
        <Field
          name="feedName"
          label={LABELS.feedName}
          hint="Where you will use it, e.g. Outlook on my phone"
          error={state.fieldErrors.feedName}
        >
          {(control) => <input {...control} type="text" required defaultValue={state.values.feedName} />}
        </Field>
        {views.length ? (
          <Field name="viewId" label="Shows" hint="A saved view the feed follows as it changes">
            {(control) => (
              <select {...control} defaultValue="">
                <option value="">Every engagement you can read</option>
                {views.map((view) => (
                  <option key={view.id} value={view.id}>
                    {view.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <div className="actions">
          <SubmitButton pendingLabel="Creating…">Create calendar feed</SubmitButton>
        </div>
      </form>
    </div>
  );
}
