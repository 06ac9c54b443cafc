import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ApiProblemNotice } from "../../../../components/ApiProblemNotice";
import { EngagementForm } from "../../../../components/engagement/EngagementForm";
import { query } from "../../../../lib/api";
import { formValuesOfEngagement, loadFormOptions } from "../../../../lib/engagement-form-options";
import { snapshotOf } from "../../../../lib/engagement-snapshot";
import { getFormatter } from "../../../../lib/reader";
import { engagementHref, idFromSegment } from "../../../../lib/routes";
import { canEdit, getViewer } from "../../../../lib/viewer";
import { updateEngagementAction } from "../../actions";

export const dynamic = "force-dynamic";

const EditEngagementQuery = graphql(`
  query EditEngagement($id: ID!) {
    engagement(id: $id) {
      id
      version
      archivedAt
      ...EngagementForm_engagement
      ...EngagementSnapshot_engagement
    }
  }
`);

type Params = { params: Promise<{ id: string }> };

// The title and the page need the same engagement: one request serves both.
const loadEngagement = cache((id: string) => query(EditEngagementQuery, { id }));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const result = await loadEngagement(idFromSegment((await params).id));
  const title = result.ok ? result.data.engagement?.title : null;
  return { title: title ? `Edit ${title}` : "Edit engagement" };
}

export default async function EditEngagementPage({ params }: Params) {
  const id = idFromSegment((await params).id);
  const [result, options, viewer, format] = await Promise.all([
    loadEngagement(id),
    loadFormOptions(),
    getViewer(),
    getFormatter(),
  ]);
  const engagement = result.ok ? result.data.engagement : null;
  if (result.ok && !engagement) notFound();
  return (
    <div className="page">
      <nav aria-label="Breadcrumb">
        <Link href={engagementHref(id)}>← Back to the engagement</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>Edit {engagement?.title ?? "engagement"}</h1>
          <p>Status has its own form on the engagement&apos;s page.</p>
        </div>
      </header>
      {!result.ok ? (
        <ApiProblemNotice problem={result.problem} />
      ) : !options.ok ? (
        <ApiProblemNotice problem={options.problem} />
      ) : !canEdit(viewer) || !engagement || engagement.archivedAt ? (
        <p className="notice notice-error">This engagement cannot be edited with your role or in its state.</p>
      ) : (
        <EngagementForm
          action={updateEngagementAction}
          initial={formValuesOfEngagement(engagement)}
          options={options.data}
          edit={{
            id: engagement.id,
            version: engagement.version,
            seen: JSON.stringify(snapshotOf(engagement, format)),
          }}
          submitLabel="Save changes"
        />
      )}
    </div>
  );
}
