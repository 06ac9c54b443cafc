import { graphql, type StatusHistory_EngagementFragment } from "@engagement-tracker/schema";
import type { Formatter } from "../../lib/format";
import { StatusMove } from "../Badges";
import styles from "./EngagementDetail.module.css";

export const StatusHistoryFragment = graphql(`
  fragment StatusHistory_engagement on Engagement {
    statusHistory {
      id
      fromStatus
      toStatus
      reason
      at
      actor {
        name
      }
    }
  }
`);

/** Every lifecycle move, newest first: the status it reached, who moved it, when and why. */
export function StatusHistory({
  engagement,
  format,
}: {
  engagement: StatusHistory_EngagementFragment;
  format: Formatter;
}) {
  const newestFirst = [...engagement.statusHistory].reverse();
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading" className={styles.cardTitle}>
        Status history
      </h2>
      <ol className={styles.history}>
        {newestFirst.map((change) => (
          <li key={change.id} className={styles.historyItem} data-status={change.toStatus}>
            <StatusMove from={change.fromStatus} to={change.toStatus} />
            {change.reason ? <p>{change.reason}</p> : null}
            <p className={styles.historyMeta}>
              {change.actor?.name ?? "Not recorded"} · <time dateTime={change.at}>{format.instant(change.at)}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
