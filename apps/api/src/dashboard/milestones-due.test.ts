import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const MilestonesDue = graphql(`
  query MilestonesDue($days: Int, $limit: Int) {
    dashboard {
      milestonesDue(days: $days, limit: $limit) {
        title
        dueOn
        overdue
        engagement {
          title
        }
      }
    }
  }
`);

// What is due is read across every engagement, so this file runs on a database of its own.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  const open = await insertEngagement(api.prisma, { title: "Open talks", status: "CONFIRMED" });
  const milestone = (title: string, dueInDays: number, fields: { completedAt?: Date; removedAt?: Date } = {}) => ({
    engagementId: open.id,
    title,
    dueOn: new Date(day(dueInDays)),
    ...fields,
  });
  await api.prisma.milestone.createMany({
    data: [
      milestone("Agenda agreed", 3),
      milestone("Papers exchanged", -2),
      milestone("Delegation list exchanged", 7),
      milestone("Venue booked", 8),
      milestone("Interpreters booked", 1, { completedAt: new Date() }),
      milestone("Mistaken entry", 2, { removedAt: new Date() }),
    ],
  });
  for (const [title, fields] of [
    ["Cancelled talks", { status: "CANCELLED" as const }],
    ["Archived talks", { archivedAt: new Date() }],
  ] as const) {
    const engagement = await insertEngagement(api.prisma, { title, ...fields });
    await api.prisma.milestone.create({
      data: { engagementId: engagement.id, title: `${title} step`, dueOn: new Date(day(2)) },
    });
  }
});
afterAll(() => api?.close());

describe("the overview's milestones due", () => {
  it("lists the open milestones of open engagements due within a week, overdue first", async () => {
    const { dashboard } = await api.as("VIEWER").query(MilestonesDue, {});
    expect(dashboard.milestonesDue).toEqual([
      { title: "Papers exchanged", dueOn: day(-2), overdue: true, engagement: { title: "Open talks" } },
      { title: "Agenda agreed", dueOn: day(3), overdue: false, engagement: { title: "Open talks" } },
      { title: "Delegation list exchanged", dueOn: day(7), overdue: false, engagement: { title: "Open talks" } },
    ]);
  });

  it("looks as far ahead and lists as many as asked, within bounds", async () => {
    const { dashboard } = await api.as("VIEWER").query(MilestonesDue, { days: 8, limit: 2 });
    expect(dashboard.milestonesDue.map((milestone) => milestone.title)).toEqual(["Papers exchanged", "Agenda agreed"]);
    const refused = await api.as("VIEWER").request(MilestonesDue, { days: 400 });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
