import type { HealthIssueKind, EngagementStatus } from "@engagement-tracker/schema";
import type { Formatter } from "./format";
import { STATUS_LABELS } from "./labels";

export interface HealthIssueFacts {
  kind: HealthIssueKind;
  date: string;
  status?: EngagementStatus | null;
  milestoneTitle?: string | null;
}

/**
 * One reason an engagement is flagged, in the dashboard's words: statuses by their labels, dates
 * as the rest of the dashboard writes them. Which facts make an issue is the API's to decide
 * (`healthIssues`); this only phrases them.
 */
export function healthIssueText(issue: HealthIssueFacts, format: Formatter): string {
  const day = format.day(issue.date);
  const status = issue.status ? STATUS_LABELS[issue.status].toLowerCase() : "";
  switch (issue.kind) {
    case "WINDOW_ENDED":
      return `Planned window ended ${day}, but it is still ${status}.`;
    case "STARTS_UNSETTLED":
      return `Starts ${day} and is still ${status}, not confirmed.`;
    case "MILESTONE_PAST_DUE":
      return `Milestone “${issue.milestoneTitle ?? ""}” was due ${day}.`;
  }
}
