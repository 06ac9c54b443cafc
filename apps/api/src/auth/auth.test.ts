import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { globalIdOf } from "../common/node.ts";
import { hashPassword } from "./password.ts";

const SignIn = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      user {
        email
        role
      }
      token
      expiresAt
      errors {
        code
        message
        field
      }
    }
  }
`);

const WhoAmI = graphql(`
  query WhoAmI {
    viewer {
      name
      email
      role
    }
  }
`);

const SignOut = graphql(`
  mutation SignOut {
    signOut {
      errors {
        code
      }
    }
  }
`);

const CreateApiToken = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        prefix
        expiresAt
        revokedAt
      }
      errors {
        code
        field
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      apiToken {
        revokedAt
      }
      errors {
        code
      }
    }
  }
`);

const ListApiTokens = graphql(`
  query ListApiTokens {
    apiTokens {
      id
      name
      prefix
      lastUsedAt
    }
  }
`);

const DisableUser = graphql(`
  mutation DisableUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      errors {
        code
      }
    }
  }
`);

const CreateUser = graphql(`
  mutation CreateSpacedUser($input: CreateUserInput!) {
    createUser(input: $input) {
      errors {
        code
      }
    }
  }
`);

const Dashboard = graphql(`
  query DashboardTotals {
    dashboard {
      statusCounts {
        count
      }
    }
  }
`);

const PASSWORD = "correct horse battery staple";
let api: TestApi;
const loggedErrors: unknown[] = [];

beforeAll(async () => {
  api = await startTestApi({ logError: (error) => loggedErrors.push(error) });
  const passwordHash = await hashPassword(PASSWORD);
  await api.prisma.user.createMany({
    data: [
      { email: "desk.officer@test.local", name: "Desk Officer", role: "EDITOR", passwordHash },
      { email: "former@test.local", name: "Former Officer", role: "EDITOR", passwordHash, disabledAt: new Date() },
    ],
  });
});
afterAll(() => api?.close());

