import type { DashboardCost } from "./dashboard-cost.ts";
import type { CellMeasurement, StatementCount } from "./measure.ts";
import { OPERATION_LABELS, TARGET_LABELS, type Operation, type Target } from "./operations.ts";

/** One operation × concurrency × server, every pass pooled. */
export interface SummaryRow {
  operation: Operation;
  connections: number;
  target: Target;
  requests: number;
  requestsPerSecond: number;
  /** Each pass on its own, to show how steady the machine was. */
  requestsPerSecondByPass: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  firstFailure: string | null;
  serverCpuMsPerRequest: number;
  databaseCpuMsPerRequest: number;
  peakRssMb: number;
}

export function summarise(cells: CellMeasurement[]): SummaryRow[] {
  const groups = new Map<string, CellMeasurement[]>();
  for (const cell of cells) {
    const key = `${cell.operation}|${cell.connections}|${cell.target}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const requests = group.reduce((sum, cell) => sum + cell.requests, 0);
    const seconds = group.reduce((sum, cell) => sum + cell.durationSeconds, 0);
    const latencies = group.flatMap((cell) => cell.latencies).sort((a, b) => a - b);
    const at = (fraction: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? NaN;
    const weighted = (value: (cell: CellMeasurement) => number) =>
      group.reduce((sum, cell) => sum + value(cell) * cell.requests, 0) / Math.max(1, requests);
    return {
      operation: first.operation,
      connections: first.connections,
      target: first.target,
      requests,
      requestsPerSecond: requests / seconds,
      requestsPerSecondByPass: Object.fromEntries(group.map((cell) => [cell.pass, cell.requestsPerSecond])),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      failures: group.reduce((sum, cell) => sum + cell.failures, 0),
      firstFailure: group.find((cell) => cell.firstFailure)?.firstFailure ?? null,
      serverCpuMsPerRequest: weighted((cell) => cell.serverCpuMsPerRequest),
      databaseCpuMsPerRequest: weighted((cell) => cell.databaseCpuMsPerRequest),
      peakRssMb: Math.max(...group.map((cell) => cell.peakRssMb)),
    };
  });
}

const fixed = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
const rate = (value: number | undefined) => (value === undefined ? "–" : Math.round(value).toLocaleString("en"));
const latency = (row: SummaryRow | undefined) => (row ? `${fixed(row.p50Ms)} / ${fixed(row.p99Ms)}` : "–");
const ratio = (ours: SummaryRow | undefined, other: SummaryRow | undefined) =>
  ours && other ? (ours.requestsPerSecond / other.requestsPerSecond).toFixed(2) : "–";

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function find(rows: SummaryRow[], operation: Operation, connections: number, target: Target) {
  return rows.find((row) => row.operation === operation && row.connections === connections && row.target === target);
}

/** Requests per second, latency and the ratios, one line per operation × concurrency. */
export function throughputTable(rows: SummaryRow[]): string {
  const cells = [...new Set(rows.map((row) => `${row.operation}|${row.connections}`))].map((key) => {
    const [operation, connections] = key.split("|") as [Operation, string];
    return { operation, connections: Number(connections) };
  });
  return table(
    [
      "operation",
      "conns",
      "ours req/s",
      "PostGraphile req/s",
      "ceiling req/s",
      "ours ÷ PG",
      "ours ÷ ceiling",
      "ours p50 / p99 ms",
      "PG p50 / p99 ms",
      "ceiling p50 / p99 ms",
    ],
    cells.map(({ operation, connections }) => {
      const [ours, postgraphile, ceiling] = (["ours", "postgraphile", "ceiling"] as const).map((target) =>
        find(rows, operation, connections, target),
      );
      return [
        OPERATION_LABELS[operation],
        String(connections),
        rate(ours?.requestsPerSecond),
        rate(postgraphile?.requestsPerSecond),
        rate(ceiling?.requestsPerSecond),
        ratio(ours, postgraphile),
        ratio(ours, ceiling),
        latency(ours),
        latency(postgraphile),
        latency(ceiling),
      ];
    }),
  );
}

/** Where the time goes: CPU per request in each server process and in PostgreSQL, and SQL statements per request. */
export function costTable(rows: SummaryRow[], statements: StatementCount[], connections: number): string {
  const operations = [...new Set(rows.map((row) => row.operation))];
  const statementsOf = (operation: Operation, target: Target) => {
    const count = statements.find((item) => item.operation === operation && item.target === target && !item.pageSize);
    return count ? fixed(count.perRequest) : "–";
  };
  const cpu = (row: SummaryRow | undefined) =>
    row ? `${fixed(row.serverCpuMsPerRequest, 2)} / ${fixed(row.databaseCpuMsPerRequest, 2)}` : "–";
  return table(
    [
      "operation",
      "SQL/req ours",
      "SQL/req PG",
      "SQL/req ceiling",
      `CPU ms/req ours (server / PostgreSQL), ${connections} conns`,
      "PG",
      "ceiling",
    ],
    operations.map((operation) => [
      OPERATION_LABELS[operation],
      statementsOf(operation, "ours"),
      statementsOf(operation, "postgraphile"),
      statementsOf(operation, "ceiling"),
      cpu(find(rows, operation, connections, "ours")),
      cpu(find(rows, operation, connections, "postgraphile")),
      cpu(find(rows, operation, connections, "ceiling")),
    ]),
  );
}

export function pageSizeStatementsLine(statements: StatementCount[]): string {
  const bySize = (target: Target) =>
    statements
      .filter((item) => item.operation === "page" && item.target === target && item.pageSize)
      .map((item) => `${item.pageSize}: ${fixed(item.perRequest)}`)
      .join(", ");
  return (["ours", "postgraphile", "ceiling"] as const)
    .filter((target) => bySize(target))
    .map((target) => `${TARGET_LABELS[target]} — ${bySize(target)}`)
    .join("; ");
}

export function memoryLine(peaks: Partial<Record<Target, number>>): string {
  return Object.entries(peaks)
    .map(([target, mb]) => `${TARGET_LABELS[target as Target]} ${Math.round(mb)} MiB`)
    .join(", ");
}

export function dashboardLine(cost: DashboardCost | null): string {
  if (!cost) return "not measured (--no-dashboard)";
  if (!cost.built) return `not measured: ${cost.reason.split("\n")[0]}`;
  const { overviewResponseMs: time, javascript } = cost;
  return (
    `overview server response p50 ${fixed(time.p50)} ms (mean ${fixed(time.mean)}, max ${fixed(time.max)}, ${time.samples} requests); ` +
    `JavaScript ${javascript.files} files, ${fixed(javascript.bytes / 1024)} kB, ${fixed(javascript.gzipBytes / 1024)} kB gzip`
  );
}

export interface TargetCheck {
  target: string;
  met: boolean | null;
  measured: string;
}

/** The targets, as measured in this run (null: not measured). */
export function checkTargets(
  rows: SummaryRow[],
  statements: StatementCount[],
  dashboard: DashboardCost | null,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const operation of ["page", "search", "detail"] as const) {
    for (const connections of [8, 32]) {
      const ours = find(rows, operation, connections, "ours");
      const postgraphile = find(rows, operation, connections, "postgraphile");
      const ceiling = find(rows, operation, connections, "ceiling");
      const versusPg = ours && postgraphile ? ours.requestsPerSecond / postgraphile.requestsPerSecond : null;
      const versusCeiling = ours && ceiling ? ours.requestsPerSecond / ceiling.requestsPerSecond : null;
      checks.push({
        target: `${OPERATION_LABELS[operation]} at ${connections} conns: ours ÷ PostGraphile ≥ 1.0`,
        met: versusPg === null ? null : versusPg >= 1,
        measured: versusPg === null ? "–" : versusPg.toFixed(2),
      });
      checks.push({
        target: `${OPERATION_LABELS[operation]} at ${connections} conns: ours ÷ ceiling ≥ 0.6`,
        met: versusCeiling === null ? null : versusCeiling >= 0.6,
        measured: versusCeiling === null ? "–" : versusCeiling.toFixed(2),
      });
    }
  }
  for (const [operation, limit] of [
    ["page", 15],
    ["search", 5],
    ["detail", 3],
  ] as const) {
    const ours = find(rows, operation, 1, "ours");
    checks.push({
      target: `${OPERATION_LABELS[operation]} p99 at 1 connection < ${limit} ms`,
      met: ours ? ours.p99Ms < limit : null,
      measured: ours ? `${fixed(ours.p99Ms)} ms` : "–",
    });
  }
  const pageCounts = statements.filter((item) => item.operation === "page" && item.target === "ours" && item.pageSize);
  const counts = pageCounts.map((item) => item.perRequest);
  checks.push({
    target: "(b) SQL statements per request constant and ≤ 4 from page size 1 to 100",
    met: counts.length ? Math.max(...counts) <= 4 && Math.max(...counts) === Math.min(...counts) : null,
    measured: pageCounts.map((item) => `${item.pageSize}→${fixed(item.perRequest)}`).join(", ") || "–",
  });
  checks.push({
    target: "Overview page JavaScript < 200 kB gzip",
    met: dashboard?.built ? dashboard.javascript.gzipBytes < 200 * 1024 : null,
    measured: dashboard?.built ? `${fixed(dashboard.javascript.gzipBytes / 1024)} kB` : "–",
  });
  return checks;
}

export function targetsTable(checks: TargetCheck[]): string {
  return table(
    ["target", "measured", "met"],
    checks.map((check) => [
      check.target,
      check.measured,
      check.met === null ? "not measured" : check.met ? "yes" : "**no**",
    ]),
  );
}
