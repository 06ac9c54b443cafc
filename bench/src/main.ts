// npm run bench [-- --size 100000 --duration 4 --connections 1,8,32 ...]   (see --help)
//
// Our API against PostGraphile 5 and a hand-written pg + JSON ceiling, on one fresh PostgreSQL
// database: each started as its own production process, each sent the same questions by
// autocannon, one server after the other and then alternating. Prints the tables and writes
// JSON and Markdown to bench-results/ (git-ignored).
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { measureDashboard, type DashboardCost } from "./dashboard-cost.ts";
import { prepareDatabase, type BenchDatabase } from "./database.ts";
import { sendOnce } from "./load.ts";
import {
  DatabaseCpu,
  countStatements,
  measureCell,
  type CellMeasurement,
  type StatementCount,
  type Subject,
} from "./measure.ts";
import {
  OPERATION_LABELS,
  StatusMoves,
  TARGETS_OF,
  TARGET_LABELS,
  bodySource,
  type Operation,
  type Target,
} from "./operations.ts";
import { readOptions, USAGE, type BenchOptions } from "./options.ts";
import { profileOurApi, type OperationProfile } from "./profile.ts";
import {
  checkTargets,
  costTable,
  dashboardLine,
  memoryLine,
  pageSizeStatementsLine,
  summarise,
  targetsTable,
  throughputTable,
  type SummaryRow,
} from "./report.ts";
import { StatementCounter } from "./statement-counter.ts";
import { repoRoot, startServer, type RunningServer } from "./servers.ts";

const log = (line: string) => console.log(line);

/** What must be undone if the run is interrupted: processes we started, the database we created. */
const cleanup = { servers: new Set<RunningServer>(), databases: new Set<() => Promise<void>>() };

/** Extra node flags for our API (--ours-node-args). */
let oursNodeArguments: string[] = [];

