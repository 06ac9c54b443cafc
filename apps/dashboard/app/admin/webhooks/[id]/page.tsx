import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminOnlyNotice } from "../../../../components/admin/AdminOnlyNotice";
import { DeliveryLog } from "../../../../components/admin/webhooks/DeliveryLog";
import { RotateSecretForm } from "../../../../components/admin/webhooks/RotateSecretForm";
import { ApiProblemNotice } from "../../../../components/ApiProblemNotice";
import { query } from "../../../../lib/api";
import { idFromSegment } from "../../../../lib/routes";
import { getViewer, isAdmin } from "../../../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook deliveries" };

const WebhookDeliveriesQuery = graphql(`
  query AdminWebhookDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      url
      enabled
      secretPrefix
      deliveries(first: 50) {
        ...DeliveryLog_webhookDelivery
      }
    }
  }
`);

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer || !isAdmin(viewer)) return <AdminOnlyNotice task="Managing webhooks" />;
  const result = await query(WebhookDeliveriesQuery, { id: idFromSegment((await params).id) });
  if (result.ok && !result.data.webhookEndpoint) notFound();
  const endpoint = result.ok ? result.data.webhookEndpoint : null;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Deliveries</h1>
          <p>
            {endpoint ? <code>{endpoint.url}</code> : null} · The latest 50, newest first.{" "}
            <Link href="/admin/webhooks">All webhooks</Link>
          </p>
        </div>
      </header>
      {endpoint ? (
        <section className="card stack" aria-labelledby="secret-heading">
          <h2 id="secret-heading">Signing secret</h2>
          <p>
            Starts with <code>{endpoint.secretPrefix}…</code>. Rotate it if it leaked: the receiver must get the new one
            before it can verify what is sent next.
          </p>
          <RotateSecretForm id={endpoint.id} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Delivery log</h2>
        {endpoint?.enabled === false ? (
          <p className="muted">This endpoint is disabled: enable it to redeliver.</p>
        ) : null}
        {endpoint ? (
          <DeliveryLog deliveries={endpoint.deliveries} canRedeliver={endpoint.enabled} />
        ) : !result.ok ? (
          <ApiProblemNotice problem={result.problem} />
        ) : null}
      </section>
    </div>
  );
}
