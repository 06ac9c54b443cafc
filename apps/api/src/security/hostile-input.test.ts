import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { expectClearRefusal, fingerprint, rawRequests, type Answer } from "../test/hostile-requests.ts";

let api: TestApi;
let engagementId: string;
let milestoneId: string;

beforeAll(async () => {
  api = await startTestApi();
  const engagement = await insertEngagement(api.prisma, { title: "Target of hostile requests" });
  engagementId = engagement.globalId;
  const milestone = await api.prisma.milestone.create({
    data: { engagementId: engagement.id, title: "Agenda agreed", dueOn: new Date(day(3)) },
  });
  milestoneId = Buffer.from(`Milestone:${milestone.id}`).toString("base64");
});
afterAll(() => api?.close());

const { send, operation } = rawRequests(() => api);

const hostileStrings = [
  `'; DROP TABLE "Engagement"; --`,
  `" OR 1=1 --`,
  `<script>alert("xss")</script>`,
  `<img src=x onerror=alert(1)>`,
  "${7*7}{{7*7}}",
  'Robert\'); DELETE FROM "User"; --',
];

const refusedWithoutWriting: [string, () => Promise<Answer>][] = [
  ["a body that is not JSON", () => send("this is not json")],
  ["truncated JSON", () => send('{"query": "{ dashboard { today } "')],
  ["an empty body", () => send("")],
  ["a JSON array of nothing", () => send("[]")],
  ["a query that is a number", () => send(JSON.stringify({ query: 42 }))],
  [
    "variables that are a string",
    () => send(JSON.stringify({ query: "query($id: ID!) { node(id: $id) { id } }", variables: "id" })),
  ],
  ["a missing query", () => send(JSON.stringify({ variables: {} }))],
  ["a syntax error", () => operation("{ dashboard { today ")],
  ["an unknown field", () => operation("{ dashboard { secrets } }")],
  ["an unknown operation name", () => send(JSON.stringify({ query: "query A { viewer { id } }", operationName: "B" }))],
  [
    "a page size given as text",
    () => operation("query($n: Int) { engagements(first: $n) { totalCount } }", { n: "ten" }),
  ],
  ["an ID given as an object", () => operation("query($id: ID!) { node(id: $id) { id } }", { id: { $ne: null } })],
  [
    "an input given as a string",
    () =>
      operation(
        "mutation($i: UpdateEngagementStatusInput!) { updateEngagementStatus(input: $i) { errors { code } } }",
        { i: "CONFIRMED" },
      ),
  ],
  [
    "a lower-case enum value",
    () =>
      operation(
        `mutation { updateEngagementStatus(input: { id: "${engagementId}", status: confirmed }) { errors { code } } }`,
      ),
  ],
  [
    "an unknown enum value in variables",
    () =>
      operation("query($s: [EngagementStatus!]) { engagements(filter: { statuses: $s }) { totalCount } }", {
        s: ["DONE"],
      }),
  ],
  ["an unknown order field", () => operation("{ engagements(orderBy: { field: PRIORITY }) { totalCount } }")],
  [
    "a date as a number",
    () => operation("query($d: Date) { engagements(filter: { from: $d }) { totalCount } }", { d: 20270105 }),
  ],
  ["a date that does not exist", () => operation('{ engagements(filter: { from: "2027-02-30" }) { totalCount } }')],
  ["an integer beyond 32 bits", () => operation("{ engagements(first: 99999999999) { totalCount } }")],
  ["a page of a million", () => operation("{ engagements(first: 1000000) { totalCount } }")],
  ["a negative page", () => operation("{ engagements(last: -5) { totalCount } }")],
  ["first and last together", () => operation("{ engagements(first: 5, last: 5) { totalCount } }")],
  ["a forged cursor", () => operation('{ engagements(after: "eyJub3QiOiJhIGN1cnNvciJ9") { totalCount } }')],
  [
    "a cursor with SQL in it",
    () =>
      operation(
        `{ engagements(after: "${Buffer.from(`["START_DATE:ASC","' OR 1=1 --","x"]`).toString("base64url")}") { totalCount } }`,
      ),
  ],
  [
    "a series filter with a forged ID",
    () => operation('{ engagements(filter: { seriesIds: ["U2VyaWVzOjsgRFJPUCBUQUJMRQ=="] }) { totalCount } }'),
  ],
  [
    "a move of a forged ID",
    () =>
      operation(
        'mutation { updateEngagementStatus(input: { id: "RW5nYWdlbWVudDonIE9SIDE9MQ==", status: CONFIRMED }) { errors { code } } }',
      ),
  ],
  [
    "a move of a milestone's ID as an engagement",
    () =>
      operation(
        `mutation { updateEngagementStatus(input: { id: "${milestoneId}", status: CONFIRMED }) { errors { code } } }`,
      ),
  ],
  [
    "a move to an unreachable status",
    () =>
      operation(
        `mutation { updateEngagementStatus(input: { id: "${engagementId}", status: COMPLETED }) { errors { code } } }`,
      ),
  ],
  [
    "a move with a stale version",
    () =>
      operation(
        `mutation { updateEngagementStatus(input: { id: "${engagementId}", status: CONFIRMED, expectedVersion: -1 }) { errors { code } } }`,
      ),
  ],
  [
    "a 5,000-character reason",
    () =>
      operation(
        `mutation($r: String) { updateEngagementStatus(input: { id: "${engagementId}", status: POSTPONED, reason: $r }) { errors { code } } }`,
        { r: "x".repeat(5000) },
      ),
  ],
  [
    "a 300-character title",
    () =>
      operation(
        `mutation($t: String) { updateEngagement(input: { id: "${engagementId}", title: $t }) { errors { code } } }`,
        { t: "y".repeat(300) },
      ),
  ],
  [
    "a title of only spaces",
    () =>
      operation(`mutation { updateEngagement(input: { id: "${engagementId}", title: "     " }) { errors { code } } }`),
  ],
  [
    "a title with a NUL character",
    () =>
      operation(
        `mutation($t: String) { updateEngagement(input: { id: "${engagementId}", title: $t }) { errors { code } } }`,
        { t: "Talks\u0000" },
      ),
  ],
  [
    "a search with a NUL character",
    () => operation("query($q: String) { engagements(filter: { search: $q }) { totalCount } }", { q: "a\u0000b" }),
  ],
  [
    "a country code of SQL",
    () =>
      operation(
        `mutation { updateEngagement(input: { id: "${engagementId}", country: "'; --" }) { errors { code } } }`,
      ),
  ],
  [
    "an end before the start",
    () =>
      operation(
        `mutation { updateEngagement(input: { id: "${engagementId}", endsOn: "2001-01-01" }) { errors { code } } }`,
      ),
  ],
  [
    "a milestone on a forged engagement",
    () =>
      operation(
        'mutation { addMilestone(input: { engagementId: "Zm9v", title: "x", dueOn: "2027-01-01" }) { errors { code } } }',
      ),
  ],
];

