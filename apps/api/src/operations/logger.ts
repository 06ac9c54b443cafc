import { pino, type DestinationStream, type Logger } from "pino";
import { traceFields } from "../tracing/spans.ts";

export type { Logger };

/**
 * Never written to a log, whoever passes them: credentials in headers, and any password,
 * token or GraphQL variables (which carry passwords on sign-in) in a logged object.
 */
const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  ...["password", "token", "credential", "variables"].flatMap((key) => [key, `*.${key}`]),
];

export interface LoggerOptions {
  /** pino level: trace, debug, info, warn, error, fatal or silent. */
  level?: string;
  /** Where lines go; stdout when absent. */
  destination?: DestinationStream;
}

/** JSON lines with ISO timestamps and, when traced, the `trace_id` and `span_id` they were written in; secrets redacted. */
export function createLogger({ level = "info", destination }: LoggerOptions = {}): Logger {
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    mixin: traceFields,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Human-readable output for a developer's terminal, or undefined when pino-pretty (a
 * development dependency) is not installed, as in a production install.
 */
export async function prettyDestination(): Promise<DestinationStream | undefined> {
  try {
    const { default: pretty } = await import("pino-pretty");
    return pretty({ sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}
