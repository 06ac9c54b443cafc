import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { Database } from "@engagement-tracker/db";
import cors from "cors";
import express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createContext, type Context } from "./context.ts";
import { buildAppSchema } from "./schema.ts";

export interface ServerOptions {
  db: Database;
  production?: boolean;
  bodyLimit?: string;
  /** Where unexpected errors are reported; they never reach the client in production. */
  logError?: (error: unknown) => void;
}

export interface RunningServer {
  httpServer: Server;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  stop(): Promise<void>;
}

export interface AppServer {
  listen(port: number, host?: string): Promise<RunningServer>;
}

const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. The change, if any, was not applied.";

/**
 * Builds the HTTP server exactly as production runs it; the caller decides where it listens.
 * GraphQL is served at /graphql.
 */
export async function createServer(options: ServerOptions): Promise<AppServer> {
  const { db, production = false, bodyLimit = "1mb", logError = (error) => console.error(error) } = options;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createHttpServer(app);

  const apollo = new ApolloServer<Context>({
    schema: await buildAppSchema(),
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => maskUnexpected(formatted, error, production, logError),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.use(
    "/graphql",
    cors(),
    express.json({ limit: bodyLimit }),
    expressMiddleware(apollo, { context: async () => createContext(db) }),
  );

  return {
    async listen(port, host = "127.0.0.1") {
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, resolve);
      });
      const address = httpServer.address() as AddressInfo;
      return {
        httpServer,
        url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}/graphql`,
        stop: () => apollo.stop(),
      };
    },
  };
}

/** Errors we raised on purpose (GraphQLError) pass through; anything else is a fault whose details stay on the server. */
function maskUnexpected(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
  logError: (error: unknown) => void,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const deliberate = !original || original instanceof GraphQLError;
  if (deliberate) return formatted;
  logError(original);
  if (!production) return formatted;
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
