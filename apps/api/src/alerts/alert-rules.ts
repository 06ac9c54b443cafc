// When an engagement alerts: the conditions that hold for it on a day. Health comes from
// assessHealth (engagements/health.ts); only the milestone windows are the alerts' own.
import { AlertKind, type AlertPreference } from "@engagement-tracker/db";
import { Health, addDays, assessHealth, type HealthFacts } from "../engagements/health.ts";

export { AlertKind, AlertTiming } from "@engagement-tracker/db";

export interface EngagementAlertFacts extends HealthFacts {
  archivedAt: Date | null;
  milestones: readonly (HealthFacts["milestones"][number] & { id: string })[];
}

/** A condition holding for an engagement; `key` names it among the engagement's (see AlertCondition). */
export interface AlertConditionFacts {
  key: string;
  kind: AlertKind;
  milestoneId: string | null;
  /** The one user it concerns (a due-soon window is each user's); null: everyone it reaches. */
  userId: string | null;
}

/** What a user without saved preferences gets: every alert, at once, milestones 3 days ahead. */
export const DEFAULT_PREFERENCES: Omit<AlertPreference, "userId" | "updatedAt"> = {
  kinds: Object.values(AlertKind),
  timing: "IMMEDIATE",
  quietFrom: null,
  quietUntil: null,
  timeZone: "UTC",
  dueSoonDays: 3,
};

/** The longest due-soon window a user may choose. */
export const MAX_DUE_SOON_DAYS = 30;

/**
 * The conditions that hold for `engagement` on `today`: AT_RISK or OVERDUE as its health says,
 * each open milestone past due, and each open milestone due within a watcher's own window
 * (`dueSoonDays`: user → days). None for an archived or closed engagement.
 */
export function conditionsOf(
  engagement: EngagementAlertFacts,
  today: Date,
  dueSoonDays: ReadonlyMap<string, number>,
): AlertConditionFacts[] {
  if (engagement.archivedAt) return [];
  const { health } = assessHealth(engagement, today);
  if (health === Health.CLOSED) return [];
  const conditions: AlertConditionFacts[] = [];
  const whole = (kind: AlertKind) => conditions.push({ key: kind, kind, milestoneId: null, userId: null });
  if (health === Health.AT_RISK) whole(AlertKind.AT_RISK);
  if (health === Health.OVERDUE) whole(AlertKind.OVERDUE);
  for (const milestone of engagement.milestones) {
    if (milestone.completedAt) continue;
    if (milestone.dueOn < today) {
      const kind = AlertKind.MILESTONE_OVERDUE;
      conditions.push({ key: `${kind}:${milestone.id}`, kind, milestoneId: milestone.id, userId: null });
      continue;
    }
    for (const [userId, days] of dueSoonDays) {
      if (milestone.dueOn > addDays(today, days)) continue;
      const kind = AlertKind.MILESTONE_DUE_SOON;
      conditions.push({ key: `${kind}:${milestone.id}:${userId}`, kind, milestoneId: milestone.id, userId });
    }
  }
  return conditions;
}
