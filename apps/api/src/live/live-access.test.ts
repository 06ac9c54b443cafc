import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "graphql-ws";
import { globalIdOf } from "../common/node.ts";
import { createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { LiveUpdateUser, MoveStatus, signedInUser } from "../test/shared-operations.ts";
import { recordChanges } from "../test/subscriptions.ts";

const LiveSignOut = graphql(`
  mutation LiveSignOut {
    signOut {
      errors {
        code
      }
    }
  }
`);

const LiveTokens = graphql(`
  query LiveTokens {
    apiTokens {
      id
    }
  }
`);

const LiveRevoke = graphql(`
  mutation LiveRevoke($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      errors {
        code
      }
    }
  }
`);

describe("subscriptions end when the access they were opened with ends", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  const endings = [
    {
      ending: "signing out",
      user: () => signedInUser(api),
      end: (user: { token: string }) => api.withToken(user.token).query(LiveSignOut),
      code: CloseCode.Unauthorized,
    },
    {
      ending: "revoking the token",
      user: () => createUserWithToken(api.prisma, "VIEWER"),
      end: async (user: { token: string }) => {
        const own = api.withToken(user.token);
        const [token] = (await own.query(LiveTokens)).apiTokens;
        await own.query(LiveRevoke, { input: { id: token!.id } });
      },
      code: CloseCode.Unauthorized,
    },
    {
      ending: "disabling the user",
      user: () => createUserWithToken(api.prisma, "VIEWER"),
      end: (user: { id: string }) =>
        api.as("ADMIN").query(LiveUpdateUser, { input: { id: globalIdOf("User", user.id), disabled: true } }),
      code: CloseCode.Unauthorized,
    },
    {
      ending: "changing the user's role",
      user: () => createUserWithToken(api.prisma, "VIEWER"),
      end: (user: { id: string }) =>
        api.as("ADMIN").query(LiveUpdateUser, { input: { id: globalIdOf("User", user.id), role: "EDITOR" } }),
      code: CloseCode.Forbidden,
    },
  ];

  it.each(endings)("$ending closes the user's open subscription with code $code", async ({ user, end, code }) => {
    const reader = await user();
    const engagement = await insertEngagement(api.prisma, { status: "PROPOSED" });
    const subscriber = await recordChanges(api.url, reader.token);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "PLANNED" } });
    await subscriber.waitFor(1);

    await end(reader);
    expect(await subscriber.closed).toMatchObject({ code });
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    expect(subscriber.received).toHaveLength(1);
  });
});
