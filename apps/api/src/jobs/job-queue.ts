// The durable job queue every domain sends background work through: pg-boss on the same database as
// the rest of the data, so a job written in a transaction exists exactly when the change does.
import { embeddedPglite, type Database, type Prisma, type PrismaClient } from "@engagement-tracker/db";
import { PgBoss, fromPglite, fromPrisma, type Job, type JobResult, type SendOptions } from "pg-boss";
import type { Logger } from "../operations/logger.ts";
import { activeTraceParent, inSpan, markFailed, spanContextOf } from "../tracing/spans.ts";
import { jobMetrics, type JobMetrics } from "./job-metrics.ts";
import type { Registry } from "prom-client";

/**
 * Every job's name and payload. Each domain adds its own jobs by declaration merging:
 * `declare module "../jobs/job-queue.ts" { interface JobPayloads { "alerts.evaluate": { … } } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

export type JobName = keyof JobPayloads & string;

/**
 * Events that fan out to every queue subscribed to them (`JobQueue.subscribe`), one job each; domains
 * add theirs by declaration merging like JobPayloads.
 */
export interface JobEvents {
  /** A change was appended to an engagement's audit trail (see appendEvent), in the transaction of the change. */
  "engagement.changed": { engagementId: string; sequence: string; kind: string; actorId: string | null };
}

export type JobEventName = keyof JobEvents & string;

/** The queues whose payload is the event's: those may subscribe to it. */
type SubscriberOf<Event extends JobEventName> = {
  [Name in JobName]: JobPayloads[Name] extends JobEvents[Event] ? Name : never;
}[JobName];

export interface SendJobOptions {
  /** At most one job with this key waits in a queue at a time (see `JobQueue.define`'s `policy`). */
  singletonKey?: string;
  /** Not before then: a date, or seconds from now. */
  startAfter?: Date | number;
  /** Attempts after the first (default: the queue's, else 2). */
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelay?: number;
  /** Double the delay on every retry (with jitter). */
  retryBackoff?: boolean;
  /** Longest a retry waits with backoff, in seconds. */
  retryDelayMax?: number;
  /** Seconds an attempt may run before it counts as failed (and is retried). */
  expireInSeconds?: number;
  /** Written in this transaction: the job exists if and only if the transaction commits. */
  tx?: Prisma.TransactionClient;
}

export interface QueueDefinition extends Omit<SendJobOptions, "singletonKey" | "startAfter" | "tx"> {
  /** `standard` (default); `stately`: at most one job per singletonKey waiting and one running. */
  policy?: "standard" | "stately";
}

/** What a handler learns of its job beyond the payload. */
export interface JobInfo {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the attempt expires or the queue stops. */
  signal: AbortSignal;
}

export type JobHandler<Name extends JobName> = (payload: JobPayloads[Name], job: JobInfo) => Promise<void>;

export interface WorkOptions {
  /** Jobs of this queue run at once in this process (default and least 2). */
  concurrency?: number;
}

export interface JobQueueOptions {
  db: Database;
  logger: Logger;
  /** Where the queue's gauges and counters are registered (the server's /metrics). */
  registry?: Registry;
  /** How often idle workers look for jobs; LISTEN/NOTIFY wakes them sooner where available. */
  pollingIntervalSeconds?: number;
  /** Schedules (cron) are evaluated and maintenance runs here; off for a process that only sends. */
  supervise?: boolean;
  /** Longest any retry waits, in seconds, whatever its queue asks: tests make failures retry at once. */
  retryDelayCapSeconds?: number;
}

/**
 * Where a job keeps the traceparent of the request that queued it, beside its payload: its run is a
 * trace of its own, linked to that request's.
 */
const TRACE_PARENT = "@traceParent";

/** The database schema holding the queue's tables, beside the application's. */
export const JOB_SCHEMA = "pgboss";

