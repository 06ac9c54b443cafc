import type { PrismaClient } from "@engagement-tracker/db";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { OPERATION_LIMITS } from "@engagement-tracker/schema/limits";

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

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  text: string;
}

async function send(body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.users.EDITOR.token}`, ...headers },
    body,
  });
  const text = await response.text();
  let parsed: Answer["body"] = null;
  try {
    parsed = JSON.parse(text) as Answer["body"];
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text };
}

const operation = (query: string, variables?: unknown) => send(JSON.stringify({ query, variables }));

async function fingerprint(prisma: PrismaClient) {
  const [row] = await prisma.$queryRaw<{ fingerprint: string }[]>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(e::text, ',' ORDER BY e.id) FROM "Engagement" e),
      (SELECT string_agg(m::text, ',' ORDER BY m.id) FROM "Milestone" m),
      (SELECT string_agg(s::text, ',' ORDER BY s.id) FROM "StatusChange" s),
      (SELECT count(*) FROM "EngagementEvent"), (SELECT count(*) FROM "ApiToken"), (SELECT count(*) FROM "User")
    )) AS fingerprint`;
  return row!.fingerprint;
}

/** A refusal a client can read: an HTTP 4xx, or GraphQL errors each carrying a code. */
function expectClearRefusal(answer: Answer) {
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400 && !answer.body?.errors) return;
  const errors = answer.body?.errors ?? [];
  const payloadErrors = Object.values(answer.body?.data ?? {}).flatMap(
    (payload) => ((payload as { errors?: unknown[] } | null)?.errors ?? []) as unknown[],
  );
  expect(errors.length + payloadErrors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions?.code).toMatch(/^[A-Z_]+$/);
    expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  }
}

const deep = (levels: number) =>
  `{ engagement(id: "${"x"}") ${"{ milestones { engagement ".repeat(levels)}{ id }${" } }".repeat(levels)} }`;
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
  [
    "a 2 MB body",
    () =>
      operation(
        `mutation($t: String) { updateEngagement(input: { id: "${engagementId}", title: $t }) { errors { code } } }`,
        { t: "z".repeat(2_000_000) },
      ),
  ],
  [
    "a search term of 100 kB",
    () =>
      operation("query($q: String) { engagements(filter: { search: $q }) { totalCount } }", { q: "w ".repeat(50_000) }),
  ],
  [`depth ${OPERATION_LIMITS.maxDepth + 10}`, () => operation(deep(OPERATION_LIMITS.maxDepth + 10))],
  [
    "a hundred aliases",
    () => operation(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: dashboard { today }`).join(" ")} }`),
  ],
  [
    "aliased mutations in a flood",
    () =>
      operation(
        `mutation { ${Array.from({ length: 50 }, (_, i) => `m${i}: archiveEngagement(input: { id: "${engagementId}" }) { errors { code } }`).join(" ")} }`,
      ),
  ],
  [
    "a batch of 50 operations",
    () => send(JSON.stringify(Array.from({ length: 50 }, () => ({ query: "{ dashboard { today } }" })))),
  ],
  [
    "a batch of mutations",
    () =>
      send(
        JSON.stringify([
          { query: `mutation { archiveEngagement(input: { id: "${engagementId}" }) { errors { code } } }` },
        ]),
      ),
  ],
  [
    "a fragment that spreads itself",
    () => operation("query { dashboard { ...A } } fragment A on Dashboard { today ...A }"),
  ],
  [
    "two fragments in a cycle",
    () => operation("query { dashboard { ...A } } fragment A on Dashboard { ...B } fragment B on Dashboard { ...A }"),
  ],
  ["ten thousand tokens", () => operation(`{ dashboard { ${"today ".repeat(10_000)} } }`)],
  ["a hundred directives", () => operation(`{ dashboard { today ${"@include(if: true) ".repeat(100)} } }`)],
  [
    "a costly nesting of lists",
    () =>
      operation(
        `{ ${Array.from({ length: 12 }, (_, i) => `e${i}: engagements(first: 100) { nodes { milestones { engagement { participants { organization { name } } } } } }`).join(" ")} }`,
      ),
  ],
  [
    "a text/plain POST (CSRF)",
    () =>
      send(`{"query":"mutation { archiveEngagement(input: { id: \\"${engagementId}\\" }) { errors { code } } }"}`, {
        "content-type": "text/plain",
      }),
  ],
  ["a form POST (CSRF)", () => send(`query=mutation`, { "content-type": "application/x-www-form-urlencoded" })],
  [
    "a forged bearer token",
    () =>
      send(
        JSON.stringify({
          query: `mutation { archiveEngagement(input: { id: "${engagementId}" }) { errors { code } } }`,
        }),
        { authorization: "Bearer etp_forged" },
      ),
  ],
  [
    "a malformed authorization header",
    () =>
      send(
        JSON.stringify({
          query: `mutation { archiveEngagement(input: { id: "${engagementId}" }) { errors { code } } }`,
        }),
        { authorization: "Basic YWRtaW46YWRtaW4=" },
      ),
  ],
  [
    "a viewer trying to write",
    () =>
      send(
        JSON.stringify({
          query: `mutation { archiveEngagement(input: { id: "${engagementId}" }) { errors { code } } }`,
        }),
        { authorization: `Bearer ${api.users.VIEWER.token}` },
      ),
  ],
  [
    "a sign-in with SQL for an email",
    () => operation(`mutation { signIn(input: { email: "' OR 1=1 --", password: "x" }) { errors { code } } }`),
  ],
  [
    "a sign-in with a 10 kB password",
    () =>
      operation('mutation($p: String!) { signIn(input: { email: "a@b.cd", password: $p }) { errors { code } } }', {
        p: "p".repeat(10_000),
      }),
  ],
  [
    "a user created by an editor",
    () =>
      operation(
        'mutation { createUser(input: { email: "x@y.zz", name: "X", role: ADMIN, password: "long enough password" }) { errors { code } } }',
      ),
  ],
  [
    "a variable holding JSON nested 10,000 levels deep",
    () =>
      withVariablesText(
        `mutation($input: UpdateEngagementInput!) { updateEngagement(input: $input) { errors { code } } }`,
        `{"input":${nestedJson(10_000)}}`,
      ),
  ],
  [
    "an unused variable nested 10,000 levels deep",
    () => withVariablesText("{ viewer { id } }", `{"unused":${nestedJson(10_000)}}`),
  ],
  [
    "a variable holding JSON nested 100,000 levels deep",
    () => withVariablesText("{ viewer { id } }", `{"deep":${nestedJson(100_000)}}`),
  ],
  [
    "a variable holding an array of 100,000 elements",
    () =>
      operation("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {
        ids: Array.from({ length: 100_000 }, (_, index) => String(index)),
      }),
  ],
  [
    "a sign-in sent as an automatic persisted query",
    () =>
      send(
        JSON.stringify({
          extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
          variables: { input: { email: "a@b.cd", password: "guess" } },
        }),
      ),
  ],
  [
    "a subscription whose filter names a series ID that is not one",
    async () => {
      const errors = await overWebSocket(
        `subscription { engagementChanged(filter: { seriesIds: ["garbage"] }) { event { sequence } } }`,
      );
      expect(errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
      ]);
      return { status: 400, body: { errors }, text: JSON.stringify(errors) };
    },
  ],
  [
    "a mutation over the subscription socket",
    async () => {
      const errors = await overWebSocket(
        `mutation { archiveEngagement(input: { id: "${engagementId}" }) { errors { code } } }`,
      );
      return { status: 400, body: { errors }, text: JSON.stringify(errors) };
    },
  ],
];

