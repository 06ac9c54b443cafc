import type { EngagementStatus } from "@engagement-tracker/schema";
import { STATUS_LABELS, STATUSES_NEEDING_REASON } from "./labels";

interface PayloadError {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

const anyOf = new Intl.ListFormat("en", { type: "disjunction" });

/**
 * The API's lifecycle refusals, said with status labels: the API's messages name enum values
 * for its clients. Other errors pass through as the API wrote them.
 */
export function readableMoveErrors<Error extends PayloadError>(
  errors: readonly Error[],
  move: { from: EngagementStatus; to: EngagementStatus; allowed: readonly EngagementStatus[]; reason: string },
): Error[] {
  const [from, to] = [STATUS_LABELS[move.from], STATUS_LABELS[move.to]];
  return errors.map((error) => {
    if (error.code === "INVALID_TRANSITION") {
      const options = move.allowed.length
        ? `From ${from} it can move to ${anyOf.format(move.allowed.map((status) => STATUS_LABELS[status]))}.`
        : `${from} is final: its status can no longer change.`;
      return { ...error, message: `A ${from.toLowerCase()} engagement cannot move to ${to}. ${options}` };
    }
    const reasonMissing =
      error.field?.join(".") === "reason" && !move.reason && STATUSES_NEEDING_REASON.includes(move.to);
    if (reasonMissing) return { ...error, message: `Give a reason for moving it to ${to}.` };
    return error;
  });
}
