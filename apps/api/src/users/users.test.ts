import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { createUserWithToken, startTestApi, type ApiClient, type TestApi } from "../test/api.ts";

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

const UpdateUser = graphql(`
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

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const activeAdmins = () => api.prisma.user.count({ where: { role: "ADMIN", disabledAt: null } });

describe("the last active admin", () => {
  const admin = () => api.as("ADMIN");
  const self = () => globalIdOf("User", api.users.ADMIN.id);

  it.each([
    ["demote itself", { role: "EDITOR" as const }, ["role"]],
    ["disable itself", { disabled: true }, ["disabled"]],
  ])("cannot %s: refused with a typed error, nothing changed", async (_, change, field) => {
    const { updateUser } = await admin().query(UpdateUser, { input: { id: self(), ...change } });
    expect(updateUser.user).toBeNull();
    expect(updateUser.errors).toEqual([
      {
        code: "VALIDATION",
        field,
        message: "This is the last active admin: make another user an admin first, or nobody could manage users.",
      },
    ]);
    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: api.users.ADMIN.id } })).toMatchObject({
      role: "ADMIN",
      disabledAt: null,
    });
  });

  it("may step down once another is active; two admins stepping down at once leave one", async () => {
    const other = await createUserWithToken(api.prisma, "ADMIN");
    const stepDown = (client: ApiClient, id: string) =>
      client.query(UpdateUser, { input: { id: globalIdOf("User", id), role: "EDITOR" } });
    const answers = await Promise.all([
      stepDown(admin(), api.users.ADMIN.id),
      stepDown(api.withToken(other.token), other.id),
    ]);
    expect(answers.map((answer) => answer.updateUser.errors.map((error) => error.code)).sort()).toEqual([
      [],
      ["VALIDATION"],
    ]);
    expect(await activeAdmins()).toBe(1);
    // The other tests act as this admin.
    await api.prisma.user.update({ where: { id: api.users.ADMIN.id }, data: { role: "ADMIN" } });
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
