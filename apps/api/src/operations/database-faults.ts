import { HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** `extensions.code` of an error caused by a database that is down, restarting or too slow to answer. */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

const MESSAGE =
  "The database is unavailable right now, so this request was not completed. Retry shortly: a change sent with expectedVersion is safe to repeat.";

/** Seconds a client should wait before retrying; a restarting PostgreSQL is usually back within a few. */
export const RETRY_AFTER_SECONDS = "1";

// Each layer reports the same fault its own way: Prisma with its P1xxx codes, the driver
// adapter with an error kind, PostgreSQL with a SQLSTATE, node-postgres and Node with plain
// errors. Prisma passes node-postgres's plain errors through unwrapped.
const PRISMA_CODES = new Set([
  "P1001", // can't reach the server
  "P1002", // the server was reached but timed out
  "P1008", // operation timed out
  "P1017", // the server closed the connection
  "P2024", // timed out waiting for a pooled connection
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is stopping
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or in recovery
  "53300", // too_many_connections
  "57014", // query_canceled: ran past statement_timeout
]);
const CONNECTION_EXCEPTION_CLASS = "08";
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const DRIVER_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Transaction API error: Unable to start a transaction in the given time)/;

/**
 * Whether `error`, or anything it wraps, says the database could not be reached or did not
 * answer in time — including our own DATABASE_UNAVAILABLE error, recognized by its code.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return [...wrappedErrors(error)].some((candidate) => {
    const { code, originalCode, kind, message, extensions } = candidate;
    return (
      [code, originalCode].some((value) => typeof value === "string" && isUnavailableCode(value)) ||
      (typeof kind === "string" && ADAPTER_KINDS.has(kind)) ||
      (typeof message === "string" && DRIVER_MESSAGES.test(message)) ||
      (extensions as { code?: unknown } | undefined)?.code === DATABASE_UNAVAILABLE
    );
  });
}

function isUnavailableCode(code: string): boolean {
  const sqlstate = code.length === 5 && (SQLSTATES.has(code) || code.startsWith(CONNECTION_EXCEPTION_CLASS));
  return sqlstate || PRISMA_CODES.has(code) || SOCKET_CODES.has(code);
}

/** The error and what it wraps: GraphQL's originalError, `cause`, and Prisma's `meta.driverAdapterError`. */
function* wrappedErrors(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    const meta = record.meta as Record<string, unknown> | undefined;
    pending.push(record.originalError, record.cause, meta?.driverAdapterError);
  }
}

/** A deliberate GraphQL error for a database fault: HTTP 503 with Retry-After when it ends a request. */
function databaseUnavailableError(): GraphQLError {
  return new GraphQLError(MESSAGE, {
    extensions: {
      code: DATABASE_UNAVAILABLE,
      http: { status: 503, headers: new HeaderMap([["retry-after", RETRY_AFTER_SECONDS]]) },
    },
  });
}

/** The client's view of a database fault: a clear message and code, no driver internals. */
export function formatDatabaseFault(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: DATABASE_UNAVAILABLE },
  };
}

/**
 * Wraps a function that may read the database before any resolver runs (context creation looks
 * up the caller's token): a database fault there becomes a 503 DATABASE_UNAVAILABLE, not a 500.
 */
export function failingFastOnDatabaseFaults<Args extends unknown[], Result>(
  create: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await create(...args);
    } catch (error) {
      throw isDatabaseUnavailable(error) ? databaseUnavailableError() : error;
    }
  };
}
