import type { NextFunction, Request, Response } from "express";
import type { Logger } from "./logger.ts";

export interface ShutdownOptions {
  logger: Logger;
  /** Stops accepting connections, finishes the requests in flight and closes the database. */
  stop: () => Promise<void>;
  /** Past this the process exits with code 1, whatever is still running. */
  deadlineMs: number;
}

/**
 * On SIGTERM or SIGINT, stops once: exit code 0 when everything closed in time, 1 when
 * stopping failed or overran its deadline. Repeated signals (a process manager and a
 * terminal may both send one) change nothing: the deadline already bounds the wait.
 */
export function stopOnSignals({ logger, stop, deadlineMs }: ShutdownOptions): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "already stopping");
      return;
    }
    stopping = true;
    logger.info({ signal, deadlineMs }, "stopping");
    const started = performance.now();
    setTimeout(() => {
      logger.fatal({ deadlineMs }, "stopping overran its deadline: exiting");
      process.exit(1);
    }, deadlineMs).unref();
    stop().then(
      () => {
        logger.info({ durationMs: Math.round(performance.now() - started) }, "stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "stopping failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/**
 * While stopping, the server ends each idle keep-alive connection; a request the client sent
 * on one just before could still be read and run, yet its answer could never be delivered (and a
 * mutation would have happened unbeknown to the client). Such a request is dropped unrun: the
 * client sees the connection close, as for any request the server did not accept.
 */
export function dropRequestsOnClosingConnections(request: Request, _response: Response, next: NextFunction): void {
  if (request.socket.writableEnded) {
    request.socket.destroy();
    return;
  }
  next();
}
