import { graphql, type ActivityTimeline_EngagementFragment } from "@engagement-tracker/schema";
import { ACTIVITY_FILTERS, describeEvent, type ActivityFilter, type PeopleNames } from "../../lib/activity";
import type { Formatter } from "../../lib/format";
import styles from "./EngagementDetail.module.css";

export const ActivityTimelineFragment = graphql(`
  fragment ActivityTimeline_engagement on Engagement {
    activity(kinds: $activityKinds) {
      sequence
      kind
      changes
      at
      actor {
        name
      }
    }
  }
`);

/**
 * Everything that happened to the engagement, newest first: status moves, edits (from → to),
 * milestone changes and archiving, each with who and when. The filter is a plain GET form, so
 * it works without JavaScript and the choice stays in the URL.
 */
export function ActivityTimeline({
  engagement,
  filter,
  people,
  format,
}: {
  engagement: ActivityTimeline_EngagementFragment;
  filter: ActivityFilter;
  people: PeopleNames;
  format: Formatter;
}) {
  const newestFirst = [...engagement.activity].reverse();
  return (
    <section className="card" aria-labelledby="activity-heading" id="activity">
      <div className="card-header">
        <h2 id="activity-heading" className={styles.cardTitle}>
          Activity
        </h2>
        <form method="get" action="#activity" className={styles.activityFilter}>
          <label htmlFor="activity-filter">Show</label>
          <select id="activity-filter" name="activity" defaultValue={filter}>
            {Object.entries(ACTIVITY_FILTERS).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small">
            Show
          </button>
        </form>
      </div>
      {newestFirst.length === 0 ? <p className="muted">Nothing of this kind yet.</p> : null}
      <ol className={styles.history}>
        {newestFirst.map((event) => {
          const { summary, changes, reason } = describeEvent(event, format, people);
          return (
            <li key={event.sequence} className={styles.historyItem} data-kind={event.kind}>
              <p className={styles.activitySummary}>{summary}</p>
              {changes.length ? (
                <ul className={styles.activityChanges}>
                  {changes.map((change) => (
                    <li key={change.label}>
                      <span className={styles.activityField}>{change.label}:</span>{" "}
                      {change.from === null ? null : (
                        <>
                          {change.from} <span aria-hidden="true">→</span>
                          <span className="visually-hidden">to</span>{" "}
                        </>
                      )}
                      {change.to}
                    </li>
                  ))}
                </ul>
              ) : null}
              {reason ? <p>{reason}</p> : null}
              <p className={styles.historyMeta}>
                {event.actor?.name ?? "Not recorded"} · <time dateTime={event.at}>{format.instant(event.at)}</time>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
