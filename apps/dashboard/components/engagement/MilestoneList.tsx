import { graphql, type MilestoneList_EngagementFragment } from "@engagement-tracker/schema";
import type { Formatter } from "../../lib/format";
import styles from "./EngagementDetail.module.css";
import { AddMilestoneForm, EditMilestoneForm, RemoveMilestoneForm } from "./MilestoneForms";
import type { Person } from "./MilestoneFields";
import { MilestoneToggle } from "./MilestoneToggle";

export const MilestoneListFragment = graphql(`
  fragment MilestoneList_engagement on Engagement {
    id
    version
    milestones {
      id
      title
      dueOn
      note
      completedAt
      completedBy {
        name
      }
      owner {
        id
        name
      }
      overdue
    }
  }
`);

/** Preparation steps by due date; editors add, edit, remove, complete and reopen them here. */
export function MilestoneList({
  engagement,
  editable,
  people,
  format,
}: {
  engagement: MilestoneList_EngagementFragment;
  editable: boolean;
  /** Whom a milestone may be given to. */
  people: readonly Person[];
  format: Formatter;
}) {
  const done = engagement.milestones.filter((milestone) => milestone.completedAt).length;
  const target = { engagementId: engagement.id, version: engagement.version, people };
  return (
    <section className="card" aria-labelledby="milestones-heading" id="milestones">
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
              {milestone.note ? <span className={styles.milestoneNoteText}>{milestone.note}</span> : null}
              <span className={styles.milestoneMeta}>
                {milestone.completedAt ? (
                  <>
                    Done{milestone.completedBy ? ` by ${milestone.completedBy.name}` : ""} on{" "}
                    <time dateTime={milestone.completedAt}>{format.instant(milestone.completedAt)}</time> · due{" "}
                    {format.day(milestone.dueOn)}
                  </>
                ) : (
                  <>
                    {milestone.overdue ? <strong className={styles.overdue}>Overdue · </strong> : null}
                    Due {format.day(milestone.dueOn)}
                  </>
                )}
                {milestone.owner ? ` · Owner: ${milestone.owner.name}` : ""}
              </span>
              {editable ? (
                <div className={styles.milestoneManage}>
                  <EditMilestoneForm
                    {...target}
                    milestoneId={milestone.id}
                    current={{
                      title: milestone.title,
                      dueOn: milestone.dueOn,
                      note: milestone.note ?? "",
                      ownerId: milestone.owner?.id ?? "",
                    }}
                  />
                  <RemoveMilestoneForm {...target} milestoneId={milestone.id} title={milestone.title} />
                </div>
              ) : null}
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
      {editable ? <AddMilestoneForm {...target} /> : null}
    </section>
  );
}
