import { graphql } from "@engagement-tracker/schema";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { sample } from "../test/metrics.ts";
import { recordChanges } from "../test/subscriptions.ts";
import { createLogger } from "./logger.ts";

const EngagementPage = graphql(`
  query OpsEngagementPage($first: Int!) {
    engagements(first: $first) {
      totalCount
      nodes {
        id
      }
    }
  }
`);

const MoveMissing = graphql(`
  mutation OpsMoveMissing($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      errors {
        code
      }
    }
  }
`);

const SignIn = graphql(`
  mutation OpsSignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      errors {
        code
      }
    }
  }
`);

type LogLine = Record<string, unknown>;

let api: TestApi;
const logLines: LogLine[] = [];
const rawLog: string[] = [];

beforeAll(async () => {
  const destination = {
    write(line: string) {
      rawLog.push(line);
      logLines.push(JSON.parse(line) as LogLine);
    },
  };
  api = await startTestApi({ logger: createLogger({ level: "trace", destination }) });
});
afterAll(() => api?.close());

const origin = () => new URL(api.url).origin;

/** POSTs a GraphQL document as a client would, with whatever headers the test needs. */
function post(document: Parameters<typeof print>[0], variables: object, headers: Record<string, string> = {}) {
  return fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
}

const asEditor = () => ({ authorization: `Bearer ${api.users.EDITOR.token}` });

/** The one log line written for the request with this id. */
async function logLineOf(requestId: string): Promise<LogLine> {
  return vi.waitFor(() => {
    const lines = logLines.filter((line) => line.requestId === requestId && "status" in line);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  });
}