/** The JSON text `[[[…1…]]]`, `levels` deep (JSON.stringify itself cannot write it). */
const nestedJson = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;

/** An operation whose variables are given as JSON text. */
const withVariablesText = (query: string, variables: string) =>
  send(`{"query":${JSON.stringify(query)},"variables":${variables}}`);

/** Sends one operation over graphql-ws as the editor and returns the errors it was refused with. */
async function overWebSocket(query: string): Promise<{ message: string; extensions?: { code?: string } }[]> {
  const client = createClient({
    url: api.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.users.EDITOR.token}` },
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) =>
      client.subscribe(
        { query },
        {
          // A subscription refused as it starts comes back as a result carrying errors.
          next: ({ errors }) =>
            errors ? resolve([...errors]) : reject(new Error("the socket accepted the operation")),
          error: (errors) => resolve(errors as { message: string; extensions?: { code?: string } }[]),
          complete: () => reject(new Error("the socket accepted the operation")),
        },
      ),
    );
  } finally {
    await client.dispose();
  }
}

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

// ---- Issue 20, items 5 and 6 (access second pass): tokens and what others see of a user.
// (Item 3, a forged X-Forwarded-For, is in trusted-proxy.test.ts: it needs a peer that is not loopback.)

const withToken = (token: string, query: string) =>
  send(JSON.stringify({ query }), { authorization: `Bearer ${token}` });

const refusedTokenActs: [string, () => Promise<Answer>][] = [
  [
    "an API token minting a longer-lived token",
    () =>
      withToken(
        api.users.VIEWER.token,
        'mutation { createApiToken(input: { name: "escape", expiresInDays: 365 }) { token errors { code } } }',
      ),
  ],
  [
    "an admin's API token minting a token",
    () =>
      withToken(
        api.users.ADMIN.token,
        'mutation { createApiToken(input: { name: "escape", expiresInDays: 1 }) { token errors { code } } }',
      ),
  ],
  ["an API token signing out", () => withToken(api.users.EDITOR.token, "mutation { signOut { errors { code } } }")],
];

describe("hostile requests: tokens and other users' records", () => {
  it.each(refusedTokenActs)("refuses %s with FORBIDDEN and writes nothing", async (_, request) => {
    const before = await fingerprint(api.prisma);
    const answer = await request();
    expectClearRefusal(answer);
    expect(answer.body?.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await fingerprint(api.prisma)).toBe(before);
  });

  it.each(["VIEWER", "EDITOR"] as const)("shows a %s only the names of other users, however it asks", async (role) => {
    const admin = Buffer.from(`User:${api.users.ADMIN.id}`).toString("base64");
    const answer = await withToken(
      api.users[role].token,
      `{ node(id: "${admin}") { ... on User { name email role disabledAt } }
           nodes(ids: ["${admin}"]) { ... on User { email role } }
           dashboard { recentStatusChanges(limit: 20) { actor { id email role disabledAt } } } }`,
    );
    expect(answer.body?.errors).toBeUndefined();
    const data = answer.body!.data as {
      node: Record<string, unknown>;
      nodes: Record<string, unknown>[];
      dashboard: { recentStatusChanges: { actor: Record<string, unknown> | null }[] };
    };
    expect(data.node).toEqual({ name: "Test ADMIN", email: null, role: null, disabledAt: null });
    expect(data.nodes).toEqual([{ email: null, role: null }]);
    const ownId = Buffer.from(`User:${api.users[role].id}`).toString("base64");
    for (const { actor } of data.dashboard.recentStatusChanges) {
      if (actor && actor.id !== ownId) expect(actor).toMatchObject({ email: null, role: null, disabledAt: null });
    }
  });
});
