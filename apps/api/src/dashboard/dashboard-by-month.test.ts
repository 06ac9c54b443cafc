import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement, today } from "../test/fixtures.ts";

const ByMonth = graphql(`
  query StatusCountsByMonth($months: Int!) {
    dashboard {
      statusCountsByMonth(months: $months) {
        month
        statusCounts {
          status
          count
        }
      }
    }
  }
`);

/** The first day of the month `offset` months from this one. */
const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
const dayOf = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

// Counts cover everything, so this file runs on a database of its own.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await insertEngagement(api.prisma, {
    status: "PLANNED",
    startsOn: dayOf(monthStart(1), 2),
    endsOn: dayOf(monthStart(1), 4),
  });
  // Last day of next month to the second day of the one after: it counts in both.
  await insertEngagement(api.prisma, {
    status: "CONFIRMED",
    startsOn: dayOf(monthStart(2), -1),
    endsOn: dayOf(monthStart(2), 1),
  });
  await insertEngagement(api.prisma, { status: "CANCELLED", startsOn: monthStart(3), endsOn: monthStart(3) });
  await insertEngagement(api.prisma, { status: "PROPOSED", startsOn: monthStart(7), endsOn: monthStart(7) });
  const archived = await insertEngagement(api.prisma, {
    status: "PLANNED",
    startsOn: monthStart(1),
    endsOn: monthStart(1),
  });
  await api.prisma.engagement.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
});
afterAll(() => api?.close());

describe("engagements by status per month", () => {
  it("counts each engagement in every month its window overlaps, leaving archived ones out", async () => {
    const { dashboard } = await api.query(ByMonth, { months: 6 });
    const nonZero = dashboard.statusCountsByMonth.map(({ month, statusCounts }) => ({
      month,
      counts: Object.fromEntries(
        statusCounts.filter(({ count }) => count > 0).map(({ status, count }) => [status, count]),
      ),
    }));
    expect(nonZero).toEqual([
      { month: isoDay(monthStart(0)), counts: {} },
      { month: isoDay(monthStart(1)), counts: { PLANNED: 1, CONFIRMED: 1 } },
      { month: isoDay(monthStart(2)), counts: { CONFIRMED: 1 } },
      { month: isoDay(monthStart(3)), counts: { CANCELLED: 1 } },
      { month: isoDay(monthStart(4)), counts: {} },
      { month: isoDay(monthStart(5)), counts: {} },
    ]);
  });

  it("lists every status in each month", async () => {
    const { dashboard } = await api.query(ByMonth, { months: 1 });
    expect(dashboard.statusCountsByMonth[0]!.statusCounts.map(({ status }) => status)).toEqual([
      "PROPOSED",
      "PLANNED",
      "CONFIRMED",
      "IN_PROGRESS",
      "COMPLETED",
      "POSTPONED",
      "CANCELLED",
    ]);
  });

  it.each([0, 25])("refuses %i months", async (months) => {
    const response = await api.request(ByMonth, { months });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
