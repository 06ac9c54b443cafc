// Deliveries are written, and their first attempt queued, in one transaction: an event whose
// transaction rolls back sends nothing, and one that commits is delivered even if the process stops.
import type { Alert, EngagementEvent, Prisma } from "@engagement-tracker/db";
import { globalIdOf } from "../common/node.ts";
import type { JobQueue } from "../jobs/job-queue.ts";

type Tx = Prisma.TransactionClient;
type EventKind = "CHANGES" | "ALERTS";

declare module "../jobs/job-queue.ts" {
  interface JobPayloads {
    /** One attempt at one delivery (see webhook-delivery.ts). */
    "webhooks.deliver": { deliveryId: string };
  }
}

/**
 * One delivery of `payload` to every enabled endpoint that wants `kind`, each with its attempt
 * queued. Idempotent: for an event already written (a job run twice) it writes and queues nothing.
 */
export async function enqueueDeliveries(
  tx: Tx,
  jobs: JobQueue,
  kind: EventKind,
  idempotencyKey: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const created = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookDelivery" (id, "endpointId", "idempotencyKey", payload)
    SELECT gen_random_uuid(), id, ${idempotencyKey}, ${JSON.stringify(payload)}::jsonb
    FROM "WebhookEndpoint"
    WHERE "disabledAt" IS NULL AND ${kind}::"WebhookEventKind" = ANY(events)
    ON CONFLICT ("endpointId", "idempotencyKey", round) DO NOTHING
    RETURNING id::text`;
  // One after another: inside a transaction they share its one connection.
  for (const { id } of created) await jobs.send("webhooks.deliver", { deliveryId: id }, { tx });
}

/** What an endpoint subscribed to every change receives: the audit-trail entry, with API IDs. */
export function changePayload(event: EngagementEvent): { key: string; payload: Record<string, unknown> } {
  const key = `change-${event.sequence}`;
  return {
    key,
    payload: {
      id: key,
      type: "engagement.changed",
      sequence: event.sequence.toString(),
      occurredAt: event.at.toISOString(),
      engagement: { id: globalIdOf("Engagement", event.engagementId), version: event.version },
      change: {
        kind: event.kind,
        actor: event.actorId ? { id: globalIdOf("User", event.actorId) } : null,
        changes: event.changes ?? {},
      },
    },
  };
}

/** What an endpoint subscribed to alerts receives: the alert and the engagement it is about. */
export function alertPayload(
  alert: Alert,
  engagement: { title: string; status: string },
): { key: string; payload: Record<string, unknown> } {
  const key = `alert-${alert.id}`;
  return {
    key,
    payload: {
      id: key,
      type: "alert",
      occurredAt: alert.createdAt.toISOString(),
      alert: {
        kind: alert.kind,
        day: alert.day.toISOString().slice(0, 10),
        milestone: alert.milestoneId ? { id: globalIdOf("Milestone", alert.milestoneId) } : null,
      },
      engagement: { id: globalIdOf("Engagement", alert.engagementId), ...engagement },
    },
  };
}
