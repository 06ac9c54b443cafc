"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type FormErrors, type PayloadError } from "../../lib/form-state";
import { engagementHref } from "../../lib/routes";

const AddCommentMutation = graphql(`
  mutation DashboardAddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const EditCommentMutation = graphql(`
  mutation DashboardEditComment($input: EditCommentInput!) {
    editComment(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RemoveCommentMutation = graphql(`
  mutation DashboardRemoveComment($input: RemoveCommentInput!) {
    removeComment(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface CommentFormState extends FormErrors {
  /** What was written and who was mentioned, kept after a refusal. */
  body: string;
  mentionIds: string[];
  /** Said after a save; the form then starts afresh. */
  done: string | null;
}

// The API names a mention by its place in the list; the form shows every mention error at the picker.
const inputNameOf = (path: string) => (path === "body" ? "body" : path.startsWith("mentionIds") ? "mentionIds" : null);

const mentionsOf = (formData: FormData) =>
  formData.getAll("mentionIds").filter((value): value is string => typeof value === "string");

// Comment text is sent as typed (textOf trims fields): its line breaks and spacing are the author's.
function bodyOf(formData: FormData): string {
  const value = formData.get("body");
  return typeof value === "string" ? value : "";
}

function stateAfter(
  formData: FormData,
  answer: { errors: readonly PayloadError[] } | { problem: string },
  done: string,
): CommentFormState {
  const kept = { body: bodyOf(formData), mentionIds: mentionsOf(formData) };
  if ("problem" in answer) return { ...kept, done: null, fieldErrors: {}, formErrors: [answer.problem] };
  revalidatePath(engagementHref(textOf(formData, "engagementId")));
  if (answer.errors.length) return { ...kept, done: null, ...formErrorsOf(answer.errors, inputNameOf) };
  return { body: "", mentionIds: [], done, ...NO_ERRORS };
}

export async function addCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const result = await mutate(AddCommentMutation, {
    input: { engagementId: textOf(formData, "engagementId"), body: bodyOf(formData), mentionIds: mentionsOf(formData) },
  });
  return stateAfter(
    formData,
    result.ok ? result.data.addComment : { problem: result.problem.detail },
    "Comment added.",
  );
}

export async function editCommentAction(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const result = await mutate(EditCommentMutation, {
    input: { id: textOf(formData, "commentId"), body: bodyOf(formData) },
  });
  return stateAfter(
    formData,
    result.ok ? result.data.editComment : { problem: result.problem.detail },
    "Comment saved.",
  );
}

export interface RemoveCommentState {
  error: string | null;
}

export async function removeCommentAction(
  _previous: RemoveCommentState,
  formData: FormData,
): Promise<RemoveCommentState> {
  const result = await mutate(RemoveCommentMutation, { input: { id: textOf(formData, "commentId") } });
  if (!result.ok) return { error: result.problem.detail };
  revalidatePath(engagementHref(textOf(formData, "engagementId")));
  return { error: result.data.removeComment.errors[0]?.message ?? null };
}
