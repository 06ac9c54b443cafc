import { EngagementStatus } from "@engagement-tracker/db";
import { graphql, type EngagementOrder, type ListByOrderQuery } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowIdOf } from "../common/node.ts";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const ListByOrder = graphql(`
  query ListByOrder(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: EngagementFilter
    $orderBy: EngagementOrder
  ) {
    engagements(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        title
        status
        startsOn
        health
      }
    }
  }
`);

type Row = ListByOrderQuery["engagements"]["nodes"][number];

const marker = `Ordering${Date.now()}`;
const filter = { search: marker, includeArchived: true };
const HEALTH_RANK = ["OVERDUE", "AT_RISK", "ON_TRACK", "CLOSED"];
const STATUS_RANK: string[] = Object.values(EngagementStatus);

let api: TestApi;
let everyRow: Row[];

beforeAll(async () => {
  api = await startTestApi();
  // Every status, several healths, shared start dates (ties broken by ID), one archived.
  const statuses = Object.values(EngagementStatus);
  for (let index = 0; index < 26; index++) {
    const start = [-9, -1, 3, 3, 20, 60][index % 6]!;
    const engagement = await insertEngagement(api.prisma, {
      title: `${marker} ${String(index).padStart(2, "0")}`,
      status: statuses[index % statuses.length],
      startsOn: new Date(day(start)),
      endsOn: new Date(day(start + 2)),
    });
    if (index % 5 === 0) {
      await api.prisma.milestone.create({
        data: { engagementId: engagement.id, title: "Papers circulated", dueOn: new Date(day(-2)) },
      });
    }
    if (index === 7)
      await api.prisma.engagement.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
  }
  const { engagements } = await api.query(ListByOrder, { first: 100, filter });
  everyRow = engagements.nodes;
});
afterAll(() => api?.close());

/** As PostgreSQL orders the UUIDs behind the global IDs. */
const compareRowIds = (a: Row, b: Row) => {
  const [left, right] = [a, b].map((row) => rowIdOf("Engagement", row.id)!);
  return left! < right! ? -1 : left! > right! ? 1 : 0;
};

function expectedOrder(order: EngagementOrder): string[] {
  const rank = (row: Row) =>
    order.field === "HEALTH" ? HEALTH_RANK.indexOf(row.health) : STATUS_RANK.indexOf(row.status);
  const ascending = [...everyRow].sort(
    (a, b) => rank(a) - rank(b) || a.startsOn.localeCompare(b.startsOn) || compareRowIds(a, b),
  );
  const titles = ascending.map((row) => row.title);
  return order.direction === "DESC" ? titles.reverse() : titles;
}

async function pageForwards(orderBy: EngagementOrder, size: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { engagements }: ListByOrderQuery = await api.query(ListByOrder, { first: size, after, filter, orderBy });
    expect(engagements.nodes.length).toBeLessThanOrEqual(size);
    expect(engagements.pageInfo.hasPreviousPage).toBe(after !== null);
    seen.push(...engagements.nodes.map((node) => node.title));
    if (!engagements.pageInfo.hasNextPage) return seen;
    after = engagements.pageInfo.endCursor;
  }
}

async function pageBackwards(orderBy: EngagementOrder, size: number): Promise<string[]> {
  const seen: string[] = [];
  let before: string | null = null;
  for (;;) {
    const { engagements }: ListByOrderQuery = await api.query(ListByOrder, { last: size, before, filter, orderBy });
    seen.unshift(...engagements.nodes.map((node) => node.title));
    if (!engagements.pageInfo.hasPreviousPage) return seen;
    before = engagements.pageInfo.startCursor;
  }
}

describe("ordering by status and by health", () => {
  it("has engagements of every status and health to order", () => {
    expect(everyRow).toHaveLength(26);
    expect(new Set(everyRow.map((row) => row.status)).size).toBe(STATUS_RANK.length);
    expect(new Set(everyRow.map((row) => row.health)).size).toBe(HEALTH_RANK.length);
  });

  const orders = (["STATUS", "HEALTH"] as const).flatMap((field) =>
    (["ASC", "DESC"] as const).map((direction) => ({ field, direction })),
  );

  it.each(orders)("$field $direction: pages forwards through every engagement once, in order", async (orderBy) => {
    for (const size of [1, 4, 25]) expect(await pageForwards(orderBy, size)).toEqual(expectedOrder(orderBy));
  });

  it.each(orders)("$field $direction: pages backwards through every engagement once, in order", async (orderBy) => {
    for (const size of [1, 4]) expect(await pageBackwards(orderBy, size)).toEqual(expectedOrder(orderBy));
  });

  it("puts the worst health first: overdue, at risk, on track, closed", async () => {
    const { engagements } = await api.query(ListByOrder, {
      first: 100,
      filter,
      orderBy: { field: "HEALTH", direction: "ASC" },
    });
    const healths = engagements.nodes.map((node) => node.health);
    expect([...new Set(healths)]).toEqual(HEALTH_RANK);
  });

  it("refuses a hand-made cursor naming no group", async () => {
    const cursor = Buffer.from(
      JSON.stringify(["HEALTH:ASC", "FINE|2027-01-01T00:00:00.000Z", "0190a4a0-0000-7000-8000-000000000000"]),
    ).toString("base64url");
    const response = await api.request(ListByOrder, {
      first: 2,
      after: cursor,
      filter,
      orderBy: { field: "HEALTH", direction: "ASC" },
    });
    expect(response.errors?.[0]).toMatchObject({
      message: "That cursor is not one this API issued.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});
