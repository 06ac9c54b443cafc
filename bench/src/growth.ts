import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { DatabaseCpu, measureCell } from "./measure.ts";
import { OPERATION_LABELS, StatusMoves, TARGETS_OF, TARGET_LABELS, type Operation } from "./operations.ts";
import type { BenchOptions } from "./options.ts";
import { summarise, type SummaryRow } from "./report.ts";
import { describeCell, log, subjectOf, type BenchRun } from "./run.ts";

/** (a)–(d) at 1 connection on each size: how latency grows with the data. */
export async function runGrowth(run: BenchRun, sizes: number[], outDir: string, stamp: string) {
  const { options } = run;
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
    const db = await run.prepare(size);
    const moves = new StatusMoves(db.fixtures.movableIds);
    const databaseCpu = await DatabaseCpu.open(db.url);
    loadAverages.push(loadavg());
    try {
      for (const target of options.targets) {
        const server = await run.start(target, db.url);
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
          await run.stop(server);
        }
      }
    } finally {
      await databaseCpu.close();
      await run.drop(db);
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
