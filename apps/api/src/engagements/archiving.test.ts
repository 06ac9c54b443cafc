import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const ArchiveEngagement = graphql(`
  mutation ArchiveEngagement($input: ArchiveEngagementInput!) {
    archiveEngagement(input: $input) {
      engagement {
        id
        archivedAt
        version
      }
      errors {
        code
        field
      }
    }
  }
`);

const Everywhere = graphql(`
  query ArchivingEverywhere($search: String!) {
    listed: engagements(filter: { search: $search }) {
      totalCount
      nodes {
        title
      }
    }
    withArchived: engagements(filter: { search: $search, includeArchived: true }) {
      totalCount
      nodes {
        title
        archivedAt
      }
    }
    dashboard {
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
      }
    }
  }
`);

const ReadOne = graphql(`
  query ArchivedEngagement($id: ID!) {
    engagement(id: $id) {
      title
      version
      archivedAt
    }
  }
`);

const Rename = graphql(`
  mutation ArchivedRename($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      errors {
        code
        field
      }
    }
  }
`);

const Move = graphql(`
  mutation ArchivedMove($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      errors {
        code
        field
      }
    }
  }
`);

const AddMilestone = graphql(`
  mutation ArchivedAddMilestone($input: AddMilestoneInput!) {
    addMilestone(input: $input) {
      errors {
        code
        field
      }
    }
  }
`);

const CompleteMilestone = graphql(`
  mutation ArchivedCompleteMilestone($input: MilestoneStateInput!) {
    completeMilestone(input: $input) {
      errors {
        code
        field
      }
    }
  }
`);

// The overview counts everything, so this file has a database of its own.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const countOf = <Key extends string>(
  counts: ({ count: number } & Record<string, unknown>)[],
  key: Key,
  value: string,
) => counts.find((entry) => entry[key] === value)?.count ?? 0;

describe("archiving an engagement", () => {
  it("takes it out of lists, counts and the overview; it stays readable by ID and with includeArchived", async () => {
    // PLANNED and starting in 5 days: in the 30-day list and at risk until it is archived.
    const engagement = await insertEngagement(api.prisma, {
      title: "Archived soon: working group",
      status: "PLANNED",
      startsOn: new Date(day(5)),
      endsOn: new Date(day(6)),
    });
    const search = "Archived soon";
    const before = await api.query(Everywhere, { search });
    expect(before.listed.nodes.map(({ title }) => title)).toEqual([engagement.title]);
    expect(before.dashboard.upcoming.map(({ title }) => title)).toContain(engagement.title);
    expect(before.dashboard.atRisk.map(({ title }) => title)).toContain(engagement.title);

    const { archiveEngagement } = await api.query(ArchiveEngagement, { input: { id: engagement.globalId } });
    expect(archiveEngagement.errors).toEqual([]);
    expect(archiveEngagement.engagement).toMatchObject({ version: 2, archivedAt: expect.any(String) });

    const after = await api.query(Everywhere, { search });
    expect(after.listed).toEqual({ totalCount: 0, nodes: [] });
    expect(after.withArchived).toEqual({
      totalCount: 1,
      nodes: [{ title: engagement.title, archivedAt: archiveEngagement.engagement!.archivedAt }],
    });
    expect(after.dashboard.upcoming.map(({ title }) => title)).not.toContain(engagement.title);
    expect(after.dashboard.atRisk.map(({ title }) => title)).not.toContain(engagement.title);
    expect(countOf(after.dashboard.statusCounts, "status", "PLANNED")).toBe(
      countOf(before.dashboard.statusCounts, "status", "PLANNED") - 1,
    );
    expect(countOf(after.dashboard.healthCounts, "health", "AT_RISK")).toBe(
      countOf(before.dashboard.healthCounts, "health", "AT_RISK") - 1,
    );

    const { engagement: read } = await api.query(ReadOne, { id: engagement.globalId });
    expect(read).toEqual({ title: engagement.title, version: 2, archivedAt: archiveEngagement.engagement!.archivedAt });
  });

  it("refuses every later change with ARCHIVED and writes nothing", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const milestone = await api.prisma.milestone.create({
      data: { engagementId: engagement.id, title: "Agenda agreed", dueOn: new Date(day(3)) },
    });
    expect(
      (await api.query(ArchiveEngagement, { input: { id: engagement.globalId } })).archiveEngagement.errors,
    ).toEqual([]);
    const stored = () =>
      api.prisma.engagement.findUniqueOrThrow({
        where: { id: engagement.id },
        include: { milestones: true, statusChanges: true, events: true },
      });
    const before = await stored();

    const refusals = [
      (await api.query(Rename, { input: { id: engagement.globalId, title: "Too late" } })).updateEngagement,
      (await api.query(Move, { input: { id: engagement.globalId, status: "CONFIRMED" } })).updateEngagementStatus,
      (await api.query(AddMilestone, { input: { engagementId: engagement.globalId, title: "Late", dueOn: day(4) } }))
        .addMilestone,
      (await api.query(CompleteMilestone, { input: { id: globalIdOf("Milestone", milestone.id) } })).completeMilestone,
      (await api.query(ArchiveEngagement, { input: { id: engagement.globalId } })).archiveEngagement,
    ];
    for (const refusal of refusals) expect(refusal.errors).toEqual([{ code: "ARCHIVED", field: ["id"] }]);
    expect(await stored()).toEqual(before);
  });
});
