"use server";

import { graphql, type WebhookEventKind } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate, type ApiResult } from "../../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type ActionState, type FormErrors } from "../../../lib/form-state";
import { WEBHOOK_EVENT_LABELS } from "../../../lib/labels";

const CreateWebhookEndpointMutation = graphql(`
  mutation DashboardCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      webhookEndpoint {
        id
        url
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const UpdateWebhookEndpointMutation = graphql(`
  mutation DashboardUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const DeleteWebhookEndpointMutation = graphql(`
  mutation DashboardDeleteWebhookEndpoint($input: WebhookEndpointIdInput!) {
    deleteWebhookEndpoint(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RotateWebhookSecretMutation = graphql(`
  mutation DashboardRotateWebhookSecret($input: WebhookEndpointIdInput!) {
    rotateWebhookSecret(input: $input) {
      secret
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RedeliverWebhookMutation = graphql(`
  mutation DashboardRedeliverWebhook($input: RedeliverWebhookInput!) {
    redeliverWebhook(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface CreateWebhookState extends FormErrors {
  values: { url: string; description: string; events: WebhookEventKind[] };
  /** The signing secret: only in the response to the creation, never stored by the dashboard. */
  created: { url: string; secret: string } | null;
}

const CREATE_FIELDS = new Set(["url", "description", "events"]);

export async function createWebhookEndpointAction(
  _previous: CreateWebhookState,
  formData: FormData,
): Promise<CreateWebhookState> {
  const events = formData
    .getAll("events")
    .filter((event): event is WebhookEventKind => typeof event === "string" && event in WEBHOOK_EVENT_LABELS);
  const values = { url: textOf(formData, "url"), description: textOf(formData, "description"), events };
  const result = await mutate(CreateWebhookEndpointMutation, { input: values });
  if (!result.ok) return { values, created: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { secret, webhookEndpoint, errors } = result.data.createWebhookEndpoint;
  if (errors.length || !secret || !webhookEndpoint) {
    return { values, created: null, ...formErrorsOf(errors, (field) => (CREATE_FIELDS.has(field) ? field : null)) };
  }
  revalidatePath("/admin/webhooks");
  return {
    values: { url: "", description: "", events: ["CHANGES"] },
    created: { url: webhookEndpoint.url, secret },
    ...NO_ERRORS,
  };
}

/** What a one-button action on a webhook shows: the API's refusal, if any. */
function outcome<Data>(result: ApiResult<Data>, errorsOf: (data: Data) => readonly { message: string }[]): ActionState {
  if (!result.ok) return { error: result.problem.detail };
  const errors = errorsOf(result.data);
  return { error: errors.length ? errors.map((error) => error.message).join(" ") : null };
}

export async function setWebhookEnabledAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const input = { id: textOf(formData, "id"), enabled: textOf(formData, "enabled") === "true" };
  const result = await mutate(UpdateWebhookEndpointMutation, { input });
  revalidatePath("/admin/webhooks");
  return outcome(result, (data) => data.updateWebhookEndpoint.errors);
}

export async function deleteWebhookEndpointAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await mutate(DeleteWebhookEndpointMutation, { input: { id: textOf(formData, "id") } });
  revalidatePath("/admin/webhooks");
  return outcome(result, (data) => data.deleteWebhookEndpoint.errors);
}

export async function redeliverWebhookAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await mutate(RedeliverWebhookMutation, { input: { deliveryId: textOf(formData, "deliveryId") } });
  revalidatePath("/admin/webhooks/[id]", "page");
  return outcome(result, (data) => data.redeliverWebhook.errors);
}

export interface RotateSecretState extends ActionState {
  /** The new secret: only in the response to the rotation, never stored by the dashboard. */
  secret: string | null;
}

export async function rotateWebhookSecretAction(
  _previous: RotateSecretState,
  formData: FormData,
): Promise<RotateSecretState> {
  const result = await mutate(RotateWebhookSecretMutation, { input: { id: textOf(formData, "id") } });
  const { error } = outcome(result, (data) => data.rotateWebhookSecret.errors);
  const secret = result.ok ? result.data.rotateWebhookSecret.secret : null;
  revalidatePath("/admin/webhooks");
  return { error, secret: error ? null : secret };
}
