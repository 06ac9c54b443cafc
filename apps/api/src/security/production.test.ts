import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
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

describe("sign-in limits count every password checked", () => {
  const signIn = (password: string, email = "a@b.cd") =>
    `mutation { signIn(input: { email: "${email}", password: "${password}" }) { errors { code } } }`;
  const anonymously = { authorization: "" };

  it("however the sign-in is sent: by persisted-query hash, or many in one request", async () => {
    const api = await startTestApi({ rateLimits: { requestsPerMinute: 1000, signInsPer15Minutes: 4 } });
    try {
      const query = signIn("guess");
      const sha256Hash = createHash("sha256").update(query).digest("hex");
      const persisted = { persistedQuery: { version: 1, sha256Hash } };
      const byHash = () =>
        fetch(api.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ extensions: persisted }),
        });
      const registered = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, extensions: persisted }),
      });
      expect(registered.status).toBe(200);
      expect([(await byHash()).status, (await byHash()).status]).toEqual([200, 200]);
      const limited = await byHash();
      expect(limited.status).toBe(200);
      const fourth = await byHash();
      expect(fourth.status).toBe(429);
      expect(((await fourth.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
        extensions: { code: "RATE_LIMITED" },
      });
    } finally {
      await api.close();
    }
  });

  it("one by one when a request holds several, under aliases", async () => {
    const api = await startTestApi({ rateLimits: { requestsPerMinute: 1000, signInsPer15Minutes: 3 } });
    try {
      const field = (alias: string) =>
        `${alias}: signIn(input: { email: "a@b.cd", password: "${alias}" }) { errors { code } }`;
      const aliased = await post(api, `mutation { ${["a", "b", "c", "d"].map(field).join(" ")} }`, anonymously);
      expect(aliased.body.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: "RATE_LIMITED" }) }),
      ]);
    } finally {
      await api.close();
    }
  });

  it("per account: after five wrong passwords even the right one waits, from any address", async () => {
    const api = await startTestApi({ rateLimits: { requestsPerMinute: 1000, signInsPer15Minutes: 1000 } });
    try {
      const email = "target@test.local";
      const password = "the right password";
      await api.prisma.user.create({
        data: { email, name: "Target", role: "VIEWER", passwordHash: await hashPassword(password) },
      });
      for (let attempt = 0; attempt < 5; attempt++) {
        const wrong = await post(api, signIn(`wrong ${attempt}`, email), {
          ...anonymously,
          "x-forwarded-for": `198.51.100.${attempt + 1}`,
        });
        expect(wrong.body.data).toEqual({ signIn: { errors: [{ code: "VALIDATION" }] } });
      }
      const right = await post(api, signIn(password, email), { ...anonymously, "x-forwarded-for": "203.0.113.9" });
      expect(right.response.status).toBe(429);
      expect(right.body.errors?.[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
      const otherAccount = await post(api, signIn("guess", "someone.else@test.local"), anonymously);
      expect(otherAccount.body.data).toEqual({ signIn: { errors: [{ code: "VALIDATION" }] } });
    } finally {
      await api.close();
    }
  });

  it("made-up bearer tokens count against the address, not a fresh allowance each", async () => {
    const api = await startTestApi({ rateLimits: { requestsPerMinute: 5, signInsPer15Minutes: 100 } });
    try {
      const statuses = [];
      for (let attempt = 0; attempt < 7; attempt++) {
        const forged = { authorization: `Bearer etp_${randomBytes(16).toString("hex")}` };
        statuses.push((await post(api, "{ viewer { id } }", forged)).response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const real = await post(api, "{ viewer { id } }");
      expect(real.response.status).toBe(200);
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