/**
 * A typed facade over pg-boss. Jobs are rows in PostgreSQL (or the embedded PGlite): they survive
 * restarts, a job is claimed by one worker at a time across every process on the database (SKIP
 * LOCKED), and a failed attempt is retried per its options. Queues are created on first use.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #logger: Logger;
  readonly #metrics: JobMetrics | null;
  readonly #pollingIntervalSeconds: number;
  readonly #retryDelayCap: number | undefined;
  readonly #definitions = new Map<string, QueueDefinition>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #subscribers = new Map<string, JobName[]>();
  #started: Promise<void> | null = null;

  constructor({
    db,
    logger,
    registry,
    pollingIntervalSeconds = 2,
    supervise = true,
    retryDelayCapSeconds,
  }: JobQueueOptions) {
    this.#retryDelayCap = retryDelayCapSeconds;
    const pglite = embeddedPglite(db.adapterFactory);
    this.#logger = logger.child({ component: "jobs" });
    this.#pollingIntervalSeconds = pollingIntervalSeconds;
    this.#boss = new PgBoss({
      schema: JOB_SCHEMA,
      supervise,
      schedule: supervise,
      ...(pglite
        ? // One in-process connection, shared with Prisma: PGlite serialises the two.
          { db: fromPglite(pglite), backend: "pglite" as const }
        : {
            connectionString: db.target.kind === "postgres" ? db.target.url : undefined,
            max: 4,
            application_name: "engagement-tracker-jobs",
          }),
      // Workers wake on NOTIFY when a job is sent, so a write's alert does not wait for the next poll.
      useListenNotify: true,
      registerInstance: false,
      persistWarnings: false,
    });
    this.#boss.on("error", (error) => this.#logger.error({ err: error }, "job queue error"));
    this.#boss.on("warning", (warning) => this.#logger.warn({ warning }, "job queue warning"));
    this.#metrics = registry ? jobMetrics(registry, this.#boss, JOB_SCHEMA) : null;
  }

  /**
   * Installs or migrates the queue's tables on first start and creates every defined queue; safe to
   * call more than once.
   */
  start(): Promise<void> {
    this.#started ??= this.#boss.start().then(async () => {
      for (const name of this.#definitions.keys()) await this.#createQueue(name);
    });
    return this.#started;
  }

  /** Stops fetching; waits (up to `timeoutMs`) for running jobs, whose unfinished attempts are retried later. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.#started) return;
    await this.#started.catch(() => {});
    await this.#boss.stop({ graceful: true, close: true, timeout: timeoutMs });
  }

  /**
   * Declares a queue, before `start`: options every job of `name` gets unless sent with others; the
   * policy applies from the queue's creation. Jobs can be sent inside a transaction only to declared
   * queues (the embedded database has one connection: creating a queue then would wait on the transaction).
   */
  define(name: JobName, definition: QueueDefinition = {}): void {
    this.#definitions.set(name, definition);
  }

  /** Every `event` published from now on also queues a job of `name` with the event's payload. */
  subscribe<Event extends JobEventName>(event: Event, name: SubscriberOf<Event>): void {
    this.#subscribers.set(event, [...(this.#subscribers.get(event) ?? []), name]);
  }

  /** Sends one job to each queue subscribed to `event` (none when nothing subscribed). */
  async publish<Event extends JobEventName>(
    event: Event,
    payload: JobEvents[Event],
    options: SendJobOptions = {},
  ): Promise<void> {
    // One after another: inside a transaction they share its one connection.
    for (const name of this.#subscribers.get(event) ?? []) {
      await this.send(name, payload as unknown as JobPayloads[typeof name], options);
    }
  }

  /** Queues a job; resolves with its id, or null when a singleton of that key is already waiting. */
  async send<Name extends JobName>(
    name: Name,
    payload: JobPayloads[Name],
    { tx, startAfter, ...options }: SendJobOptions = {},
  ): Promise<string | null> {
    if (tx && !this.#definitions.has(name))
      throw new Error(`Define the queue ${name} before sending to it in a transaction.`);
    await this.#queue(name);
    const { policy: _policy, ...defaults } = this.#definitions.get(name) ?? {};
    const merged: SendOptions = { ...defaults, ...options };
    const cap = this.#retryDelayCap;
    if (cap !== undefined) {
      merged.retryDelay = Math.min(merged.retryDelay ?? 0, cap);
      if (merged.retryBackoff) merged.retryDelayMax = Math.min(merged.retryDelayMax ?? cap, cap);
    }
    const sendOptions: SendOptions = {
      ...merged,
      ...(startAfter !== undefined && { startAfter }),
      ...(tx && { db: fromPrisma(tx) }),
    };
    const traceParent = activeTraceParent();
    const data = traceParent ? { ...(payload as object), [TRACE_PARENT]: traceParent } : payload;
    return this.#boss.send(name, data as object, sendOptions);
  }

  /**
   * Runs `handler` for every job of `name` in this process. A handler that throws fails the attempt:
   * the job is retried after its delay until its retries run out, then stays failed (and counted).
   */
  async work<Name extends JobName>(name: Name, handler: JobHandler<Name>, { concurrency = 2 }: WorkOptions = {}) {
    await this.#queue(name);
    // Batches of `concurrency`, run side by side and settled one by one: fetching one job at a
    // time would wait out the polling interval between jobs. While batches come back full, the
    // next is fetched at once.
    await this.#boss.work<JobPayloads[Name], unknown, WorkOptionsOf>(
      name,
      workOptions(concurrency, this.#pollingIntervalSeconds),
      (jobs) =>
        Promise.all(
          jobs.map((job): Promise<JobResult> => {
            const { [TRACE_PARENT]: traceParent, ...payload } = job.data as Record<string, unknown>;
            const cause = spanContextOf(traceParent as string | undefined);
            const attempt = job.retryCount + 1;
            const attributes = { "job.queue": name, "job.attempt": attempt };
            return inSpan(
              `job ${name}`,
              { root: true, attributes, links: cause ? [{ context: cause }] : [] },
              async (span) => {
                try {
                  const info = { id: job.id, retryCount: job.retryCount, signal: job.signal };
                  await handler(payload as JobPayloads[Name], info);
                  this.#metrics?.finished(name, "completed");
                  return { id: job.id, status: "completed" };
                } catch (error) {
                  markFailed(span, error);
                  const retried = job.retryCount < job.retryLimit;
                  this.#metrics?.finished(name, retried ? "retried" : "failed");
                  this.#logger.warn({ err: error, job: name, id: job.id, attempt, retried }, "job failed");
                  const message = String((error as Error)?.message ?? error);
                  return { id: job.id, status: "failed", output: { message } };
                }
              },
            );
          }),
        ),
    );
  }

  /**
   * Sends a job of `name` on a cron schedule (5 fields) in `timeZone`; once per tick across every
   * process on the database. Calling it again replaces the schedule.
   */
  async schedule<Name extends JobName>(
    name: Name,
    cron: string,
    payload: JobPayloads[Name],
    { timeZone = "UTC", key }: { timeZone?: string; key?: string } = {},
  ): Promise<void> {
    await this.#queue(name);
    await this.#boss.schedule(name, cron, payload as object, { tz: timeZone, ...(key && { key }) });
  }

  async #queue(name: string): Promise<void> {
    await this.start();
    await this.#createQueue(name);
  }

  #createQueue(name: string): Promise<void> {
    let created = this.#queues.get(name);
    if (!created) {
      // Idempotent (and safe when several processes race to it).
      created = this.#boss.createQueue(name, {
        policy: this.#definitions.get(name)?.policy ?? "standard",
        notify: true,
      });
      created.catch(() => this.#queues.delete(name));
      this.#queues.set(name, created);
    }
    return created;
  }
}

export type { Job };

type WorkOptionsOf = ReturnType<typeof workOptions>;

function workOptions(concurrency: number, pollingIntervalSeconds: number) {
  return {
    // A batch of one would never burst (pg-boss cannot tell a full batch from a last job).
    batchSize: Math.max(2, concurrency),
    burstWhenBatchFull: true,
    perJobResults: true,
    includeMetadata: true,
    pollingIntervalSeconds,
    // NOTIFY wakes workers for new jobs only; a retry that comes due needs the poll.
    notifyPollingIntervalSeconds: pollingIntervalSeconds,
  } as const;
}

const queueOfDatabase = new WeakMap<PrismaClient, JobQueue>();

/** Makes `jobs` the queue that writes through `prisma` send their jobs to (see `jobQueueOf`). */
export function attachJobQueue(prisma: PrismaClient, jobs: JobQueue): void {
  queueOfDatabase.set(prisma, jobs);
}

/**
 * The queue of the server using `prisma`: the write protocol (versioned-write.ts) reaches it this
 * way rather than through every service's parameters. Undefined where no server runs (scripts, seed).
 */
export function jobQueueOf(prisma: PrismaClient): JobQueue | undefined {
  return queueOfDatabase.get(prisma);
}
