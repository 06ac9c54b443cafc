import { graphql, type DeliveryLog_WebhookDeliveryFragment } from "@engagement-tracker/schema";
import { redeliverWebhookAction } from "../../../app/admin/webhooks/actions";
import { WEBHOOK_DELIVERY_STATE_LABELS } from "../../../lib/labels";
import { getFormatter } from "../../../lib/reader";
import tableStyles from "../../engagements/EngagementTable.module.css";
import { ActionButton } from "../../forms/ActionButton";
import { ScrollTable } from "../../ScrollTable";

export const DeliveryLogFragment = graphql(`
  fragment DeliveryLog_webhookDelivery on WebhookDelivery {
    id
    idempotencyKey
    eventType
    state
    attempts
    responseStatus
    responseTimeMs
    lastError
    createdAt
    lastAttemptAt
    nextAttemptAt
  }
`);

/** An endpoint's deliveries, newest first: what was sent, how the receiver answered, and a button to send it again. */
export async function DeliveryLog({
  deliveries,
  canRedeliver,
}: {
  deliveries: readonly DeliveryLog_WebhookDeliveryFragment[];
  canRedeliver: boolean;
}) {
  if (deliveries.length === 0) return <p className="muted">Nothing sent yet.</p>;
  const formatter = await getFormatter();
  return (
    <ScrollTable columns={["Event", "State", "Answer", "Attempts", "Last attempt", "Actions"]}>
      {deliveries.map((delivery) => (
        <tr key={delivery.id}>
          <td className={tableStyles.titleCell}>
            <strong>{delivery.eventType}</strong> <code>{delivery.idempotencyKey}</code>
            <p className="muted">{formatter.instant(delivery.createdAt)}</p>
          </td>
          <td data-label="State">
            {WEBHOOK_DELIVERY_STATE_LABELS[delivery.state]}
            {delivery.state === "PENDING" && delivery.nextAttemptAt
              ? `, next try ${formatter.instant(delivery.nextAttemptAt)}`
              : ""}
          </td>
          <td data-label="Answer">
            {delivery.responseStatus ?? "None"}
            {delivery.responseTimeMs === null ? "" : ` in ${delivery.responseTimeMs} ms`}
            {delivery.lastError ? <p className="muted">{delivery.lastError}</p> : null}
          </td>
          <td data-label="Attempts">{delivery.attempts}</td>
          <td data-label="Last attempt">
            {delivery.lastAttemptAt ? formatter.instant(delivery.lastAttemptAt) : "Not yet"}
          </td>
          <td data-label="Actions">
            {canRedeliver ? (
              <ActionButton
                action={redeliverWebhookAction}
                fields={{ deliveryId: delivery.id }}
                subject={delivery.idempotencyKey}
                pendingLabel="Sending…"
              >
                Redeliver
              </ActionButton>
            ) : null}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
