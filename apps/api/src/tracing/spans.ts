import { suppressTracing } from "@opentelemetry/core";
import {
  context,
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
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
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

/** For every log line: the trace and span it was written in, so a line leads to its trace. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const spanContext = activeSpanContext();
  return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}
