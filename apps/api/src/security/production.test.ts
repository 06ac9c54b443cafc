import { describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";

async function post(api: TestApi, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.users.VIEWER.token}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { response, body: (await response.json()) as { data?: unknown; errors?: Record<string, unknown>[] } };
}

describe("in production", () => {
  it("refuses introspection, and masks unexpected faults without stack traces", async () => {
    const api = await startTestApi({ production: true });
    try {
      const introspection = await post(api, "{ __schema { types { name } } }");
      expect(introspection.body.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });

      await api.db.prisma.$executeRawUnsafe('ALTER TABLE "Engagement" RENAME TO "EngagementGone"');
      const fault = await post(api, "{ engagements(first: 1) { totalCount } }");
      expect(fault.body.errors).toEqual([
        expect.objectContaining({
          message: "Something went wrong on our side. The change, if any, was not applied.",
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        }),
      ]);
      expect(JSON.stringify(fault.body)).not.toMatch(/EngagementGone|stacktrace|at .*\.ts/);
    } finally {
      await api.close();
    }
  });
});

describe("rate limits", () => {
  it("slow down one client without affecting another", async () => {
    const api = await startTestApi({ rateLimits: { requestsPerMinute: 5, signInsPer15Minutes: 100 } });
    try {
      const statuses = [];
      for (let attempt = 0; attempt < 7; attempt++)
        statuses.push((await post(api, "{ viewer { id } }")).response.status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await post(api, "{ viewer { id } }");
      expect(limited.body.errors?.[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
      expect(limited.response.headers.get("ratelimit")).toBeTruthy();
      const other = await post(api, "{ viewer { id } }", { authorization: `Bearer ${api.users.EDITOR.token}` });
      expect(other.response.status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it("limit sign-in attempts per address", async () => {
    const api = await startTestApi({ rateLimits: { requestsPerMinute: 1000, signInsPer15Minutes: 3 } });
    try {
      const signIn = 'mutation { signIn(input: { email: "a@b.cd", password: "guess" }) { errors { code } } }';
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt++)
        statuses.push((await post(api, signIn, { authorization: "" })).response.status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await api.close();
    }
  });
});

describe("browsers", () => {
  it("may call the API only from the dashboard's origin", async () => {
    const api = await startTestApi({ allowedOrigins: ["http://localhost:3000"] });
    try {
      const dashboard = await post(api, "{ viewer { id } }", { origin: "http://localhost:3000" });
      expect(dashboard.response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
      const elsewhere = await post(api, "{ viewer { id } }", { origin: "http://attacker.test" });
      expect(elsewhere.response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await api.close();
    }
  });
});
