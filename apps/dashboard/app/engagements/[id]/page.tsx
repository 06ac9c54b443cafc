import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ApiProblemNotice } from "../../../components/ApiProblemNotice";
import { HealthBadge, StatusBadge } from "../../../components/Badges";
import { healthIssueTexts } from "../../../components/HealthIssues";
import styles from "../../../components/engagement/EngagementDetail.module.css";
import { FactsCard } from "../../../components/engagement/FactsCard";
import { MilestoneList } from "../../../components/engagement/MilestoneList";
import { ParticipantsCard } from "../../../components/engagement/ParticipantsCard";
import { StatusChangePanel } from "../../../components/engagement/StatusChangePanel";
import { StatusHistory } from "../../../components/engagement/StatusHistory";
import { sharedQuery } from "../../../lib/shared-reads";
import { getFormatter } from "../../../lib/reader";
import { editEngagementHref, idFromSegment } from "../../../lib/routes";
import { canEdit, getViewer } from "../../../lib/viewer";

export const dynamic = "force-dynamic";

const EngagementDetailQuery = graphql(`
  query EngagementDetail($id: ID!) {
    engagement(id: $id) {
      id
      title
      status
      health
      ...HealthIssues_engagement
      summary
      objectives
      outcome
      archivedAt
      ...FactsCard_engagement
      ...ParticipantsCard_engagement
      ...MilestoneList_engagement
      ...StatusHistory_engagement
      ...StatusChangePanel_engagement
    }
  }
`);

type Params = { params: Promise<{ id: string }> };

// The title and the page need the same engagement: one request serves both.
const loadEngagement = cache((id: string) => sharedQuery(EngagementDetailQuery, { id }));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const result = await loadEngagement(idFromSegment((await params).id));
  return { title: result.ok ? (result.data.engagement?.title ?? "Not found") : "Engagement" };
}

export default async function EngagementPage({ params }: Params) {
  const [result, format, viewer] = await Promise.all([
    params.then(({ id }) => loadEngagement(idFromSegment(id))),
    getFormatter(),
    getViewer(),
  ]);
  if (!result.ok) {
    return (
      <div className="page">
        <Breadcrumbs />
        <ApiProblemNotice problem={result.problem} />
      </div>
    );
  }
  const engagement = result.data.engagement;
  if (!engagement) notFound();
  const editable = canEdit(viewer) && !engagement.archivedAt;

  return (
    <div className="page">
      <Breadcrumbs />
      <header className="page-header">
        <div className={styles.heading}>
          <h1>{engagement.title}</h1>
          <div className={styles.badges}>
            <StatusBadge status={engagement.status} />
            <HealthBadge health={engagement.health} />
          </div>
        </div>
        {editable ? (
          <div className="actions">
            <Link href={editEngagementHref(engagement.id)} className="button">
              Edit details
            </Link>
          </div>
        ) : null}
      </header>
      {engagement.archivedAt ? (
        <p className="notice">
          Archived {format.instant(engagement.archivedAt)}. It no longer appears in lists and can no longer be changed.
        </p>
      ) : null}
      {engagement.healthIssues.length ? (
        <div className="notice notice-warning" data-health={engagement.health}>
          <strong>Needs attention</strong>
          <ul>
            {healthIssueTexts(engagement, format).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className={styles.layout}>
        <div className={styles.main}>
          <section className="card" aria-labelledby="about-heading">
            <h2 id="about-heading" className={styles.cardTitle}>
              About
            </h2>
            <div className={styles.prose}>
              {engagement.summary ? <p>{engagement.summary}</p> : <p className="muted">No summary yet.</p>}
              {engagement.objectives.length ? (
                <>
                  <h3>Objectives</h3>
                  <ul>
                    {engagement.objectives.map((objective) => (
                      <li key={objective}>{objective}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {engagement.outcome ? (
                <>
                  <h3>Outcome</h3>
                  <p>{engagement.outcome}</p>
                </>
              ) : null}
            </div>
          </section>
          <MilestoneList engagement={engagement} editable={editable} format={format} />
          <StatusHistory engagement={engagement} format={format} />
        </div>
        <aside className={styles.aside} aria-label="Details and actions">
          {editable ? <StatusChangePanel engagement={engagement} /> : null}
          <FactsCard engagement={engagement} format={format} />
          <ParticipantsCard engagement={engagement} format={format} />
        </aside>
      </div>
    </div>
  );
}

function Breadcrumbs() {
  return (
    <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
      <Link href="/engagements">← All engagements</Link>
    </nav>
  );
}
