import { graphql } from "@engagement-tracker/schema";
import { createSession, createUserWithToken, type TestApi } from "./api.ts";
import { day } from "./fixtures.ts";

// Operations and fixtures several test files share.

export const MoveStatus = graphql(`
  mutation LiveMove($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      engagement {
        version
      }
      errors {
        code
      }
    }
  }
`);

export const Rename = graphql(`
  mutation LiveRename($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      errors {
        code
      }
    }
  }
`);

export const CreateEngagement = graphql(`
  mutation LiveCreate($input: CreateEngagementInput!) {
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

export const LiveUpdateUser = graphql(`
  mutation LiveUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      errors {
        code
      }
    }
  }
`);

export const newEngagementInput = (title: string) => ({
  title,
  kind: "DIALOGUE" as const,
  status: "PLANNED" as const,
  startsOn: day(40),
  endsOn: day(41),
  locationName: "Honolulu",
  country: "US",
  hostCountry: "US",
});

/** A viewer with a dashboard session (not an API token), as signing in gives one. */
export async function signedInUser(api: TestApi) {
  const { id } = await createUserWithToken(api.prisma, "VIEWER");
  return { id, token: await createSession(api.prisma, id) };
}