describe("health endpoints", () => {
  it("GET /healthz answers while the process runs, and is never cached", async () => {
    const response = await fetch(`${origin()}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("GET /readyz is 200 while the database answers and is fully migrated, 503 naming the difference otherwise", async () => {
    const readiness = async () => {
      const response = await fetch(`${origin()}/readyz`);
      return { status: response.status, body: await response.json() };
    };
    expect(await readiness()).toEqual({
      status: 200,
      body: { ready: true, database: "reachable", migrations: "current" },
    });

    // A migration recorded in the database but absent from this build's folder: another version migrated it.
    await api.prisma.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
      VALUES ('ops-test', 'x', '29991231000000_from_a_newer_build', now(), now(), 1)`;
    try {
      await vi.waitFor(
        async () =>
          expect(await readiness()).toEqual({
            status: 503,
            body: {
              ready: false,
              database: "reachable",
              migrations: "not current",
              reason: "migrations: 29991231000000_from_a_newer_build",
            },
          }),
        { timeout: 5_000 },
      );
    } finally {
      await api.prisma.$executeRaw`DELETE FROM "_prisma_migrations" WHERE id = 'ops-test'`;
    }
    await vi.waitFor(async () => expect((await readiness()).status).toBe(200), { timeout: 5_000 });
  });
});

describe("request logs", () => {
  it("write one JSON line per request with its id, operation, duration, viewer and outcome", async () => {
    const response = await post(EngagementPage, { first: 5 }, { ...asEditor(), "x-request-id": "ops-test-1" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("ops-test-1");

    expect(await logLineOf("ops-test-1")).toMatchObject({
      level: 30,
      msg: "POST /graphql OpsEngagementPage 200",
      method: "POST",
      path: "/graphql",
      status: 200,
      durationMs: expect.any(Number),
      operation: "OpsEngagementPage",
      operationType: "query",
      userId: api.users.EDITOR.id,
      outcome: "success",
      errorCodes: [],
    });
  });

  it("issue their own request id when the caller sends none or an unusable one", async () => {
    for (const offered of [undefined, "has spaces", 'a"quote', "x".repeat(200)]) {
      const response = await post(
        EngagementPage,
        { first: 1 },
        { ...asEditor(), ...(offered ? { "x-request-id": offered } : {}) },
      );
      const issued = response.headers.get("x-request-id");
      expect(issued).toMatch(/^[0-9a-f-]{36}$/);
      expect((await logLineOf(issued!)).operation).toBe("OpsEngagementPage");
    }
  });

  it.each([
    ["refused", asEditor, "refused", { refusals: ["NOT_FOUND"], errorCodes: [], status: 200, level: 30 }],
    ["unauthenticated", () => ({}), "error", { errorCodes: ["UNAUTHENTICATED"], status: 401, level: 40 }],
  ])("record the outcome of a %s mutation", async (name, headers, outcome, expected) => {
    const requestId = `ops-outcome-${name}`;
    await post(
      MoveMissing,
      { input: { id: "RW5nYWdlbWVudDpub25l", status: "PLANNED" } },
      { ...headers(), "x-request-id": requestId },
    );
    expect(await logLineOf(requestId)).toMatchObject({
      operation: "OpsMoveMissing",
      operationType: "mutation",
      outcome,
      ...expected,
    });
  });

  it("never contain passwords, tokens or cookies", async () => {
    const password = "correct horse battery staple";
    const sessionCookie = "et_session=cookie-secret-value";
    await post(SignIn, { input: { email: "nobody@test.local", password } }, { cookie: sessionCookie });
    await post(EngagementPage, { first: 1 }, asEditor());
    await fetch(`${origin()}/graphql?query=${encodeURIComponent("{ viewer { name } }")}&variables=${password}`, {
      headers: { ...asEditor(), "apollo-require-preflight": "true" },
    });

    const everything = rawLog.join("\n");
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(api.users.EDITOR.token);
    expect(everything).not.toContain("cookie-secret-value");
  });
});

describe("GET /metrics", () => {
  it("counts requests, latency, errors and refusals per GraphQL operation, and reports the process", async () => {
    await post(EngagementPage, { first: 2 }, asEditor());
    await post(EngagementPage, { first: 2 }, {});
    await post(MoveMissing, { input: { id: "RW5nYWdlbWVudDpub25l", status: "PLANNED" } }, asEditor());
    const response = await fetch(`${origin()}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const metrics = await response.text();

    const page = { operation: "OpsEngagementPage", type: "query" };
    expect(sample(metrics, "graphql_operations_total", { ...page, outcome: "success" })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "graphql_operations_total", { ...page, outcome: "error" })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "graphql_operation_duration_seconds_count", page)).toBeGreaterThanOrEqual(2);
    expect(sample(metrics, "graphql_errors_total", { code: "UNAUTHENTICATED" })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "graphql_payload_errors_total", { code: "NOT_FOUND" })).toBeGreaterThanOrEqual(1);
    expect(
      sample(metrics, "http_request_duration_seconds_count", { route: "/graphql", status: "200" }),
    ).toBeGreaterThan(0);
    expect(sample(metrics, "http_requests_in_flight")).toBe(1); // this scrape
    expect(sample(metrics, "graphql_subscription_connections")).toBe(0);
    expect(sample(metrics, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(metrics, "process_resident_memory_bytes")).toBeGreaterThan(0);
    if (api.db.target.kind === "postgres") {
      expect(sample(metrics, "db_pool_max_connections")).toBe(10);
      expect(sample(metrics, "db_pool_open_connections")).toBeGreaterThan(0);
    } else {
      expect(sample(metrics, "db_pool_max_connections")).toBeUndefined();
    }
  });

  it("counts open subscription connections", async () => {
    const connections = async () =>
      sample(await (await fetch(`${origin()}/metrics`)).text(), "graphql_subscription_connections");
    const subscriber = await recordChanges(api.url, api.users.VIEWER.token);
    await vi.waitFor(async () => expect(await connections()).toBe(1));
    await subscriber.close();
    await vi.waitFor(async () => expect(await connections()).toBe(0));
  });

  it("counts operation names past the first 200 together, so clients cannot grow memory without bound", async () => {
    const names = Array.from({ length: 205 }, (_, index) => `OpsName${index}`);
    await Promise.all(
      names.map((name) =>
        fetch(api.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...asEditor() },
          body: JSON.stringify({ query: `query ${name} { engagements(first: 1) { totalCount } }` }),
        }),
      ),
    );
    const metrics = await (await fetch(`${origin()}/metrics`)).text();
    const distinct = new Set(
      [...metrics.matchAll(/graphql_operations_total\{operation="([^"]+)"/g)].map(([, name]) => name),
    );
    expect(distinct.size).toBeLessThanOrEqual(201);
    expect(distinct).toContain("(other)");
  });
});
