import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { MoveStatus } from "../test/shared-operations.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const OtherUsers = graphql(`
  query OtherUsers($id: ID!) {
    node(id: $id) {
      ... on User {
        name
        email
        role
        disabledAt
      }
    }
    dashboard {
      recentStatusChanges(limit: 1) {
        actor {
          name
          email
          role
          disabledAt
        }
      }
    }
    viewer {
      name
      email
      role
    }
  }
`);

describe("what users see of each other", () => {
  beforeAll(async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
  });
  const editor = () => globalIdOf("User", api.users.EDITOR.id);
  const editorRecord = () =>
    api.prisma.user.findUniqueOrThrow({ where: { id: api.users.EDITOR.id }, select: { name: true, email: true } });

  it("a viewer sees who made a change by name only", async () => {
    const { name } = await editorRecord();
    const seen = await api.as("VIEWER").query(OtherUsers, { id: editor() });
    const nameOnly = { name, email: null, role: null, disabledAt: null };
    expect(seen.node).toEqual(nameOnly);
    expect(seen.dashboard.recentStatusChanges[0]!.actor).toEqual(nameOnly);
  });

  it.each(["VIEWER", "EDITOR"] as const)("a %s sees an admin's name only, and its own whole record", async (role) => {
    const client = api.as(role);
    const admin = await client.query(OtherUsers, { id: globalIdOf("User", api.users.ADMIN.id) });
    expect(admin.node).toEqual({ name: "Test ADMIN", email: null, role: null, disabledAt: null });
    const own = await client.query(OtherUsers, { id: globalIdOf("User", api.users[role].id) });
    expect(own.node).toMatchObject({ email: expect.stringContaining("@"), role, disabledAt: null });
    expect(own.viewer).toMatchObject({ email: expect.stringContaining("@"), role });
  });

  it("an admin sees everyone's email, role and state", async () => {
    const { name, email } = await editorRecord();
    const seen = await api.as("ADMIN").query(OtherUsers, { id: editor() });
    const whole = { name, email, role: "EDITOR", disabledAt: null };
    expect(seen.node).toEqual(whole);
    expect(seen.dashboard.recentStatusChanges[0]!.actor).toEqual(whole);
  });
});
