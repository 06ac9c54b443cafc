import type { ApolloClient, OperationVariables, TypedDocumentNode } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { redirect } from "next/navigation";
import { apiUrl, getClient } from "./apollo";
import { liveState } from "./live-state";
import { sessionToken } from "./session";

/** Why the API could not answer, in words for the person looking at the page. */
export interface ApiProblem {
  /** GraphQL `extensions.code` when the API gave one, else UNREACHABLE or HTTP_<status>. */
  code: string;
  title: string;
  detail: string;
}

export type ApiResult<Data> = { ok: true; data: Data } | { ok: false; problem: ApiProblem };

/** Runs a query; a signed-out user is sent to sign in, any other failure comes back as a problem to show. */
export async function query<Data, Variables extends OperationVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables?: Variables,
): Promise<ApiResult<Data>> {
  return signInWhenSignedOut(await queryMaybeSignedOut(document, variables));
}

/** Runs a query and reports a signed-out user as a problem like any other; for pages that serve signed-out readers. */
export async function queryMaybeSignedOut<Data, Variables extends OperationVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables?: Variables,
): Promise<ApiResult<Data>> {
  // Apollo types `variables` as required or absent per document; these wrappers are generic over both.
  const options = { query: document, variables } as ApolloClient.QueryOptions<Data, Variables>;
  return settle(async () => (await getClient().query(options)).data as Data);
}

/** Runs a mutation; its payload `errors` are the caller's to show, transport and GraphQL errors become a problem. */
export async function mutate<Data, Variables extends OperationVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<ApiResult<Data>> {
  const options = { mutation: document, variables } as ApolloClient.MutateOptions<Data, Variables>;
  const result = signInWhenSignedOut(await settle(async () => (await getClient().mutate(options)).data as Data));
  // The writer's next pages must show their change before the live stream has brought it here.
  const token = await sessionToken();
  if (result.ok && token) liveState.wrote(token);
  return result;
}

async function settle<Data>(run: () => Promise<Data>): Promise<ApiResult<Data>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    return { ok: false, problem: describeProblem(error) };
  }
}

/** The API no longer knows the session (expired, signed out elsewhere): sign in again. */
function signInWhenSignedOut<Data>(result: ApiResult<Data>): ApiResult<Data> {
  if (!result.ok && result.problem.code === "UNAUTHENTICATED") redirect("/sign-in");
  return result;
}

function describeProblem(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const code = String(error.errors[0]?.extensions?.code ?? "GRAPHQL_ERROR");
    if (code === "FORBIDDEN") {
      return { code, title: "Not allowed", detail: "Your role does not allow this. Ask an administrator for access." };
    }
    return {
      code,
      title: "The API refused the request",
      detail: error.errors.map((graphQLError) => graphQLError.message).join(" "),
    };
  }
  if (ServerError.is(error)) {
    return {
      code: `HTTP_${error.statusCode}`,
      title: "The API had a problem",
      detail: `It answered with HTTP ${error.statusCode}. Try again in a moment.`,
    };
  }
  // Where the API lives is for the operator (in the log), not for whoever opened the page.
  console.error(`The Engagement Tracker API did not answer at ${apiUrl}:`, error);
  return {
    code: "UNREACHABLE",
    title: "The API is not answering",
    detail: "The service behind this dashboard is not answering. Try again in a few minutes.",
  };
}
