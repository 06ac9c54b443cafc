import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { IncomingMessage, Server } from "node:http";
import { WebSocketServer } from "ws";
import { credentialOf } from "../auth/request-credentials.ts";
import type { ViewerCache } from "../auth/viewer-cache.ts";
import type { Context, RequestContext } from "../context.ts";
import type { ChangeHub } from "./change-hub.ts";
import { SubscriberAccess } from "./subscriber-access.ts";

export interface SubscriptionServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Completes a subscription's context with the database and its loaders (the server factory's). */
  createContext: (request: RequestContext) => Context;
  changeHub: ChangeHub;
  viewerCache: ViewerCache;
  /** Browser origins that may open a socket (a socket carries the session cookie). */
  allowedOrigins: string[];
  /** The same limits as over HTTP (depth, cost, aliases, tokens). */
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  /** Raised when a socket opens and lowered when it closes: the subscription connections metric. */
  openConnections?: { inc(): void; dec(): void };
}

/**
 * Serves GraphQL subscriptions over graphql-ws on the same port and path as queries.
 * A client authenticates with `connectionParams: { authorization: "Bearer …" }` or the session cookie.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): { dispose(): Promise<void> } {
  const { httpServer, schema, createContext, changeHub, viewerCache, allowedOrigins, openConnections } = options;
  const rules = [...specifiedRules, ...options.validationRules, subscriptionsOnly];
  const sockets = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    verifyClient: ({ origin }: { origin?: string }) => !origin || allowedOrigins.includes(origin),
  });
  const access = new SubscriberAccess(viewerCache);
  sockets.on("connection", (socket) => {
    openConnections?.inc();
    socket.once("close", () => {
      openConnections?.dec();
      access.forget(socket);
    });
  });
  const server = useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      schema,
      parse: (source) => parse(source, options.parseOptions),
      validate: (schema, document) => validate(schema, document, rules),
      context: async ({ connectionParams, extra }) => {
        const authorization = connectionParams?.authorization;
        const credential = credentialOf({
          headers: {
            ...extra.request.headers,
            ...(typeof authorization === "string" ? { authorization } : {}),
          },
        });
        const viewer = credential ? await viewerCache.viewerFor(credential) : null;
        if (credential && viewer) access.watch(extra.socket, credential, viewer);
        return createContext({
          credential,
          viewer,
          sessionCookie: { set: () => {}, clear: () => {} },
          changeHub,
          viewerCache,
          connection: { socket: extra.socket, access },
        });
      },
    },
    sockets,
  );
  return {
    async dispose() {
      access.stop();
      await server.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}

/**
 * Queries and mutations go over HTTP, where rate limits and sign-in limits apply to them;
 * the socket serves subscriptions only.
 */
const subscriptionsOnly: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === "subscription") return;
    context.reportError(
      new GraphQLError("Only subscriptions are served over WebSocket; send queries and mutations over HTTP.", {
        nodes: node,
        extensions: { code: "BAD_REQUEST" },
      }),
    );
  },
});
