import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { globalIdOf } from "../common/node.ts";
import { createSession, createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { day } from "../test/fixtures.ts";

const SignIn = graphql(`
  mutation AdminTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      errors {
        code
      }
    }
  }
`);

const UpdateUser = graphql(`
  mutation AdminTestUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        role
        disabledAt
      }
      errors {
        code
        field
      }
    }
  }
`);

const WhoAmI = graphql(`
  query AdminTestWhoAmI {
    viewer {
      email
      role
    }
  }
`);

const CreateEngagement = graphql(`
  mutation AdminTestCreate($input: CreateEngagementInput!) {
    createEngagement(input: $input) {
      engagement {
        id
      }
      errors {
        code
      }
    }
  }
`);

const CreateApiToken = graphql(`
  mutation AdminTestCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
      errors {
        code
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation AdminTestRevokeToken($input: RevokeApiTokenInput!) {
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

const CreateUser = graphql(`
  mutation UsersCreate($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        email
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const UpdateUserWithMessage = graphql(`
  mutation UsersUpdate($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        role
        disabledAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const OLD_PASSWORD = "the first long password";
const NEW_PASSWORD = "a second, different password";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

let accounts = 0;
/** An EDITOR who can sign in with OLD_PASSWORD, signed in once (a session) and holding an API token. */
async function signedInEditor() {
  const email = `analyst-${++accounts}@test.local`;
  const user = await api.prisma.user.create({
    data: { email, name: "Analyst", role: "EDITOR", passwordHash: await hashPassword(OLD_PASSWORD) },
  });
  const signIn = (password: string) => api.anonymous.query(SignIn, { input: { email, password } });
  const { signIn: session } = await signIn(OLD_PASSWORD);
  expect(session.errors).toEqual([]);
  const sessionClient = { authorization: `Bearer ${session.token}` };
  const { createApiToken } = await api.anonymous
    .request(CreateApiToken, { input: { name: "script", expiresInDays: 5 } }, sessionClient)
    .then((response) => response.data!);
  const tokenClient = { authorization: `Bearer ${createApiToken.token}` };
  const whoIs = async (headers: Record<string, string>) =>
    (await api.anonymous.request(WhoAmI, {}, headers)).data?.viewer ?? null;
  // Each credential was just used, so the server's viewer cache holds it.
  expect(await whoIs(sessionClient)).toEqual({ email, role: "EDITOR" });
  expect(await whoIs(tokenClient)).toEqual({ email, role: "EDITOR" });
  return { id: globalIdOf("User", user.id), email, signIn, sessionClient, tokenClient, whoIs };
}

const update = async (input: { id: string; role?: "VIEWER" | "EDITOR"; disabled?: boolean; password?: string }) => {
  const { updateUser } = await api.as("ADMIN").query(UpdateUser, { input });
  expect(updateUser.errors).toEqual([]);
  return updateUser.user;
};

const newEngagement = {
  title: "Working group",
  kind: "WORKING_GROUP" as const,
  startsOn: day(40),
  endsOn: day(41),
  locationName: "Beijing",
  country: "CN",
  hostCountry: "CN",
};

describe("an admin changing a user", () => {
  it("resets the password: the user's sessions end at once, the old password stops working, the new one signs in", async () => {
    const user = await signedInEditor();
    await update({ id: user.id, password: NEW_PASSWORD });

    expect(await user.whoIs(user.sessionClient)).toBeNull();
    expect((await user.signIn(OLD_PASSWORD)).signIn.errors).toEqual([{ code: "VALIDATION" }]);
    const { signIn } = await user.signIn(NEW_PASSWORD);
    expect(signIn.errors).toEqual([]);
    expect(await user.whoIs({ authorization: `Bearer ${signIn.token}` })).toMatchObject({ email: user.email });
  });

  it("disables the user: sessions end and API tokens stop at once, and signing in is refused", async () => {
    const user = await signedInEditor();
    expect(await update({ id: user.id, disabled: true })).toEqual({ role: "EDITOR", disabledAt: expect.any(String) });

    expect(await user.whoIs(user.sessionClient)).toBeNull();
    expect(await user.whoIs(user.tokenClient)).toBeNull();
    expect((await user.signIn(OLD_PASSWORD)).signIn.errors).toEqual([{ code: "VALIDATION" }]);
  });

  it("re-enables the user: signing in and the API token work again, the ended session stays ended", async () => {
    const user = await signedInEditor();
    await update({ id: user.id, disabled: true });
    expect(await update({ id: user.id, disabled: false })).toEqual({ role: "EDITOR", disabledAt: null });

    expect(await user.whoIs(user.sessionClient)).toBeNull();
    expect(await user.whoIs(user.tokenClient)).toEqual({ email: user.email, role: "EDITOR" });
    expect((await user.signIn(OLD_PASSWORD)).signIn.errors).toEqual([]);
  });

  it("changes the role with effect on the very next request, for sessions and tokens alike", async () => {
    const user = await signedInEditor();
    await update({ id: user.id, role: "VIEWER" });

    for (const headers of [user.sessionClient, user.tokenClient]) {
      expect(await user.whoIs(headers)).toEqual({ email: user.email, role: "VIEWER" });
      const refused = await api.anonymous.request(CreateEngagement, { input: newEngagement }, headers);
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }

    await update({ id: user.id, role: "EDITOR" });
    const allowed = await api.anonymous.request(CreateEngagement, { input: newEngagement }, user.tokenClient);
    expect(allowed.data?.createEngagement.errors).toEqual([]);
  });
});

describe("an admin revoking another user's API token", () => {
  it("stops the token at once; its owner's other credentials keep working", async () => {
    const owner = await createUserWithToken(api.prisma, "VIEWER");
    const ownerClient = { authorization: `Bearer ${owner.token}` };
    // Tokens are made from a signed-in session, not from another token.
    const ownerSession = { authorization: `Bearer ${await createSession(api.prisma, owner.id)}` };
    const { createApiToken } = await api.anonymous
      .request(CreateApiToken, { input: { name: "to be revoked", expiresInDays: 5 } }, ownerSession)
      .then((response) => response.data!);
    const revokedClient = { authorization: `Bearer ${createApiToken.token}` };
    expect((await api.anonymous.request(WhoAmI, {}, revokedClient)).data?.viewer?.role).toBe("VIEWER");

    const { revokeApiToken } = await api
      .as("ADMIN")
      .query(RevokeApiToken, { input: { id: createApiToken.apiToken!.id } });
    expect(revokeApiToken).toEqual({ apiToken: { revokedAt: expect.any(String) }, errors: [] });

    expect((await api.anonymous.request(WhoAmI, {}, revokedClient)).data?.viewer).toBeNull();
    expect((await api.anonymous.request(WhoAmI, {}, ownerClient)).data?.viewer?.role).toBe("VIEWER");
  });
});

describe("an admin's own account and the last active admin", () => {
  const admin = () => api.as("ADMIN");
  const self = () => globalIdOf("User", api.users.ADMIN.id);
  const unchanged = { role: "ADMIN", disabledAt: null };

  it.each([
    ["demote", { role: "EDITOR" as const }, ["role"], "You cannot take away your own admin role; another admin can."],
    ["disable", { disabled: true }, ["disabled"], "You cannot disable your own account; another admin can."],
  ])(
    "may not %s their own account, even with another admin active: refused, nothing changed",
    async (_, change, field, message) => {
      const other = await createUserWithToken(api.prisma, "ADMIN");
      const { updateUser } = await admin().query(UpdateUserWithMessage, { input: { id: self(), ...change } });
      expect(updateUser).toEqual({ user: null, errors: [{ code: "VALIDATION", field, message }] });
      expect(await api.prisma.user.findUniqueOrThrow({ where: { id: api.users.ADMIN.id } })).toMatchObject(unchanged);
      await api.prisma.user.update({ where: { id: other.id }, data: { role: "EDITOR" } });
    },
  );

  it("may rename themself and keep the admin role", async () => {
    const { updateUser } = await admin().query(UpdateUserWithMessage, {
      input: { id: self(), name: "Admin, renamed", role: "ADMIN" },
    });
    expect(updateUser.errors).toEqual([]);
  });

  it.each([
    ["demoting", { role: "VIEWER" as const }],
    ["disabling", { disabled: true }],
  ])("two admins %s each other at once leave one active admin", async (_, change) => {
    const [first, second] = await Promise.all([
      createUserWithToken(api.prisma, "ADMIN"),
      createUserWithToken(api.prisma, "ADMIN"),
    ]);
    // Only these two are active admins while they race.
    await api.prisma.user.update({ where: { id: api.users.ADMIN.id }, data: { role: "EDITOR" } });
    const lockOut = (token: string, id: string) =>
      api.withToken(token).request(UpdateUserWithMessage, { input: { id: globalIdOf("User", id), ...change } });
    const answers = await Promise.all([lockOut(first.token, second.id), lockOut(second.token, first.id)]);
    await api.prisma.user.update({ where: { id: api.users.ADMIN.id }, data: { role: "ADMIN" } });
    // The loser is either told it would remove the last admin or, had the winner committed
    // before its request was let in, is no longer an admin at all.
    const outcomes = answers.map(
      (answer) =>
        answer.data?.updateUser.errors.map((error) => error.message).join() ??
        String(answer.errors?.[0]?.extensions?.code),
    );
    expect(outcomes.sort()).toEqual([
      "",
      expect.stringMatching(
        /^(This is the last active admin: make another user an admin first, or nobody could manage users\.|FORBIDDEN|UNAUTHENTICATED)$/,
      ),
    ]);
    const survivors = await api.prisma.user.count({
      where: { id: { in: [first.id, second.id] }, role: "ADMIN", disabledAt: null },
    });
    expect(survivors).toBe(1);
    await api.prisma.user.updateMany({ where: { id: { in: [first.id, second.id] } }, data: { role: "EDITOR" } });
  });
});

describe("creating users", () => {
  it("answers concurrent creations of one email with one user and VALIDATION errors, never a server error", async () => {
    const input = {
      email: "twice@test.local",
      name: "Twice",
      role: "VIEWER" as const,
      password: "a long enough password",
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.as("ADMIN").request(CreateUser, { input })));
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const created = answers.filter((answer) => answer.data?.createUser.user);
    expect(created).toHaveLength(1);
    for (const answer of answers.filter((each) => !each.data?.createUser.user)) {
      expect(answer.data?.createUser.errors).toEqual([
        { code: "VALIDATION", field: ["email"], message: "A user with that email already exists." },
      ]);
    }
    expect(await api.prisma.user.count({ where: { email: "twice@test.local" } })).toBe(1);
  });
});
