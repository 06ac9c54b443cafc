import pg from "pg";
import { drive, sendOnce, type LoadResult } from "./load.ts";
import {
  bodySource,
  type BodyOptions,
  type Fixtures,
  type Operation,
  type StatusMoves,
  type Target,
} from "./operations.ts";
import { MemorySampler, cpuMsOf, type RunningServer } from "./servers.ts";
import type { StatementCounter } from "./statement-counter.ts";

/** What one server needs to be sent requests: where, with which credentials, about which data. */
export interface Subject {
  server: RunningServer;
  headers: Record<string, string>;
}

export interface CellMeasurement extends LoadResult {
  target: Target;
  operation: Operation;
  connections: number;
  pass: string;
  /** The server process's resident memory at its highest during the cell, MiB. */
  peakRssMb: number;
  /** CPU the server process used per request, ms. */
  serverCpuMsPerRequest: number;
  /** CPU PostgreSQL's backends for this database used per request, ms. */
  databaseCpuMsPerRequest: number;
}

/** CPU time of the PostgreSQL backends serving the bench database (read from /proc; the server is local). */
export class DatabaseCpu {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<DatabaseCpu> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new DatabaseCpu(client);
  }

  async snapshot(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    return new Map(rows.map(({ pid }) => [pid, cpuMsOf(pid)]));
  }

  /** CPU ms used since `before` by backends alive now (a backend that exited meanwhile is missed). */
  async since(before: Map<number, number>): Promise<number> {
    let total = 0;
    for (const [pid, cpu] of await this.snapshot()) total += cpu - (before.get(pid) ?? 0);
    return total;
  }

  /**
   * Waits until no statement runs on the bench database: a request the load generator gave up on
   * at the end of a cell (a slow dashboard on 1M rows) goes on in the server and PostgreSQL, and
   * would otherwise be billed to the next cell.
   */
  async waitUntilIdle(limitMs = 180_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      const { rows } = await this.client.query<{ busy: number }>(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND backend_type = 'client backend' AND state = 'active'`,
      );
      if (rows[0]!.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Current statuses of some engagements (for StatusMoves.reconcile). */
  async statusesOf(rowIds: string[]): Promise<Map<string, string>> {
    const { rows } = await this.client.query<{ id: string; status: string }>(
      `SELECT id, status::text FROM "Engagement" WHERE id = ANY($1::uuid[])`,
      [rowIds],
    );
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export interface CellPlan {
  target: Target;
  operation: Operation;
  connections: number;
  pass: string;
  durationSeconds: number;
  warmupSeconds: number;
  /** Keep going past the duration until this many answers came back (slow operations on big data). */
  minimumRequests?: number;
}

export async function measureCell(
  subject: Subject,
  plan: CellPlan,
  fixtures: Fixtures,
  moves: StatusMoves,
  databaseCpu: DatabaseCpu,
): Promise<CellMeasurement> {
  const load = {
    url: subject.server.url,
    connections: plan.connections,
    headers: subject.headers,
    nextBody: bodySource(plan.target, plan.operation, fixtures, moves),
    onAnswer: plan.operation === "statusMove" ? (body: string) => moves.followAnswer(body) : undefined,
  };
  const reconcile = () => moves.reconcile((rowIds) => databaseCpu.statusesOf(rowIds));
  await databaseCpu.waitUntilIdle();
  if (plan.warmupSeconds > 0) {
    await drive({ ...load, durationSeconds: plan.warmupSeconds });
    await reconcile();
    await databaseCpu.waitUntilIdle();
  }
  const memory = new MemorySampler(subject.server.pid);
  const serverCpuBefore = cpuMsOf(subject.server.pid);
  const databaseBefore = await databaseCpu.snapshot();
  const result = await drive({
    ...load,
    durationSeconds: plan.durationSeconds,
    minimumRequests: plan.minimumRequests,
  });
  const databaseCpuMs = await databaseCpu.since(databaseBefore);
  const serverCpuMs = cpuMsOf(subject.server.pid) - serverCpuBefore;
  const peakRssMb = memory.stop();
  await reconcile();
  const perRequest = (ms: number) => ms / Math.max(1, result.requests);
  return {
    ...plan,
    ...result,
    peakRssMb,
    serverCpuMsPerRequest: perRequest(serverCpuMs),
    databaseCpuMsPerRequest: perRequest(databaseCpuMs),
  };
}

export interface StatementCount {
  target: Target;
  operation: Operation;
  pageSize?: number;
  /** Statements per request, averaged over the requests sent. */
  perRequest: number;
  /** Of those, transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT). */
  transactionControlPerRequest: number;
  /** The statements of one request, in order (texts shortened). */
  sample: string[];
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|START TRANSACTION)\b/i;

/**
 * Sends `requests` requests one at a time through a server started against the counting proxy,
 * after two unmeasured ones (connection set-up, prepared statements), and counts the SQL they cost.
 */
export async function countStatements(
  subject: Subject,
  counter: StatementCounter,
  target: Target,
  operation: Operation,
  fixtures: Fixtures,
  moves: StatusMoves,
  options: BodyOptions & { requests?: number } = {},
): Promise<StatementCount> {
  const requests = options.requests ?? 6;
  const nextBody = bodySource(target, operation, fixtures, moves, options);
  const send = async () => {
    const answer = await sendOnce(subject.server.url, subject.headers, nextBody());
    if (operation === "statusMove") moves.followAnswer(answer);
  };
  await send();
  await send();
  // Work a request starts after answering (e.g. reading a NOTIFY'd event) belongs to it too.
  await settle();
  counter.reset();
  for (let sent = 0; sent < requests; sent++) await send();
  await settle();
  const executed = [...counter.executed];
  const perRequest = executed.length / requests;
  const shorten = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 4_000);
  return {
    target,
    operation,
    pageSize: options.pageSize,
    perRequest,
    transactionControlPerRequest: executed.filter((sql) => TRANSACTION_CONTROL.test(sql)).length / requests,
    sample: executed.slice(0, Math.round(perRequest)).map(shorten),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
