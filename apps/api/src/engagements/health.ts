import { EngagementStatus, type Prisma } from "@engagement-tracker/db";
import { registerEnumType } from "type-graphql";
import { TERMINAL_STATUSES, isTerminal } from "./lifecycle.ts";

/** Said wherever a field depends on what day it is. */
export const TODAY_IS_UTC =
  '"Today" is the current date in UTC (as `Dashboard.today`), whatever the reader\'s time zone: after 00:00 UTC it is already the next day.';

export enum Health {
  ON_TRACK = "ON_TRACK",
  AT_RISK = "AT_RISK",
  OVERDUE = "OVERDUE",
}

registerEnumType(Health, {
  name: "Health",
  description: `Derived from dates, status and milestones; never stored. ${TODAY_IS_UTC}`,
  valuesConfig: {
    ON_TRACK: { description: "Nothing needs attention." },
    AT_RISK: {
      description: "Starts within 14 days and is not yet CONFIRMED or IN_PROGRESS, or a milestone is past due.",
    },
    OVERDUE: { description: "The planned window has ended and the status is not final." },
  },
});

/** How close a start must be before an unconfirmed engagement is at risk. */
export const AT_RISK_LEAD_DAYS = 14;

const SETTLED_STATUSES: readonly EngagementStatus[] = [EngagementStatus.CONFIRMED, EngagementStatus.IN_PROGRESS];

export interface HealthFacts {
  status: EngagementStatus;
  startsOn: Date;
  endsOn: Date;
  milestones: readonly { title: string; dueOn: Date; completedAt: Date | null }[];
}

export interface HealthAssessment {
  health: Health;
  reasons: string[];
}

export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * 86_400_000);
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

export function assessHealth(facts: HealthFacts, today: Date): HealthAssessment {
  if (isTerminal(facts.status)) return { health: Health.ON_TRACK, reasons: [] };
  if (facts.endsOn < today) {
    return {
      health: Health.OVERDUE,
      reasons: [`Planned window ended ${isoDay(facts.endsOn)} but the engagement is still ${facts.status}.`],
    };
  }
  const reasons: string[] = [];
  if (!SETTLED_STATUSES.includes(facts.status) && facts.startsOn <= addDays(today, AT_RISK_LEAD_DAYS)) {
    reasons.push(`Starts ${isoDay(facts.startsOn)} and is still ${facts.status}.`);
  }
  for (const milestone of facts.milestones) {
    if (!milestone.completedAt && milestone.dueOn < today) {
      reasons.push(`Milestone "${milestone.title}" was due ${isoDay(milestone.dueOn)}.`);
    }
  }
  return { health: reasons.length ? Health.AT_RISK : Health.ON_TRACK, reasons };
}

/** The same rules as `assessHealth`, as a database filter. */
export function healthWhere(health: Health, today: Date): Prisma.EngagementWhereInput {
  const live: Prisma.EngagementWhereInput = { status: { notIn: [...TERMINAL_STATUSES] } };
  const overdue: Prisma.EngagementWhereInput = { ...live, endsOn: { lt: today } };
  const atRisk: Prisma.EngagementWhereInput = {
    ...live,
    endsOn: { gte: today },
    OR: [
      { status: { notIn: [...SETTLED_STATUSES] }, startsOn: { lte: addDays(today, AT_RISK_LEAD_DAYS) } },
      { milestones: { some: { completedAt: null, removedAt: null, dueOn: { lt: today } } } },
    ],
  };
  switch (health) {
    case Health.OVERDUE:
      return overdue;
    case Health.AT_RISK:
      return atRisk;
    case Health.ON_TRACK:
      return { NOT: [overdue, atRisk] };
  }
}