describe("hostile and malformed requests", () => {
  it.each(refusedWithoutWriting)("refuses %s clearly and writes nothing", async (_, request) => {
    const before = await fingerprint(api.prisma);
    expectClearRefusal(await request());
    expect(await fingerprint(api.prisma)).toBe(before);
    expect((await operation("{ viewer { id } }")).status).toBe(200);
  });

  it.each(hostileStrings)("stores %j in every text field exactly as written", async (text) => {
    const { body } = await operation(
      `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) {
        engagement { id title summary objectives location { name region } } errors { code message } } }`,
      {
        input: {
          title: text,
          summary: text,
          objectives: [text],
          locationName: text,
          region: text,
          kind: "OTHER",
          startsOn: day(20),
          endsOn: day(21),
          country: "US",
          hostCountry: "US",
        },
      },
    );
    const created = (body!.data!.createEngagement as { engagement: { id: string } & Record<string, unknown> })
      .engagement;
    expect(created).toMatchObject({
      title: text,
      summary: text,
      objectives: [text],
      location: { name: text, region: text },
    });
    const moved = await operation(
      `mutation($input: UpdateEngagementStatusInput!) { updateEngagementStatus(input: $input) { statusChange { reason } errors { code } } }`,
      { input: { id: created.id, status: "POSTPONED", reason: text } },
    );
    expect(moved.body!.data!.updateEngagementStatus).toEqual({ statusChange: { reason: text }, errors: [] });
    expect(await api.prisma.engagement.count({ where: { title: text } })).toBe(1);
  });

  it.each(hostileStrings)("searches for %j as plain text", async (text) => {
    const { status, body } = await operation(
      "query($q: String) { engagements(filter: { search: $q }) { nodes { title } } }",
      { q: text },
    );
    expect(status).toBe(200);
    const titles = (body!.data!.engagements as { nodes: { title: string }[] }).nodes.map((node) => node.title);
    // The engagement titled `text` was stored by the test above.
    expect(titles).not.toEqual([]);
    expect(titles.every((title) => title.includes(text))).toBe(true);
  });

  it.each([
    ["%", ["Budget up 50% this year", "50%–50% cost sharing"]],
    ["_", ["snake_case agenda item"]],
    ["\\", ["Path C:\\agenda"]],
    ["50%", ["Budget up 50% this year", "50%–50% cost sharing"]],
  ])("matches %j in a search only where the text holds it", async (text, expected) => {
    for (const title of [
      "Budget up 50% this year",
      "50%–50% cost sharing",
      "snake_case agenda item",
      "Path C:\\agenda",
      "Budget up 500 this year",
    ]) {
      if (!(await api.prisma.engagement.count({ where: { title } }))) await insertEngagement(api.prisma, { title });
    }
    const { body } = await operation(
      "query($q: String) { engagements(first: 100, filter: { search: $q }) { nodes { title } } }",
      {
        q: text,
      },
    );
    const titles = (body!.data!.engagements as { nodes: { title: string }[] }).nodes.map((node) => node.title);
    expect(titles.sort()).toEqual([...expected].sort());
  });

  it("still answers, and has lost nothing", async () => {
    expect(await api.prisma.engagement.count({ where: { title: "Target of hostile requests" } })).toBe(1);
    expect((await operation("{ dashboard { today } }")).body?.data).toEqual({ dashboard: { today: day(0) } });
  });
});
