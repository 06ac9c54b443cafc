import { describe, expect, it } from "vitest";
import { Formatter } from "./format";
import { healthIssueText } from "./health-issues";

const format = new Formatter("en-US");

describe("a health issue, phrased", () => {
  it.each([
    [
      { kind: "STARTS_UNSETTLED", date: "2026-12-08", status: "PLANNED" },
      "Starts Dec 8, 2026 and is still planned, not confirmed.",
    ],
    [
      { kind: "STARTS_UNSETTLED", date: "2026-12-08", status: "POSTPONED" },
      "Starts Dec 8, 2026 and is still postponed, not confirmed.",
    ],
    [
      { kind: "WINDOW_ENDED", date: "2026-11-02", status: "CONFIRMED" },
      "Planned window ended Nov 2, 2026, but it is still confirmed.",
    ],
    [
      { kind: "MILESTONE_PAST_DUE", date: "2026-11-26", milestoneTitle: "Venue confirmed" },
      "Milestone “Venue confirmed” was due Nov 26, 2026.",
    ],
  ] as const)("%j reads as a sentence, without enum names or ISO dates", (issue, text) => {
    expect(healthIssueText(issue, format)).toBe(text);
  });
});
