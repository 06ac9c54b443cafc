import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ApiProblemNotice } from "../../../components/ApiProblemNotice";
import { HealthBadge, StatusBadge } from "../../../components/Badges";
import { healthIssueTexts } from "../../../components/HealthIssues";
import { ActivityTimeline } from "../../../components/engagement/ActivityTimeline";
import { ArchiveControl } from "../../../components/engagement/ArchiveControl";
import styles from "../../../components/engagement/EngagementDetail.module.css";
import { FactsCard } from "../../../components/engagement/FactsCard";
import { MilestoneList } from "../../../components/engagement/MilestoneList";
import { CommentThread } from "../../../components/engagement/CommentThread";
import { ActionButton } from "../../../components/forms/ActionButton";
import { watchAction } from "../../notifications/actions";
import { ParticipantsCard } from "../../../components/engagement/ParticipantsCard";
import { StatusChangePanel } from "../../../components/engagement/StatusChangePanel";
import { ACTIVITY_FILTERS, activityFilterOf, type ActivityFilter } from "../../../lib/activity";
import { sharedQuery } from "../../../lib/shared-reads";
import { getFormatter } from "../../../lib/reader";
import { editEngagementHref, idFromSegment } from "../../../lib/routes";
import { canEdit, getViewer } from "../../../lib/viewer";

export const dynamic = "force-dynamic";

const EngagementDetailQuery = graphql(`
  query EngagementDetail($id: ID!, $activityKinds: [EngagementEventKind!]) {
    engagement(id: $id) {
      id
      title
      version
      status
      health
      ...HealthIssues_engagement
      summary
      objectives
      outcome
      archivedAt
      archiveEvents: activity(kinds: [ARCHIVED]) {
        at
        actor {
          name
        }
      }
      ...FactsCard_engagement
      ...ParticipantsCard_engagement
      ...MilestoneList_engagement
      ...CommentThread_engagement
      ...ActivityTimeline_engagement
      ...StatusChangePanel_engagement
    }
    assignableUsers {
      id
      name
    }
  }
`);

// Apart from the rest, which every reader of a role shares: whether this reader watches it. No
// `id`, so that only a change that concerns the reader makes the kept answer stale.
const WatchingQuery = graphql(`
  query EngagementWatching($id: ID!) {
    engagement(id: $id) {
      viewerIsWatching
    }
  }
`);

type Params = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The title and the page need the same engagement: one request serves both.
const loadEngagement = cache((id: string, filter: ActivityFilter) =>
  sharedQuery(EngagementDetailQuery, { id, activityKinds: ACTIVITY_FILTERS[filter].kinds }),
);

/** The engagement as this URL asks for it, its activity filtered as the `activity` parameter says. */
async function load({ params, searchParams }: Params) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const filter = activityFilterOf(search.activity);
  return { filter, result: await loadEngagement(idFromSegment(id), filter) };
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { result } = await load(props);
  return { title: result.ok ? (result.data.engagement?.title ?? "Not found") : "Engagement" };
}

export default async function EngagementPage(props: Params) {
  const [{ result, filter }, watching, format, viewer] = await Promise.all([
    load(props),
    props.params.then(({ id }) => sharedQuery(WatchingQuery, { id: idFromSegment(id) })),
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
  const viewerIsWatching = watching.ok && Boolean(watching.data.engagement?.viewerIsWatching);
  const editable = canEdit(viewer) && !engagement.archivedAt;
  const archivedBy = engagement.archiveEvents.at(-1)?.actor?.name;

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
        <div className="actions">
          {/* Keyed by the state, so a failed attempt's message goes once it flips. */}
          <ActionButton
            key={String(viewerIsWatching)}
            action={watchAction}
            fields={{ engagementId: engagement.id, watching: String(!viewerIsWatching) }}
            subject={engagement.title}
            pendingLabel="Saving…"
          >
            {viewerIsWatching ? "Stop watching" : "Watch"}
          </ActionButton>
          {canEdit(viewer) ? (
            <>
              {editable ? (
                <Link href={editEngagementHref(engagement.id)} className="button">
                  Edit details
                </Link>
              ) : null}
              {/* Keyed by the state, so the confirmation starts closed once it flips. */}
              <ArchiveControl
                key={engagement.archivedAt ?? "active"}
                id={engagement.id}
                version={engagement.version}
                archived={Boolean(engagement.archivedAt)}
              />
            </>
          ) : null}
        </div>
      </header>
      {engagement.archivedAt ? (
        <p className="notice" role="status">
          <strong>
            Archived on {format.instant(engagement.archivedAt)}
            {archivedBy ? ` by ${archivedBy}` : ""}.
          </strong>{" "}
          It no longer appears in lists and can no longer be changed{canEdit(viewer) ? " until it is unarchived" : ""}.
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
        <aside className={styles.aside} aria-label="Details and actions">
          {editable ? <StatusChangePanel engagement={engagement} /> : null}
          <FactsCard engagement={engagement} format={format} />
          <ParticipantsCard engagement={engagement} format={format} />
        </aside>
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
          <MilestoneList
            engagement={engagement}
            editable={editable}
            people={result.data.assignableUsers}
            format={format}
          />
          <CommentThread
            engagement={engagement}
            viewerId={viewer?.id ?? null}
            people={result.data.assignableUsers}
            format={format}
          />
          <ActivityTimeline
            engagement={engagement}
            filter={filter}
            people={new Map(result.data.assignableUsers.map((person) => [person.id, person.name]))}
            format={format}
          />
        </div>
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
