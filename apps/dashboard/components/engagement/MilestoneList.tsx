import { graphql, type MilestoneList_EngagementFragment } from "@engagement-tracker/schema";
import type { Formatter } from "../../lib/format";
import styles from "./EngagementDetail.module.css";
import { MilestoneToggle } from "./MilestoneToggle";

export const MilestoneListFragment = graphql(`
  fragment MilestoneList_engagement on Engagement {
    id
    milestones {
      id
      title
      dueOn
      completedAt
      overdue
    }
  }
`);

/** Preparation steps by due date; editors complete and reopen them here. */
export function MilestoneList({
  engagement,
  editable,
  format,
}: {
  engagement: MilestoneList_EngagementFragment;
  editable: boolean;
  format: Formatter;
}) {
  const done = engagement.milestones.filter((milestone) => milestone.completedAt).length;
  return (
    <section className="card" aria-labelledby="milestones-heading">
      <div className="card-header">
        <h2 id="milestones-heading" className={styles.cardTitle}>
          Milestones
        </h2>
        {engagement.milestones.length ? (
          <p>
            {done} of {engagement.milestones.length} done
          </p>
        ) : null}
      </div>
      {engagement.milestones.length === 0 ? <p className="muted">No milestones yet.</p> : null}
      <ul className={styles.milestones}>
        {engagement.milestones.map((milestone) => (
          <li
            key={milestone.id}
            className={styles.milestone}
            data-state={milestone.completedAt ? "done" : milestone.overdue ? "overdue" : "open"}
          >
            <span className={styles.milestoneMark} aria-hidden="true">
              {milestone.completedAt ? "✓" : ""}
            </span>
            <div className={styles.milestoneText}>
              <span className={styles.milestoneTitle}>{milestone.title}</span>
              <span className={styles.milestoneMeta}>
                {milestone.completedAt ? (
                  <>
                    Done <time dateTime={milestone.completedAt}>{format.instant(milestone.completedAt)}</time>
                  </>
                ) : (
                  <>
                    {milestone.overdue ? <strong className={styles.overdue}>Overdue · </strong> : null}
                    Due {format.day(milestone.dueOn)}
                  </>
                )}
              </span>
            </div>
            {editable ? (
              <MilestoneToggle
                engagementId={engagement.id}
                milestoneId={milestone.id}
                title={milestone.title}
                done={Boolean(milestone.completedAt)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
