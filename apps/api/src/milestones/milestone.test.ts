import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf, rowIdOf } from "../common/node.ts";
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
        field
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

/** Completes (`done`) or reopens a milestone. */
async function setMilestoneState(id: string, done: boolean, expectedVersion?: number) {
  const input = { id, expectedVersion };
  return done
    ? (await api.query(CompleteMilestone, { input })).completeMilestone
    : (await api.query(ReopenMilestone, { input })).reopenMilestone;
}

async function milestoneOf(engagementRowId: string, done: boolean): Promise<string> {
  const milestone = await api.prisma.milestone.create({
    data: {
      engagementId: engagementRowId,
      title: "Agenda agreed",
      dueOn: new Date(day(3)),
      completedAt: done ? new Date() : null,
    },
  });
  return globalIdOf("Milestone", milestone.id);
}

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

  it("names engagementId when the engagement is unknown", async () => {
    const unknown = globalIdOf("Engagement", "00000000-0000-0000-0000-000000000000");
    const { addMilestone } = await api.query(AddMilestone, {
      input: { engagementId: unknown, title: "Agenda agreed", dueOn: day(3) },
    });
    expect(addMilestone.errors).toEqual([
      { code: "NOT_FOUND", field: ["engagementId"], message: `No engagement has the ID "${unknown}".` },
    ]);
  });

  it.each(["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])(
    "refuses a due date of %s, outside 1900–2200 as engagement dates are",
    async (dueOn) => {
      const engagement = await insertEngagement(api.prisma);
      const { addMilestone } = await api.query(AddMilestone, {
        input: { engagementId: engagement.globalId, title: "Agenda agreed", dueOn },
      });
      expect(addMilestone.errors).toEqual([
        { code: "VALIDATION", field: ["dueOn"], message: "Dates must fall between 1900 and 2200." },
      ]);
      expect(await api.prisma.milestone.count({ where: { engagementId: engagement.id } })).toBe(0);
    },
  );

  it.each([
    ["completing", true],
    ["reopening", false],
  ])("%s a milestone already in that state still refuses a stale version", async (_, done) => {
    const engagement = await insertEngagement(api.prisma, { version: 5 });
    const id = await milestoneOf(engagement.id, done);
    const answer = await setMilestoneState(id, done, 4);
    expect(answer.errors).toEqual([{ code: "VERSION_CONFLICT", field: ["expectedVersion"] }]);
    expect(answer.engagement?.version).toBe(5);
  });

  it.each([
    ["complete a done", true, true],
    ["reopen an open", false, false],
    ["reopen a done", true, false],
  ])("refuses to %s milestone of an archived engagement", async (_, doneBefore, done) => {
    const engagement = await insertEngagement(api.prisma, { archivedAt: new Date() });
    const id = await milestoneOf(engagement.id, doneBefore);
    const answer = await setMilestoneState(id, done);
    expect(answer.errors).toEqual([{ code: "ARCHIVED", field: ["id"] }]);
    const milestone = await api.prisma.milestone.findUniqueOrThrow({ where: { id: rowIdOf("Milestone", id)! } });
    expect(Boolean(milestone.completedAt)).toBe(doneBefore);
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
    expect(stale.completeMilestone.errors).toEqual([{ code: "VERSION_CONFLICT", field: ["expectedVersion"] }]);

    await api.prisma.engagement.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
    const reopened = await api.query(ReopenMilestone, { input: { id } });
    expect(reopened.reopenMilestone.errors).toEqual([{ code: "ARCHIVED", field: ["id"] }]);
    expect(
      (await api.prisma.milestone.findFirstOrThrow({ where: { engagementId: engagement.id } })).completedAt,
    ).not.toBeNull();
  });

  it("answers NOT_FOUND for an unknown milestone", async () => {
    const { completeMilestone } = await api.query(CompleteMilestone, { input: { id: "bm9wZQ==" } });
    expect(completeMilestone.errors).toEqual([{ code: "NOT_FOUND", field: ["id"] }]);
  });
});
