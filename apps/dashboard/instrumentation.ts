/**
 * Next.js calls this once as the server starts. Traces are sent only where an OTLP endpoint is
 * configured (the standard OTEL_* variables); otherwise the SDK is never loaded and Next's own
 * spans go to the no-op tracer.
 */
export async function register() {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const disabled = process.env.OTEL_SDK_DISABLED === "true" || process.env.OTEL_TRACES_EXPORTER === "none";
  if (process.env.NEXT_RUNTIME === "nodejs" && endpoint && !disabled) await import("./instrumentation.node");
}
