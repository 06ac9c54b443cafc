import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Context } from "../context.ts";
import {
  DATABASE_UNAVAILABLE,
  RETRY_AFTER_SECONDS,
  formatDatabaseFault,
  isDatabaseUnavailable,
} from "./database-faults.ts";
import type { Logger } from "./logger.ts";
import type { Metrics, Outcome } from "./metrics.ts";

export type FormatError = NonNullable<ApolloServerOptions<Context>["formatError"]>;

/** Labels for requests that name no operation: an anonymous one, or one that never parsed or validated. */
const ANONYMOUS_OPERATION = "(anonymous)";
const INVALID_OPERATION = "(invalid)";

/** Reports an unexpected error (one without a code) with its stack, on the logger of the request it broke. */
export type LogError = (error: unknown, log: Logger) => void;

/** Errors raised on purpose carry a code; anything else is a fault (Apollo sends it as INTERNAL_SERVER_ERROR). */
export function isUnexpected(error: { extensions?: { code?: unknown } }): boolean {
  const code = error.extensions?.code;
  return (code === undefined || code === "INTERNAL_SERVER_ERROR") && !isDatabaseUnavailable(error);
}

export const codeOf = (error: { extensions?: { code?: unknown } }): string =>
  String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR");

/**
 * Formats errors with `format`, except database faults, which every client sees the same
 * way (DATABASE_UNAVAILABLE); then counts each error's code.
 * Runs for every error Apollo sends, including those raised while creating the context.
 */
export function observingErrors(metrics: Metrics, format: FormatError): FormatError {
  return (formatted, error) => {
    const result = isDatabaseUnavailable(error) ? formatDatabaseFault(formatted) : format(formatted, error);
    metrics.countError(codeOf(result));
    return result;
  };
}

/** Per GraphQL request: operation name and type, duration, outcome and the viewer, for metrics and the log line. */
export function graphqlObserver(metrics: Metrics, logger: Logger, logError: LogError): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          const [{ value: inFlight } = { value: 0 }] = (await metrics.requestsInFlight.get()).values;
          logger.info(
            { requestsInFlight: inFlight },
            "stopping: refusing new connections, finishing requests in flight",
          );
        },
      };
    },

    async requestDidStart() {
      const started = performance.now();
      let operation = INVALID_OPERATION;
      let type = "unknown";
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const log = contextValue.requestRecord?.log ?? logger;
          for (const error of errors.filter(isUnexpected)) logError(unwrapResolverError(error), log);
        },
        async didResolveOperation(request) {
          operation = request.operationName ?? ANONYMOUS_OPERATION;
          type = request.operation?.operation ?? type;
        },
        async willSendResponse({ response, contextValue }) {
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          const failed = Boolean(result?.errors?.length);
          const refusals = type === "mutation" ? payloadErrorCodes(result?.data) : [];
          refusals.forEach((code) => metrics.countRefusal(code));
          const outcome: Outcome = failed ? "error" : refusals.length ? "refused" : "success";
          metrics.observeOperation({ operation, type, outcome, seconds: (performance.now() - started) / 1000 });

          const databaseDown = result?.errors?.some((error) => error.extensions?.code === DATABASE_UNAVAILABLE);
          if (databaseDown && answeredNothing(result?.data)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", RETRY_AFTER_SECONDS);
          }
          const record = contextValue.requestRecord;
          if (record) {
            Object.assign(record, {
              operation,
              operationType: type,
              outcome,
              refusals,
              userId: contextValue.viewer?.id,
            });
            record.errorCodes.push(...(result?.errors ?? []).map(codeOf));
          }
        },
      };
    },
  };
}

/** Every mutation returns a payload `{ …, errors: [UserError] }`; these are the codes the client selected. */
function payloadErrorCodes(data: Record<string, unknown> | null | undefined): string[] {
  return Object.values(data ?? {}).flatMap((payload) => {
    const errors = (payload as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? errors.map((error: { code?: unknown }) => String(error?.code ?? "UNKNOWN")) : [];
  });
}

/** No field has a value: the client got nothing it can use, so the response as a whole failed. */
function answeredNothing(data: Record<string, unknown> | null | undefined): boolean {
  return !data || Object.values(data).every((value) => value === null);
}
