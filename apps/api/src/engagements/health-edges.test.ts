import type { EngagementStatus } from "@engagement-tracker/db";
import { graphql, type Health } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const HealthOfAll = graphql(`
  query HealthEdges($filter: EngagementFilter) {
    engagements(first: 100, filter: $filter) {
      nodes {
        title
        health
      }
    }
  }
`);

const marker = `Edge${Date.now()}`;

/** Each case: status, window and open milestone as days from today, and the health it must have. */
const cases: [string, EngagementStatus, [number, number], number | null, Health][] = [
  ["unconfirmed, starting in 14 days", "PLANNED", [14, 15], null, "AT_RISK"],
  ["unconfirmed, starting in 15 days", "PLANNED", [15, 16], null, "ON_TRACK"],
  ["unconfirmed, starting today", "PROPOSED", [0, 1], null, "AT_RISK"],
  ["confirmed, its window ending today", "CONFIRMED", [-2, 0], null, "ON_TRACK"],
  ["in progress, its window ending today", "IN_PROGRESS", [-2, 0], null, "ON_TRACK"],
  ["confirmed, its window ended yesterday", "CONFIRMED", [-3, -1], null, "OVERDUE"],
  ["confirmed, an open milestone due today", "CONFIRMED", [30, 31], 0, "ON_TRACK"],
  ["confirmed, an open milestone due yesterday", "CONFIRMED", [30, 31], -1, "AT_RISK"],
  ["postponed, starting in 5 days", "POSTPONED", [5, 6], null, "AT_RISK"],
  ["postponed, two months out", "POSTPONED", [60, 61], null, "ON_TRACK"],
  ["postponed, its window ended", "POSTPONED", [-10, -8], null, "OVERDUE"],
  ["cancelled, starting tomorrow", "CANCELLED", [1, 2], -1, "CLOSED"],
  ["completed, two months out", "COMPLETED", [60, 61], null, "CLOSED"],
  ["completed, its window ended", "COMPLETED", [-10, -8], -12, "CLOSED"],
];

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  for (const [name, status, [start, end], milestoneDue] of cases) {
    const engagement = await insertEngagement(api.prisma, {
      title: `${marker} ${name}`,
      status,
      startsOn: new Date(day(start)),
      endsOn: new Date(day(end)),
    });
    if (milestoneDue !== null) {
      await api.prisma.milestone.create({
        data: { engagementId: engagement.id, title: "Papers circulated", dueOn: new Date(day(milestoneDue)) },
      });
    }
  }
});
afterAll(() => api?.close());

describe("health at its edges", () => {
  it("is computed as the rules say", async () => {
    const { engagements } = await api.query(HealthOfAll, { filter: { search: marker } });
    const computed = Object.fromEntries(
      engagements.nodes.map(({ title, health }) => [title.slice(marker.length + 1), health]),
    );
    expect(computed).toEqual(Object.fromEntries(cases.map(([name, , , , health]) => [name, health])));
  });

  it.each(["ON_TRACK", "AT_RISK", "OVERDUE", "CLOSED"] as const)(
    "filtered by %s, lists exactly the engagements whose computed health it is",
    async (health) => {
      const { engagements } = await api.query(HealthOfAll, { filter: { search: marker, health: [health] } });
      const expected = cases
        .filter(([, , , , caseHealth]) => caseHealth === health)
        .map(([name]) => `${marker} ${name}`);
      expect(expected).not.toEqual([]);
      expect(engagements.nodes.map(({ title }) => title).sort()).toEqual(expected.sort());
      expect(engagements.nodes.every((node) => node.health === health)).toBe(true);
    },
  );
});
