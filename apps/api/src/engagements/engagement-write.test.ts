import { graphql, type CreateEngagementInput } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { createOrganization, createSeries, day, insertEngagement } from "../test/fixtures.ts";

const CreateEngagement = graphql(`
  mutation CreateEngagement($input: CreateEngagementInput!) {
    createEngagement(input: $input) {
      engagement {
        id
        title
        kind
        round
        status
        version
        startsOn
        endsOn
        hostCountry
        objectives
        location {
          name
          region
          country
        }
        series {
          shortName
        }
        participants {
          role
          organization {
            name
          }
        }
        statusHistory {
          fromStatus
          toStatus
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const UpdateEngagement = graphql(`
  mutation UpdateEngagement($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      engagement {
        id
        title
        summary
        version
        endsOn
        participants {
          role
          organization {
            name
          }
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

let api: TestApi;
let host: Awaited<ReturnType<typeof createOrganization>>;
let delegation: Awaited<ReturnType<typeof createOrganization>>;
let seriesId: string;

beforeAll(async () => {
  api = await startTestApi();
  host = await createOrganization(api.prisma, "CN");
  delegation = await createOrganization(api.prisma, "US");
  seriesId = (await createSeries(api.prisma)).globalId;
});
afterAll(() => api?.close());

const validInput = (): CreateEngagementInput => ({
  title: "Military Maritime Consultative Agreement meeting",
  kind: "CONSULTATION",
  seriesId,
  round: 18,
  startsOn: day(60),
  endsOn: day(62),
  locationName: "Qingdao",
  region: "Shandong Province",
  country: "cn",
  hostCountry: "CN",
  objectives: ["Review unsafe encounters at sea", "  Agree next year's agenda  "],
  participants: [
    { organizationId: host.globalId, role: "HOST" },
    { organizationId: delegation.globalId, role: "DELEGATION" },
  ],
});

const counts = async () => ({
  engagements: await api.prisma.engagement.count(),
  history: await api.prisma.statusChange.count(),
  participations: await api.prisma.participation.count(),
});

describe("creating an engagement", () => {
  it("stores it as PROPOSED with its first history row, participants and series", async () => {
    const { createEngagement } = await api.query(CreateEngagement, { input: validInput() });
    expect(createEngagement.errors).toEqual([]);
    expect(createEngagement.engagement).toMatchObject({
      status: "PROPOSED",
      version: 1,
      round: 18,
      startsOn: day(60),
      endsOn: day(62),
      hostCountry: "CN",
      objectives: ["Review unsafe encounters at sea", "Agree next year's agenda"],
      location: { name: "Qingdao", region: "Shandong Province", country: "CN" },
      statusHistory: [{ fromStatus: null, toStatus: "PROPOSED" }],
    });
    expect(createEngagement.engagement!.series).not.toBeNull();
    expect(createEngagement.engagement!.participants.map((participant) => participant.role)).toEqual([
      "HOST",
      "DELEGATION",
    ]);
  });

  it.each<[string, Partial<CreateEngagementInput>, { code: string; field: string[] }]>([
    ["an empty title", { title: "   " }, { code: "VALIDATION", field: ["title"] }],
    ["an over-long title", { title: "x".repeat(201) }, { code: "VALIDATION", field: ["title"] }],
    ["an over-long summary", { summary: "x".repeat(10_001) }, { code: "VALIDATION", field: ["summary"] }],
    ["an end before the start", { startsOn: day(10), endsOn: day(9) }, { code: "VALIDATION", field: ["endsOn"] }],
    ["a date far outside any plan", { startsOn: "1850-01-01" }, { code: "VALIDATION", field: ["startsOn"] }],
    ["a country that is not ISO 3166", { country: "XX" }, { code: "VALIDATION", field: ["country"] }],
    ["the unassigned country code ZZ", { country: "ZZ" }, { code: "VALIDATION", field: ["country"] }],
    ["a country name instead of its code", { country: "China" }, { code: "VALIDATION", field: ["country"] }],
    ["Kosovo's user-assigned XK as host", { hostCountry: "XK" }, { code: "VALIDATION", field: ["hostCountry"] }],
    ["a round of zero", { round: 0 }, { code: "VALIDATION", field: ["round"] }],
    [
      "an unknown series",
      { seriesId: "U2VyaWVzOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==" },
      { code: "NOT_FOUND", field: ["seriesId"] },
    ],
    ["a series ID that is malformed", { seriesId: "nonsense" }, { code: "NOT_FOUND", field: ["seriesId"] }],
    [
      "an unknown organization",
      {
        participants: [
          { organizationId: "T3JnYW5pemF0aW9uOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==", role: "HOST" },
        ],
      },
      { code: "NOT_FOUND", field: ["participants", "0", "organizationId"] },
    ],
    ["a starting status past PLANNED", { status: "CONFIRMED" }, { code: "VALIDATION", field: ["status"] }],
  ])("refuses %s with a typed error and writes nothing", async (_, change, expected) => {
    const before = await counts();
    const { createEngagement } = await api.query(CreateEngagement, { input: { ...validInput(), ...change } });
    expect(createEngagement.engagement).toBeNull();
    expect(createEngagement.errors).toContainEqual({ ...expected, message: expect.any(String) });
    expect(await counts()).toEqual(before);
  });

  it("refuses a date that does not exist at the GraphQL layer, writing nothing", async () => {
    const before = await counts();
    const response = await api.request(CreateEngagement, { input: { ...validInput(), startsOn: "2027-02-30" } });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(await counts()).toEqual(before);
  });

  it("refuses an organization listed twice, writing nothing", async () => {
    const before = await counts();
    const { createEngagement } = await api.query(CreateEngagement, {
      input: {
        ...validInput(),
        participants: [
          { organizationId: host.globalId, role: "HOST" },
          { organizationId: host.globalId, role: "OBSERVER" },
        ],
      },
    });
    expect(createEngagement).toEqual({
      engagement: null,
      errors: [{ code: "VALIDATION", field: ["participants", "1", "organizationId"], message: expect.any(String) }],
    });
    expect(await counts()).toEqual(before);
  });

  it("reports every problem at once", async () => {
    const { createEngagement } = await api.query(CreateEngagement, {
      input: { ...validInput(), title: "", locationName: "", hostCountry: "ZZ" },
    });
    expect(createEngagement.errors.map((error) => error.field![0]).sort()).toEqual([
      "hostCountry",
      "locationName",
      "title",
    ]);
  });
});

describe("editing an engagement", () => {
  it("changes only the fields given and bumps the version", async () => {
    const engagement = await insertEngagement(api.prisma, { summary: "Original" });
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, title: "Renamed talks", expectedVersion: 1 },
    });
    expect(updateEngagement.errors).toEqual([]);
    expect(updateEngagement.engagement).toMatchObject({ title: "Renamed talks", summary: "Original", version: 2 });
  });

  it("replaces the participants when given", async () => {
    const engagement = await insertEngagement(api.prisma);
    await api.prisma.participation.createMany({
      data: [
        { engagementId: engagement.id, organizationId: host.id, role: "HOST" },
        { engagementId: engagement.id, organizationId: delegation.id, role: "DELEGATION" },
      ],
    });
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, participants: [{ organizationId: delegation.globalId, role: "OBSERVER" }] },
    });
    expect(updateEngagement.errors).toEqual([]);
    expect(updateEngagement.engagement!.participants).toEqual([
      { role: "OBSERVER", organization: { name: delegation.name } },
    ]);
    expect(
      await api.prisma.participation.findMany({
        where: { engagementId: engagement.id },
        select: { organizationId: true, role: true },
      }),
    ).toEqual([{ organizationId: delegation.id, role: "OBSERVER" }]);
  });

  it("refuses an organization listed twice and keeps the participants it had", async () => {
    const engagement = await insertEngagement(api.prisma);
    await api.prisma.participation.create({
      data: { engagementId: engagement.id, organizationId: host.id, role: "HOST" },
    });
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: {
        id: engagement.globalId,
        participants: [
          { organizationId: delegation.globalId, role: "DELEGATION" },
          { organizationId: delegation.globalId, role: "OBSERVER" },
        ],
      },
    });
    expect(updateEngagement.errors).toEqual([
      { code: "VALIDATION", field: ["participants", "1", "organizationId"], message: expect.any(String) },
    ]);
    expect(updateEngagement.engagement).toMatchObject({
      version: 1,
      participants: [{ role: "HOST", organization: { name: host.name } }],
    });
  });

  it("refuses a stale version and keeps the colleague's change", async () => {
    const engagement = await insertEngagement(api.prisma);
    await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, title: "Colleague's title", expectedVersion: 1 },
    });
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, title: "My title", expectedVersion: 1 },
    });
    expect(updateEngagement.errors).toEqual([
      { code: "VERSION_CONFLICT", field: ["expectedVersion"], message: expect.any(String) },
    ]);
    expect(updateEngagement.engagement).toMatchObject({ title: "Colleague's title", version: 2 });
  });

  it("refuses an end before the existing start and writes nothing", async () => {
    const engagement = await insertEngagement(api.prisma, { startsOn: new Date(day(30)), endsOn: new Date(day(32)) });
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, endsOn: day(29) },
    });
    expect(updateEngagement.errors).toEqual([{ code: "VALIDATION", field: ["endsOn"], message: expect.any(String) }]);
    expect(updateEngagement.engagement).toMatchObject({ version: 1, endsOn: day(32) });
  });

  it("applies 20 concurrent edits of different fields sent without a version, every one of them", async () => {
    const engagement = await insertEngagement(api.prisma);
    const edits = Array.from({ length: 20 }, (_, index) =>
      index % 2 ? { title: `Title ${index}` } : { summary: `Summary ${index}` },
    );
    const answers = await Promise.all(
      edits.map((edit) => api.query(UpdateEngagement, { input: { id: engagement.globalId, ...edit } })),
    );
    expect(answers.map((answer) => answer.updateEngagement.errors)).toEqual(edits.map(() => []));
    const row = await api.prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } });
    expect(row.version).toBe(21);
    expect(await api.prisma.engagementEvent.count({ where: { engagementId: engagement.id, kind: "EDITED" } })).toBe(20);
  });

  it("writes nothing for an edit that changes nothing: no new version, no event", async () => {
    const engagement = await insertEngagement(api.prisma, { title: "Unchanged talks" });
    await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, participants: [{ organizationId: host.globalId, role: "HOST" }] },
    });
    const events = () => api.prisma.engagementEvent.count({ where: { engagementId: engagement.id } });
    const before = await events();
    for (const input of [
      {},
      { title: "Unchanged talks" },
      { participants: [{ organizationId: host.globalId, role: "HOST" as const }] },
    ]) {
      const { updateEngagement } = await api.query(UpdateEngagement, { input: { id: engagement.globalId, ...input } });
      expect(updateEngagement).toMatchObject({ errors: [], engagement: { version: 2 } });
    }
    expect(await events()).toBe(before);
  });

  it("records in the audit trail what a client reads: calendar dates, global IDs, participants before and after", async () => {
    const engagement = await insertEngagement(api.prisma, { startsOn: new Date(day(30)), endsOn: new Date(day(32)) });
    await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, participants: [{ organizationId: host.globalId, role: "HOST" }] },
    });
    await api.query(UpdateEngagement, {
      input: {
        id: engagement.globalId,
        endsOn: day(33),
        seriesId,
        participants: [{ organizationId: host.globalId, role: "OBSERVER" }],
      },
    });
    const [, last] = await api.prisma.engagementEvent.findMany({
      where: { engagementId: engagement.id, kind: "EDITED" },
      orderBy: { sequence: "asc" },
    });
    expect(last!.changes).toEqual({
      endsOn: { from: day(32), to: day(33) },
      seriesId: { from: null, to: seriesId },
      participants: {
        from: [{ organizationId: host.globalId, role: "HOST" }],
        to: [{ organizationId: host.globalId, role: "OBSERVER" }],
      },
    });
  });

  it("clears the participants for `participants: null`, as it clears objectives", async () => {
    const engagement = await insertEngagement(api.prisma);
    await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, participants: [{ organizationId: host.globalId, role: "HOST" }] },
    });
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, participants: null },
    });
    expect(updateEngagement.engagement!.participants).toEqual([]);
  });

  it.each(["country", "hostCountry"])("refuses %s ZZ naming the field, and changes nothing", async (field) => {
    const engagement = await insertEngagement(api.prisma);
    const { updateEngagement } = await api.query(UpdateEngagement, {
      input: { id: engagement.globalId, [field]: "ZZ" },
    });
    expect(updateEngagement.errors).toEqual([{ code: "VALIDATION", field: [field], message: expect.any(String) }]);
    expect(updateEngagement.engagement).toMatchObject({ version: 1 });
  });

  it("refuses removing a required field", async () => {
    const engagement = await insertEngagement(api.prisma);
    const { updateEngagement } = await api.query(UpdateEngagement, { input: { id: engagement.globalId, title: null } });
    expect(updateEngagement.errors).toEqual([{ code: "VALIDATION", field: ["title"], message: expect.any(String) }]);
  });
});
