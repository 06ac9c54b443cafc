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

/**
 * A calendar feed's path is its secret; a query string holds a reader's filters and search
 * terms. Next records each request's URL and each fetch's (`http.target`, `http.url`, the span's
 * name and `next.span_name`) with no option to leave them out: every span name and text
 * attribute is cut down here, before it leaves the process.
 */
function withoutSecrets(text: string): string {
  return text.replace(/\/calendar\/[^/?\s]+/g, "/calendar/[token]").replace(/(\/[^\s?]*)\?\S*/g, "$1");
}

function exporting(exporter: SpanExporter): SpanExporter {
  return {
    export(spans, done) {
      for (const span of spans as (ReadableSpan & { name: string })[]) {
        span.name = withoutSecrets(span.name);
        const attributes = span.attributes as Record<string, unknown>;
        for (const [key, value] of Object.entries(attributes)) {
          if (typeof value === "string") attributes[key] = withoutSecrets(value);
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
