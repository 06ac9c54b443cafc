import { OPERATION_LIMITS } from "@engagement-tracker/schema/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { rawRequests } from "../test/hostile-requests.ts";
import { sample } from "../test/metrics.ts";

// Operations run compiled (graphql-jit); each test here checks something a client relies on
// still holds on that path, and that it is the path taken.

let api: TestApi;
let engagementId: string;

beforeAll(async () => {
  api = await startTestApi();
  engagementId = (await insertEngagement(api.prisma, { title: "Compiled read" })).globalId;
});
afterAll(() => api?.close());

const { operation, send } = rawRequests(() => api);
const asRole = (role: keyof TestApi["users"], query: string) =>
  send(JSON.stringify({ query }), { authorization: `Bearer ${api.users[role].token}` });

async function counts() {
  const metrics = await (await fetch(`${new URL(api.url).origin}/metrics`)).text();
  return {
    compiled: sample(metrics, "graphql_executions_total", { executor: "compiled" }) ?? 0,
    graphqlJs: sample(metrics, "graphql_executions_total", { executor: "graphql-js" }) ?? 0,
    compilations: sample(metrics, "graphql_compilations_total") ?? 0,
  };
}

/** What running `act` did to the executor's counters. */
async function countsOf(act: () => Promise<unknown>) {
  const before = await counts();
  await act();
  const after = await counts();
  return {
    compiled: after.compiled - before.compiled,
    graphqlJs: after.graphqlJs - before.graphqlJs,
    compilations: after.compilations - before.compilations,
  };
}

