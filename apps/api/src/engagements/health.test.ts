import { describe, expect, it } from "vitest";
import { Health, addDays, assessHealth, type HealthFacts } from "./health.ts";

const today = new Date("2026-11-29");
const facts = (overrides: Partial<HealthFacts>): HealthFacts => ({
  status: "PLANNED",
  startsOn: addDays(today, 60),
  endsOn: addDays(today, 62),
  milestones: [],
  ...overrides,
});

describe("health", () => {
  it.each<[string, Partial<HealthFacts>, Health]>([
    ["a planned engagement two months out is on track", {}, Health.ON_TRACK],
    [
      "an unconfirmed engagement starting in 10 days is at risk",
      { startsOn: addDays(today, 10), endsOn: addDays(today, 12) },
      Health.AT_RISK,
    ],
    [
      "a confirmed engagement starting in 10 days is on track",
      { status: "CONFIRMED", startsOn: addDays(today, 10), endsOn: addDays(today, 12) },
      Health.ON_TRACK,
    ],
    [
      "a window that ended while still confirmed is overdue",
      { status: "CONFIRMED", startsOn: addDays(today, -5), endsOn: addDays(today, -1) },
      Health.OVERDUE,
    ],
    [
      "a completed engagement in the past is on track",
      { status: "COMPLETED", startsOn: addDays(today, -5), endsOn: addDays(today, -1) },
      Health.ON_TRACK,
    ],
    [
      "a cancelled engagement is never flagged",
      { status: "CANCELLED", startsOn: addDays(today, 3), endsOn: addDays(today, 4) },
      Health.ON_TRACK,
    ],
    [
      "a past-due open milestone puts it at risk",
      { milestones: [{ title: "Agenda agreed", dueOn: addDays(today, -1), completedAt: null }] },
      Health.AT_RISK,
    ],
    [
      "a past-due milestone that is done does not",
      { milestones: [{ title: "Agenda agreed", dueOn: addDays(today, -1), completedAt: today }] },
      Health.ON_TRACK,
    ],
  ])("%s", (_, overrides, expected) => {
    expect(assessHealth(facts(overrides), today).health).toBe(expected);
  });

  it("says why an engagement is at risk", () => {
    const { reasons } = assessHealth(
      facts({ milestones: [{ title: "Venue confirmed", dueOn: addDays(today, -3), completedAt: null }] }),
      today,
    );
    expect(reasons).toEqual(['Milestone "Venue confirmed" was due 2026-11-26.']);
  });
});
