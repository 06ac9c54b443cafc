"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { mutate } from "../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type ActionState, type FormErrors } from "../../lib/form-state";

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

const CreateCalendarFeedMutation = graphql(`
  mutation DashboardCreateCalendarFeed($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) {
      path
      calendarFeed {
        id
        name
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RevokeCalendarFeedMutation = graphql(`
  mutation DashboardRevokeCalendarFeed($input: RevokeCalendarFeedInput!) {
    revokeCalendarFeed(input: $input) {
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

export async function revokeApiTokenAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await mutate(RevokeApiTokenMutation, { input: { id: textOf(formData, "id") } });
  if (!result.ok) return { error: result.problem.detail };
  const { errors } = result.data.revokeApiToken;
  if (errors.length) return { error: errors.map((error) => error.message).join(" ") };
  revalidatePath("/tokens");
  return { error: null };
}

export interface CreateCalendarFeedState extends FormErrors {
  values: { feedName: string };
  /** The feed's address, secret included: only in the response to its creation, never stored by the dashboard. */
  created: { name: string; url: string } | null;
}

export async function createCalendarFeedAction(
  _previous: CreateCalendarFeedState,
  formData: FormData,
): Promise<CreateCalendarFeedState> {
  // Not "name": the API token form on the same page has that field.
  const values = { feedName: textOf(formData, "feedName") };
  const viewId = textOf(formData, "viewId") || null;
  const result = await mutate(CreateCalendarFeedMutation, { input: { name: values.feedName, viewId } });
  if (!result.ok) return { values, created: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { path, calendarFeed, errors } = result.data.createCalendarFeed;
  if (errors.length || !path || !calendarFeed) {
    return { values, created: null, ...formErrorsOf(errors, (field) => (field === "name" ? "feedName" : null)) };
  }
  // The address the reader's browser used, which their calendar programs can reach too; Next has
  // already checked that a server action's Origin is this host.
  const origin = (await headers()).get("origin") ?? "";
  revalidatePath("/tokens");
  return { values: { feedName: "" }, created: { name: calendarFeed.name, url: origin + path }, ...NO_ERRORS };
}

export async function revokeCalendarFeedAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await mutate(RevokeCalendarFeedMutation, { input: { id: textOf(formData, "id") } });
  if (!result.ok) return { error: result.problem.detail };
  const { errors } = result.data.revokeCalendarFeed;
  if (errors.length) return { error: errors.map((error) => error.message).join(" ") };
  revalidatePath("/tokens");
  return { error: null };
}
