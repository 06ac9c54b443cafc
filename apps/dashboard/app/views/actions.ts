"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type ActionState, type FormErrors } from "../../lib/form-state";
import { filterOf, orderOf, readListView, searchParamsOf } from "../../lib/list-view";

const SaveViewMutation = graphql(`
  mutation DashboardSaveView($input: SaveViewInput!) {
    saveView(input: $input) {
      savedView {
        id
        name
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const PinViewMutation = graphql(`
  mutation DashboardPinView($input: PinViewInput!) {
    pinView(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const DeleteViewMutation = graphql(`
  mutation DashboardDeleteView($input: DeleteViewInput!) {
    deleteView(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface SaveViewState extends FormErrors {
  values: { viewName: string };
  saved: string | null;
}

/** Saves the engagements list as it stands (the form carries the page's search string) under a name. */
export async function saveViewAction(_previous: SaveViewState, formData: FormData): Promise<SaveViewState> {
  const values = { viewName: textOf(formData, "viewName") };
  const view = readListView(searchParamsOf(new URLSearchParams(textOf(formData, "search"))));
  const result = await mutate(SaveViewMutation, {
    input: {
      name: values.viewName,
      shared: formData.get("shared") === "on",
      pinned: formData.get("pinned") === "on",
      filter: filterOf(view),
      orderBy: orderOf(view),
    },
  });
  if (!result.ok) return { values, saved: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { savedView, errors } = result.data.saveView;
  if (errors.length || !savedView) {
    return { values, saved: null, ...formErrorsOf(errors, (field) => (field === "name" ? "viewName" : null)) };
  }
  revalidatePath("/", "layout");
  return { values: { viewName: "" }, saved: savedView.name, ...NO_ERRORS };
}

/** Renames one of your views. */
export async function renameViewAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await mutate(SaveViewMutation, {
    input: { id: textOf(formData, "id"), name: textOf(formData, "name") },
  });
  return settled(result.ok ? result.data.saveView.errors : null, result.ok ? null : result.problem.detail);
}

export async function pinViewAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const input = { id: textOf(formData, "id"), pinned: formData.get("pinned") === "true" };
  const result = await mutate(PinViewMutation, { input });
  return settled(result.ok ? result.data.pinView.errors : null, result.ok ? null : result.problem.detail);
}

export async function deleteViewAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await mutate(DeleteViewMutation, { input: { id: textOf(formData, "id") } });
  return settled(result.ok ? result.data.deleteView.errors : null, result.ok ? null : result.problem.detail);
}

function settled(errors: readonly { message: string }[] | null, problem: string | null): ActionState {
  if (problem) return { error: problem };
  if (errors?.length) return { error: errors.map((error) => error.message).join(" ") };
  // Pinned views show in every page's navigation.
  revalidatePath("/", "layout");
  return { error: null };
}
