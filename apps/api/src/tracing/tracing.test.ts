import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobQueue } from "../jobs/job-queue.ts";
import { createLogger } from "../operations/logger.ts";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { MoveStatus } from "../test/shared-operations.ts";
import { recordChanges } from "../test/subscriptions.ts";
import { tracer } from "./spans.ts";

declare module "../jobs/job-queue.ts" {
  interface JobPayloads {
    "test.traced": { reason: string };
  }
}

// In this process, the SDK as sdk.ts starts it in the API's, with spans kept in memory: the
// operation, execution and Prisma spans are ours to check here; HTTP, Express and pg spans,
// and the trace across processes, are checked by the dashboard's browser test (tracing.e2e.test.ts).
const exported = new InMemorySpanExporter();
let api: TestApi;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: exported })] }),
  );
  new PrismaInstrumentation().enable();
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
  trace.disable();
  context.disable();
});

const spans = () => exported.getFinishedSpans();
const childrenOf = (parent: ReadableSpan) =>
  spans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
function descendantsOf(parent: ReadableSpan): ReadableSpan[] {
  return childrenOf(parent).flatMap((child) => [child, ...descendantsOf(child)]);
}

describe("the API's spans", () => {
  it("name an operation by type and name, with its execution and each SQL statement beneath, never a variable's value", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const reason = `Reason that stays out of traces ${Date.now()}`;
    const { updateEngagementStatus } = await api.query(MoveStatus, {
      input: { id: engagement.globalId, status: "CONFIRMED", reason },
    });
    expect(updateEngagementStatus.errors).toEqual([]);

    const operation = spans().find((span) => span.name === "mutation LiveMove")!;
    expect(operation.attributes).toEqual({
      "graphql.operation.type": "mutation",
      "graphql.operation.name": "LiveMove",
    });
    const [execution] = childrenOf(operation);
    expect(execution?.name).toBe("graphql.execute");
    const statements = descendantsOf(execution!).filter((span) => span.name === "prisma:client:db_query");
    expect(statements.map((span) => String(span.attributes["db.query.text"]))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^INSERT INTO "public"\."EngagementEvent".*\$1/)]),
    );
    const everything = JSON.stringify(spans().map((span) => [span.name, span.attributes]));
    expect(everything).not.toContain(reason);
    expect(everything).not.toContain(api.users.EDITOR.token);
  });

  it("give a change delivered over graphql-ws a trace of its own, linked to the write that made it on any instance", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const subscriber = await recordChanges(api.url, api.users.VIEWER.token);
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    await subscriber.waitFor(1);
    await subscriber.close();

    const write = spans().findLast((span) => span.name === "mutation LiveMove")!;
    const delivery = spans().find((span) =>
      span.links.some((link) => link.context.traceId === write.spanContext().traceId),
    );
    expect(delivery?.name).toBe("live deliver");
    // The link comes from the audit trail, where the write left its traceparent: any instance's hub finds it.
    const event = await api.prisma.engagementEvent.findFirst({
      where: { engagementId: engagement.id },
      orderBy: { sequence: "desc" },
    });
    expect(event?.traceParent).toMatch(new RegExp(`^00-${write.spanContext().traceId}-[0-9a-f]{16}-0[01]$`));
    expect(delivery?.spanContext().traceId).not.toBe(write.spanContext().traceId);
    expect(delivery?.attributes["live.changes"]).toBe(1);
    // Its reads (the events, the engagements they changed) are in its trace.
    expect(descendantsOf(delivery!).some((span) => span.name === "prisma:client:db_query")).toBe(true);
  });

  it("run a background job in a trace of its own, linked to the request that queued it", async () => {
    const jobs = new JobQueue({ db: api.db, logger: createLogger({ level: "silent" }), pollingIntervalSeconds: 0.5 });
    try {
      jobs.define("test.traced");
      await jobs.start();
      const ran: string[] = [];
      await jobs.work("test.traced", async ({ reason }) => void ran.push(reason));
      const request = tracer.startSpan("request");
      await context.with(trace.setSpan(context.active(), request), () =>
        jobs.send("test.traced", { reason: "queued in a request" }),
      );
      request.end();
      await expect.poll(() => ran, { timeout: 15_000 }).toEqual(["queued in a request"]);

      const job = spans().find((span) => span.name === "job test.traced")!;
      expect(job.spanContext().traceId).not.toBe(request.spanContext().traceId);
      expect(job.links.map((link) => link.context.spanId)).toEqual([request.spanContext().spanId]);
      expect(job.attributes).toEqual({ "job.queue": "test.traced", "job.attempt": 1 });
    } finally {
      await jobs.stop(2_000);
    }
  });

  it("put the trace and span on every log line written inside one", () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ destination });
    const span = tracer.startSpan("work");
    context.with(trace.setSpan(context.active(), span), () => logger.info("inside"));
    span.end();
    logger.info("outside");

    expect(lines[0]).toMatchObject({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
    expect(lines[1]).not.toHaveProperty("trace_id");
  });
});
