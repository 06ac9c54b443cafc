import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { dataStatements, startTestApi, type TestApi } from "../test/api.ts";
import { createSeries, day, insertEngagement } from "../test/fixtures.ts";

const MilestonesInRange = graphql(`
  query MilestonesInRange(
    $from: Date!
    $to: Date!
    $filter: EngagementFilter
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    milestones(from: $from, to: $to, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
        startCursor
      }
      nodes {
        id
        title
        dueOn
        engagement {
          id
          title
          startsOn
          health
        }
      }
    }
  }
`);

const MilestonePage = graphql(`
  query MilestonePage($from: Date!, $to: Date!, $filter: EngagementFilter) {
    milestones(from: $from, to: $to, filter: $filter, first: 100) {
      nodes {
        title
        engagement {
          title
          health
          series {
            name
          }
        }
      }
    }
  }
`);

const EngagementsFiltered = graphql(`
  query EngagementsFiltered($filter: EngagementFilter) {
    engagements(filter: $filter, first: 1) {
      nodes {
        id
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** An engagement of `seriesId` with milestones due on the given days from today, named by `label`. */
async function engagementWith(seriesId: string, label: string, dues: number[], fields: { startsIn?: number } = {}) {
  const startsIn = fields.startsIn ?? 400;
  const engagement = await insertEngagement(api.prisma, {
    title: label,
    seriesId,
    startsOn: new Date(day(startsIn)),
    endsOn: new Date(day(startsIn + 2)),
  });
  const milestones = [];
  for (const [index, due] of dues.entries()) {
    milestones.push(
      await api.prisma.milestone.create({
        data: { engagementId: engagement.id, title: `${label} step ${index + 1}`, dueOn: new Date(day(due)) },
      }),
    );
  }
  return { engagement, milestones };
}

const argumentOf = (extensions: object | undefined) => ({
  argumentName: (extensions as { argumentName?: string } | undefined)?.argumentName,
});

const titles = (nodes: { title: string }[]) => nodes.map((node) => node.title);

describe("milestones due in a range", () => {
  it("lists the filter's milestones due in the range by due date, each with its engagement, leaving out removed ones", async () => {
    const series = await createSeries(api.prisma);
    const other = await createSeries(api.prisma);
    // Due 200 days before its engagement starts: found by its own date, not its engagement's.
    const early = await engagementWith(series.id, "Early prep", [200, 215, 260], { startsIn: 400 });
    await engagementWith(series.id, "Near", [210], { startsIn: 212 });
    await engagementWith(other.id, "Other series", [205]);
    const removed = await engagementWith(series.id, "Removed one", [206]);
    await api.prisma.milestone.update({ where: { id: removed.milestones[0]!.id }, data: { removedAt: new Date() } });

    const { milestones } = await api.query(MilestonesInRange, {
      from: day(200),
      to: day(250),
      filter: { seriesIds: [series.globalId] },
    });

    expect(titles(milestones.nodes)).toEqual(["Early prep step 1", "Near step 1", "Early prep step 2"]);
    expect(milestones.nodes.map((node) => node.dueOn)).toEqual([day(200), day(210), day(215)]);
    expect(milestones.nodes[0]!.engagement).toMatchObject({
      id: globalIdOf("Engagement", early.engagement.id),
      title: "Early prep",
      startsOn: day(400),
      health: "ON_TRACK",
    });
    expect(milestones.totalCount).toBe(3);
  });

  it("reads a page, milestones and their engagements, in one SQL statement", async () => {
    const series = await createSeries(api.prisma);
    for (const label of ["A", "B", "C"]) await engagementWith(series.id, `One statement ${label}`, [300, 301]);
    api.statements.length = 0;
    const { milestones } = await api.query(MilestonePage, {
      from: day(300),
      to: day(301),
      filter: { seriesIds: [series.globalId] },
    });
    expect(milestones.nodes).toHaveLength(6);
    expect(milestones.nodes[0]!.engagement).toMatchObject({ health: "ON_TRACK", series: { name: series.name } });
    expect(dataStatements(api.statements)).toHaveLength(1);
  });

  it("pages forward and back by due date then ID, without repeats or gaps", async () => {
    const series = await createSeries(api.prisma);
    // Same-day milestones are told apart by ID.
    await engagementWith(series.id, "Paged", [500, 500, 500, 501, 502]);
    const variables = { from: day(500), to: day(502), filter: { seriesIds: [series.globalId] } };
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const {
        milestones,
      }: { milestones: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } =
        await api.query(MilestonesInRange, { ...variables, first: 2, after });
      seen.push(...milestones.nodes.map((node) => node.id));
      after = milestones.pageInfo.hasNextPage ? milestones.pageInfo.endCursor! : null;
      pages++;
    } while (after);
    const { milestones: whole } = await api.query(MilestonesInRange, { ...variables, first: 100 });
    expect(pages).toBe(3);
    expect(seen).toEqual(whole.nodes.map((node) => node.id));
    expect(new Set(seen).size).toBe(5);

    const { milestones: lastTwo } = await api.query(MilestonesInRange, { ...variables, last: 2 });
    expect(lastTwo.nodes.map((node) => node.id)).toEqual(seen.slice(3));
    expect(lastTwo.pageInfo.hasPreviousPage).toBe(true);
    const { milestones: before } = await api.query(MilestonesInRange, {
      ...variables,
      last: 2,
      before: lastTwo.pageInfo.startCursor,
    });
    expect(before.nodes.map((node) => node.id)).toEqual(seen.slice(1, 3));
  });

  it.each([
    ["an unknown country", { countries: ["XX"] }],
    ["a non-series ID", { seriesIds: [globalIdOf("Organization", "00000000-0000-4000-8000-000000000000")] }],
    ["search text that is too long", { search: "x".repeat(10_000) }],
  ])("refuses %s with the error the engagements list gives", async (_case, filter) => {
    const listed = await api.request(EngagementsFiltered, { filter });
    const due = await api.request(MilestonesInRange, { from: day(0), to: day(10), filter });
    expect(listed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const typed = (errors: typeof listed.errors) =>
      errors?.map(({ message, extensions }) => ({ message, code: extensions?.code, ...argumentOf(extensions) }));
    expect(typed(due.errors)).toEqual(typed(listed.errors));
    expect(due.data ?? null).toBeNull();
  });

  it("refuses a range that ends before it starts, and a cursor it did not issue", async () => {
    const backwards = await api.request(MilestonesInRange, { from: day(10), to: day(0) });
    expect(backwards.errors?.[0]).toMatchObject({
      message: "`from` must be on or before `to`.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = await api.request(MilestonesInRange, { from: day(0), to: day(10), after: "bm90LWEtY3Vyc29y" });
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });

  it("leaves out archived engagements' milestones unless the filter includes them", async () => {
    const series = await createSeries(api.prisma);
    const { engagement } = await engagementWith(series.id, "Archived", [600]);
    await api.prisma.engagement.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
    const variables = { from: day(600), to: day(600) };
    const live = await api.query(MilestonesInRange, { ...variables, filter: { seriesIds: [series.globalId] } });
    const all = await api.query(MilestonesInRange, {
      ...variables,
      filter: { seriesIds: [series.globalId], includeArchived: true },
    });
    expect(titles(live.milestones.nodes)).toEqual([]);
    expect(titles(all.milestones.nodes)).toEqual(["Archived step 1"]);
  });
});
