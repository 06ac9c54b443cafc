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
import type { BenchDatabase } from "./database.ts";
import { sendOnce } from "./load.ts";
import { DatabaseCpu, countStatements, measureCell, type CellMeasurement, type StatementCount } from "./measure.ts";
import {
  OPERATION_LABELS,
  StatusMoves,
  TARGETS_OF,
  TARGET_LABELS,
  bodySource,
  type Operation,
  type Target,
} from "./operations.ts";
import { readOptions, USAGE } from "./options.ts";
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
} from "./report.ts";
import { StatementCounter } from "./statement-counter.ts";
import { runGrowth } from "./growth.ts";
import { BenchRun, describeCell, log, runBenchCommand, subjectOf } from "./run.ts";
import { repoRoot, type RunningServer } from "./servers.ts";

/** Each server once against the counting proxy: SQL statements per request, and at page sizes 1–100 for (b). */
async function countAllStatements(run: BenchRun, db: BenchDatabase, moves: StatusMoves) {
  const { options } = run;
  log("Counting SQL statements per request (each server once, through a protocol-reading proxy) …");
  const server = new URL(options.serverUrl);
  const counter = await StatementCounter.start({ host: server.hostname, port: Number(server.port || 5432) });
  const counts: StatementCount[] = [];
  try {
    for (const target of options.targets) {
      const running = await run.start(target, counter.urlFor(db.url));
      try {
        const subject = subjectOf(running, db);
        for (const operation of run.operationsOf(target)) {
          counts.push(await countStatements(subject, counter, target, operation, db.fixtures, moves));
          if (operation === "page") {
            for (const pageSize of [1, 10, 50, 100]) {
              counts.push(await countStatements(subject, counter, target, operation, db.fixtures, moves, { pageSize }));
            }
          }
        }
      } finally {
        await run.stop(running);
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

async function runComparison(run: BenchRun, outDir: string, stamp: string) {
  const { options } = run;
  const startedAt = new Date();
  const loadBefore = loadavg();
  log(
    `Engagement Tracker benchmark — ${cpus().length} CPUs, load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")}`,
  );
  const db = await run.prepare(options.size);
  const moves = new StatusMoves(db.fixtures.movableIds);
  const statements = await countAllStatements(run, db, moves);

  log("Starting the servers for measurement (production mode, each its own process) …");
  const servers = new Map<Target, RunningServer>();
  for (const target of options.targets) servers.set(target, await run.start(target, db.url));
  const subjects = new Map([...servers].map(([target, server]) => [target, subjectOf(server, db)]));
  for (const [target, subject] of subjects) {
    for (const operation of run.operationsOf(target)) {
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
      for (const operation of run.operationsOf(target)) {
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
    if (server) await run.stop(server);
  }

  let dashboard: DashboardCost | null = null;
  const ours = servers.get("ours");
  if (options.dashboard && ours) {
    log("Measuring the dashboard's cost (production build of apps/dashboard) …");
    dashboard = await measureDashboard({ apiUrl: ours.url, sessionToken: db.sessionToken, log });
    log(`  ${dashboardLine(dashboard)}`);
  }
  if (ours) await run.stop(ours);

  let profiles: OperationProfile[] = [];
  if (options.profile && options.targets.includes("ours")) {
    log("Profiling our API per operation (node --cpu-prof, 8 connections) …");
    profiles = await profileOurApi({
      operations: run.operationsOf("ours"),
      durationSeconds: options.durationSeconds,
      outDir: join(outDir, `profiles-${stamp}`),
      startApi: (nodeArguments) => run.start("ours", db.url, nodeArguments),
      stopApi: (server) => run.stop(server),
      subjectOf: (server) => subjectOf(server, db),
      fixtures: db.fixtures,
      moves,
      readStatuses: (rowIds) => databaseCpu.statusesOf(rowIds),
      log,
    });
  }
  await databaseCpu.close();
  await run.drop(db);

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

runBenchCommand(
  USAGE,
  readOptions,
  (options) => options,
  async (run, options) => {
    const outDir = options.outDir ?? join(repoRoot, "bench-results");
    await mkdir(outDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
    if (options.growthSizes) await runGrowth(run, options.growthSizes, outDir, stamp);
    else await runComparison(run, outDir, stamp);
  },
);
