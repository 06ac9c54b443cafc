import { graphql, type RecentChanges_StatusChangeFragment } from "@engagement-tracker/schema";
import { EngagementLink } from "../EngagementLink";
import type { Formatter } from "../../lib/format";
import { StatusMove } from "../Badges";
import styles from "./RecentChanges.module.css";

export const RecentChangesFragment = graphql(`
  fragment RecentChanges_statusChange on StatusChange {
    id
    fromStatus
    toStatus
    reason
    at
    actor {
      name
    }
    engagement {
      id
      title
    }
  }
`);

/** The latest lifecycle moves: who moved what, when, and why. */
export function RecentChanges({
  changes,
  format,
}: {
  changes: readonly RecentChanges_StatusChangeFragment[];
  format: Formatter;
}) {
  if (changes.length === 0) return <p className="muted">No status changes yet.</p>;
  return (
    <ol className={styles.feed}>
      {changes.map((change) => (
        <li key={change.id} className={styles.item}>
          <div className={styles.what}>
            <EngagementLink id={change.engagement.id} className="item-link">
              {change.engagement.title}
            </EngagementLink>
            <StatusMove from={change.fromStatus} to={change.toStatus} />
          </div>
          {change.reason ? <p className={styles.reason}>“{change.reason}”</p> : null}
          <p className={styles.who}>
            {change.actor?.name ?? "Someone (not recorded)"} ·{" "}
            <time dateTime={change.at} title={format.instant(change.at)}>
              {format.relative(change.at)}
            </time>
          </p>
        </li>
      ))}
    </ol>
  );
}
