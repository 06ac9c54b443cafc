import { parseArgs } from "node:util";
import { DEFAULT_OPERATIONS, OPERATIONS, TARGETS, type Operation, type Target } from "./operations.ts";

export const USAGE = `npm run bench [-- options]

  --size N              synthetic engagements to seed (default 10000; up to 1000000)
  --duration S          seconds measured per cell (default 4)
  --warmup S            seconds of unmeasured load before each cell (default 0.5)
  --connections LIST    concurrent connections (default 1,8,32)
  --operations LIST     dashboard,page,search,detail,statusMove (the default), and pageWithCount,
                        searchWithCount: (b) and (c) also asking for totalCount (in --growth by default)
  --targets LIST        ours,postgraphile,ceiling (default all)
  --passes LIST         sequential,alternating (default both)
  --growth LIST         instead: (a)-(d) at 1 connection on each size, e.g. 10000,100000,1000000
  --profile             also CPU-profile our API per operation (node --cpu-prof) and summarise by package
  --no-trigram-indexes  only the product's migrations (no pg_trgm indexes in the bench database)
  --no-dashboard        skip the dashboard's production build and overview measurement
  --ours-node-args ARGS extra node flags for our API's process, e.g. "--max-semi-space-size=64"
  --server-url URL      PostgreSQL server (default DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres)
  --out DIR             where results go (default bench-results/ at the repository root)`;

export type Pass = "sequential" | "alternating";

export interface BenchOptions {
  size: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  operations: Operation[];
  targets: Target[];
  passes: Pass[];
  growthSizes: number[] | null;
  profile: boolean;
  trigramIndexes: boolean;
  dashboard: boolean;
  serverUrl: string;
  outDir: string | null;
  /** Extra node flags for our API's process, to try runtime settings without editing apps/api. */
  oursNodeArguments: string[];
}

function list<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(",").map((item) => item.trim()) as T[];
  const unknown = items.filter((item) => !allowed.includes(item));
  if (unknown.length) throw new Error(`${flag}: unknown ${unknown.join(", ")} (choose from ${allowed.join(", ")})`);
  return items;
}

function positive(flag: string, text: string, { whole = true, max = Infinity } = {}): number {
  const value = Number(text);
  if (!(value > 0) || value > max || (whole && !Number.isInteger(value))) {
    throw new Error(
      `${flag} takes a ${whole ? "whole " : ""}number above 0${max < Infinity ? ` and at most ${max}` : ""}`,
    );
  }
  return value;
}

export function readOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: "string", default: "10000" },
      duration: { type: "string", default: "4" },
      warmup: { type: "string", default: "0.5" },
      connections: { type: "string", default: "1,8,32" },
      operations: { type: "string" },
      targets: { type: "string", default: TARGETS.join(",") },
      passes: { type: "string", default: "sequential,alternating" },
      growth: { type: "string" },
      profile: { type: "boolean", default: false },
      "no-trigram-indexes": { type: "boolean", default: false },
      "no-dashboard": { type: "boolean", default: false },
      "server-url": { type: "string" },
      "ours-node-args": { type: "string", default: "" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  const maxSize = 1_000_000;
  return {
    size: positive("--size", values.size, { max: maxSize }),
    durationSeconds: positive("--duration", values.duration, { whole: false }),
    warmupSeconds: values.warmup === "0" ? 0 : positive("--warmup", values.warmup, { whole: false }),
    connections: values.connections.split(",").map((text) => positive("--connections", text, { max: 256 })),
    operations: values.operations
      ? list("--operations", values.operations, OPERATIONS)
      : values.growth
        ? ["dashboard", "page", "pageWithCount", "search", "searchWithCount", "detail"]
        : [...DEFAULT_OPERATIONS],
    targets: list("--targets", values.targets, TARGETS),
    passes: list("--passes", values.passes, ["sequential", "alternating"] as const),
    growthSizes: values.growth
      ? values.growth.split(",").map((text) => positive("--growth", text, { max: maxSize }))
      : null,
    profile: values.profile,
    trigramIndexes: !values["no-trigram-indexes"],
    dashboard: !values["no-dashboard"],
    serverUrl: values["server-url"] ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    outDir: values.out ?? null,
    oursNodeArguments: values["ours-node-args"].split(/\s+/).filter(Boolean),
  };
}
