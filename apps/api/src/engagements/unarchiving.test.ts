import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { recordChanges } from "../test/subscriptions.ts";

const Archive = graphql(`
  mutation UnarchivingArchive($input: ArchiveEngagementInput!) {
    archiveEngagement(input: $input) {
      errors {
        code
      }
    }
  }
`);

const Unarchive = graphql(`
  mutation UnarchivingUnarchive($input: ArchiveEngagementInput!) {
    unarchiveEngagement(input: $input) {
      engagement {
        archivedAt
        version
        activity(kinds: [ARCHIVED, UNARCHIVED]) {
          kind
          actor {
            name
          }
        }
      }
      errors {
        code
        field
      }
    }
  }
`);

const Listed = graphql(`
  query UnarchivingListed($search: String!) {
    engagements(filter: { search: $search }) {
      totalCount
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function archivedEngagement() {
  const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
  expect((await api.query(Archive, { input: { id: engagement.globalId } })).archiveEngagement.errors).toEqual([]);
  return engagement;
}

describe("unarchiving an engagement", () => {
  it("brings it back into lists, writable, with both moves in the activity", async () => {
    const engagement = await archivedEngagement();
    const subscriber = await recordChanges(api.url, api.users.VIEWER.token);
    const { unarchiveEngagement } = await api.query(Unarchive, {
      input: { id: engagement.globalId, expectedVersion: 2 },
    });
    expect(unarchiveEngagement).toEqual({
      errors: [],
      engagement: {
        archivedAt: null,
        version: 3,
        activity: [
          { kind: "ARCHIVED", actor: { name: "Test EDITOR" } },
          { kind: "UNARCHIVED", actor: { name: "Test EDITOR" } },
        ],
      },
    });
    expect((await api.query(Listed, { search: engagement.title })).engagements.totalCount).toBe(1);
    const [change] = await subscriber.waitFor(1);
    expect(change).toMatchObject({
      event: { kind: "UNARCHIVED", version: 3 },
      engagement: { id: engagement.globalId },
    });
    await subscriber.close();
    // Writable again: archiving it a second time is accepted.
    expect((await api.query(Archive, { input: { id: engagement.globalId } })).archiveEngagement.errors).toEqual([]);
  });

  it("unarchiving one that is not archived changes nothing", async () => {
    const engagement = await insertEngagement(api.prisma);
    const { unarchiveEngagement } = await api.query(Unarchive, { input: { id: engagement.globalId } });
    expect(unarchiveEngagement).toMatchObject({ errors: [], engagement: { version: 1, archivedAt: null } });
  });

  it("refuses a stale version and leaves it archived", async () => {
    const engagement = await archivedEngagement();
    const { unarchiveEngagement } = await api.query(Unarchive, {
      input: { id: engagement.globalId, expectedVersion: 1 },
    });
    expect(unarchiveEngagement.errors).toEqual([{ code: "VERSION_CONFLICT", field: ["expectedVersion"] }]);
    expect(unarchiveEngagement.engagement!.archivedAt).not.toBeNull();
  });

  it("is for editors and admins only", async () => {
    const engagement = await archivedEngagement();
    const asViewer = await api.as("VIEWER").request(Unarchive, { input: { id: engagement.globalId } });
    expect(asViewer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const stored = await api.prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } });
    expect(stored.archivedAt).not.toBeNull();
  });
});
