import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace";

/**
 * Next.js makes the spans of each request (the route, its rendering, each fetch); the undici
 * instrumentation adds `traceparent` to the fetches to the API, so the API's spans join the
 * page's trace. Protocol, sampler and batching come from the standard OTEL_* variables; spans
 * are batched and dropped when the collector does not answer. No headers are recorded: they
 * carry the session cookie and the API token.
 */

/** A calendar feed's path is its secret; a query string holds a reader's filters and search terms. */
function withoutSecrets(text: string): string {
  return text.replace(/\/calendar\/[^/?\s]+/g, "/calendar/[token]").replace(/\?\S*/g, "");
}

/** Attributes in which Next and the undici instrumentation record a URL. */
const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "url.path", "url.query"];

/**
 * Next records each request's full URL (`http.target`) and each fetch's (in its name), with no
 * option to leave them out: they are cut down here, before they leave the process.
 */
function exporting(exporter: SpanExporter): SpanExporter {
  return {
    export(spans, done) {
      for (const span of spans as (ReadableSpan & { name: string })[]) {
        span.name = withoutSecrets(span.name);
        for (const key of URL_ATTRIBUTES) {
          const value = span.attributes[key];
          if (typeof value === "string") (span.attributes as Record<string, unknown>)[key] = withoutSecrets(value);
        }
      }
      exporter.export(spans, done);
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

const protocol =
  process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf";
const Exporter = { grpc: GrpcExporter, "http/json": JsonExporter }[protocol] ?? ProtobufExporter;

// Traces only, unless the operator asks for OTLP logs too.
process.env.OTEL_LOGS_EXPORTER ??= "none";
const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME ?? "engagement-tracker-dashboard",
  traceExporter: exporting(new Exporter()),
  instrumentations: [new UndiciInstrumentation()],
});
sdk.start();

// On SIGTERM, sends the spans still batched (for 2 s at most), then lets the signal stop the server.
process.once("SIGTERM", () => {
  const exit = () => process.kill(process.pid, "SIGTERM");
  setTimeout(exit, 2_000).unref();
  void sdk.shutdown().finally(exit);
});