async function start(target: Target, databaseUrl: string, nodeArguments: string[] = []): Promise<RunningServer> {
  const extra = target === "ours" ? oursNodeArguments : [];
  const server = await startServer(target, { databaseUrl, nodeArguments: [...extra, ...nodeArguments] });
  cleanup.servers.add(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  await server.stop();
  cleanup.servers.delete(server);
}

async function prepare(options: BenchOptions, size: number): Promise<BenchDatabase> {
  log(`Preparing a fresh database with ${size.toLocaleString("en")} synthetic engagements …`);
  const db = await prepareDatabase({
    serverUrl: options.serverUrl,
    size,
    trigramIndexes: options.trigramIndexes,
    log,
    onCreated: (dropDatabase) => cleanup.databases.add(dropDatabase),
  });
  log(
    `  ready in ${(db.preparedInMs / 1000).toFixed(1)} s${options.trigramIndexes ? " (with bench-only pg_trgm indexes)" : ""}`,
  );
  return db;
}

async function drop(db: BenchDatabase): Promise<void> {
  await db.drop();
  cleanup.databases.clear();
}

function subjectOf(server: RunningServer, db: BenchDatabase): Subject {
  // Only our API checks credentials; PostGraphile and the ceiling run open, as the issue compares them.
  return { server, headers: server.target === "ours" ? { authorization: `Bearer ${db.apiToken}` } : {} };
}

const operationsOf = (options: BenchOptions, target: Target) =>
  options.operations.filter((operation) => TARGETS_OF[operation].includes(target));

function describeCell(cell: CellMeasurement): string {
  const failures = cell.failures ? `  ${cell.failures} FAILED: ${cell.firstFailure?.slice(0, 160)}` : "";
  return (
    `  ${cell.pass.padEnd(11)} ${TARGET_LABELS[cell.target].padEnd(17)} ${OPERATION_LABELS[cell.operation].padEnd(20)} ` +
    `${String(cell.connections).padStart(2)} conns ${Math.round(cell.requestsPerSecond).toString().padStart(6)} req/s  ` +
    `p50 ${cell.latency.p50.toFixed(1).padStart(6)} ms  p99 ${cell.latency.p99.toFixed(1).padStart(6)} ms  ` +
    `CPU/req ${cell.serverCpuMsPerRequest.toFixed(2)} + db ${cell.databaseCpuMsPerRequest.toFixed(2)} ms  RSS ${Math.round(cell.peakRssMb)} MiB${failures}`
  );
}

/** Each server once against the counting proxy: SQL statements per request, and at page sizes 1–100 for (b). */
async function countAllStatements(options: BenchOptions, db: BenchDatabase, moves: StatusMoves) {
  log("Counting SQL statements per request (each server once, through a protocol-reading proxy) …");
  const server = new URL(options.serverUrl);
  const counter = await StatementCounter.start({ host: server.hostname, port: Number(server.port || 5432) });
  const counts: StatementCount[] = [];
  try {
    for (const target of options.targets) {
      const running = await start(target, counter.urlFor(db.url));
      try {
        const subject = subjectOf(running, db);
        for (const operation of operationsOf(options, target)) {
          counts.push(await countStatements(subject, counter, target, operation, db.fixtures, moves));
          if (operation === "page") {
            for (const pageSize of [1, 10, 50, 100]) {
              counts.push(await countStatements(subject, counter, target, operation, db.fixtures, moves, { pageSize }));
            }
          }
        }
      } finally {
        await stop(running);
      }
      const line = counts
        .filter((count) => count.target === target && !count.pageSize)
        .map((count) => `${OPERATION_LABELS[count.operation]} ${count.perRequest.toFixed(1)}`)
        .join(", ");
      log(`  ${TARGET_LABELS[target]}: ${line}`);
    }
  } finally {
    await counter.close();
  }
  return counts;
}

async function runComparison(options: BenchOptions, outDir: string, stamp: string) {
  const startedAt = new Date();
  const loadBefore = loadavg();
  log(
    `Engagement Tracker benchmark — ${cpus().length} CPUs, load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")}`,
  );
  const db = await prepare(options, options.size);
  const moves = new StatusMoves(db.fixtures.movableIds);
  const statements = await countAllStatements(options, db, moves);

  log("Starting the servers for measurement (production mode, each its own process) …");
  const servers = new Map<Target, RunningServer>();
  for (const target of options.targets) servers.set(target, await start(target, db.url));
  const subjects = new Map([...servers].map(([target, server]) => [target, subjectOf(server, db)]));
  for (const [target, subject] of subjects) {
    for (const operation of operationsOf(options, target)) {
      await sendOnce(subject.server.url, subject.headers, bodySource(target, operation, db.fixtures, moves)());
    }
  }

  const databaseCpu = await DatabaseCpu.open(db.url);
  const cells: CellMeasurement[] = [];
  const measure = async (target: Target, operation: Operation, connections: number, pass: string) => {
    const plan = {
      target,
      operation,
      connections,
      pass,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
    };
    const cell = await measureCell(subjects.get(target)!, plan, db.fixtures, moves, databaseCpu);
    cells.push(cell);
    log(describeCell(cell));
  };
  if (options.passes.includes("sequential")) {
    log("Pass 1: one server after the other");
    for (const target of options.targets) {
      for (const operation of operationsOf(options, target)) {
        for (const connections of options.connections) await measure(target, operation, connections, "sequential");
      }
    }
  }
  if (options.passes.includes("alternating")) {
    log("Pass 2: alternating servers cell by cell");
    let turn = 0;
    for (const operation of options.operations) {
      for (const connections of options.connections) {
        const order = options.targets.filter((target) => TARGETS_OF[operation].includes(target));
        // Who goes first alternates too, so neither side always meets a machine its rival just warmed.
        if (turn++ % 2) order.reverse();
        for (const target of order) await measure(target, operation, connections, "alternating");
      }
    }
  }
  const peakRss: Partial<Record<Target, number>> = {};
  for (const target of options.targets) {
    const sampled = cells.filter((cell) => cell.target === target).map((cell) => cell.peakRssMb);
    peakRss[target] = Math.max(0, ...sampled);
  }
  for (const target of ["postgraphile", "ceiling"] as const) {
    const server = servers.get(target);
    if (server) await stop(server);
  }

  let dashboard: DashboardCost | null = null;
  const ours = servers.get("ours");
  if (options.dashboard && ours) {
    log("Measuring the dashboard's cost (production build of apps/dashboard) …");
    dashboard = await measureDashboard({ apiUrl: ours.url, sessionToken: db.sessionToken, log });
    log(`  ${dashboardLine(dashboard)}`);
  }
  if (ours) await stop(ours);

  let profiles: OperationProfile[] = [];
  if (options.profile && options.targets.includes("ours")) {
    log("Profiling our API per operation (node --cpu-prof, 8 connections) …");
    profiles = await profileOurApi({
      operations: operationsOf(options, "ours"),
      durationSeconds: options.durationSeconds,
      outDir: join(outDir, `profiles-${stamp}`),
      startApi: (nodeArguments) => start("ours", db.url, nodeArguments),
      stopApi: stop,
      subjectOf: (server) => subjectOf(server, db),
      fixtures: db.fixtures,
      moves,
      readStatuses: (rowIds) => databaseCpu.statusesOf(rowIds),
      log,
    });
  }
  await databaseCpu.close();
  await drop(db);

  const rows = summarise(cells);
  const checks = checkTargets(rows, statements, dashboard);
  const costConnections = options.connections.includes(8) ? 8 : options.connections[0]!;
  const markdown = [
    `Size ${options.size.toLocaleString("en")} engagements; ${options.durationSeconds} s per cell, passes: ${options.passes.join(" + ")} (pooled); ` +
      `load average at start ${loadBefore.map((x) => x.toFixed(2)).join(" ")}.`,
    "",
    throughputTable(rows),
    "",
    costTable(rows, statements, costConnections),
    "",
    `(b) SQL statements per request by page size: ${pageSizeStatementsLine(statements)}`,
    "",
    `Peak RSS under load (sampled every 200 ms): ${memoryLine(peakRss)}`,
    "",
    `Dashboard: ${dashboardLine(dashboard)}`,
    "",
    targetsTable(checks),
    ...(profiles.length ? ["", profilesMarkdown(profiles)] : []),
  ].join("\n");
  log(`\n${markdown}\n`);
  const failing = rows.filter((row) => row.failures);
  for (const row of failing) {
    log(
      `WARNING: ${TARGET_LABELS[row.target]} ${OPERATION_LABELS[row.operation]} at ${row.connections}: ${row.failures} failed answers, e.g. ${row.firstFailure}`,
    );
  }

  const results = {
    kind: "comparison",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverageAtStart: loadBefore,
      loadAverageAtEnd: loadavg(),
    },
    options,
    database: { size: options.size, preparedInSeconds: db.preparedInMs / 1000, trigramIndexes: options.trigramIndexes },
    summary: rows,
    cells: cells.map(({ latencies: _latencies, ...cell }) => cell),
    statements,
    peakRssMb: peakRss,
    dashboard,
    targets: checks,
    profiles,
  };
  const base = join(outDir, `bench-${options.size}-${stamp}`);
  await writeFile(`${base}.json`, JSON.stringify(results, null, 2));
  await writeFile(`${base}.md`, `${markdown}\n`);
  log(`Results: ${base}.json and .md`);
}

