import type { PrismaClient, Role } from "@engagement-tracker/db";
import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { startTestApi, type ApiClient, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";

const documents = {
  engagements: graphql(`
    query MatrixEngagements {
      engagements(first: 5) {
        totalCount
      }
    }
  `),
  engagement: graphql(`
    query MatrixEngagement($id: ID!) {
      engagement(id: $id) {
        title
        activity {
          kind
        }
      }
    }
  `),
  node: graphql(`
    query MatrixNode($id: ID!) {
      node(id: $id) {
        id
      }
    }
  `),
  dashboard: graphql(`
    query MatrixDashboard {
      dashboard {
        healthCounts {
          count
        }
      }
    }
  `),
  lists: graphql(`
    query MatrixLists {
      series {
        id
      }
      organizations {
        id
      }
    }
  `),
  viewer: graphql(`
    query MatrixViewer {
      viewer {
        id
      }
    }
  `),
  apiTokens: graphql(`
    query MatrixApiTokens {
      apiTokens {
        id
      }
    }
  `),
  users: graphql(`
    query MatrixUsers {
      users {
        email
      }
    }
  `),
  createEngagement: graphql(`
    mutation MatrixCreate($input: CreateEngagementInput!) {
      createEngagement(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  updateEngagement: graphql(`
    mutation MatrixUpdate($input: UpdateEngagementInput!) {
      updateEngagement(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  updateEngagementStatus: graphql(`
    mutation MatrixMove($input: UpdateEngagementStatusInput!) {
      updateEngagementStatus(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  archiveEngagement: graphql(`
    mutation MatrixArchive($input: ArchiveEngagementInput!) {
      archiveEngagement(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  addComment: graphql(`
    mutation MatrixAddComment($input: AddCommentInput!) {
      addComment(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  addMilestone: graphql(`
    mutation MatrixAddMilestone($input: AddMilestoneInput!) {
      addMilestone(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  completeMilestone: graphql(`
    mutation MatrixCompleteMilestone($input: MilestoneStateInput!) {
      completeMilestone(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  reopenMilestone: graphql(`
    mutation MatrixReopenMilestone($input: MilestoneStateInput!) {
      reopenMilestone(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  createApiToken: graphql(`
    mutation MatrixCreateToken($input: CreateApiTokenInput!) {
      createApiToken(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  revokeApiToken: graphql(`
    mutation MatrixRevokeToken($input: RevokeApiTokenInput!) {
      revokeApiToken(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  createUser: graphql(`
    mutation MatrixCreateUser($input: CreateUserInput!) {
      createUser(input: $input) {
        errors {
          code
        }
      }
    }
  `),
  updateUser: graphql(`
    mutation MatrixUpdateUser($input: UpdateUserInput!) {
      updateUser(input: $input) {
        errors {
          code
        }
      }
    }
  `),
};

type Needs = "ANYONE" | Role;
const RANK: Record<Needs | "NOBODY", number> = { NOBODY: -1, ANYONE: -1, VIEWER: 0, EDITOR: 1, ADMIN: 2 };

interface Case {
  operation: keyof typeof documents;
  needs: Needs;
  /** Callers act with a signed-in session rather than an API token (tokens cannot mint tokens). */
  session?: boolean;
  /** Variables built on fresh data, so an allowed call has something to act on. */
  variables: (prisma: PrismaClient, callerId: string) => Promise<Record<string, unknown>>;
}

const none = async () => ({});
const freshEngagement = async (prisma: PrismaClient) =>
  (await insertEngagement(prisma, { status: "PLANNED" })).globalId;
async function freshMilestone(prisma: PrismaClient, done: boolean) {
  const engagement = await insertEngagement(prisma);
  const milestone = await prisma.milestone.create({
    data: {
      engagementId: engagement.id,
      title: "Agenda agreed",
      dueOn: new Date(day(3)),
      completedAt: done ? new Date() : null,
    },
  });
  return globalIdOf("Milestone", milestone.id);
}

const cases: Case[] = [
  { operation: "viewer", needs: "ANYONE", variables: none },
  { operation: "engagements", needs: "VIEWER", variables: none },
  { operation: "engagement", needs: "VIEWER", variables: async (prisma) => ({ id: await freshEngagement(prisma) }) },
  { operation: "node", needs: "VIEWER", variables: async (prisma) => ({ id: await freshEngagement(prisma) }) },
  { operation: "dashboard", needs: "VIEWER", variables: none },
  { operation: "lists", needs: "VIEWER", variables: none },
  { operation: "apiTokens", needs: "VIEWER", variables: none },
  {
    operation: "createApiToken",
    needs: "VIEWER",
    session: true,
    variables: async () => ({ input: { name: "matrix", expiresInDays: 1 } }),
  },
  {
    operation: "revokeApiToken",
    needs: "VIEWER",
    variables: async (prisma, callerId) => {
      const token = await prisma.apiToken.create({
        data: {
          name: "to revoke",
          prefix: "etp_x",
          tokenHash: crypto.randomUUID().replaceAll("-", "").padEnd(64, "0"),
          userId: callerId,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      return { input: { id: globalIdOf("ApiToken", token.id) } };
    },
  },
  {
    operation: "createEngagement",
    needs: "EDITOR",
    variables: async () => ({
      input: {
        title: "Matrix talks",
        kind: "DIALOGUE",
        startsOn: day(9),
        endsOn: day(9),
        locationName: "Beijing",
        country: "CN",
        hostCountry: "CN",
      },
    }),
  },
  {
    operation: "updateEngagement",
    needs: "EDITOR",
    variables: async (prisma) => ({ input: { id: await freshEngagement(prisma), title: "Renamed" } }),
  },
  {
    operation: "updateEngagementStatus",
    needs: "EDITOR",
    variables: async (prisma) => ({ input: { id: await freshEngagement(prisma), status: "CONFIRMED" } }),
  },
  {
    operation: "archiveEngagement",
    needs: "EDITOR",
    variables: async (prisma) => ({ input: { id: await freshEngagement(prisma) } }),
  },
  {
    // Supervisors (VIEWERs) ask their questions in the thread.
    operation: "addComment",
    needs: "VIEWER",
    variables: async (prisma) => ({ input: { engagementId: await freshEngagement(prisma), body: "Who leads?" } }),
  },
  {
    operation: "addMilestone",
    needs: "EDITOR",
    variables: async (prisma) => ({
      input: { engagementId: await freshEngagement(prisma), title: "Venue", dueOn: day(2) },
    }),
  },
  {
    operation: "completeMilestone",
    needs: "EDITOR",
    variables: async (prisma) => ({ input: { id: await freshMilestone(prisma, false) } }),
  },
  {
    operation: "reopenMilestone",
    needs: "EDITOR",
    variables: async (prisma) => ({ input: { id: await freshMilestone(prisma, true) } }),
  },
  { operation: "users", needs: "ADMIN", variables: none },
  {
    operation: "createUser",
    needs: "ADMIN",
    variables: async () => ({
      input: {
        email: `new-${crypto.randomUUID()}@test.local`,
        name: "New Analyst",
        role: "VIEWER",
        password: "a long enough password",
      },
    }),
  },
  {
    operation: "updateUser",
    needs: "ADMIN",
    variables: async (prisma) => {
      const user = await prisma.user.create({
        data: { email: `u-${crypto.randomUUID()}@test.local`, name: "Someone" },
      });
      return { input: { id: globalIdOf("User", user.id), role: "EDITOR" } };
    },
  },
];

const callers = ["NOBODY", "VIEWER", "EDITOR", "ADMIN"] as const;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** Everything a refused call could have touched. */
async function databaseFingerprint(prisma: PrismaClient) {
  const [row] = await prisma.$queryRaw<{ fingerprint: string }[]>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(id || ':' || version || ':' || status || ':' || title || ':' || coalesce("archivedAt"::text, ''), ',' ORDER BY id) FROM "Engagement"),
      (SELECT string_agg(id || ':' || coalesce("completedAt"::text, ''), ',' ORDER BY id) FROM "Milestone"),
      (SELECT count(*) FROM "StatusChange"), (SELECT count(*) FROM "EngagementEvent"),
      (SELECT string_agg(id || ':' || role, ',' ORDER BY id) FROM "User"),
      (SELECT string_agg(id || ':' || coalesce("revokedAt"::text, ''), ',' ORDER BY id) FROM "ApiToken")
    )) AS fingerprint`;
  return row!.fingerprint;
}

const isMutation = (operation: keyof typeof documents) =>
  documents[operation].definitions.some(
    (definition) => definition.kind === "OperationDefinition" && definition.operation === "mutation",
  );

async function clientFor(caller: (typeof callers)[number], session = false): Promise<ApiClient> {
  if (caller === "NOBODY") return api.anonymous;
  return session ? api.signedIn(caller) : api.as(caller);
}

describe("who may do what", () => {
  const matrix = cases.flatMap((testCase) => callers.map((caller) => [testCase.operation, caller, testCase] as const));

  it.each(matrix)("%s by %s", async (_, caller, { operation, needs, session, variables }) => {
    const input = await variables(api.prisma, api.users[caller === "NOBODY" ? "EDITOR" : caller].id);
    const client = await clientFor(caller, session);
    const before = await databaseFingerprint(api.prisma);
    const response = await client.request(documents[operation] as never, input as never);
    const allowed = RANK[caller] >= RANK[needs];
    if (allowed) {
      // Each allowed call gets valid input, so it must succeed outright: a mutation with no
      // payload errors and something written, a query with its data.
      expect(response.errors).toBeUndefined();
      const [result] = Object.values(response.data ?? {});
      if (caller === "NOBODY") expect(response.data).toEqual({ viewer: null });
      else expect(result).toBeTruthy();
      if (isMutation(operation)) {
        expect(result).toEqual({ errors: [] });
        expect(await databaseFingerprint(api.prisma)).not.toBe(before);
      }
    } else {
      expect(response.errors?.[0]?.extensions?.code).toBe(caller === "NOBODY" ? "UNAUTHENTICATED" : "FORBIDDEN");
      expect(await databaseFingerprint(api.prisma)).toBe(before);
    }
  });
});
