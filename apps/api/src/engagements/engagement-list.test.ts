import { graphql } from "@engagement-tracker/schema";
import type { EngagementFilter, EngagementOrder, ListEngagementsQuery } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { createOrganization, createSeries, day, insertEngagement } from "../test/fixtures.ts";

const ListEngagements = graphql(`
  query ListEngagements(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: EngagementFilter
    $orderBy: EngagementOrder
  ) {
    engagements(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
        }
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

let api: TestApi;
/** Words only one block's engagements carry, so other data never leaks into its assertions. */
const pagingMarker = `Paging${Date.now()}`;
const filterMarker = `Filtering${Date.now()}`;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function titlesOf(marker: string, filter: EngagementFilter, orderBy?: EngagementOrder) {
  const { engagements } = await api.query(ListEngagements, {
    first: 100,
    filter: { search: marker, ...filter },
    orderBy,
  });
  return engagements.nodes.map((node) => node.title);
}

describe("paging through engagements", () => {
  const marker = pagingMarker;
  const scope = { search: marker };
  let expectedOrder: string[];

  beforeAll(async () => {
    // Several share a start date, so ties must be broken consistently.
    const rows = [];
    for (let index = 0; index < 23; index++) {
      rows.push(
        await insertEngagement(api.prisma, {
          title: `${marker} paging ${String(index).padStart(2, "0")}`,
          startsOn: new Date(day(10 + (index % 7))),
          endsOn: new Date(day(20)),
        }),
      );
    }
    await insertEngagement(api.prisma, { title: `Unrelated ${marker}-less`, status: "CANCELLED" });
    expectedOrder = rows
      .sort((a, b) => a.startsOn.getTime() - b.startsOn.getTime() || a.id.localeCompare(b.id))
      .map((row) => row.title);
  });

  const filter = { ...scope, statuses: ["PLANNED" as const] };

  it("walks forwards, returning each match exactly once, in order", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { engagements }: ListEngagementsQuery = await api.query(ListEngagements, { first: 5, after, filter });
      seen.push(...engagements.edges.map((edge) => edge.node.title));
      expect(engagements.totalCount).toBe(23);
      expect(engagements.pageInfo.hasPreviousPage).toBe(after !== null);
      pages++;
      if (!engagements.pageInfo.hasNextPage) break;
      after = engagements.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(expectedOrder);
  });

  it("walks backwards from the end, returning each match exactly once, in order", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const { engagements }: ListEngagementsQuery = await api.query(ListEngagements, { last: 5, before, filter });
      seen.unshift(...engagements.nodes.map((node) => node.title));
      if (!engagements.pageInfo.hasPreviousPage) break;
      before = engagements.pageInfo.startCursor;
    }
    expect(seen).toEqual(expectedOrder);
  });

  it("stays correct when rows are added and changed between pages", async () => {
    const first = await api.query(ListEngagements, { first: 10, filter });
    const firstTitles = first.engagements.nodes.map((node) => node.title);
    // A new engagement sorting before the cursor must not shift the next page.
    const early = await insertEngagement(api.prisma, {
      title: `${marker} paging early`,
      startsOn: new Date(day(1)),
      endsOn: new Date(day(20)),
    });
    // One on the next page, changed meanwhile, keeps its place and shows the change.
    const changed = expectedOrder[15]!;
    await api.prisma.engagement.updateMany({ where: { title: changed }, data: { title: `${changed} (renamed)` } });
    try {
      const second = await api.query(ListEngagements, {
        first: 100,
        after: first.engagements.pageInfo.endCursor,
        filter,
      });
      expect([...firstTitles, ...second.engagements.nodes.map((node) => node.title)]).toEqual(
        expectedOrder.map((title) => (title === changed ? `${changed} (renamed)` : title)),
      );
    } finally {
      await api.prisma.engagement.delete({ where: { id: early.id } });
      await api.prisma.engagement.updateMany({ where: { title: `${changed} (renamed)` }, data: { title: changed } });
    }
  });

  it.each([
    [{ field: "TITLE", direction: "ASC" }],
    [{ field: "TITLE", direction: "DESC" }],
    [{ field: "START_DATE", direction: "DESC" }],
    [{ field: "UPDATED_AT", direction: "ASC" }],
    [{ field: "UPDATED_AT", direction: "DESC" }],
  ] as const)("pages through ordering %j without gaps or repeats", async (orderBy) => {
    const all = await titlesOf(marker, { statuses: ["PLANNED"] }, orderBy);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const { engagements }: ListEngagementsQuery = await api.query(ListEngagements, {
        first: 4,
        after,
        filter,
        orderBy,
      });
      paged.push(...engagements.nodes.map((node) => node.title));
      after = engagements.pageInfo.hasNextPage ? engagements.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(23);
  });

  it("orders by title", async () => {
    const titles = await titlesOf(marker, { statuses: ["PLANNED"] }, { field: "TITLE", direction: "DESC" });
    expect(titles).toEqual([...expectedOrder].sort().reverse());
  });

  it("refuses a cursor from another ordering", async () => {
    const { engagements } = await api.query(ListEngagements, { first: 2, filter });
    const response = await api.request(ListEngagements, {
      first: 2,
      after: engagements.pageInfo.endCursor,
      filter,
      orderBy: { field: "TITLE", direction: "ASC" },
    });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });

  it.each([0, 101, -1])("refuses a page size of %i with a typed error", async (size) => {
    const response = await api.request(ListEngagements, { first: size, filter });
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringContaining("between 1 and 100"),
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it.each([["ZZ"], ["CN", "China"]])(
    "refuses the country filter %j with a typed error naming the code",
    async (...countries) => {
      const response = await api.request(ListEngagements, { first: 2, filter: { ...filter, countries } });
      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringContaining(`"${countries.at(-1)}" is not an ISO 3166-1 alpha-2`),
        extensions: { code: "BAD_USER_INPUT", argumentName: "countries" },
      });
    },
  );

  it("refuses a forged cursor with a typed error", async () => {
    const response = await api.request(ListEngagements, { first: 2, after: "bm90IGEgY3Vyc29y", filter });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });

  const handMade = (value: string, rowId: string) =>
    Buffer.from(JSON.stringify(["START_DATE:ASC", value, rowId])).toString("base64url");
  const someId = "0190a4a0-0000-7000-8000-000000000000";
  it.each([
    ["a row ID that is not a UUID", handMade("2027-01-01T00:00:00.000Z", "not-a-uuid")],
    ["a negative year", handMade("-000001-01-01T00:00:00.000Z", someId)],
    ["year 0", handMade("0000-01-01T00:00:00.000Z", someId)],
    ["a date that is not ISO 8601", handMade("January 1, 2027", someId)],
  ])("refuses a hand-made cursor with %s as BAD_USER_INPUT", async (_, cursor) => {
    for (const page of [
      { first: 2, after: cursor },
      { last: 2, before: cursor },
    ]) {
      const response = await api.request(ListEngagements, { ...page, filter });
      expect(response.errors?.[0]).toMatchObject({
        message: "That cursor is not one this API issued.",
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
  });
});

describe("filtering engagements", () => {
  const marker = filterMarker;
  const scope = { search: marker };
  const titles = (filter: EngagementFilter) => titlesOf(marker, filter);
  let seriesId: string;

  beforeAll(async () => {
    const series = await createSeries(api.prisma);
    seriesId = series.globalId;
    await insertEngagement(api.prisma, {
      title: `${marker} MMCA consultations`,
      kind: "CONSULTATION",
      status: "CONFIRMED",
      seriesId: series.id,
      country: "CN",
      region: "Guangdong Province",
      locationName: "Zhanjiang",
      startsOn: new Date(day(40)),
      endsOn: new Date(day(42)),
    });
    await insertEngagement(api.prisma, {
      title: `${marker} site survey`,
      kind: "SITE_SURVEY",
      status: "PLANNED",
      country: "CN",
      region: "Hunan Province",
      summary: "Locate the remains of missing WWII personnel",
      startsOn: new Date(day(5)),
      endsOn: new Date(day(19)),
    });
    await insertEngagement(api.prisma, {
      title: `${marker} policy talks`,
      kind: "DIALOGUE",
      status: "COMPLETED",
      country: "US",
      locationName: "Washington, D.C.",
      startsOn: new Date(day(-60)),
      endsOn: new Date(day(-59)),
    });
    await insertEngagement(api.prisma, {
      title: `${marker} stale visit`,
      kind: "HIGH_LEVEL_VISIT",
      status: "CONFIRMED",
      country: "US",
      startsOn: new Date(day(-10)),
      endsOn: new Date(day(-8)),
    });
    const archived = await insertEngagement(api.prisma, { title: `${marker} archived`, status: "PLANNED" });
    await api.prisma.engagement.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
  });

  const short = (titles: string[]) => titles.map((title) => title.replace(`${marker} `, "")).sort();

  it.each<[string, EngagementFilter, string[]]>([
    ["statuses", { statuses: ["CONFIRMED", "COMPLETED"] }, ["MMCA consultations", "policy talks", "stale visit"]],
    ["kinds", { kinds: ["SITE_SURVEY"] }, ["site survey"]],
    ["countries", { countries: ["cn"] }, ["MMCA consultations", "site survey"]],
    ["region, case-insensitively", { region: "hunan province" }, ["site survey"]],
    ["health OVERDUE", { health: ["OVERDUE"] }, ["stale visit"]],
    ["health AT_RISK", { health: ["AT_RISK"] }, ["site survey"]],
    ["health ON_TRACK, open ones only", { health: ["ON_TRACK"] }, ["MMCA consultations"]],
    ["health CLOSED", { health: ["CLOSED"] }, ["policy talks"]],
    ["upcoming: open and not yet ended", { upcoming: true }, ["MMCA consultations", "site survey"]],
    ["search in the summary", { search: `${marker} remains wwii` }, ["site survey"]],
    ["search in the location", { search: `${marker} zhanjiang` }, ["MMCA consultations"]],
    ["a date range overlapping the window", { from: day(0), to: day(10) }, ["site survey"]],
    ["a date range in the past", { from: day(-61), to: day(-9) }, ["policy talks", "stale visit"]],
    ["includeArchived", { includeArchived: true, statuses: ["PLANNED"] }, ["archived", "site survey"]],
    ["archived only", { archived: true }, ["archived"]],
    ["archived only, whatever includeArchived says", { archived: true, includeArchived: false }, ["archived"]],
    [
      "not archived, even with includeArchived",
      { archived: false, includeArchived: true },
      ["MMCA consultations", "policy talks", "site survey", "stale visit"],
    ],
  ])("by %s", async (_, filter, expected) => {
    expect(short(await titles(filter))).toEqual(expected);
  });

  it("by a date range, including an engagement that began long before it and still runs", async () => {
    const longMarker = `LongWindow${Date.now()}`;
    await insertEngagement(api.prisma, {
      title: `${longMarker} rotation`,
      startsOn: new Date(day(-400)),
      endsOn: new Date(day(400)),
    });
    await insertEngagement(api.prisma, {
      title: `${longMarker} talks`,
      startsOn: new Date(day(3)),
      endsOn: new Date(day(4)),
    });
    expect(await titlesOf(longMarker, { from: day(0), to: day(10) })).toEqual([
      `${longMarker} rotation`,
      `${longMarker} talks`,
    ]);
  });

  it.each([
    ["from year 1", { from: "0001-01-01" }, ["MMCA consultations", "policy talks", "site survey", "stale visit"]],
    ["from year 0", { from: "0000-01-01" }, ["MMCA consultations", "policy talks", "site survey", "stale visit"]],
    ["to year 0", { to: "0000-01-01" }, []],
    ["from 9999", { from: "9999-12-31" }, []],
    [
      "from year 1 to 9999",
      { from: "0001-01-01", to: "9999-12-31" },
      ["MMCA consultations", "policy talks", "site survey", "stale visit"],
    ],
  ])("by a date range reaching %s, past the dates engagements can have", async (_, range, expected) => {
    expect(short(await titles(range))).toEqual(expected);
  });

  it("by series", async () => {
    expect(short(await titles({ seriesIds: [seriesId] }))).toEqual(["MMCA consultations"]);
  });

  it("combines conditions: all must hold", async () => {
    expect(
      short(await titles({ countries: ["CN"], statuses: ["PLANNED"], kinds: ["SITE_SURVEY", "DIALOGUE"] })),
    ).toEqual(["site survey"]);
  });

  it("reports health consistently with the filter", async () => {
    const { engagements } = await api.query(ListEngagements, { first: 100, filter: scope });
    for (const node of engagements.nodes) {
      const matching = await titles({ health: [node.health] });
      expect(matching).toContain(node.title);
    }
  });

  it("refuses a series filter that is not a series ID", async () => {
    const organization = await createOrganization(api.prisma);
    const response = await api.request(ListEngagements, { first: 5, filter: { seriesIds: [organization.globalId] } });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });
});
