import { prepareDatabase, type BenchDatabase } from "./database.ts";
import type { CellMeasurement, Subject } from "./measure.ts";
import { OPERATION_LABELS, TARGETS_OF, TARGET_LABELS, type Target } from "./operations.ts";
import type { BenchOptions } from "./options.ts";
import { startServer, type RunningServer } from "./servers.ts";

export const log = (line: string) => console.log(line);

/**
 * One bench run's servers and databases: each started through it is stopped or dropped through it,
 * and `cleanUp` undoes whatever an interrupted run left behind.
 */
export class BenchRun {
  private readonly servers = new Set<RunningServer>();
  private readonly databases = new Set<() => Promise<void>>();

  constructor(readonly options: BenchOptions) {}

  async start(target: Target, databaseUrl: string, nodeArguments: string[] = []): Promise<RunningServer> {
    const extra = target === "ours" ? this.options.oursNodeArguments : [];
    const server = await startServer(target, { databaseUrl, nodeArguments: [...extra, ...nodeArguments] });
    this.servers.add(server);
    return server;
  }

  async stop(server: RunningServer): Promise<void> {
    await server.stop();
    this.servers.delete(server);
  }

  async prepare(size: number): Promise<BenchDatabase> {
    const { options } = this;
    log(`Preparing a fresh database with ${size.toLocaleString("en")} synthetic engagements …`);
    const db = await prepareDatabase({
      serverUrl: options.serverUrl,
      size,
      trigramIndexes: options.trigramIndexes,
      log,
      onCreated: (dropDatabase) => this.databases.add(dropDatabase),
    });
    log(
      `  ready in ${(db.preparedInMs / 1000).toFixed(1)} s${options.trigramIndexes ? " (with bench-only pg_trgm indexes)" : ""}`,
    );
    return db;
  }

  async drop(db: BenchDatabase): Promise<void> {
    await db.drop();
    this.databases.clear();
  }

  /** The operations of this run that `target` answers. */
  operationsOf(target: Target) {
    return this.options.operations.filter((operation) => TARGETS_OF[operation].includes(target));
  }

  async cleanUp(): Promise<void> {
    await Promise.allSettled([...this.servers].map((server) => server.stop()));
    await Promise.allSettled([...this.databases].map((dropDatabase) => dropDatabase()));
  }
}

export function subjectOf(server: RunningServer, db: BenchDatabase): Subject {
  // Only our API checks credentials; PostGraphile and the ceiling run open, as the issue compares them.
  return { server, headers: server.target === "ours" ? { authorization: `Bearer ${db.apiToken}` } : {} };
}

export function describeCell(cell: CellMeasurement): string {
  const failures = cell.failures ? `  ${cell.failures} FAILED: ${cell.firstFailure?.slice(0, 160)}` : "";
  return (
    `  ${cell.pass.padEnd(11)} ${TARGET_LABELS[cell.target].padEnd(17)} ${OPERATION_LABELS[cell.operation].padEnd(20)} ` +
    `${String(cell.connections).padStart(2)} conns ${Math.round(cell.requestsPerSecond).toString().padStart(6)} req/s  ` +
    `p50 ${cell.latency.p50.toFixed(1).padStart(6)} ms  p99 ${cell.latency.p99.toFixed(1).padStart(6)} ms  ` +
    `CPU/req ${cell.serverCpuMsPerRequest.toFixed(2)} + db ${cell.databaseCpuMsPerRequest.toFixed(2)} ms  RSS ${Math.round(cell.peakRssMb)} MiB${failures}`
  );
}

/**
 * A bench command from start to exit: reads its options (a usage error exits 2, `--help` prints the
 * usage), measures with a BenchRun, and stops the servers and drops the databases it started however
 * the run ends: done, failed or interrupted.
 */
export function runBenchCommand<Options>(
  usage: string,
  readOptions: (argv: string[]) => Options | "help",
  benchOptionsOf: (options: Options) => BenchOptions,
  measure: (run: BenchRun, options: Options) => Promise<void>,
): void {
  let run: BenchRun | undefined;
  process.once("SIGINT", () => {
    log("\nInterrupted: stopping the servers and dropping the bench database …");
    void (run?.cleanUp() ?? Promise.resolve()).then(() => process.exit(130));
  });
  const main = async (): Promise<number> => {
    let options: Options | "help";
    try {
      options = readOptions(process.argv.slice(2));
    } catch (error) {
      console.error(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (options === "help") {
      log(usage);
      return 0;
    }
    run = new BenchRun(benchOptionsOf(options));
    try {
      await measure(run, options);
    } finally {
      await run.cleanUp();
    }
    return 0;
  };
  main().then(
    // The migration engine leaves a timer pending; exit explicitly.
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
