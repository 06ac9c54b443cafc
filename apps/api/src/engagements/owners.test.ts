import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf, rowIdOf } from "../common/node.ts";
import { createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const Create = graphql(`
  mutation OwnersCreate($input: CreateEngagementInput!) {
    createEngagement(input: $input) {
      engagement {
        id
        owner {
          id
          name
        }
        coOwners {
          name
        }
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const Update = graphql(`
  mutation OwnersUpdate($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      engagement {
        version
        owner {
          name
        }
        coOwners {
          name
        }
        activity(kinds: [EDITED]) {
          changes
        }
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const List = graphql(`
  query OwnersList($filter: EngagementFilter) {
    engagements(first: 50, filter: $filter) {
      nodes {
        title
        owner {
          name
        }
      }
    }
  }
`);

const People = graphql(`
  query OwnersPeople {
    assignableUsers {
      id
      name
    }
  }
`);

const AddMilestone = graphql(`
  mutation OwnersAddMilestone($input: AddMilestoneInput!) {
    addMilestone(input: $input) {
      milestone {
        owner {
          name
        }
      }
      errors {
        code
        field
      }
    }
  }
`);

let api: TestApi;
let people: Record<"editor" | "viewer" | "dana" | "ryan" | "disabled", string>;

beforeAll(async () => {
  api = await startTestApi();
  const named = async (name: string) =>
    globalIdOf("User", (await createUserWithToken(api.prisma, "EDITOR", { name })).id);
  const disabled = await createUserWithToken(api.prisma, "EDITOR", { name: "Gone Away" });
  await api.prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
  people = {
    editor: globalIdOf("User", api.users.EDITOR.id),
    viewer: globalIdOf("User", api.users.VIEWER.id),
    dana: await named("Dana Mercer"),
    ryan: await named("Ryan Castillo"),
    disabled: globalIdOf("User", disabled.id),
  };
});
afterAll(() => api?.close());

const fields = (title: string) => ({
  title,
  kind: "DIALOGUE" as const,
  startsOn: day(20),
  endsOn: day(21),
  locationName: "Beijing",
  country: "CN",
  hostCountry: "CN",
});

describe("owners", () => {
  it("a new engagement is owned by its creator unless an owner is named, with co-owners by name", async () => {
    const mine = await api.query(Create, { input: fields("Owned by whoever made it") });
    expect(mine.createEngagement.engagement!.owner!.name).toBe("Test EDITOR");

    const given = await api.query(Create, {
      input: { ...fields("Given to Dana"), ownerId: people.dana, coOwnerIds: [people.ryan, people.viewer] },
    });
    expect(given.createEngagement).toMatchObject({
      errors: [],
      engagement: { owner: { name: "Dana Mercer" }, coOwners: [{ name: "Ryan Castillo" }, { name: "Test VIEWER" }] },
    });
  });

  it("an owner or co-owner who is unknown, disabled or the owner again is refused, and nothing is written", async () => {
    const before = await api.prisma.engagement.count();
    const refused = await api.query(Create, {
      input: {
        ...fields("Never written"),
        ownerId: people.disabled,
        coOwnerIds: [globalIdOf("User", crypto.randomUUID()), "not-an-id"],
      },
    });
    expect(refused.createEngagement.engagement).toBeNull();
    expect(refused.createEngagement.errors).toEqual([
      expect.objectContaining({ code: "VALIDATION", field: ["ownerId"], message: expect.stringContaining("disabled") }),
      expect.objectContaining({ code: "NOT_FOUND", field: ["coOwnerIds", "0"] }),
      expect.objectContaining({ code: "NOT_FOUND", field: ["coOwnerIds", "1"] }),
    ]);

    const engagement = await insertEngagement(api.prisma, { ownerId: api.users.EDITOR.id });
    const twice = await api.query(Update, {
      input: { id: engagement.globalId, coOwnerIds: [people.editor] },
    });
    expect(twice.updateEngagement.errors).toEqual([
      expect.objectContaining({ code: "VALIDATION", field: ["coOwnerIds", "0"] }),
    ]);
    expect(await api.prisma.engagement.count()).toBe(before + 1);
    expect(await api.prisma.engagementCoOwner.count({ where: { engagementId: engagement.id } })).toBe(0);
  });

  it("a viewer cannot set an owner: the change is refused and nothing is written", async () => {
    const engagement = await insertEngagement(api.prisma);
    const response = await api
      .as("VIEWER")
      .request(Update, { input: { id: engagement.globalId, ownerId: people.dana } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } })).ownerId).toBeNull();
  });

  it("a change of owner and co-owners is one write on the audit trail, from → to", async () => {
    const engagement = await insertEngagement(api.prisma, { ownerId: api.users.EDITOR.id });
    const { updateEngagement } = await api.query(Update, {
      input: { id: engagement.globalId, expectedVersion: 1, ownerId: people.dana, coOwnerIds: [people.ryan] },
    });
    expect(updateEngagement).toMatchObject({
      errors: [],
      engagement: { version: 2, owner: { name: "Dana Mercer" }, coOwners: [{ name: "Ryan Castillo" }] },
    });
    expect(updateEngagement.engagement!.activity).toEqual([
      {
        changes: {
          ownerId: { from: people.editor, to: people.dana },
          coOwners: { from: [], to: [people.ryan] },
        },
      },
    ]);
    // Ryan moves up from co-owner to owner: he is no longer also a co-owner.
    const promoted = await api.query(Update, { input: { id: engagement.globalId, ownerId: people.ryan } });
    expect(promoted.updateEngagement).toMatchObject({
      errors: [],
      engagement: { version: 3, owner: { name: "Ryan Castillo" }, coOwners: [] },
    });
    const stale = await api.query(Update, { input: { id: engagement.globalId, expectedVersion: 1, ownerId: null } });
    expect(stale.updateEngagement.errors[0]!.code).toBe("VERSION_CONFLICT");
  });

  it('filters by owner, and "mine" lists what the viewer owns or co-owns', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    await insertEngagement(api.prisma, { title: `${tag} Dana's`, ownerId: rowOf(people.dana) });
    await insertEngagement(api.prisma, { title: `${tag} Ryan's`, ownerId: rowOf(people.ryan) });
    const shared = await insertEngagement(api.prisma, { title: `${tag} Ryan's, shared`, ownerId: rowOf(people.ryan) });
    await api.prisma.engagementCoOwner.create({ data: { engagementId: shared.id, userId: api.users.VIEWER.id } });
    const titles = async (client: Pick<TestApi, "query">, filter: object) =>
      (await client.query(List, { filter: { search: tag, ...filter } })).engagements.nodes.map((node) => node.title);

    expect(await titles(api, { ownerIds: [people.dana] })).toEqual([`${tag} Dana's`]);
    expect((await titles(api, { ownerIds: [people.ryan, people.dana] })).sort()).toEqual(
      [`${tag} Dana's`, `${tag} Ryan's`, `${tag} Ryan's, shared`].sort(),
    );
    expect(await titles(api.as("VIEWER"), { mine: true })).toEqual([`${tag} Ryan's, shared`]);
    expect(await titles(api, { mine: true })).toEqual([]);
    const bad = await api.request(List, { filter: { ownerIds: ["nope"] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("lists the active users anyone signed in may assign, and milestones take an owner", async () => {
    const { assignableUsers } = await api.as("VIEWER").query(People);
    expect(assignableUsers.map((user) => user.name)).toContain("Dana Mercer");
    expect(assignableUsers.map((user) => user.name)).not.toContain("Gone Away");

    const engagement = await insertEngagement(api.prisma);
    const added = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Visas issued", dueOn: day(5), ownerId: people.ryan },
    });
    expect(added.addMilestone).toMatchObject({ errors: [], milestone: { owner: { name: "Ryan Castillo" } } });
    const refused = await api.query(AddMilestone, {
      input: { engagementId: engagement.globalId, title: "Never added", dueOn: day(5), ownerId: people.disabled },
    });
    expect(refused.addMilestone.errors).toEqual([{ code: "VALIDATION", field: ["ownerId"] }]);
    expect(await api.prisma.milestone.count({ where: { engagementId: engagement.id } })).toBe(1);
  });
});

const rowOf = (globalId: string) => rowIdOf("User", globalId)!;
