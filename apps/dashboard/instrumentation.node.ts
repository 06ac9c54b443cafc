import { NodeSDK } from "@opentelemetry/sdk-node";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";

/**
 * Next.js makes the spans of each request (the route, its rendering, each fetch); the undici
 * instrumentation adds `traceparent` to the fetches to the API, so the API's spans join the
 * page's trace. Exporter, protocol, sampler and batching come from the standard OTEL_*
 * variables; spans are batched and dropped when the collector does not answer. No headers
 * are recorded: they carry the session cookie and the API token.
 */
// Traces only, unless the operator asks for OTLP logs too.
process.env.OTEL_LOGS_EXPORTER ??= "none";
const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME ?? "engagement-tracker-dashboard",
  instrumentations: [new UndiciInstrumentation()],
});
sdk.start();
// On SIGTERM, sends the spans still batched (for 2 s at most), then lets the signal stop the server.
process.once("SIGTERM", () => {
  const exit = () => process.kill(process.pid, "SIGTERM");
  setTimeout(exit, 2_000).unref();
  void sdk.shutdown().finally(exit);
});
