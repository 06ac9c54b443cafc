import type { MilestoneValues } from "../../app/engagements/milestone-actions";
import { Field } from "../forms/Field";
import styles from "./EngagementDetail.module.css";

export interface Person {
  id: string;
  name: string;
}

/** Title, due date, note and owner of a milestone, for adding one or editing it; `idPrefix` keeps IDs unique on the page. */
export function MilestoneFields({
  idPrefix,
  values,
  fieldErrors,
  people,
}: {
  idPrefix: string;
  values: MilestoneValues;
  fieldErrors: Record<string, string>;
  people: readonly Person[];
}) {
  return (
    <div className={styles.milestoneFields}>
      <Field name="title" id={`${idPrefix}-title`} label="Title" error={fieldErrors.title}>
        {(control) => <input {...control} type="text" required maxLength={200} defaultValue={values.title} />}
      </Field>
      <Field name="dueOn" id={`${idPrefix}-dueOn`} label="Due date" error={fieldErrors.dueOn}>
        {(control) => <input {...control} type="date" required defaultValue={values.dueOn} />}
      </Field>
      <Field name="ownerId" id={`${idPrefix}-ownerId`} label="Owner (optional)" error={fieldErrors.ownerId}>
        {(control) => (
          <select {...control} defaultValue={values.ownerId}>
            <option value="">Nobody</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="note"
        id={`${idPrefix}-note`}
        label="Note (optional)"
        error={fieldErrors.note}
        className={styles.milestoneNote}
      >
        {(control) => <textarea {...control} rows={2} maxLength={2000} defaultValue={values.note} />}
      </Field>
    </div>
  );
}
