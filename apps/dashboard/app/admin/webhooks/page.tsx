import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { AdminOnlyNotice } from "../../../components/admin/AdminOnlyNotice";
import { CreateWebhookForm } from "../../../components/admin/webhooks/CreateWebhookForm";
import { WebhookTable } from "../../../components/admin/webhooks/WebhookTable";
import { ApiProblemNotice } from "../../../components/ApiProblemNotice";
import { query } from "../../../lib/api";
import { getViewer, isAdmin } from "../../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

const WebhooksQuery = graphql(`
  query AdminWebhooks {
    webhookEndpoints {
      ...WebhookTable_webhookEndpoint
    }
  }
`);

export default async function WebhooksPage() {
  const viewer = await getViewer();
  if (!viewer || !isAdmin(viewer)) return <AdminOnlyNotice task="Managing webhooks" />;
  const result = await query(WebhooksQuery);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Webhooks</h1>
          <p>
            Other systems told of every change, or of alerts, by a signed JSON POST. Failed deliveries are retried for
            24 hours; an endpoint failing that long is disabled. <Link href="/admin">Users</Link>
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Endpoints</h2>
        {result.ok ? (
          <WebhookTable endpoints={result.data.webhookEndpoints} />
        ) : (
          <ApiProblemNotice problem={result.problem} />
        )}
      </section>
      <section className="card" aria-labelledby="new-webhook-heading">
        <h2 id="new-webhook-heading">Add an endpoint</h2>
        <CreateWebhookForm />
      </section>
    </div>
  );
}
