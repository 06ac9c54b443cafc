import { HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ApolloClient, InMemoryCache, registerApolloClient } from "@apollo/client-integration-nextjs";
import { headers } from "next/headers";
import { sessionToken } from "./session";

/** Where the GraphQL API answers; only the dashboard's server talks to it, never the browser. */
export const apiUrl = process.env.API_URL ?? "http://127.0.0.1:4000/graphql";

/**
 * Every request carries the signed-in user's token from the dashboard's session cookie, and
 * the reader's address, so the API's per-client limits (sign-in attempts) apply to each
 * reader rather than to the dashboard as a whole. That address is the one server.ts saw (or
 * a trusted proxy named), never one the reader chose; the API believes it from loopback only.
 */
const credentials = new SetContextLink(async (context) => {
  const [token, forwardedFor] = await Promise.all([
    sessionToken(),
    headers().then((list) => list.get("x-forwarded-for")),
  ]);
  return {
    headers: {
      ...context.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
  };
});

/**
 * One Apollo Client per server request. Queries skip the cache: a page is rendered from
 * fresh data, including the render that follows a mutation in the same request.
 */
export const { getClient } = registerApolloClient(
  () =>
    new ApolloClient({
      cache: new InMemoryCache(),
      link: credentials.concat(new HttpLink({ uri: apiUrl, fetchOptions: { cache: "no-store" } })),
      defaultOptions: { query: { fetchPolicy: "no-cache" }, mutate: { fetchPolicy: "no-cache" } },
    }),
);
