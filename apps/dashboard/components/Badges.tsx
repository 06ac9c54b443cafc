import type { EngagementStatus, Health } from "@engagement-tracker/schema";
import { HEALTH_LABELS, STATUS_LABELS } from "../lib/labels";

export function StatusBadge({ status }: { status: EngagementStatus }) {
  return (
    <span className="badge" data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function HealthBadge({ health }: { health: Health }) {
  return (
    <span className="badge" data-health={health}>
      {HEALTH_LABELS[health]}
    </span>
  );
}

/** "Planned → Confirmed", or "Created as Proposed" for an engagement's first status. */
export function StatusMove({ from, to }: { from: EngagementStatus | null | undefined; to: EngagementStatus }) {
  return (
    <span className="status-move">
      {from ? (
        <>
          <StatusBadge status={from} />
          <span aria-hidden="true">→</span>
          <span className="visually-hidden">to</span>
        </>
      ) : (
        <span className="muted small">Created as</span>
      )}
      <StatusBadge status={to} />
    </span>
  );
}
