import type { ReactNode } from "react";
import type { SnapshotChange } from "../../lib/engagement-snapshot";
import styles from "./EngagementDetail.module.css";

/** Says plainly that someone else changed the engagement first, what they changed, and what to do now. */
export function ConflictNotice({ changes, children }: { changes: readonly SnapshotChange[]; children: ReactNode }) {
  return (
    <div role="alert" className="notice notice-warning">
      <strong>Someone else changed this engagement while you were looking at it. Nothing was saved.</strong>
      {changes.length ? (
        <dl className={styles.changes}>
          {changes.map((change) => (
            <div key={change.label}>
              <dt>{change.label}</dt>
              <dd>
                <del>{change.before || "(none)"}</del> <span aria-hidden="true">→</span>
                <span className="visually-hidden">now</span> <ins>{change.after || "(none)"}</ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>The page now shows the engagement as it stands.</p>
      )}
      <p>{children}</p>
    </div>
  );
}
