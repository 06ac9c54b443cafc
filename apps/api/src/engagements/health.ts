import { EngagementStatus } from "@engagement-tracker/db";
import { registerEnumType } from "type-graphql";
import { isTerminal } from "./lifecycle.ts";

/** Said wherever a field depends on what day it is. */
export const TODAY_IS_UTC =
  '"Today" is the current date in UTC (as `Dashboard.today`), whatever the reader\'s time zone: after 00:00 UTC it is already the next day.';

export enum Health {
  ON_TRACK = "ON_TRACK",
  AT_RISK = "AT_RISK",
  OVERDUE = "OVERDUE",
  CLOSED = "CLOSED",
}

registerEnumType(Health, {
  name: "Health",
  description: `Derived from dates, status and milestones; never stored. Open engagements are ON_TRACK, AT_RISK or OVERDUE; COMPLETED and CANCELLED ones are CLOSED. ${TODAY_IS_UTC}`,
  valuesConfig: {
    ON_TRACK: { description: "Open, and nothing needs attention." },
    AT_RISK: {
      description: "Starts within 14 days and is not yet CONFIRMED or IN_PROGRESS, or a milestone is past due.",
    },
    OVERDUE: { description: "The planned window has ended and the status is not final." },
    CLOSED: { description: "COMPLETED or CANCELLED: nothing is left to track. Never counted as on track." },
  },
});

/** Health an open engagement can have. */
export const OPEN_HEALTHS = [Health.ON_TRACK, Health.AT_RISK, Health.OVERDUE] as const;

/** Every health, most urgent first: the order of sorting by health. */
export const HEALTH_URGENCY = [Health.OVERDUE, Health.AT_RISK, Health.ON_TRACK, Health.CLOSED] as const;

/** Why an open engagement needs attention. */
export enum HealthIssueKind {
  WINDOW_ENDED = "WINDOW_ENDED",
  STARTS_UNSETTLED = "STARTS_UNSETTLED",
  MILESTONE_PAST_DUE = "MILESTONE_PAST_DUE",
}

registerEnumType(HealthIssueKind, {
  name: "HealthIssueKind",
  description: "One reason an engagement is AT_RISK or OVERDUE.",
  valuesConfig: {
    WINDOW_ENDED: { description: "The planned window ended on `date`; the status (`status`) is not final: OVERDUE." },
    STARTS_UNSETTLED: {
      description: "Starts on `date`, within 14 days, and is still `status` (not CONFIRMED or IN_PROGRESS).",
    },
    MILESTONE_PAST_DUE: { description: "The open milestone `milestoneTitle` was due on `date`." },
  },
});

/** How close a start must be before an unconfirmed engagement is at risk. */
export const AT_RISK_LEAD_DAYS = 14;

export const SETTLED_STATUSES: readonly EngagementStatus[] = [EngagementStatus.CONFIRMED, EngagementStatus.IN_PROGRESS];

export interface HealthFacts {
  status: EngagementStatus;
  startsOn: Date;
  endsOn: Date;
  milestones: readonly { title: string; dueOn: Date; completedAt: Date | null }[];
}

/** One reason for a health, as facts: readers phrase it in their own words and date format. */
export interface HealthIssueFacts {
  kind: HealthIssueKind;
  date: Date;
  /** The status it is still in (WINDOW_ENDED, STARTS_UNSETTLED). */
  status: EngagementStatus | null;
  /** The milestone past due (MILESTONE_PAST_DUE). */
  milestoneTitle: string | null;
}

export interface HealthAssessment {
  health: Health;
  issues: HealthIssueFacts[];
}

export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * 86_400_000);
}

/** A calendar day as the API writes it: `2027-01-05`. */
export const isoDay = (day: Date) => day.toISOString().slice(0, 10);

export function assessHealth(facts: HealthFacts, today: Date): HealthAssessment {
  if (isTerminal(facts.status)) return { health: Health.CLOSED, issues: [] };
  const issue = (kind: HealthIssueKind, date: Date, extra: Partial<HealthIssueFacts> = {}): HealthIssueFacts => ({
    kind,
    date,
    status: null,
    milestoneTitle: null,
    ...extra,
  });
  if (facts.endsOn < today) {
    return {
      health: Health.OVERDUE,
      issues: [issue(HealthIssueKind.WINDOW_ENDED, facts.endsOn, { status: facts.status })],
    };
  }
  const issues: HealthIssueFacts[] = [];
  if (!SETTLED_STATUSES.includes(facts.status) && facts.startsOn <= addDays(today, AT_RISK_LEAD_DAYS)) {
    issues.push(issue(HealthIssueKind.STARTS_UNSETTLED, facts.startsOn, { status: facts.status }));
  }
  for (const milestone of facts.milestones) {
    if (!milestone.completedAt && milestone.dueOn < today) {
      issues.push(issue(HealthIssueKind.MILESTONE_PAST_DUE, milestone.dueOn, { milestoneTitle: milestone.title }));
    }
  }
  return { health: issues.length ? Health.AT_RISK : Health.ON_TRACK, issues };
}

/** An issue as the sentence `healthReasons` gives API clients (ISO dates, enum names). */
export function describeIssue(issue: HealthIssueFacts): string {
  switch (issue.kind) {
    case HealthIssueKind.WINDOW_ENDED:
      return `Planned window ended ${isoDay(issue.date)} but the engagement is still ${issue.status}.`;
    case HealthIssueKind.STARTS_UNSETTLED:
      return `Starts ${isoDay(issue.date)} and is still ${issue.status}.`;
    case HealthIssueKind.MILESTONE_PAST_DUE:
      return `Milestone "${issue.milestoneTitle}" was due ${isoDay(issue.date)}.`;
  }
}
