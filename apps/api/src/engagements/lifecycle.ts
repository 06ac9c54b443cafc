import { EngagementStatus } from "@engagement-tracker/db";

const { PLANNED, CONFIRMED, IN_PROGRESS, COMPLETED, POSTPONED, CANCELLED } = EngagementStatus;

/**
 * Every move the lifecycle allows, by current status. COMPLETED and CANCELLED are terminal.
 * CONFIRMED → COMPLETED records after the fact an engagement that took place, in one move.
 */
const ALLOWED_MOVES: Record<EngagementStatus, readonly EngagementStatus[]> = {
  PROPOSED: [PLANNED, POSTPONED, CANCELLED],
  PLANNED: [CONFIRMED, POSTPONED, CANCELLED],
  CONFIRMED: [IN_PROGRESS, COMPLETED, POSTPONED, CANCELLED],
  IN_PROGRESS: [COMPLETED, POSTPONED],
  POSTPONED: [PLANNED, CONFIRMED, CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
};

const NEEDS_REASON: ReadonlySet<EngagementStatus> = new Set([POSTPONED, CANCELLED]);

export const TERMINAL_STATUSES: readonly EngagementStatus[] = [COMPLETED, CANCELLED];

export function allowedMoves(from: EngagementStatus): readonly EngagementStatus[] {
  return ALLOWED_MOVES[from];
}

export function reasonRequired(to: EngagementStatus): boolean {
  return NEEDS_REASON.has(to);
}

export function isTerminal(status: EngagementStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export type MoveVerdict = { allowed: true } | { allowed: false; problem: "transition" | "reason"; message: string };

/** Whether `from → to` may happen with this reason, and if not, a sentence saying why. */
export function judgeMove(
  from: EngagementStatus,
  to: EngagementStatus,
  reason: string | null | undefined,
): MoveVerdict {
  const targets = ALLOWED_MOVES[from];
  if (!targets.includes(to)) {
    const allowed = targets.length
      ? `Allowed from ${from}: ${targets.join(", ")}.`
      : `${from} is final; no move is allowed.`;
    return {
      allowed: false,
      problem: "transition",
      message: `Cannot move an engagement from ${from} to ${to}. ${allowed}`,
    };
  }
  if (reasonRequired(to) && !reason?.trim()) {
    return { allowed: false, problem: "reason", message: `A reason is required to move an engagement to ${to}.` };
  }
  return { allowed: true };
}
