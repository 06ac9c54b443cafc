import { graphql, type MilestonesDue_MilestoneFragment } from "@engagement-tracker/schema";
import { EngagementLink } from "../EngagementLink";
import type { Formatter } from "../../lib/format";
import styles from "./MilestonesDue.module.css";

/** How far ahead the overview looks for milestones. */
export const MILESTONE_DAYS = 7;

export const MilestonesDueFragment = graphql(`
  fragment MilestonesDue_milestone on Milestone {
    id
    title
    dueOn
    overdue
    engagement {
      id
      title
    }
  }
`);

/** Preparation steps due this week across engagements, the overdue ones first. */
export function MilestonesDue({
  milestones,
  format,
}: {
  milestones: readonly MilestonesDue_MilestoneFragment[];
  format: Formatter;
}) {
  if (milestones.length === 0) return <p className="muted">Nothing is due in the next {MILESTONE_DAYS} days.</p>;
  return (
    <ul className={styles.list}>
      {milestones.map((milestone) => (
        <li key={milestone.id} className={styles.item} data-health={milestone.overdue ? "OVERDUE" : undefined}>
          <div className={styles.heading}>
            <span className={styles.title}>{milestone.title}</span>
            {milestone.overdue ? (
              <span className="badge" data-health="OVERDUE">
                Overdue
              </span>
            ) : null}
          </div>
          <p className={styles.due}>
            {milestone.overdue ? "Was due" : "Due"}{" "}
            <time dateTime={milestone.dueOn}>{format.day(milestone.dueOn)}</time>
          </p>
          <EngagementLink id={milestone.engagement.id} className="item-link">
            {milestone.engagement.title}
          </EngagementLink>
        </li>
      ))}
    </ul>
  );
}
