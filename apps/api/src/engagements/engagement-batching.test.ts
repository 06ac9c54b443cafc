import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataStatements, startTestApi, type TestApi } from "../test/api.ts";
import { createOrganization, day, insertEngagement } from "../test/fixtures.ts";

const EngagementPage = graphql(`
  query EngagementPage($first: Int!, $filter: EngagementFilter) {
    engagements(first: $first, filter: $filter, orderBy: { field: START_DATE, direction: ASC }) {
      nodes {
        id
        title
        status
        health
        series {
          shortName
        }
        participants {
          role
          organization {
            name
            country
          }
        }
        milestones {
          title
          dueOn
          completedAt
        }
        latestStatusChange {
          toStatus
          reason
          at
          actor {
            name
          }
        }
      }
    }
  }
`);

const OrderedPage = graphql(`
  query OrderedPage($first: Int!, $filter: EngagementFilter, $orderBy: EngagementOrder) {
    engagements(first: $first, filter: $filter, orderBy: $orderBy) {
      nodes {
        id
        health
        milestones {
          title
        }
      }
    }
  }
`);

const EngagementWithHistory = graphql(`
  query EngagementWithHistory($id: ID!) {
    engagement(id: $id) {
      title
      series {
        shortName
      }
      participants {
        organization {
          name
        }
      }
      milestones {
        title
      }
      statusHistory {
        toStatus
        actor {
          name
        }
      }
      latestStatusChange {
        toStatus
      }
    }
  }
`);

let api: TestApi;
const marker = `Batching${Date.now()}`;

beforeAll(async () => {
  api = await startTestApi();
  const organizations = [await createOrganization(api.prisma, "CN"), await createOrganization(api.prisma, "US")];
  for (let index = 0; index < 100; index++) {
    const engagement = await insertEngagement(api.prisma, {
      title: `${marker} ${index}`,
      startsOn: new Date(day(index)),
    });
    await api.prisma.participation.createMany({
      data: organizations.map((organization, position) => ({
        engagementId: engagement.id,
        organizationId: organization.id,
        role: position === 0 ? "HOST" : "DELEGATION",
      })),
    });
    await api.prisma.milestone.create({
      data: { engagementId: engagement.id, title: "Agenda agreed", dueOn: new Date(day(index)) },
    });
  }
});
afterAll(() => api?.close());

async function statementsFor(first: number) {
  api.statements.length = 0;
  const { engagements } = await api.query(EngagementPage, { first, filter: { search: marker } });
  expect(engagements.nodes).toHaveLength(first);
  return dataStatements(api.statements).length;
}

describe("a page with participants, milestones and the latest status change", () => {
  it("costs the same few SQL statements whatever the page size", async () => {
    const forOne = await statementsFor(1);
    const forHundred = await statementsFor(100);
    expect(forHundred).toBe(forOne);
    // The engagements with their series, participants' organizations, milestones and latest
    // status changes (with who made them) are joined into the page's one statement.
    expect(forHundred).toBe(1);
  });

  it("returns every engagement's own related rows", async () => {
    const { engagements } = await api.query(EngagementPage, { first: 3, filter: { search: marker } });
    expect(engagements.nodes).toHaveLength(3);
    for (const [index, node] of engagements.nodes.entries()) {
      expect(node.participants.map((participant) => participant.role)).toEqual(["HOST", "DELEGATION"]);
      // Each engagement's one milestone is due on the day it starts: day(index).
      expect(node.milestones.map((milestone) => milestone.dueOn)).toEqual([day(index)]);
      expect(node.latestStatusChange).toMatchObject({ toStatus: "PLANNED", reason: "Created", actor: null });
    }
  });
});

describe("pages that read in parts", () => {
  it.each(["HEALTH", "STATUS"] as const)(
    "ordered by %s (a part per group) are one statement, and so is a date range (with its start bound)",
    async (field) => {
      for (const variables of [
        { first: 100, filter: { search: marker }, orderBy: { field, direction: "ASC" as const } },
        { first: 100, filter: { search: marker, from: day(0), to: day(30) } },
      ]) {
        api.statements.length = 0;
        const { engagements } = await api.query(OrderedPage, variables);
        expect(engagements.nodes.length).toBeGreaterThan(0);
        expect(dataStatements(api.statements)).toHaveLength(1);
      }
    },
  );
});

describe("one engagement with its relations and whole history", () => {
  it("is one SQL statement, and every part belongs to it", async () => {
    const engagement = await insertEngagement(api.prisma, { title: `${marker} history` });
    await api.prisma.statusChange.create({
      data: { engagementId: engagement.id, fromStatus: "PLANNED", toStatus: "CONFIRMED", actorId: api.users.EDITOR.id },
    });
    api.statements.length = 0;
    const { engagement: read } = await api.query(EngagementWithHistory, { id: engagement.globalId });
    expect(dataStatements(api.statements)).toHaveLength(1);
    expect(read?.statusHistory.map((change) => [change.toStatus, change.actor?.name ?? null])).toEqual([
      ["PLANNED", null],
      ["CONFIRMED", "Test EDITOR"],
    ]);
    expect(read?.latestStatusChange?.toStatus).toBe("CONFIRMED");
    expect(read?.participants).toEqual([]);
    expect(read?.milestones).toEqual([]);
  });
});
