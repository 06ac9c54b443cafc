import { Role } from "@engagement-tracker/db";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import {
  MAX_DELIVERIES,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "./webhook.service.ts";
import {
  CreateWebhookEndpointInput,
  RedeliverWebhookInput,
  RedeliverWebhookPayload,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointIdInput,
  WebhookEndpointPayload,
  WebhookSecretPayload,
} from "./webhook.types.ts";

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [WebhookEndpoint], { description: "Every webhook endpoint, newest first. Admins only." })
  webhookEndpoints(@Ctx() { prisma }: Context): Promise<WebhookEndpoint[]> {
    return listWebhookEndpoints(prisma);
  }

  @Authorized(Role.ADMIN)
  @Query(() => WebhookEndpoint, { nullable: true, description: "One webhook endpoint; null when none has that ID." })
  webhookEndpoint(@Ctx() { prisma }: Context, @Arg("id", () => ID) id: string): Promise<WebhookEndpoint | null> {
    return getWebhookEndpoint(prisma, id);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: `The delivery log, newest first (at most ${MAX_DELIVERIES}).`,
  })
  deliveries(
    @Ctx() { prisma }: Context,
    @Root() endpoint: WebhookEndpoint,
    @Arg("first", () => Int, { defaultValue: 25 }) first: number,
  ): Promise<WebhookDelivery[]> {
    return listDeliveries(prisma, endpoint.rowId, first);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookSecretPayload, {
    description: "Adds a webhook endpoint. Its signing secret is in the payload, and only there.",
  })
  createWebhookEndpoint(
    @Ctx() { prisma, webhooks }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
  ): Promise<WebhookSecretPayload> {
    return toPayload(WebhookSecretPayload, () => createWebhookEndpoint(prisma, viewer, input, webhooks.allowList));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookEndpointPayload, {
    description: "Changes an endpoint's URL, events or description, or disables or enables it.",
  })
  updateWebhookEndpoint(
    @Ctx() { prisma, webhooks }: Context,
    @Arg("input", () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    return toPayload(WebhookEndpointPayload, () => updateWebhookEndpoint(prisma, input, webhooks.allowList));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookSecretPayload, {
    description: "Replaces an endpoint's signing secret; the new one is in the payload, and only there.",
  })
  rotateWebhookSecret(
    @Ctx() { prisma }: Context,
    @Arg("input", () => WebhookEndpointIdInput) input: WebhookEndpointIdInput,
  ): Promise<WebhookSecretPayload> {
    return toPayload(WebhookSecretPayload, () => rotateWebhookSecret(prisma, input.id));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookEndpointPayload, { description: "Deletes an endpoint and its delivery log." })
  deleteWebhookEndpoint(
    @Ctx() { prisma }: Context,
    @Arg("input", () => WebhookEndpointIdInput) input: WebhookEndpointIdInput,
  ): Promise<WebhookEndpointPayload> {
    return toPayload(WebhookEndpointPayload, () => deleteWebhookEndpoint(prisma, input.id));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RedeliverWebhookPayload, {
    description: "Sends a logged delivery's event again (same body and idempotency key), as a new delivery.",
  })
  redeliverWebhook(
    @Ctx() { prisma, jobs }: Context,
    @Arg("input", () => RedeliverWebhookInput) input: RedeliverWebhookInput,
  ): Promise<RedeliverWebhookPayload> {
    return toPayload(RedeliverWebhookPayload, () => redeliverWebhook(prisma, jobs, input.deliveryId));
  }
}
