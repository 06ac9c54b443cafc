import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataStatements, startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const Overview = graphql(`
  query Overview {
    dashboard {
      today
      statusCounts {
        status
        count
      }
      healthCounts {
        health
        count
      }
      upcoming(days: 30) {
        title
      }
      atRisk {
        title
        healthReasons
      }
      overdue {
        title
      }
      recentStatusChanges(limit: 3) {
        toStatus
        engagement {
          title
        }
      }
    }
  }
`);

const Counts = graphql(`
  query OverviewCounts {
    dashboard {
      statusCounts {
        status
        count
      }
      statusCountsByMonth(months: 12) {
        statusCounts {
          count
        }
      }
      healthCounts {
        count
      }
    }
  }
`);

// The dashboard counts everything, so this file runs on a database of its own.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await insertEngagement(api.prisma, {
    title: "Site survey, Hunan",
    status: "PLANNED",
    startsOn: new Date(day(5)),
    endsOn: new Date(day(19)),
  });
  await insertEngagement(api.prisma, {
    title: "MMCA meeting",
    status: "CONFIRMED",
    startsOn: new Date(day(20)),
    endsOn: new Date(day(22)),
  });
  await insertEngagement(api.prisma, {
    title: "Far-off talks",
    status: "PROPOSED",
    startsOn: new Date(day(200)),
    endsOn: new Date(day(201)),
  });
  await insertEngagement(api.prisma, {
    title: "Stalled visit",
    status: "CONFIRMED",
    startsOn: new Date(day(-9)),
    endsOn: new Date(day(-7)),
  });
  await insertEngagement(api.prisma, {
    title: "17th DPCT",
    status: "COMPLETED",
    startsOn: new Date(day(-90)),
    endsOn: new Date(day(-89)),
  });
  const archived = await insertEngagement(api.prisma, { title: "Archived", status: "PLANNED" });
  await api.prisma.engagement.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
});
afterAll(() => api?.close());

describe("the dashboard", () => {
  it("counts engagements by status and health, leaving archived ones out and closed ones out of health", async () => {
    const { dashboard } = await api.query(Overview);
    expect(dashboard.today).toBe(day(0));
    expect(Object.fromEntries(dashboard.statusCounts.map(({ status, count }) => [status, count]))).toEqual({
      PROPOSED: 1,
      PLANNED: 1,
      CONFIRMED: 2,
      IN_PROGRESS: 0,
      COMPLETED: 1,
      POSTPONED: 0,
      CANCELLED: 0,
    });
    expect(Object.fromEntries(dashboard.healthCounts.map(({ health, count }) => [health, count]))).toEqual({
      ON_TRACK: 2,
      AT_RISK: 1,
      OVERDUE: 1,
    });
    // The completed one is in no health figure: the open ones (4) are exactly those counted.
    const open = dashboard.statusCounts
      .filter(({ status }) => status !== "COMPLETED" && status !== "CANCELLED")
      .reduce((sum, { count }) => sum + count, 0);
    expect(dashboard.healthCounts.reduce((sum, { count }) => sum + count, 0)).toBe(open);
  });

  it("lists what is coming, what is at risk and why, and what is overdue", async () => {
    const { dashboard } = await api.query(Overview);
    expect(dashboard.upcoming.map((engagement) => engagement.title)).toEqual(["Site survey, Hunan", "MMCA meeting"]);
    expect(dashboard.atRisk).toEqual([
      { title: "Site survey, Hunan", healthReasons: [`Starts ${day(5)} and is still PLANNED.`] },
    ]);
    expect(dashboard.overdue).toEqual([{ title: "Stalled visit" }]);
  });

  it("shows the latest status changes first", async () => {
    const { dashboard } = await api.query(Overview);
    expect(dashboard.recentStatusChanges).toHaveLength(3);
    expect(dashboard.recentStatusChanges[0]!.engagement.title).toBe("17th DPCT");
  });

  it("counts by status, and by status for each month, in one pass over the engagements", async () => {
    api.statements.length = 0;
    const { dashboard } = await api.query(Counts);
    expect(dashboard.statusCountsByMonth).toHaveLength(12);
    // One statement tallies statuses in all and per month; two count OVERDUE and AT_RISK (ON_TRACK is the rest).
    expect(dataStatements(api.statements)).toHaveLength(3);
    const open = dashboard.statusCounts.filter(({ status }) => !["COMPLETED", "CANCELLED"].includes(status));
    expect(dashboard.healthCounts.reduce((sum, { count }) => sum + count, 0)).toBe(
      open.reduce((sum, { count }) => sum + count, 0),
    );
  });

  it("reads each list in one statement, with the milestones its health reasons need", async () => {
    api.statements.length = 0;
    await api.query(Overview);
    const statements = dataStatements(api.statements);
    expect(statements.filter((sql) => /from "public"\."Milestone"/i.test(sql))).toEqual([]);
    // The status tally and two health counts; upcoming, atRisk (its milestones nested) and overdue one
    // statement each; the recent changes, and the engagements they name.
    expect(statements).toHaveLength(8);
  });

  it("leaves finished engagements out of what is coming, even while their window runs", async () => {
    for (const status of ["COMPLETED", "CANCELLED"] as const) {
      await insertEngagement(api.prisma, {
        title: `Closed early, ${status}`,
        status,
        startsOn: new Date(day(-1)),
        endsOn: new Date(day(3)),
      });
    }
    const { dashboard } = await api.query(Overview);
    expect(dashboard.upcoming.map((engagement) => engagement.title)).toEqual(["Site survey, Hunan", "MMCA meeting"]);
  });
});
