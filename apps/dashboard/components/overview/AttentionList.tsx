import { graphql, type AttentionList_EngagementFragment, type Health } from "@engagement-tracker/schema";
import { EngagementLink } from "../EngagementLink";
import type { Formatter } from "../../lib/format";
import { StatusBadge } from "../Badges";
import { healthIssueTexts } from "../HealthIssues";
import styles from "./AttentionList.module.css";

export const AttentionListFragment = graphql(`
  fragment AttentionList_engagement on Engagement {
    id
    title
    status
    startsOn
    endsOn
    ...HealthIssues_engagement
  }
`);

/** Engagements that need someone's attention, each with the reasons it was flagged. */
export function AttentionList({
  engagements,
  health,
  emptyText,
  format,
}: {
  engagements: readonly AttentionList_EngagementFragment[];
  /** What the list holds; it sets the list's colour. */
  health: Health;
  emptyText: string;
  format: Formatter;
}) {
  if (engagements.length === 0) return <p className={styles.empty}>{emptyText}</p>;
  return (
    <ul className={styles.list} data-health={health}>
      {engagements.map((engagement) => (
        <li key={engagement.id} className={styles.item}>
          <div className={styles.heading}>
            <EngagementLink id={engagement.id} className="item-link">
              {engagement.title}
            </EngagementLink>
            <StatusBadge status={engagement.status} />
          </div>
          <p className={styles.dates}>{format.dayRange(engagement.startsOn, engagement.endsOn)}</p>
          <ul className={styles.reasons} aria-label="Why it is flagged">
            {healthIssueTexts(engagement, format).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
