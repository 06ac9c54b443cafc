"use server";

import { graphql, type Role } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type FormErrors } from "../../lib/form-state";
import { USER_ROLE_LABELS } from "../../lib/labels";

const CreateUserMutation = graphql(`
  mutation DashboardCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
        name
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const UpdateUserMutation = graphql(`
  mutation DashboardUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        id
        name
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface CreateUserState extends FormErrors {
  /** What was typed, kept when the API refuses it (never the password). */
  values: { email: string; name: string; role: Role };
  /** The name of the user just created, to confirm it. */
  created: string | null;
}

const CREATE_USER_FIELDS = new Set(["email", "name", "role", "password"]);

function roleOf(formData: FormData): Role {
  const role = textOf(formData, "role");
  return role in USER_ROLE_LABELS ? (role as Role) : "VIEWER";
}

export async function createUserAction(_previous: CreateUserState, formData: FormData): Promise<CreateUserState> {
  const values = { email: textOf(formData, "email"), name: textOf(formData, "name"), role: roleOf(formData) };
  const password = formData.get("password");
  const result = await mutate(CreateUserMutation, {
    input: { ...values, password: typeof password === "string" ? password : "" },
  });
  if (!result.ok) return { values, created: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { user, errors } = result.data.createUser;
  if (errors.length || !user) {
    return {
      values,
      created: null,
      ...formErrorsOf(errors, (field) => (CREATE_USER_FIELDS.has(field) ? field : null)),
    };
  }
  revalidatePath("/admin");
  return { values: { email: "", name: "", role: "VIEWER" }, created: user.name, ...NO_ERRORS };
}

export interface UpdateUserState {
  error: string | null;
  done: string | null;
  /** "Disable" was pressed once: the row asks to confirm before anything is sent. */
  confirmingDisable: boolean;
}

/**
 * One action for every change to an existing user; `intent` says which, so each row's
 * forms (role, disable/enable, password) post only what they change. Disabling takes two
 * posts — the first only asks for confirmation — so it works the same without JavaScript.
 */
export async function updateUserAction(_previous: UpdateUserState, formData: FormData): Promise<UpdateUserState> {
  const id = textOf(formData, "id");
  const intent = textOf(formData, "intent");
  if (intent === "keep") return { error: null, done: null, confirmingDisable: false };
  if (intent === "disable" && textOf(formData, "confirmed") !== "yes") {
    return { error: null, done: null, confirmingDisable: true };
  }
  const password = formData.get("password");
  const changes =
    intent === "role"
      ? { role: roleOf(formData) }
      : intent === "disable" || intent === "enable"
        ? { disabled: intent === "disable" }
        : { password: typeof password === "string" ? password : "" };
  const result = await mutate(UpdateUserMutation, { input: { id, ...changes } });
  const unsettled = { done: null, confirmingDisable: false };
  if (!result.ok) return { error: result.problem.detail, ...unsettled };
  const { errors } = result.data.updateUser;
  if (errors.length) return { error: errors.map((error) => error.message).join(" "), ...unsettled };
  revalidatePath("/admin");
  return { error: null, done: UPDATE_CONFIRMATIONS[intent] ?? "Saved.", confirmingDisable: false };
}

const UPDATE_CONFIRMATIONS: Record<string, string> = {
  role: "Role changed.",
  disable: "Account disabled.",
  enable: "Account enabled.",
  password: "Password reset; their sessions have ended.",
};