describe("compiled execution", () => {
  it("runs each operation compiled, compiling a document once however often it comes", async () => {
    const query = `query CompiledDetail($id: ID!) { engagement(id: $id) { id title } }`;
    const answers: unknown[] = [];
    const effect = await countsOf(async () => {
      for (let i = 0; i < 3; i++) answers.push((await operation(query, { id: engagementId })).body);
    });
    expect(answers).toEqual(Array(3).fill({ data: { engagement: { id: engagementId, title: "Compiled read" } } }));
    expect(effect).toEqual({ compiled: 3, graphqlJs: 0, compilations: 1 });
  });

  it("compiles each operation of a document by its name", async () => {
    const document = "query A { viewer { role } } query B { viewer { name } }";
    const effect = await countsOf(async () => {
      expect((await send(JSON.stringify({ query: document, operationName: "A" }))).body).toEqual({
        data: { viewer: { role: "EDITOR" } },
      });
      expect((await send(JSON.stringify({ query: document, operationName: "B" }))).body).toMatchObject({
        data: { viewer: { name: expect.any(String) } },
      });
    });
    expect(effect).toEqual({ compiled: 2, graphqlJs: 0, compilations: 2 });
  });

  it("still refuses a field the role may not read, with the same code and status", async () => {
    let refused: Awaited<ReturnType<typeof asRole>> | undefined;
    const effect = await countsOf(async () => {
      refused = await asRole("VIEWER", "{ users { id } }");
    });
    expect(refused?.status).toBe(403);
    expect(refused?.body).toEqual({
      data: null,
      errors: [
        {
          message: "Your role may not do this; it needs ADMIN.",
          locations: [{ line: 1, column: 3 }],
          path: ["users"],
          extensions: { code: "FORBIDDEN", stacktrace: expect.any(Array) },
        },
      ],
    });
    expect((await asRole("ADMIN", "{ users { id } }")).body?.data?.users).toEqual(
      expect.arrayContaining([{ id: expect.any(String) }]),
    );
    const anonymous = await send(JSON.stringify({ query: "{ users { id } }" }), { authorization: "" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(effect.compiled).toBe(1);
  });

  it("runs the mutations of one request one after another", async () => {
    const rename = (alias: string, title: string) =>
      `${alias}: updateEngagement(input: { id: "${engagementId}", title: "${title}" }) { engagement { title } errors { code } }`;
    const answer = await operation(
      `mutation { ${rename("first", "Renamed once")} ${rename("second", "Renamed twice")} }`,
    );
    expect(answer.body?.errors).toBeUndefined();
    expect(answer.body?.data).toEqual({
      first: { engagement: { title: "Renamed once" }, errors: [] },
      second: { engagement: { title: "Renamed twice" }, errors: [] },
    });
  });

  it("leaves an input's field as it is when the variable written there is left out (run by graphql-js)", async () => {
    await operation(
      `mutation { updateEngagement(input: { id: "${engagementId}", summary: "Kept" }) { errors { code } } }`,
    );
    const rename = `mutation($id: ID!, $title: String, $summary: String) {
      updateEngagement(input: { id: $id, title: $title, summary: $summary }) { engagement { title summary } errors { code } }
    }`;
    let answer: Awaited<ReturnType<typeof operation>> | undefined;
    const effect = await countsOf(async () => {
      answer = await operation(rename, { id: engagementId, title: "Renamed, summary kept" });
    });
    expect(answer?.body).toEqual({
      data: { updateEngagement: { engagement: { title: "Renamed, summary kept", summary: "Kept" }, errors: [] } },
    });
    expect(effect).toMatchObject({ compiled: 0, graphqlJs: 1 });
  });

  it("applies the defaults of fields an input variable leaves out", async () => {
    const found = await insertEngagement(api.prisma, { title: "Found with defaults" });
    const search = "query($filter: EngagementFilter!) { engagements(first: 5, filter: $filter) { nodes { id } } }";
    let answer: Awaited<ReturnType<typeof operation>> | undefined;
    const effect = await countsOf(async () => {
      answer = await operation(search, { filter: { search: "found with defaults" } });
    });
    expect(answer?.body).toEqual({ data: { engagements: { nodes: [{ id: found.globalId }] } } });
    expect(effect).toMatchObject({ compiled: 1, graphqlJs: 0 });
  });

  it("answers variables that do not fit their type as before: BAD_USER_INPUT, HTTP 400", async () => {
    let answer: Awaited<ReturnType<typeof operation>> | undefined;
    const effect = await countsOf(async () => {
      answer = await operation("query($first: Int) { engagements(first: $first) { totalCount } }", { first: "many" });
    });
    expect(effect).toMatchObject({ compiled: 0, graphqlJs: 1 });
    expect(answer?.status).toBe(400);
    expect(answer?.body).toEqual({
      errors: [
        {
          message: 'Variable "$first" got invalid value "many"; Int cannot represent non-integer value: "many"',
          locations: [{ line: 1, column: 7 }],
          extensions: { code: "BAD_USER_INPUT", stacktrace: expect.any(Array) },
        },
      ],
    });
  });

  it("refuses operations over the depth and cost limits before running them", async () => {
    // engagement, then (milestones, engagement) pairs, then id: one past the limit.
    const levels = OPERATION_LIMITS.maxDepth / 2;
    const deep = `{ engagement(id: "${engagementId}") ${"{ milestones { engagement ".repeat(levels)}{ id }${" } }".repeat(levels)} }`;
    const costly =
      "{ engagements(first: 100) { nodes { id title series { id name } milestones { id title dueOn } participants { organization { id name } } } } }";
    const answers: Awaited<ReturnType<typeof operation>>[] = [];
    const effect = await countsOf(async () => {
      answers.push(await operation(deep), await operation(costly));
    });
    const [tooDeep, tooCostly] = answers;
    expect(tooDeep?.body?.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/i);
    expect(tooCostly?.body?.errors?.[0]?.message).toMatch(/cost limit of 5000 exceeded/i);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body?.data).toBeUndefined();
      expect(answer.body?.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    }
    expect(effect.compiled).toBe(0);
  });

  it("reports an unexpected fault with its cause and stack outside production", async () => {
    await api.prisma.$executeRawUnsafe('ALTER TABLE "Engagement" RENAME TO "EngagementGone"');
    try {
      const fault = await operation("{ engagements(first: 1) { totalCount } }");
      expect(fault.body?.data).toBeNull();
      expect(fault.body?.errors).toEqual([
        {
          message: expect.stringMatching(/Engagement/),
          locations: [{ line: 1, column: 3 }],
          path: ["engagements"],
          extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: expect.arrayContaining([expect.any(String)]) },
        },
      ]);
    } finally {
      await api.prisma.$executeRawUnsafe('ALTER TABLE "EngagementGone" RENAME TO "Engagement"');
    }
  });
});

describe("compiled execution in production", () => {
  it("masks an unexpected fault as before, and logs its cause", async () => {
    const logged: unknown[] = [];
    const production = await startTestApi({ production: true, logError: (error) => logged.push(error) });
    try {
      await production.prisma.$executeRawUnsafe('ALTER TABLE "Engagement" RENAME TO "EngagementGone"');
      const fault = await rawRequests(() => production).operation("{ engagements(first: 1) { totalCount } }");
      expect(fault.status).toBe(200);
      expect(fault.body).toEqual({
        data: null,
        errors: [
          {
            message: "Something went wrong on our side. The change, if any, was not applied.",
            locations: [{ line: 1, column: 3 }],
            path: ["engagements"],
            extensions: { code: "INTERNAL_SERVER_ERROR" },
          },
        ],
      });
      expect(logged).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/EngagementGone|Engagement/) }),
      ]);
    } finally {
      await production.close();
    }
  });
});
