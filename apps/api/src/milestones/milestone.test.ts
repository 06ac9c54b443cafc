import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const AddMilestone = graphql(`
  mutation AddMilestone($input: AddMilestoneInput!) {
    addMilestone(input: $input) {
      milestone {
        id
        title
        dueOn
        completedAt
        overdue
      }
      engagement {
        version
        health
        healthReasons
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const CompleteMilestone = graphql(`
  mutation CompleteMilestone($input: MilestoneStateInput!) {
    completeMilestone(input: $input) {
      milestone {
        completedAt
      }
      engagement {
        version
        health
      }
      errors {
        code
      }
    }
  }
`);

const ReopenMilestone = graphql(`
  mutation ReopenMilestone($input: MilestoneStateInput!) {
    reopenMilestone(input: $input) {
      milestone {
        completedAt
      }
      engagement {
        version
      }
      errors {
        code
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("milestones", () => {
  it("a past-due milestone puts its engagement at risk until it is completed", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "CONFIRMED" });
    const { addMilestone } = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Delegation lists exchanged", dueOn: day(-2) },
    });
    expect(addMilestone.errors).toEqual([]);
    expect(addMilestone.milestone).toMatchObject({
      title: "Delegation lists exchanged",
      overdue: true,
      completedAt: null,
    });
    expect(addMilestone.engagement).toMatchObject({
      version: 2,
      health: "AT_RISK",
      healthReasons: [`Milestone "Delegation lists exchanged" was due ${day(-2)}.`],
    });

    const { completeMilestone } = await api.query(CompleteMilestone, { input: { id: addMilestone.milestone!.id } });
    expect(completeMilestone.milestone!.completedAt).not.toBeNull();
    expect(completeMilestone.engagement).toMatchObject({ version: 3, health: "ON_TRACK" });

    const { reopenMilestone } = await api.query(ReopenMilestone, {
      input: { id: addMilestone.milestone!.id, expectedVersion: 3 },
    });
    expect(reopenMilestone.milestone!.completedAt).toBeNull();
    expect(reopenMilestone.engagement!.version).toBe(4);
  });

  it("completing a done milestone again changes nothing", async () => {
    const engagement = await insertEngagement(api.prisma);
    const { addMilestone } = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Venue confirmed", dueOn: day(5) },
    });
    await api.query(CompleteMilestone, { input: { id: addMilestone.milestone!.id } });
    const { completeMilestone } = await api.query(CompleteMilestone, { input: { id: addMilestone.milestone!.id } });
    expect(completeMilestone).toMatchObject({ errors: [], engagement: { version: 3 } });
  });

  it.each([
    ["an empty title", { title: " " }, "VALIDATION"],
    [
      "an unknown engagement",
      { engagementId: "RW5nYWdlbWVudDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=" },
      "NOT_FOUND",
    ],
    ["a stale version", { expectedVersion: 7 }, "VERSION_CONFLICT"],
  ])("refuses %s and writes nothing", async (_, change, code) => {
    const engagement = await insertEngagement(api.prisma);
    const before = await api.prisma.milestone.count();
    const { addMilestone } = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Agenda agreed", dueOn: day(3), ...change },
    });
    expect(addMilestone.errors[0]!.code).toBe(code);
    expect(await api.prisma.milestone.count()).toBe(before);
  });

  it("of 20 concurrent completions of one milestone, exactly one writes: one event, one completion time", async () => {
    const engagement = await insertEngagement(api.prisma);
    const { addMilestone } = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Agenda agreed", dueOn: day(5) },
    });
    const id = addMilestone.milestone!.id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.query(CompleteMilestone, { input: { id } })),
    );
    expect(answers.map((answer) => answer.completeMilestone.errors)).toEqual(answers.map(() => []));
    expect(new Set(answers.map((answer) => answer.completeMilestone.milestone!.completedAt)).size).toBe(1);
    const events = await api.prisma.engagementEvent.findMany({
      where: { engagementId: engagement.id, kind: "MILESTONE_COMPLETED" },
    });
    expect(events).toHaveLength(1);
    expect(await api.prisma.engagement.findUnique({ where: { id: engagement.id } })).toMatchObject({ version: 3 });
  });

  it("refuses completing an already-done milestone with a stale version, and reopening one on an archived engagement", async () => {
    const engagement = await insertEngagement(api.prisma);
    const { addMilestone } = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Delegation lists", dueOn: day(5) },
    });
    const id = addMilestone.milestone!.id;
    await api.query(CompleteMilestone, { input: { id } });
    const stale = await api.query(CompleteMilestone, { input: { id, expectedVersion: 2 } });
    expect(stale.completeMilestone.errors).toEqual([{ code: "VERSION_CONFLICT" }]);

    await api.prisma.engagement.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
    const reopened = await api.query(ReopenMilestone, { input: { id } });
    expect(reopened.reopenMilestone.errors).toEqual([{ code: "ARCHIVED" }]);
    expect(
      (await api.prisma.milestone.findFirstOrThrow({ where: { engagementId: engagement.id } })).completedAt,
    ).not.toBeNull();
  });

  it("answers NOT_FOUND for an unknown milestone", async () => {
    const { completeMilestone } = await api.query(CompleteMilestone, { input: { id: "bm9wZQ==" } });
    expect(completeMilestone.errors).toEqual([{ code: "NOT_FOUND" }]);
  });
});
