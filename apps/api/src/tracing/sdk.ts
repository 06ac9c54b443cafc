import type { Span } from "@opentelemetry/api";
import type { NodeSDK } from "@opentelemetry/sdk-node";
import { IncomingMessage } from "node:http";
import { createRequire } from "node:module";

/**
 * Tracing is on only where an OTLP endpoint is configured (the standard OTEL_* variables). Off,
 * the SDK is never loaded: `@opentelemetry/api` answers every call with a no-op, so requests pay
 * nothing for it.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED !== "true" && env.OTEL_TRACES_EXPORTER !== "none";
}

/** Polled every few seconds by load balancers and scrapers: a trace each would bury the ones that matter. */
const UNTRACED_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/** A calendar feed's path is its secret (as in request-log.ts); spans name the route alone. */
const SECRET_PATH = /^\/calendar\/[^/?]+/;

/**
 * Query strings can carry a GraphQL GET request's variables and document; the path alone is kept.
 * Overwrites whichever of the old and stable HTTP conventions the instrumentation recorded.
 */
function keepPathOnly(span: Span, request: IncomingMessage): void {
  const path = (request.url ?? "").split("?", 1)[0]!.replace(SECRET_PATH, "/calendar/[token]");
  const recorded = (span as Partial<{ attributes: Record<string, unknown> }>).attributes ?? {};
  if ("http.target" in recorded) span.setAttribute("http.target", path);
  if ("url.path" in recorded) span.setAttribute("url.path", path);
  if ("url.query" in recorded) span.setAttribute("url.query", "");
  if (typeof recorded["http.url"] === "string") {
    span.setAttribute("http.url", new URL(path, recorded["http.url"]).toString());
  }
  if (typeof recorded["url.full"] === "string") {
    span.setAttribute("url.full", new URL(path, recorded["url.full"]).toString());
  }
}

// Loaded with require so the SDK is in place before main.ts's later imports (express, pg,
// graphql) are evaluated, and so that its instrumentations see them being required.
const require = createRequire(import.meta.url);

/**
 * Starts the OpenTelemetry SDK for the API: spans for HTTP requests (trace context taken from
 * `traceparent`), Express middleware, GraphQL parsing and validation, Prisma's queries and every
 * statement sent to PostgreSQL. Exporter, protocol, sampler and batching come from the
 * standard variables; spans are batched and dropped when the collector does not answer.
 * Never recorded: headers, query strings, request bodies, GraphQL literal values or variables,
 * SQL parameter values.
 */
export function startTracing(): NodeSDK {
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { HttpInstrumentation } =
    require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { ExpressInstrumentation } =
    require("@opentelemetry/instrumentation-express") as typeof import("@opentelemetry/instrumentation-express");
  const { GraphQLInstrumentation } =
    require("@opentelemetry/instrumentation-graphql") as typeof import("@opentelemetry/instrumentation-graphql");
  const { PgInstrumentation } =
    require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const { PrismaInstrumentation } = require("@prisma/instrumentation") as typeof import("@prisma/instrumentation");

  // Traces only, unless the operator asks for OTLP logs too: ours go to stdout as JSON lines.
  process.env.OTEL_LOGS_EXPORTER ??= "none";
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? "engagement-tracker-api",
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? "").split("?", 1)[0]!),
        requestHook: (span, request) => {
          if (request instanceof IncomingMessage) keepPathOnly(span, request);
        },
      }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ allowValues: false, ignoreResolveSpans: true }),
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        requireParentSpan: true,
        // Named by the statement's kind (pg.query:SELECT) rather than by our prepared statements' hashed names.
        requestHook: (span, { query }) =>
          span.updateName(`pg.query:${/^\s*(\w+)/.exec(query.text)?.[1]?.toUpperCase() ?? "SQL"}`),
      }),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  // main.ts imports Express as an ES module, which the instrumentation does not see being
  // loaded; required here first, it is instrumented, and that import gets this same module.
  require("express");
  return sdk;
}
