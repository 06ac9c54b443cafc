import type {
  PrismaClient,
  WebhookDelivery as DeliveryRow,
  WebhookEndpoint as EndpointRow,
} from "@engagement-tracker/db";
import type { Viewer } from "../auth/viewer.ts";
import { fromRow, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { checkedAddress, RefusedAddressError, type AllowList } from "./address-guard.ts";
import { newWebhookSecret } from "./signed-post.ts";
import {
  WebhookDelivery,
  WebhookEndpoint,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
} from "./webhook.types.ts";

/** Longest delivery log one request reads. */
export const MAX_DELIVERIES = 100;

const toEndpoint = ({ secret: _secret, createdById: _by, ...row }: EndpointRow): WebhookEndpoint =>
  fromRow(WebhookEndpoint, row);

export const toDelivery = ({ payload, endpointId: _endpoint, round: _round, ...row }: DeliveryRow): WebhookDelivery =>
  fromRow(WebhookDelivery, { ...row, eventType: String((payload as { type?: unknown }).type ?? "") });

const secretPrefix = (secret: string) => secret.slice(0, 12);

/** An http(s) URL without credentials whose host may be reached (see address-guard.ts), or a refusal naming `url`. */
async function requireReachableUrl(text: string, allowList: AllowList): Promise<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    refuse(UserErrorCode.VALIDATION, "Enter a full URL, e.g. https://example.org/hooks/engagements.", ["url"]);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    refuse(UserErrorCode.VALIDATION, "Webhook URLs start with https:// (or http://).", ["url"]);
  }
  if (url.username || url.password) {
    refuse(UserErrorCode.VALIDATION, "Leave credentials out of the URL: receivers check the signature instead.", [
      "url",
    ]);
  }
  try {
    await checkedAddress(url, allowList);
  } catch (error) {
    if (error instanceof RefusedAddressError) refuse(UserErrorCode.VALIDATION, error.message, ["url"]);
    throw error;
  }
  return url.toString();
}

async function requireValid(input: object): Promise<void> {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
}

async function findEndpoint(prisma: PrismaClient, id: string): Promise<EndpointRow> {
  const rowId = rowIdOf("WebhookEndpoint", id);
  const row = rowId && (await prisma.webhookEndpoint.findUnique({ where: { id: rowId } }));
  if (!row) refuse(UserErrorCode.NOT_FOUND, "There is no webhook endpoint with that ID.", ["id"]);
  return row;
}

export async function createWebhookEndpoint(
  prisma: PrismaClient,
  viewer: Viewer,
  input: CreateWebhookEndpointInput,
  allowList: AllowList,
) {
  await requireValid(input);
  const url = await requireReachableUrl(input.url, allowList);
  const secret = newWebhookSecret();
  const row = await prisma.webhookEndpoint.create({
    data: {
      url,
      events: [...new Set(input.events)],
      description: input.description?.trim() ?? "",
      secret,
      secretPrefix: secretPrefix(secret),
      createdById: viewer.id,
    },
  });
  return { webhookEndpoint: toEndpoint(row), secret };
}

export async function listWebhookEndpoints(prisma: PrismaClient): Promise<WebhookEndpoint[]> {
  const rows = await prisma.webhookEndpoint.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toEndpoint);
}

export async function getWebhookEndpoint(prisma: PrismaClient, id: string): Promise<WebhookEndpoint | null> {
  const rowId = rowIdOf("WebhookEndpoint", id);
  const row = rowId && (await prisma.webhookEndpoint.findUnique({ where: { id: rowId } }));
  return row ? toEndpoint(row) : null;
}

export async function updateWebhookEndpoint(
  prisma: PrismaClient,
  input: UpdateWebhookEndpointInput,
  allowList: AllowList,
) {
  await requireValid(input);
  const current = await findEndpoint(prisma, input.id);
  const url = input.url == null ? undefined : await requireReachableUrl(input.url, allowList);
  const enabling = input.enabled === true && current.disabledAt !== null;
  const disabling = input.enabled === false && current.disabledAt === null;
  const row = await prisma.webhookEndpoint.update({
    where: { id: current.id },
    data: {
      url,
      events: input.events ? [...new Set(input.events)] : undefined,
      description: input.description == null ? undefined : input.description.trim(),
      // Enabled again, it starts afresh: a past failure streak does not count against it.
      ...(enabling ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
      ...(disabling ? { disabledAt: new Date(), disabledReason: "Disabled by an admin." } : {}),
    },
  });
  return { webhookEndpoint: toEndpoint(row) };
}

/** A new secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(prisma: PrismaClient, id: string) {
  const current = await findEndpoint(prisma, id);
  const secret = newWebhookSecret();
  const row = await prisma.webhookEndpoint.update({
    where: { id: current.id },
    data: { secret, secretPrefix: secretPrefix(secret) },
  });
  return { webhookEndpoint: toEndpoint(row), secret };
}

/** Deletes the endpoint and its delivery log; nothing more is sent to it. */
export async function deleteWebhookEndpoint(prisma: PrismaClient, id: string) {
  const current = await findEndpoint(prisma, id);
  await prisma.webhookEndpoint.delete({ where: { id: current.id } });
  return { webhookEndpoint: toEndpoint(current) };
}

/** An endpoint's deliveries, newest first. */
export async function listDeliveries(prisma: PrismaClient, endpointRowId: string, first: number) {
  const rows = await prisma.webhookDelivery.findMany({
    where: { endpointId: endpointRowId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(first, 1), MAX_DELIVERIES),
  });
  return rows.map(toDelivery);
}

/** Sends a logged delivery's event again, as a new delivery (the next round) with the same idempotency key and body. */
export async function redeliverWebhook(prisma: PrismaClient, jobs: JobQueue, deliveryId: string) {
  const rowId = rowIdOf("WebhookDelivery", deliveryId);
  const original =
    rowId && (await prisma.webhookDelivery.findUnique({ where: { id: rowId }, include: { endpoint: true } }));
  if (!original) refuse(UserErrorCode.NOT_FOUND, "There is no webhook delivery with that ID.", ["deliveryId"]);
  if (original.endpoint.disabledAt) {
    refuse(UserErrorCode.VALIDATION, "The endpoint is disabled: enable it first.", ["deliveryId"]);
  }
  const { endpointId, idempotencyKey, payload } = original;
  const row = await prisma.$transaction(async (tx) => {
    const { _max } = await tx.webhookDelivery.aggregate({
      where: { endpointId, idempotencyKey },
      _max: { round: true },
    });
    const created = await tx.webhookDelivery.create({
      data: { endpointId, idempotencyKey, round: (_max.round ?? 0) + 1, payload: payload ?? {} },
    });
    await jobs.send("webhooks.deliver", { deliveryId: created.id }, { tx });
    return created;
  });
  return { delivery: toDelivery(row) };
}
