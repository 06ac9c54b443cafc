import { graphql, type HealthIssues_EngagementFragment } from "@engagement-tracker/schema";
import type { Formatter } from "../lib/format";
import { healthIssueText } from "../lib/health-issues";

export const HealthIssuesFragment = graphql(`
  fragment HealthIssues_engagement on Engagement {
    healthIssues {
      kind
      date
      status
      milestoneTitle
    }
  }
`);

/** Why an engagement is flagged, one sentence per reason, in the reader's date format. */
export function healthIssueTexts(engagement: HealthIssues_EngagementFragment, format: Formatter): string[] {
  return engagement.healthIssues.map((issue) => healthIssueText(issue, format));
}
