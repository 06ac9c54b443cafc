import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const Move = graphql(`
  mutation PostponingMove($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      engagement {
        status
        startsOn
        endsOn
        version
        health
        activity(kinds: [STATUS_CHANGED]) {
          version
          changes
        }
      }
      errors {
        code
        field
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** PLANNED, starting in 5 days: at risk until confirmed or moved away. */
const soonEngagement = () =>
  insertEngagement(api.prisma, { status: "PLANNED", startsOn: new Date(day(5)), endsOn: new Date(day(6)) });

describe("postponing with new dates", () => {
  it("applies the move and the new window in one write; health follows the new window", async () => {
    const engagement = await soonEngagement();
    const { updateEngagementStatus } = await api.query(Move, {
      input: {
        id: engagement.globalId,
        status: "POSTPONED",
        reason: "Host asked for March",
        startsOn: day(60),
        endsOn: day(62),
        expectedVersion: 1,
      },
    });
    expect(updateEngagementStatus.errors).toEqual([]);
    expect(updateEngagementStatus.engagement).toEqual({
      status: "POSTPONED",
      startsOn: day(60),
      endsOn: day(62),
      version: 2,
      health: "ON_TRACK",
      activity: [
        {
          version: 2,
          changes: {
            status: { from: "PLANNED", to: "POSTPONED" },
            startsOn: { from: day(5), to: day(60) },
            endsOn: { from: day(6), to: day(62) },
            reason: "Host asked for March",
          },
        },
      ],
    });
  });

  it("without dates keeps the window, and health still says it starts soon", async () => {
    const engagement = await soonEngagement();
    const { updateEngagementStatus } = await api.query(Move, {
      input: { id: engagement.globalId, status: "POSTPONED", reason: "Host asked" },
    });
    expect(updateEngagementStatus.engagement).toMatchObject({ startsOn: day(5), health: "AT_RISK", version: 2 });
  });

  it.each([
    ["an end before the start", { startsOn: day(60), endsOn: day(59) }, "endsOn"],
    ["a start after the current end", { startsOn: day(20) }, "endsOn"],
    ["a start before 1900", { startsOn: "1899-12-31" }, "startsOn"],
  ])("refuses %s with a VALIDATION error, moving nothing", async (_, dates, field) => {
    const engagement = await soonEngagement();
    const { updateEngagementStatus } = await api.query(Move, {
      input: { id: engagement.globalId, status: "POSTPONED", reason: "Host asked", ...dates },
    });
    expect(updateEngagementStatus.errors).toEqual([{ code: "VALIDATION", field: [field] }]);
    const stored = await api.prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } });
    expect(stored).toMatchObject({ status: "PLANNED", version: 1, startsOn: new Date(day(5)) });
  });
});
