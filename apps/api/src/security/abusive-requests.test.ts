import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { expectClearRefusal, fingerprint, overWebSocket, rawRequests, type Answer } from "../test/hostile-requests.ts";
import { OPERATION_LIMITS } from "@engagement-tracker/schema/limits";

let api: TestApi;
let engagementId: string;

beforeAll(async () => {
  api = await startTestApi();
  engagementId = (await insertEngagement(api.prisma, { title: "Target of abusive requests" })).globalId;
});
afterAll(() => api?.close());

const { send, operation, withToken } = rawRequests(() => api);

const deep = (levels: number) =>
  `{ engagement(id: "${"x"}") ${"{ milestones { engagement ".repeat(levels)}{ id }${" } }".repeat(levels)} }`;

const refusedAbuse: [string, () => Promise<Answer>][] = [
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
        api,
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
        api,
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

describe("abusive requests: size, cost, floods, forged credentials", () => {
  it.each(refusedAbuse)("refuses %s clearly and writes nothing", async (_, request) => {
    const before = await fingerprint(api.prisma);
    expectClearRefusal(await request());
    expect(await fingerprint(api.prisma)).toBe(before);
    expect((await operation("{ viewer { id } }")).status).toBe(200);
  });
});

// A forged X-Forwarded-For is refused in trusted-proxy.test.ts: it needs a peer that is not loopback.

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
