import { EngagementStatus } from "../../generated/prisma/client.ts";

/** The status lifecycle from DESIGN.md; seeded histories must follow it like real edits do. */
export const allowedTransitions: Readonly<Record<EngagementStatus, readonly EngagementStatus[]>> = {
  PROPOSED: [EngagementStatus.PLANNED, EngagementStatus.POSTPONED, EngagementStatus.CANCELLED],
  PLANNED: [EngagementStatus.CONFIRMED, EngagementStatus.POSTPONED, EngagementStatus.CANCELLED],
  CONFIRMED: [
    EngagementStatus.IN_PROGRESS,
    EngagementStatus.COMPLETED,
    EngagementStatus.POSTPONED,
    EngagementStatus.CANCELLED,
  ],
  IN_PROGRESS: [EngagementStatus.COMPLETED, EngagementStatus.POSTPONED],
  POSTPONED: [EngagementStatus.PLANNED, EngagementStatus.CONFIRMED, EngagementStatus.CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
};

const statusesNeedingReason: ReadonlySet<EngagementStatus> = new Set([
  EngagementStatus.POSTPONED,
  EngagementStatus.CANCELLED,
]);

export interface HistoryStep {
  to: EngagementStatus;
  at: Date;
  reason?: string;
}

/**
 * Throws unless the steps start at PROPOSED, follow the lifecycle, carry a reason
 * where one is required and move forward in time: seed data is read as real history.
 */
export function assertValidHistory(label: string, steps: readonly HistoryStep[]): void {
  const [first] = steps;
  if (first?.to !== EngagementStatus.PROPOSED) throw new Error(`${label}: history must start at PROPOSED`);
  steps.forEach((step, index) => {
    if (statusesNeedingReason.has(step.to) && !step.reason) {
      throw new Error(`${label}: moving to ${step.to} needs a reason`);
    }
    const previous = steps[index - 1];
    if (!previous) return;
    if (!allowedTransitions[previous.to].includes(step.to)) {
      throw new Error(`${label}: ${previous.to} → ${step.to} is not an allowed move`);
    }
    if (step.at.getTime() <= previous.at.getTime()) {
      throw new Error(`${label}: the move to ${step.to} is not later than the one before it`);
    }
  });
}

/** Calendar date (`YYYY-MM-DD`) as the UTC midnight Prisma stores in a DATE column. */
export function calendarDate(isoDate: string): Date {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a calendar date: ${isoDate}`);
  return date;
}

export const DAY_MS = 86_400_000;
