import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { recordChanges } from "../test/subscriptions.ts";

const Add = graphql(`
  mutation EditingAddMilestone($input: AddMilestoneInput!) {
    addMilestone(input: $input) {
      milestone {
        id
        title
        note
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

const Update = graphql(`
  mutation EditingUpdateMilestone($input: UpdateMilestoneInput!) {
    updateMilestone(input: $input) {
      milestone {
        title
        dueOn
        note
      }
      engagement {
        version
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const Remove = graphql(`
  mutation EditingRemoveMilestone($input: RemoveMilestoneInput!) {
    removeMilestone(input: $input) {
      milestone {
        removedAt
      }
      engagement {
        version
        health
        milestones {
          title
        }
      }
      errors {
        code
        field
      }
    }
  }
`);

const Complete = graphql(`
  mutation EditingCompleteMilestone($input: MilestoneStateInput!) {
    completeMilestone(input: $input) {
      milestone {
        completedAt
        completedBy {
          name
        }
      }
      errors {
        code
      }
    }
  }
`);

const Activity = graphql(`
  query EditingActivity($id: ID!, $kinds: [EngagementEventKind!]) {
    engagement(id: $id) {
      activity(kinds: $kinds) {
        kind
        version
        changes
        actor {
          name
        }
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** An engagement (version 2 after this) with one milestone added through the API. */
async function engagementWithMilestone(dueOn = day(5)) {
  const engagement = await insertEngagement(api.prisma, { status: "CONFIRMED" });
  const { addMilestone } = await api.query(Add, {
    input: { engagementId: engagement.globalId, title: "Agenda agreed", dueOn, note: "Draft from the PLA Navy" },
  });
  expect(addMilestone.errors).toEqual([]);
  return { engagement, milestoneId: addMilestone.milestone!.id };
}

describe("editing and removing milestones", () => {
  it("edits title, due date and note in one write, recording each change from → to", async () => {
    const { engagement, milestoneId } = await engagementWithMilestone();
    const { updateMilestone } = await api.query(Update, {
      input: { id: milestoneId, title: "Agenda signed", dueOn: day(9), note: "", expectedVersion: 2 },
    });
    expect(updateMilestone).toMatchObject({
      errors: [],
      milestone: { title: "Agenda signed", dueOn: day(9), note: null },
      engagement: { version: 3 },
    });
    const { engagement: read } = await api.query(Activity, { id: engagement.globalId, kinds: ["MILESTONE_EDITED"] });
    expect(read!.activity).toEqual([
      {
        kind: "MILESTONE_EDITED",
        version: 3,
        actor: { name: "Test EDITOR" },
        changes: {
          milestone: {
            id: milestoneId,
            title: "Agenda agreed",
            changes: {
              title: { from: "Agenda agreed", to: "Agenda signed" },
              dueOn: { from: day(5), to: day(9) },
              note: { from: "Draft from the PLA Navy", to: null },
            },
          },
        },
      },
    ]);
  });

  it("an edit that changes nothing writes nothing", async () => {
    const { milestoneId } = await engagementWithMilestone();
    const { updateMilestone } = await api.query(Update, { input: { id: milestoneId, title: "Agenda agreed" } });
    expect(updateMilestone).toMatchObject({ errors: [], engagement: { version: 2 } });
  });

  it.each([
    ["an empty title", { title: "  " }, "VALIDATION", "title"],
    ["removing the title", { title: null }, "VALIDATION", "title"],
    ["removing the due date", { dueOn: null }, "VALIDATION", "dueOn"],
    ["a due date past 2200", { dueOn: "2201-01-01" }, "VALIDATION", "dueOn"],
    ["a note of 2,001 characters", { note: "n".repeat(2001) }, "VALIDATION", "note"],
    ["a stale version", { title: "Late", expectedVersion: 1 }, "VERSION_CONFLICT", "expectedVersion"],
    ["an unknown milestone", { id: "bm9wZQ==" }, "NOT_FOUND", "id"],
  ])("refuses %s naming the field, and writes nothing", async (_, change, code, field) => {
    const { engagement, milestoneId } = await engagementWithMilestone();
    const { updateMilestone } = await api.query(Update, { input: { id: milestoneId, ...change } });
    expect(updateMilestone.errors).toMatchObject([{ code, field: [field] }]);
    const stored = await api.prisma.engagement.findUniqueOrThrow({
      where: { id: engagement.id },
      include: { milestones: true },
    });
    expect(stored.version).toBe(2);
    expect(stored.milestones).toMatchObject([{ title: "Agenda agreed", note: "Draft from the PLA Navy" }]);
  });

  it("a removed milestone leaves the list and the health, stays in the audit trail, and cannot be changed", async () => {
    const { engagement, milestoneId } = await engagementWithMilestone(day(-3));
    const { removeMilestone } = await api.query(Remove, { input: { id: milestoneId, expectedVersion: 2 } });
    expect(removeMilestone).toMatchObject({
      errors: [],
      milestone: { removedAt: expect.any(String) },
      engagement: { version: 3, health: "ON_TRACK", milestones: [] },
    });
    const { engagement: read } = await api.query(Activity, {
      id: engagement.globalId,
      kinds: ["MILESTONE_ADDED", "MILESTONE_REMOVED"],
    });
    expect(
      read!.activity.map((event) => [event.kind, (event.changes as { milestone: { title: string } }).milestone.title]),
    ).toEqual([
      ["MILESTONE_ADDED", "Agenda agreed"],
      ["MILESTONE_REMOVED", "Agenda agreed"],
    ]);
    expect(await api.prisma.milestone.count({ where: { engagementId: engagement.id } })).toBe(1);
    for (const again of [
      (await api.query(Remove, { input: { id: milestoneId } })).removeMilestone.errors,
      (await api.query(Update, { input: { id: milestoneId, title: "Back" } })).updateMilestone.errors,
      (await api.query(Complete, { input: { id: milestoneId } })).completeMilestone.errors,
    ]) {
      expect(again).toMatchObject([{ code: "NOT_FOUND" }]);
    }
  });

  it("refuses removal with a stale version and on an archived engagement", async () => {
    const { engagement, milestoneId } = await engagementWithMilestone();
    const stale = await api.query(Remove, { input: { id: milestoneId, expectedVersion: 1 } });
    expect(stale.removeMilestone.errors).toEqual([{ code: "VERSION_CONFLICT", field: ["expectedVersion"] }]);
    await api.prisma.engagement.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
    const archived = await api.query(Remove, { input: { id: milestoneId } });
    expect(archived.removeMilestone.errors).toEqual([{ code: "ARCHIVED", field: ["id"] }]);
    expect(await api.prisma.milestone.count({ where: { engagementId: engagement.id, removedAt: null } })).toBe(1);
  });

  it("names who completed a milestone", async () => {
    const { milestoneId } = await engagementWithMilestone();
    const { completeMilestone } = await api.query(Complete, { input: { id: milestoneId } });
    expect(completeMilestone.milestone).toEqual({
      completedAt: expect.any(String),
      completedBy: { name: "Test EDITOR" },
    });
  });

  it("lets only editors and admins edit or remove", async () => {
    const { milestoneId } = await engagementWithMilestone();
    const asViewer = await api.as("VIEWER").request(Update, { input: { id: milestoneId, title: "Viewer's" } });
    expect(asViewer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const removal = await api.as("VIEWER").request(Remove, { input: { id: milestoneId } });
    expect(removal.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asAdmin = await api.as("ADMIN").query(Update, { input: { id: milestoneId, title: "Admin's" } });
    expect(asAdmin.updateMilestone.errors).toEqual([]);
  });

  it("pushes edits and removals to live subscribers", async () => {
    const { engagement, milestoneId } = await engagementWithMilestone();
    const subscriber = await recordChanges(api.url, api.users.VIEWER.token);
    await api.query(Update, { input: { id: milestoneId, dueOn: day(8) } });
    await api.query(Remove, { input: { id: milestoneId } });
    const changes = await subscriber.waitFor(2);
    expect(changes.map((change) => [change.engagement.id, change.event.kind, change.event.version])).toEqual([
      [engagement.globalId, "MILESTONE_EDITED", 3],
      [engagement.globalId, "MILESTONE_REMOVED", 4],
    ]);
    await subscriber.close();
  });
});
