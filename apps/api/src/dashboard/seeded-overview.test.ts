import { seedDemoData } from "@engagement-tracker/db/seed";
import { graphql } from "@engagement-tracker/schema";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startTestApi } from "../test/api.ts";

const SeededOverview = graphql(`
  query SeededOverview {
    dashboard {
      statusCounts {
        status
        count
      }
      healthCounts {
        health
        count
      }
      upcoming(days: 90) {
        title
      }
      atRisk {
        title
      }
      overdue {
        title
      }
    }
  }
`);

/**
 * The overview of a fresh database seeded with the demo data, the seed and the server both
 * running with the clock at `now` (only Date is faked, and it moves on from there).
 */
async function seededOverviewAt(now: Date) {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now });
  const api = await startTestApi();
  try {
    await seedDemoData(api.prisma);
    return (await api.query(SeededOverview)).dashboard;
  } finally {
    await api.close();
  }
}

afterEach(() => void vi.useRealTimers());

describe("the demo data's overview", () => {
  it("reads the same today and a year from now: every health, and engagements coming up", async () => {
    const now = new Date();
    const today = await seededOverviewAt(now);
    const yearAhead = await seededOverviewAt(new Date(now.getTime() + 365 * 86_400_000));

    expect(yearAhead).toEqual(today);
    expect(today.atRisk.map(({ title }) => title)).toContain(
      "Military Maritime Consultative Agreement meeting, Honolulu",
    );
    expect(today.overdue.map(({ title }) => title)).toEqual(["China-U.S. Disaster Management Exchange, Nanjing"]);
    expect(today.healthCounts).toEqual([
      { health: "ON_TRACK", count: expect.any(Number) },
      { health: "AT_RISK", count: 3 },
      { health: "OVERDUE", count: 1 },
    ]);
    expect(today.upcoming).toHaveLength(6);
  });
});