async function rawPost(body: unknown, headers: Record<string, string> = {}) {
  return fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("signing in", () => {
  it("returns a session token, sets an httpOnly SameSite cookie, and the token identifies the user", async () => {
    const response = await rawPost({
      query:
        'mutation { signIn(input: { email: "Desk.Officer@test.local", password: "correct horse battery staple" }) { token errors { code } } }',
    });
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^et_session=ets_/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const { data } = (await response.json()) as { data: { signIn: { token: string } } };

    const byCookie = await rawPost({ query: "{ viewer { email role } }" }, { cookie: cookie.split(";")[0]! });
    expect(await byCookie.json()).toEqual({ data: { viewer: { email: "desk.officer@test.local", role: "EDITOR" } } });

    const byBearer = await rawPost({ query: "{ viewer { email } }" }, { authorization: `Bearer ${data.signIn.token}` });
    expect(await byBearer.json()).toEqual({ data: { viewer: { email: "desk.officer@test.local" } } });
  });

  it.each([
    ["a wrong password", "desk.officer@test.local", "wrong password"],
    ["an unknown email", "nobody@test.local", PASSWORD],
    ["a disabled account", "former@test.local", PASSWORD],
  ])("refuses %s with the same message, and no session", async (_, email, password) => {
    const sessionsBefore = await api.prisma.session.count();
    const { signIn } = await api.anonymous.query(SignIn, { input: { email, password } });
    expect(signIn).toMatchObject({
      user: null,
      token: null,
      errors: [
        { code: "VALIDATION", field: ["password"], message: "That email and password do not match an active account." },
      ],
    });
    expect(await api.prisma.session.count()).toBe(sessionsBefore);
  });

  it("ends the session on sign-out", async () => {
    const { signIn } = await api.anonymous.query(SignIn, {
      input: { email: "desk.officer@test.local", password: PASSWORD },
    });
    const headers = { authorization: `Bearer ${signIn.token}` };
    expect((await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer?.email).toBe("desk.officer@test.local");
    expect((await api.anonymous.request(SignOut, {}, headers)).data?.signOut.errors).toEqual([]);
    expect((await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer).toBeNull();
    expect((await api.anonymous.request(Dashboard, {}, headers)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses to sign out with an API token, which keeps working (revoke it instead)", async () => {
    const response = await api.request(SignOut);
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(response.data).toBeNull();
    expect((await api.request(WhoAmI)).data?.viewer?.role).toBe("EDITOR");
  });

  it("takes a password exactly as typed: surrounding spaces are part of it", async () => {
    const typed = { email: "desk.officer@test.local", password: ` ${PASSWORD} ` };
    expect((await api.anonymous.query(SignIn, { input: typed })).signIn.token).toBeNull();
    const spaced = await (
      await api.signedIn("ADMIN")
    ).query(CreateUser, {
      input: { email: "spaced@test.local", name: "Spaced", role: "VIEWER", password: `  ${PASSWORD}  ` },
    });
    expect(spaced.createUser.errors).toEqual([]);
    const signIn = (password: string) =>
      api.anonymous.query(SignIn, { input: { email: "spaced@test.local", password } });
    expect((await signIn(PASSWORD)).signIn.token).toBeNull();
    expect((await signIn(`  ${PASSWORD}  `)).signIn.token).toMatch(/^ets_/);
  });

  it("answers viewer = null and refuses data without credentials", async () => {
    expect(await api.anonymous.query(WhoAmI)).toEqual({ viewer: null });
    const response = await api.anonymous.request(Dashboard);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(response.data).toBeNull();
  });

  it("refuses an expired session", async () => {
    const { signIn } = await api.anonymous.query(SignIn, {
      input: { email: "desk.officer@test.local", password: PASSWORD },
    });
    await api.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await api.anonymous.request(Dashboard, {}, { authorization: `Bearer ${signIn.token}` });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("personal API tokens", () => {
  it("are shown once, work as Bearer tokens, and stop working when revoked", async () => {
    const viewer = await api.signedIn("VIEWER");
    const { createApiToken } = await viewer.query(CreateApiToken, {
      input: { name: "Calendar sync", expiresInDays: 30 },
    });
    expect(createApiToken.errors).toEqual([]);
    expect(createApiToken.token).toMatch(/^etp_/);
    expect(createApiToken.token!.startsWith(createApiToken.apiToken!.prefix)).toBe(true);

    const headers = { authorization: `Bearer ${createApiToken.token}` };
    expect((await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer?.role).toBe("VIEWER");

    const { apiTokens } = await viewer.query(ListApiTokens);
    expect(apiTokens.find((token) => token.id === createApiToken.apiToken!.id)).toMatchObject({
      name: "Calendar sync",
      lastUsedAt: expect.any(String),
    });
    expect(JSON.stringify(apiTokens)).not.toContain(createApiToken.token);

    const { revokeApiToken } = await viewer.query(RevokeApiToken, { input: { id: createApiToken.apiToken!.id } });
    expect(revokeApiToken.apiToken!.revokedAt).not.toBeNull();
    const refused = await api.anonymous.request(Dashboard, {}, headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("are looked up once for a burst of requests, not once per request", async () => {
    const { createApiToken } = await (
      await api.signedIn("EDITOR")
    ).query(CreateApiToken, { input: { name: "Burst", expiresInDays: 1 } });
    const headers = { authorization: `Bearer ${createApiToken.token}` };
    api.statements.length = 0;
    for (let request = 0; request < 5; request++) {
      expect((await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer?.role).toBe("EDITOR");
    }
    const lookups = api.statements.filter((sql) => sql.startsWith("SELECT") && sql.includes('"ApiToken"'));
    expect(lookups).toHaveLength(1);
  });

  it("stop working at once when their user is disabled, though just used", async () => {
    const user = await createUserWithToken(api.prisma, "VIEWER");
    const headers = { authorization: `Bearer ${user.token}` };
    expect((await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer?.role).toBe("VIEWER");
    const { updateUser } = await api
      .as("ADMIN")
      .query(DisableUser, { input: { id: globalIdOf("User", user.id), disabled: true } });
    expect(updateUser.errors).toEqual([]);
    expect((await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer).toBeNull();
  });

  it("are refused once expired", async () => {
    const { createApiToken } = await (
      await api.signedIn("EDITOR")
    ).query(CreateApiToken, { input: { name: "Short-lived", expiresInDays: 1 } });
    await api.prisma.apiToken.updateMany({
      where: { prefix: createApiToken.apiToken!.prefix },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const response = await api.anonymous.request(Dashboard, {}, { authorization: `Bearer ${createApiToken.token}` });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("cannot be revoked by someone else", async () => {
    const { createApiToken } = await (
      await api.signedIn("EDITOR")
    ).query(CreateApiToken, { input: { name: "Mine", expiresInDays: 5 } });
    const { revokeApiToken } = await api
      .as("VIEWER")
      .query(RevokeApiToken, { input: { id: createApiToken.apiToken!.id } });
    expect(revokeApiToken.errors).toEqual([{ code: "NOT_FOUND" }]);
  });

  it.each([0, 366])("refuse a lifetime of %i days", async (days) => {
    const { createApiToken } = await (
      await api.signedIn("EDITOR")
    ).query(CreateApiToken, { input: { name: "Bad", expiresInDays: days } });
    expect(createApiToken.errors).toEqual([{ code: "VALIDATION", field: ["expiresInDays"] }]);
  });

  it("cannot be created with an API token, so none outlives the token that made it", async () => {
    const response = await api.request(CreateApiToken, { input: { name: "Escape", expiresInDays: 365 } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await api.prisma.apiToken.count({ where: { name: "Escape" } })).toBe(0);
  });

  it("refuse a forged token", async () => {
    const response = await api.anonymous.request(Dashboard, {}, { authorization: "Bearer etp_forged" });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("secrets", () => {
  it("no type exposes a password or token hash", async () => {
    const response = await rawPost(
      { query: "{ __schema { types { name fields { name } } } }" },
      { authorization: `Bearer ${api.users.ADMIN.token}` },
    );
    const { data } = (await response.json()) as {
      data: { __schema: { types: { fields: { name: string }[] | null }[] } };
    };
    const fieldNames = data.__schema.types
      .flatMap((type) => type.fields ?? [])
      .map((field) => field.name.toLowerCase());
    expect(fieldNames.filter((name) => name.includes("password") || name.includes("hash"))).toEqual([]);
  });

  it("a failed sign-in never writes the password anywhere we log", async () => {
    await api.anonymous.query(SignIn, { input: { email: "desk.officer@test.local", password: "hunter2-hunter2" } });
    expect(JSON.stringify(loggedErrors.map(String))).not.toContain("hunter2");
  });
});
