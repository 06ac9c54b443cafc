import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import {
  execute as executeOnGraphqlJs,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import { Counter, type Registry } from "prom-client";
import type { Context } from "../context.ts";
import { inSpan } from "../tracing/spans.ts";
import { variablesForJit } from "./argument-coercion.ts";

type Gateway = ApolloServerOptionsWithGateway<Context>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

/**
 * Distinct operations kept compiled. The dashboard and the bench send a few dozen; past this,
 * the least recently used is compiled again when it comes back.
 */
const MAX_COMPILED_OPERATIONS = 500;

/** Marks an operation graphql-jit would not run exactly as graphql-js does (see argument-coercion.ts). */
const GRAPHQL_JS = "graphql-js";

interface Compiled {
  query: CompiledQuery;
  /** The request's variables as graphql-jit must be given them. */
  variables: NonNullable<ReturnType<typeof variablesForJit>>;
}

/**
 * Runs queries and mutations through graphql-jit: each (document, operation name) is compiled
 * once into a function that calls the schema's own resolvers, so type-graphql's `@Authorized`
 * and field resolvers run as before, while fields without a resolver become property reads.
 * Operations whose arguments graphql-jit would coerce differently, even with their variables
 * prepared (see argument-coercion.ts), run on graphql-js.
 *
 * Apollo Server takes a custom executor only from a gateway, so this is one that serves our
 * own schema. Parsing, validation (depth, cost and alias limits), plugins and error formatting
 * stay Apollo's.
 */
export function compiledExecution(schema: GraphQLSchema, registry: Registry): Gateway {
  const executions = new Counter({
    name: "graphql_executions_total",
    help: "GraphQL operations executed over HTTP, by executor: compiled (graphql-jit) or graphql-js.",
    labelNames: ["executor"] as const,
    registers: [registry],
  });
  const compilations = new Counter({
    name: "graphql_compilations_total",
    help: "Operations compiled by graphql-jit; the rest of graphql_executions_total{executor=compiled} reused one.",
    registers: [registry],
  });
  const plans = new LRUCache<string, Compiled | typeof GRAPHQL_JS>({ max: MAX_COMPILED_OPERATIONS });

  function plan(document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName?: string) {
    // No operation of that name: graphql-js's error lets Apollo answer as before (OPERATION_RESOLUTION_FAILURE).
    // (Subscriptions never get here: validation refuses them over HTTP; see subscriptions-over-http.ts.)
    if (!operation) return GRAPHQL_JS;
    const variables = variablesForJit(schema, document, operation);
    if (!variables) return GRAPHQL_JS;
    compilations.inc();
    const query = compileQuery(schema, document, operationName);
    // Apollo has validated the document, so this does not fail; if it did, graphql-js would answer.
    return isCompiledQuery(query) ? { query, variables } : GRAPHQL_JS;
  }

  // Apollo's type promises an operation, but calls the executor without one when the request names none that exists.
  const execute: Executor = async ({ request, document, operation, queryHash, context }) => {
    const graphqlJs = () =>
      executeOnGraphqlJs({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        operationName: request.operationName,
      });
    const key = `${queryHash}:${request.operationName ?? ""}`;
    let compiled = plans.get(key);
    if (!compiled) {
      compiled = plan(document, operation, request.operationName);
      plans.set(key, compiled);
    }
    if (compiled === GRAPHQL_JS) {
      executions.inc({ executor: "graphql-js" });
      return graphqlJs();
    }
    const result = await compiled.query.query(undefined, context, compiled.variables(request.variables));
    // Variables that do not coerce: no resolver has run. graphql-js words these errors the
    // way Apollo recognises (BAD_USER_INPUT, HTTP 400), so it answers them.
    if (!("data" in result)) {
      executions.inc({ executor: "graphql-js" });
      return graphqlJs();
    }
    executions.inc({ executor: "compiled" });
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  /**
   * A trace shows the operation by type and name, never its variables or document, with its
   * execution (and below it each SQL statement) as a child span.
   */
  const executor: Executor = (request) => {
    const type = request.operation?.operation ?? "unknown";
    const name = request.request.operationName ?? request.operation?.name?.value;
    const attributes = { "graphql.operation.type": type, ...(name && { "graphql.operation.name": name }) };
    return inSpan(name ? `${type} ${name}` : type, { attributes }, () =>
      inSpan("graphql.execute", { attributes }, () => execute(request)),
    );
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined when their cause had none, and Apollo's
 * formatting then fails before formatError sees them; graphql-js's always have extensions.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const { message, path, originalError, extensions, locations } = error;
  return Object.assign(new GraphQLError(message, { path, originalError, extensions }), { locations });
}
