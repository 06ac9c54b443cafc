import autocannon from "autocannon";
import { problemWith, type BodySource } from "./operations.ts";

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  nextBody: BodySource;
  /** Sees every answer, e.g. to follow what (e) changed. */
  onAnswer?: (body: string) => void;
  /** After the duration, send more (as many at once as `connections`) until this many answered. */
  minimumRequests?: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** In ms, from every response (autocannon's own histogram keeps whole milliseconds only). */
  latency: { p50: number; p99: number; mean: number; max: number };
  /** Connection errors, timeouts, non-200 answers and answers carrying GraphQL or payload errors. */
  failures: number;
  firstFailure: string | null;
  durationSeconds: number;
  /** Every response time, ms, sorted. */
  latencies: number[];
}

/** Keeps `connections` requests in flight for `durationSeconds` with autocannon and measures the answers. */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const settings: autocannon.Options = {
    url: options.url,
    method: "POST",
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 30,
    headers: { "content-type": "application/json", ...options.headers },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: options.nextBody() }),
        onResponse: (status, body) => {
          const problem = problemWith(status, body);
          if (problem) {
            failures++;
            firstFailure ??= problem;
          }
          options.onAnswer?.(body);
        },
      },
    ],
  };
  const run = (runSettings: autocannon.Options) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(runSettings, (error, finished) => (error ? reject(error) : resolve(finished)));
      // The tracker emits (client, statusCode, bytes, responseTimeMs), the time with its fraction.
      instance.on("response", (...args: unknown[]) => latencies.push(args[3] as number));
    });
  const results = [await run(settings)];
  const missing = (options.minimumRequests ?? 0) - latencies.length;
  if (missing > 0) {
    // `amount` ends the run after that many requests; autocannon refuses a duration set to undefined.
    const { duration: _duration, ...untimed } = settings;
    results.push(await run({ ...untimed, amount: missing, connections: Math.min(options.connections, missing) }));
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  failures += errors + results.reduce((sum, result) => sum + result.timeouts, 0);
  if (errors && !firstFailure) firstFailure = `${errors} connection errors`;
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsedSeconds,
    latency: {
      p50: at(0.5),
      p99: at(0.99),
      mean: latencies.reduce((sum, value) => sum + value, 0) / (latencies.length || 1),
      max: latencies.at(-1) ?? NaN,
    },
    failures,
    firstFailure,
    durationSeconds: elapsedSeconds,
    latencies,
  };
}

/** Sends one request and returns its answer, failing loudly when it is not a clean answer. */
export async function sendOnce(url: string, headers: Record<string, string>, body: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  const problem = problemWith(response.status, text);
  if (problem) throw new Error(`${url} answered with a problem: ${problem}`);
  return text;
}
