import { GraphQLError, type ValidationRule } from "graphql";

/**
 * Refuses a subscription sent over HTTP, which has no way to deliver the changes that follow: it
 * is answered 400 with where to subscribe, instead of an execution that can only fail.
 */
export const subscriptionsOverWebSocketOnly: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "subscription") return;
    context.reportError(
      new GraphQLError(
        "Subscriptions are served over WebSocket (the graphql-transport-ws protocol) at this same path; HTTP answers queries and mutations.",
        { nodes: node },
      ),
    );
  },
});
