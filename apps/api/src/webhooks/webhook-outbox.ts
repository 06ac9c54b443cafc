// Deliveries are written in the transaction of what they announce: a change that rolls back sends
// nothing, and one that commits is delivered even if the process stops right after.
import type { Prisma } from "@engagement-tracker/db";
import { globalIdOf } from "../common/node.ts";

type Tx = Prisma.TransactionClient;
type EventKind = "CHANGES" | "ALERTS";

/** One delivery of `payload` to every enabled endpoint that wants `kind`: one statement, whatever their number. */
export async function enqueueDeliveries(
  tx: Tx,
  kind: EventKind,
  idempotencyKey: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" (id, "endpointId", "idempotencyKey", payload)
    SELECT gen_random_uuid(), id, ${idempotencyKey}, ${JSON.stringify(payload)}::jsonb
    FROM "WebhookEndpoint"
    WHERE "disabledAt" IS NULL AND ${kind}::"WebhookEventKind" = ANY(events)`;
}

export interface ChangeEvent {
  sequence: bigint;
  at: Date;
  engagementId: string;
  kind: string;
  version: number;
  actorId?: string | null;
  changes?: unknown;
}

/** What an endpoint subscribed to every change receives: the audit-trail entry, with API IDs. */
export function enqueueChangeDeliveries(tx: Tx, event: ChangeEvent): Promise<void> {
  const key = `change-${event.sequence}`;
  return enqueueDeliveries(tx, "CHANGES", key, {
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
  });
}
