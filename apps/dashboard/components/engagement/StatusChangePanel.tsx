import { graphql, type StatusChangePanel_EngagementFragment } from "@engagement-tracker/schema";
import { snapshotOf } from "../../lib/engagement-snapshot";
import { STATUS_LABELS, STATUSES_NEEDING_REASON } from "../../lib/labels";
import { getFormatter } from "../../lib/reader";
import styles from "./EngagementDetail.module.css";
import { StatusChangeForm } from "./StatusChangeForm";

export const StatusChangePanelFragment = graphql(`
  fragment StatusChangePanel_engagement on Engagement {
    id
    status
    version
    startsOn
    endsOn
    allowedTransitions
    ...EngagementSnapshot_engagement
  }
`);

/** The change-status form, offering only the moves the lifecycle allows from here. */
export async function StatusChangePanel({ engagement }: { engagement: StatusChangePanel_EngagementFragment }) {
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="change-status-heading">
      <h2 id="change-status-heading" className={styles.cardTitle}>
        Change status
      </h2>
      {engagement.allowedTransitions.length === 0 ? (
        <p className="muted">{STATUS_LABELS[engagement.status]} is final: no further moves.</p>
      ) : (
        <StatusChangeForm
          engagementId={engagement.id}
          version={engagement.version}
          currentStatus={engagement.status}
          allowedTransitions={engagement.allowedTransitions}
          window={{ startsOn: engagement.startsOn, endsOn: engagement.endsOn }}
          statusesNeedingReason={STATUSES_NEEDING_REASON}
          seen={JSON.stringify(snapshotOf(engagement, format))}
        />
      )}
    </section>
  );
}
