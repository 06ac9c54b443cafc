import { graphql, type WebhookTable_WebhookEndpointFragment } from "@engagement-tracker/schema";
import Link from "next/link";
import { deleteWebhookEndpointAction, setWebhookEnabledAction } from "../../../app/admin/webhooks/actions";
import { WEBHOOK_EVENT_LABELS } from "../../../lib/labels";
import { getFormatter } from "../../../lib/reader";
import { webhookHref } from "../../../lib/routes";
import tableStyles from "../../engagements/EngagementTable.module.css";
import { ActionButton } from "../../forms/ActionButton";
import styles from "../Accounts.module.css";
import { ScrollTable } from "../../ScrollTable";

export const WebhookTableFragment = graphql(`
  fragment WebhookTable_webhookEndpoint on WebhookEndpoint {
    id
    url
    description
    events
    secretPrefix
    enabled
    disabledReason
    failingSince
    createdAt
  }
`);

/** Every endpoint: where it points, what it is sent, whether it works — and buttons to disable, enable or delete it. */
export async function WebhookTable({
  endpoints: rows,
}: {
  endpoints: readonly WebhookTable_WebhookEndpointFragment[];
}) {
  if (rows.length === 0) return <p className="muted">No webhook endpoints yet.</p>;
  const formatter = await getFormatter();
  return (
    <ScrollTable columns={["URL", "Sent", "Secret starts with", "State", "Actions"]}>
      {rows.map((endpoint) => (
        <tr key={endpoint.id}>
          <td className={tableStyles.titleCell}>
            <Link href={webhookHref(endpoint.id)}>
              <strong>{endpoint.url}</strong>
              <span className="visually-hidden">: delivery log</span>
            </Link>
            {endpoint.description ? <p className="muted">{endpoint.description}</p> : null}
          </td>
          <td data-label="Sent">{endpoint.events.map((kind) => WEBHOOK_EVENT_LABELS[kind]).join(", ")}</td>
          <td data-label="Secret starts with">
            <code>{endpoint.secretPrefix}…</code>
          </td>
          <td data-label="State">{stateOf(endpoint, formatter)}</td>
          <td data-label="Actions">
            <div className={styles.inline}>
              <ActionButton
                action={setWebhookEnabledAction}
                fields={{ id: endpoint.id, enabled: String(!endpoint.enabled) }}
                subject={endpoint.url}
                pendingLabel={endpoint.enabled ? "Disabling…" : "Enabling…"}
              >
                {endpoint.enabled ? "Disable" : "Enable"}
              </ActionButton>
              <ActionButton
                action={deleteWebhookEndpointAction}
                fields={{ id: endpoint.id }}
                subject={endpoint.url}
                pendingLabel="Deleting…"
              >
                Delete
              </ActionButton>
            </div>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function stateOf(endpoint: WebhookTable_WebhookEndpointFragment, formatter: Awaited<ReturnType<typeof getFormatter>>) {
  if (!endpoint.enabled) return endpoint.disabledReason ?? "Disabled";
  return endpoint.failingSince ? `Failing since ${formatter.instant(endpoint.failingSince)}` : "Enabled";
}
