"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type FormErrors } from "../../lib/form-state";

const CreateApiTokenMutation = graphql(`
  mutation DashboardCreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RevokeApiTokenMutation = graphql(`
  mutation DashboardRevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface CreateApiTokenState extends FormErrors {
  values: { name: string; expiresInDays: string };
  /** The new token's secret: only in the response to its creation, never stored by the dashboard. */
  created: { name: string; secret: string } | null;
}

const TOKEN_FIELDS = new Set(["name", "expiresInDays"]);

export async function createApiTokenAction(
  _previous: CreateApiTokenState,
  formData: FormData,
): Promise<CreateApiTokenState> {
  const values = { name: textOf(formData, "name"), expiresInDays: textOf(formData, "expiresInDays") };
  const days = Number(values.expiresInDays);
  if (!Number.isInteger(days)) {
    return { values, created: null, fieldErrors: { expiresInDays: "Enter a whole number of days." }, formErrors: [] };
  }
  const result = await mutate(CreateApiTokenMutation, { input: { name: values.name, expiresInDays: days } });
  if (!result.ok) return { values, created: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { token, apiToken, errors } = result.data.createApiToken;
  if (errors.length || !token || !apiToken) {
    return { values, created: null, ...formErrorsOf(errors, (field) => (TOKEN_FIELDS.has(field) ? field : null)) };
  }
  revalidatePath("/tokens");
  return { values: { name: "", expiresInDays: "90" }, created: { name: apiToken.name, secret: token }, ...NO_ERRORS };
}

export interface RevokeApiTokenState {
  error: string | null;
}

export async function revokeApiTokenAction(
  _previous: RevokeApiTokenState,
  formData: FormData,
): Promise<RevokeApiTokenState> {
  const result = await mutate(RevokeApiTokenMutation, { input: { id: textOf(formData, "id") } });
  if (!result.ok) return { error: result.problem.detail };
  const { errors } = result.data.revokeApiToken;
  if (errors.length) return { error: errors.map((error) => error.message).join(" ") };
  revalidatePath("/tokens");
  return { error: null };
}
