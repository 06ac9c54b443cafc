"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type FormErrors, type PayloadError } from "../../lib/form-state";
import { isCalendarDate } from "../../lib/list-view";
import { engagementHref } from "../../lib/routes";

const AddMilestoneMutation = graphql(`
  mutation DashboardAddMilestone($input: AddMilestoneInput!) {
    addMilestone(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const UpdateMilestoneMutation = graphql(`
  mutation DashboardUpdateMilestone($input: UpdateMilestoneInput!) {
    updateMilestone(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RemoveMilestoneMutation = graphql(`
  mutation DashboardRemoveMilestone($input: RemoveMilestoneInput!) {
    removeMilestone(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface MilestoneValues {
  title: string;
  dueOn: string;
  note: string;
  /** A user ID, or "" for nobody. */
  ownerId: string;
}

// A "use server" module exports only actions: the empty form is the client's and this module's own.
const EMPTY_MILESTONE: MilestoneValues = { title: "", dueOn: "", note: "", ownerId: "" };

export interface MilestoneFormState extends FormErrors {
  /** What the user typed, kept after a refusal so nothing has to be typed again. */
  values: MilestoneValues;
  /** Said after a save; the form then starts afresh. */
  done: string | null;
}

const MILESTONE_INPUTS = new Set(["title", "dueOn", "note", "ownerId"]);
const inputNameOf = (path: string) => (MILESTONE_INPUTS.has(path) ? path : null);

function valuesOf(formData: FormData): MilestoneValues {
  return {
    title: textOf(formData, "title"),
    dueOn: textOf(formData, "dueOn"),
    note: textOf(formData, "note"),
    ownerId: textOf(formData, "ownerId"),
  };
}

/** What the form can tell before asking the API: a title and a real date. */
function localErrors(values: MilestoneValues): FormErrors | null {
  const fieldErrors: Record<string, string> = {};
  if (!values.title) fieldErrors.title = "Enter a title.";
  if (!isCalendarDate(values.dueOn)) fieldErrors.dueOn = "Enter the due date.";
  return Object.keys(fieldErrors).length ? { fieldErrors, formErrors: [] } : null;
}

/**
 * The form's next state after the API answered: its refusals beside the fields (what was typed
 * stays), or, once saved, an empty form and a confirmation.
 */
function stateAfter(
  formData: FormData,
  values: MilestoneValues,
  answer: { errors: readonly PayloadError[] } | { problem: string },
  done: string,
): MilestoneFormState {
  if ("problem" in answer) return { values, done: null, fieldErrors: {}, formErrors: [answer.problem] };
  // A refusal for a stale version also shows the fresh page, so saving again applies to it.
  revalidatePath(engagementHref(textOf(formData, "engagementId")));
  if (answer.errors.length) return { values, done: null, ...formErrorsOf(answer.errors, inputNameOf) };
  return { values: EMPTY_MILESTONE, done, ...NO_ERRORS };
}

export async function addMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const values = valuesOf(formData);
  const refused = localErrors(values);
  if (refused) return { values, done: null, ...refused };
  const result = await mutate(AddMilestoneMutation, {
    input: {
      engagementId: textOf(formData, "engagementId"),
      title: values.title,
      dueOn: values.dueOn,
      note: values.note || null,
      ownerId: values.ownerId || null,
      expectedVersion: Number(textOf(formData, "expectedVersion")),
    },
  });
  const answer = result.ok ? result.data.addMilestone : { problem: result.problem.detail };
  return stateAfter(formData, values, answer, `Added "${values.title}".`);
}

export async function updateMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const values = valuesOf(formData);
  const refused = localErrors(values);
  if (refused) return { values, done: null, ...refused };
  const result = await mutate(UpdateMilestoneMutation, {
    input: {
      id: textOf(formData, "milestoneId"),
      title: values.title,
      dueOn: values.dueOn,
      note: values.note,
      ownerId: values.ownerId || null,
      expectedVersion: Number(textOf(formData, "expectedVersion")),
    },
  });
  const answer = result.ok ? result.data.updateMilestone : { problem: result.problem.detail };
  return stateAfter(formData, values, answer, `Saved "${values.title}".`);
}

export interface RemoveMilestoneState {
  error: string | null;
}

export async function removeMilestoneAction(
  _previous: RemoveMilestoneState,
  formData: FormData,
): Promise<RemoveMilestoneState> {
  const result = await mutate(RemoveMilestoneMutation, {
    input: { id: textOf(formData, "milestoneId"), expectedVersion: Number(textOf(formData, "expectedVersion")) },
  });
  if (!result.ok) return { error: result.problem.detail };
  revalidatePath(engagementHref(textOf(formData, "engagementId")));
  return { error: result.data.removeMilestone.errors[0]?.message ?? null };
}
