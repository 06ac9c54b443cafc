import { W3CTraceContextPropagator, suppressTracing } from "@opentelemetry/core";
import {
  ROOT_CONTEXT,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  trace,
  SpanStatusCode,
  type Link,
  type Span,
  type SpanContext,
} from "@opentelemetry/api";

/**
 * The API's own spans. Without a configured SDK (see sdk.ts) `@opentelemetry/api` hands out
 * non-recording spans: each call below costs a function call and nothing is kept.
 */
export const tracer = trace.getTracer("engagement-tracker-api");

/** Runs `work` as the active span `name`; the span records a thrown error and ends when `work` settles. */
export async function inSpan<T>(
  name: string,
  options: { attributes?: Record<string, string | number | boolean>; root?: boolean; links?: Link[] },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Records on `span` that its work failed with `error`. */
export function markFailed(span: Span, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Runs routine background work (access rechecks) without spans: no user action caused it. */
export function untraced<T>(work: () => T): T {
  return context.with(suppressTracing(context.active()), work);
}

/** The active span's context, to link to later (from another trace); undefined when nothing is traced. */
export function activeSpanContext(): SpanContext | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** Stored trace context is W3C's, whatever propagators the SDK was configured with for HTTP. */
const w3c = new W3CTraceContextPropagator();

/** The active span as a W3C `traceparent`, to store beside what it wrote; undefined when nothing is traced. */
export function activeTraceParent(): string | undefined {
  const carrier: { traceparent?: string } = {};
  w3c.inject(context.active(), carrier, defaultTextMapSetter);
  return carrier.traceparent;
}

/** The span a stored `traceparent` names, to link to; undefined for none or a malformed one. */
export function spanContextOf(traceParent: string | null | undefined): SpanContext | undefined {
  if (!traceParent) return undefined;
  const extracted = w3c.extract(ROOT_CONTEXT, { traceparent: traceParent }, defaultTextMapGetter);
  const spanContext = trace.getSpanContext(extracted);
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** For every log line: the trace and span it was written in, so a line leads to its trace. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const spanContext = activeSpanContext();
  return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}
