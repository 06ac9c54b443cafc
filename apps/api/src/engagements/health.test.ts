import { describe, expect, it } from "vitest";
import type { GraphQLObjectType } from "graphql";
import { buildAppSchema } from "../schema.ts";
import { Health, HealthIssueKind, addDays, assessHealth, describeIssue, todayUtc, type HealthFacts } from "./health.ts";

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
      "a completed engagement in the past is closed, not on track",
      { status: "COMPLETED", startsOn: addDays(today, -5), endsOn: addDays(today, -1) },
      Health.CLOSED,
    ],
    [
      "a cancelled engagement is closed, never flagged",
      {
        status: "CANCELLED",
        startsOn: addDays(today, 3),
        endsOn: addDays(today, 4),
        milestones: [{ title: "Agenda agreed", dueOn: addDays(today, -1), completedAt: null }],
      },
      Health.CLOSED,
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

  it("says why an engagement is at risk, as facts and as a sentence", () => {
    const { issues } = assessHealth(
      facts({
        startsOn: addDays(today, 9),
        endsOn: addDays(today, 10),
        milestones: [{ title: "Venue confirmed", dueOn: addDays(today, -3), completedAt: null }],
      }),
      today,
    );
    expect(issues).toEqual([
      { kind: HealthIssueKind.STARTS_UNSETTLED, date: addDays(today, 9), status: "PLANNED", milestoneTitle: null },
      {
        kind: HealthIssueKind.MILESTONE_PAST_DUE,
        date: addDays(today, -3),
        status: null,
        milestoneTitle: "Venue confirmed",
      },
    ]);
    expect(issues.map(describeIssue)).toEqual([
      "Starts 2026-12-08 and is still PLANNED.",
      'Milestone "Venue confirmed" was due 2026-11-26.',
    ]);
  });
});

describe("what day it is", () => {
  it("is the date in UTC, whatever the local time zone", () => {
    expect(todayUtc(new Date("2026-11-29T23:30:00-05:00"))).toEqual(new Date("2026-11-30"));
    expect(todayUtc(new Date("2026-11-30T08:30:00+09:00"))).toEqual(new Date("2026-11-29"));
  });

  it("is said to be UTC on every field that depends on it", async () => {
    const schema = await buildAppSchema();
    const descriptionOf = (type: string, field: string) =>
      (schema.getType(type) as GraphQLObjectType).getFields()[field]?.description;
    for (const [type, field] of [
      ["Engagement", "health"],
      ["Engagement", "healthReasons"],
      ["Engagement", "healthIssues"],
      ["Milestone", "overdue"],
      ["Dashboard", "today"],
    ] as const) {
      expect(descriptionOf(type, field), `${type}.${field}`).toMatch(/UTC/);
    }
  });
});