function profilesMarkdown(profiles: OperationProfile[]): string {
  return profiles
    .map(
      (profile) =>
        `Profile of ours, ${OPERATION_LABELS[profile.operation]} (${profile.requests} requests, ${profile.cpuMsPerRequest.toFixed(2)} ms CPU each): ` +
        profile.byCategory
          .slice(0, 8)
          .map((share) => `${share.category} ${(share.fraction * 100).toFixed(0)}%`)
          .join(", "),
    )
    .join("\n\n");
}

/** (a)–(d) at 1 connection on each size: how latency grows with the data. */
async function runGrowth(options: BenchOptions, sizes: number[], outDir: string, stamp: string) {
  const operations = options.operations.filter((operation) => operation !== "statusMove");
  const rows: (SummaryRow & { size: number })[] = [];
  /** The machine is shared: how busy it was when each size was measured. */
  const loadAverages: number[][] = [];
  const base = join(outDir, `growth-${sizes.join("-")}-${stamp}`);
  // Written after every size, so a long run that fails at 1M keeps what it measured.
  const report = async (measured: number[]) => {
    const markdown =
      growthMarkdown(rows, measured, operations, options) +
      `\n\nLoad average (1 min) when each size started: ${loadAverages.map((load) => load[0]!.toFixed(1)).join(", ")}.`;
    const results = { kind: "growth", options, sizes: measured, loadAverages, rows };
    await writeFile(`${base}.json`, JSON.stringify(results, null, 2));
    await writeFile(`${base}.md`, `${markdown}\n`);
    return markdown;
  };
  for (const [index, size] of sizes.entries()) {
    const db = await prepare(options, size);
    const moves = new StatusMoves(db.fixtures.movableIds);
    const databaseCpu = await DatabaseCpu.open(db.url);
    loadAverages.push(loadavg());
    try {
      for (const target of options.targets) {
        const server = await start(target, db.url);
        try {
          const subject = subjectOf(server, db);
          for (const operation of operations.filter((operation) => TARGETS_OF[operation].includes(target))) {
            const plan = {
              target,
              operation,
              connections: 1,
              pass: "growth",
              durationSeconds: options.durationSeconds,
              warmupSeconds: Math.max(1, options.warmupSeconds),
              // A dashboard on 1M rows takes seconds: a p50 needs a few answers whatever the duration.
              minimumRequests: 5,
            };
            const cell = await measureCell(subject, plan, db.fixtures, moves, databaseCpu);
            log(describeCell(cell));
            rows.push(...summarise([cell]).map((row) => ({ ...row, size })));
          }
        } finally {
          await stop(server);
        }
      }
    } finally {
      await databaseCpu.close();
      await drop(db);
    }
    const markdown = await report(sizes.slice(0, index + 1));
    if (index === sizes.length - 1) log(`\n${markdown}\n`);
  }
  log(`Results: ${base}.json and .md`);
}

