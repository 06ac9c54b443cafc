import type { NextFunction, Request, RequestHandler, Response } from "express";
import { randomUUID } from "node:crypto";
import { pinoHttp } from "pino-http";
import type { Logger } from "./logger.ts";
import type { Metrics, Outcome } from "./metrics.ts";

/** What one request did, filled in while it is served and written as its log line when it ends. */
export interface RequestRecord {
  /** Logger whose lines carry the request id. */
  log: Logger;
  operation?: string;
  operationType?: string;
  userId?: string | null;
  outcome?: Outcome;
  /** `extensions.code` of each GraphQL error in the response. */
  errorCodes: string[];
  /** Codes of the payload errors of refused mutations. */
  refusals: string[];
}

// The GraphQL layer finds it in its context (`requestRecord`), not through AsyncLocalStorage:
// on Node 20 and 22 that hooks every promise, and a page of engagements makes thousands; profiles
// showed it. Node 24's AsyncLocalStorage no longer does, but 22 is still supported.

const REQUEST_ID_HEADER = "x-request-id";
// A caller's id is kept when it is short and plain (it ends up in log lines); otherwise we issue one.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Polled every few seconds by load balancers and scrapers: logged at debug level unless they fail. */
const PROBE_ROUTES = new Set(["/healthz", "/readyz", "/metrics"]);
const KNOWN_ROUTES = new Set(["/graphql", ...PROBE_ROUTES]);

/** A calendar feed's path is its secret: logged as the route alone. */
const SECRET_PATH = /^\/calendar\/[^/]+$/;

/** The path without its query string, which may carry a GraphQL GET request's variables, nor a secret. */
function pathOf(request: Request): string {
  const path = request.originalUrl.split("?", 1)[0] ?? "";
  return SECRET_PATH.test(path) ? "/calendar/[token]" : path;
}

/** A bounded label for metrics: a known route, or "other". */
function routeOf(request: Request): string {
  const path = pathOf(request);
  return KNOWN_ROUTES.has(path) ? path : "other";
}

export function recordOf(response: Response): RequestRecord | undefined {
  return response.locals.requestRecord as RequestRecord | undefined;
}

/** The fields of a request's log line. Never headers, query strings or bodies: they can hold credentials. */
function summarize(request: Request, response: Response, durationMs: number) {
  const record = recordOf(response);
  const failed = response.statusCode >= 400 || Boolean(record?.errorCodes.length);
  return {
    method: request.method,
    path: pathOf(request),
    status: response.statusCode,
    durationMs,
    operation: record?.operation,
    operationType: record?.operationType,
    userId: record?.userId ?? null,
    outcome: response.writableFinished ? (record?.outcome ?? (failed ? "error" : "success")) : "aborted",
    errorCodes: record?.errorCodes ?? [],
    refusals: record?.refusals ?? [],
  };
}

/**
 * Gives each request an id (the caller's `x-request-id` when acceptable, echoed back), a
 * scope the GraphQL layer fills in, one log line when it ends, and its HTTP metrics.
 */
export function requestLogging(logger: Logger, metrics: Metrics): RequestHandler {
  const accessLog = pinoHttp<Request, Response>({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: "requestId" },
    genReqId(request, response) {
      const offered = request.headers[REQUEST_ID_HEADER];
      const id = typeof offered === "string" && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customLogLevel(request, response, error) {
      if (error || response.statusCode >= 500) return "error";
      if (response.statusCode >= 400) return "warn";
      return PROBE_ROUTES.has(pathOf(request)) ? "debug" : "info";
    },
    customSuccessObject: (request, response, { responseTime }) => summarize(request, response, responseTime),
    // Unexpected errors are logged with their stack where they happen; this line only summarizes.
    customErrorObject: (request, response, _error, { responseTime }) => summarize(request, response, responseTime),
    customSuccessMessage: (request, response) => messageOf(request, response),
    customErrorMessage: (request, response) => messageOf(request, response),
  });

  return (request: Request, response: Response, next: NextFunction) => {
    const started = performance.now();
    metrics.requestsInFlight.inc();
    response.once("close", () => {
      metrics.requestsInFlight.dec();
      const labels = { method: request.method, route: routeOf(request), status: response.statusCode };
      metrics.observeHttpRequest(labels, (performance.now() - started) / 1000);
    });
    accessLog(request, response, () => {
      const record: RequestRecord = { log: request.log, errorCodes: [], refusals: [] };
      response.locals.requestRecord = record;
      next();
    });
  };
}

function messageOf(request: Request, response: Response): string {
  const operation = recordOf(response)?.operation;
  return [request.method, pathOf(request), operation, response.statusCode].filter(Boolean).join(" ");
}