function growthMarkdown(
  rows: (SummaryRow & { size: number })[],
  sizes: number[],
  operations: Operation[],
  options: BenchOptions,
): string {
  const header = ["operation", "server", ...sizes.map((size) => `p50 / p99 ms at ${size.toLocaleString("en")}`)];
  header.push(`p50 ${sizes.at(-1)!.toLocaleString("en")} ÷ ${sizes[0]!.toLocaleString("en")}`);
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const operation of operations) {
    for (const target of options.targets.filter((target) => TARGETS_OF[operation].includes(target))) {
      const bySize = sizes.map((size) =>
        rows.find((row) => row.size === size && row.operation === operation && row.target === target),
      );
      const first = bySize[0];
      const last = bySize.at(-1);
      lines.push(
        `| ${[
          OPERATION_LABELS[operation],
          TARGET_LABELS[target],
          ...bySize.map((row) => (row ? `${row.p50Ms.toFixed(1)} / ${row.p99Ms.toFixed(1)}` : "–")),
          first && last ? `${(last.p50Ms / first.p50Ms).toFixed(2)}×` : "–",
        ].join(" | ")} |`,
      );
    }
  }
  return `Latency at 1 connection as the data grows (${options.durationSeconds} s per cell):\n\n${lines.join("\n")}`;
}

async function main(): Promise<number> {
  let options: BenchOptions | "help";
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    log(USAGE);
    return 0;
  }
  oursNodeArguments = options.oursNodeArguments;
  const outDir = options.outDir ?? join(repoRoot, "bench-results");
  await mkdir(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  if (options.growthSizes) await runGrowth(options, options.growthSizes, outDir, stamp);
  else await runComparison(options, outDir, stamp);
  return 0;
}

async function cleanUp(): Promise<void> {
  await Promise.allSettled([...cleanup.servers].map((server) => server.stop()));
  await Promise.allSettled([...cleanup.databases].map((dropDatabase) => dropDatabase()));
}

process.once("SIGINT", () => {
  log("\nInterrupted: stopping the servers and dropping the bench database …");
  void cleanUp().then(() => process.exit(130));
});

main().then(
  // The migration engine leaves a timer pending; exit explicitly.
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
