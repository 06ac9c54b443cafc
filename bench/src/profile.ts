import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { drive } from "./load.ts";
import { bodySource, type Fixtures, type Operation, type StatusMoves } from "./operations.ts";
import { cpuMsOf, repoRoot, type RunningServer } from "./servers.ts";
import type { Subject } from "./measure.ts";

export interface OperationProfile {
  operation: Operation;
  requests: number;
  /** CPU the API process used per request during the window (from /proc). */
  cpuMsPerRequest: number;
  /** Share of the sampled CPU time during the window, by library or part of our code. */
  byCategory: { category: string; fraction: number }[];
  /** The functions with the most self time during the window. */
  topFunctions: { name: string; where: string; fraction: number }[];
  file: string;
}

export interface ProfileOptions {
  operations: Operation[];
  durationSeconds: number;
  outDir: string;
  startApi: (nodeArguments: string[]) => Promise<RunningServer>;
  stopApi: (server: RunningServer) => Promise<void>;
  subjectOf: (server: RunningServer) => Subject;
  fixtures: Fixtures;
  moves: StatusMoves;
  /** Current statuses of engagements, for moves whose answers the load generator dropped. */
  readStatuses: (rowIds: string[]) => Promise<Map<string, string>>;
  log: (line: string) => void;
}

/**
 * One API process per operation, started with `node --cpu-prof`, loaded at 8 connections; the
 * samples taken inside the measured window (start-up and shutdown left out) are attributed to the
 * package or folder their code lives in.
 */
export async function profileOurApi(options: ProfileOptions): Promise<OperationProfile[]> {
  const profiles: OperationProfile[] = [];
  for (const operation of options.operations) {
    const dir = join(options.outDir, operation);
    const server = await options.startApi(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const subject = options.subjectOf(server);
    const load = {
      url: server.url,
      connections: 8,
      headers: subject.headers,
      nextBody: bodySource("ours", operation, options.fixtures, options.moves),
      onAnswer: operation === "statusMove" ? (body: string) => options.moves.followAnswer(body) : undefined,
    };
    await drive({ ...load, durationSeconds: 1 });
    const cpuBefore = cpuMsOf(server.pid);
    const windowStart = Date.now();
    const result = await drive({ ...load, durationSeconds: options.durationSeconds });
    const windowEnd = Date.now();
    const cpuMs = cpuMsOf(server.pid) - cpuBefore;
    await options.stopApi(server);
    const exitedAt = Date.now();
    await options.moves.reconcile(options.readStatuses);
    const file = (await readdir(dir)).find((name) => name.endsWith(".cpuprofile"));
    if (!file) {
      options.log(`  ${operation}: no profile written`);
      continue;
    }
    const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as CpuProfile;
    const summary = summariseProfile(profile, {
      // The profile's clock is not the wall clock; its end is (about) when the process exited.
      fromUs: profile.endTime - (exitedAt - windowStart) * 1000,
      toUs: profile.endTime - (exitedAt - windowEnd) * 1000,
    });
    profiles.push({
      operation,
      requests: result.requests,
      cpuMsPerRequest: cpuMs / Math.max(1, result.requests),
      ...summary,
      file: join(dir, file),
    });
    options.log(
      `  ${operation}: ${(cpuMs / Math.max(1, result.requests)).toFixed(2)} ms CPU/request; ` +
        summary.byCategory
          .slice(0, 6)
          .map((share) => `${share.category} ${(share.fraction * 100).toFixed(0)}%`)
          .join(", "),
    );
  }
  return profiles;
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which library or part of the code a function's file belongs to. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)") return "garbage collection";
    if (functionName === "(idle)") return "idle";
    if (functionName === "(program)") return "V8 (program)";
    if (functionName === "runMicrotasks") return "promise jobs (runMicrotasks)";
    return "native bindings (socket writes, …)";
  }
  // Every promise pays for these once any AsyncLocalStorage is in use (Node 20 and 22 implement it with promise hooks).
  if (url.includes("async_hooks")) return "async hooks (AsyncLocalStorage)";
  if (url.startsWith("node:")) return "Node.js internals (http, streams, crypto, timers)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  const pkg = packageMatch?.[1];
  if (!pkg) {
    if (url.includes("/prisma/generated/")) return "Prisma client (generated)";
    if (url.includes("/apps/api/src/")) return "our API code";
    if (url.includes("/prisma/src/")) return "our db package";
    return "other";
  }
  const groups: [RegExp, string][] = [
    [/^(@prisma\/|prisma$)/, "Prisma client / adapter"],
    [
      /^(pg|pg-protocol|pg-types|pg-pool|postgres-array|postgres-date|postgres-interval|postgres-bytea|pgpass)$/,
      "pg driver",
    ],
    [/^graphql$/, "graphql-js (parse, validate, execute)"],
    [
      /^(type-graphql|class-validator|class-transformer|reflect-metadata|validator|libphonenumber-js)$/,
      "type-graphql + class-validator",
    ],
    [/^@apollo\//, "Apollo Server"],
    [/^@escape\.tech\//, "graphql-armor"],
    [
      /^(express|router|body-parser|raw-body|cors|express-rate-limit|send|finalhandler|on-finished|type-is|content-type|iconv-lite|qs|@as-integrations\/.*)$/,
      "Express + middleware",
    ],
    [/^(pino|pino-http|pino-std-serializers|sonic-boom|fast-redact|thread-stream)$/, "logging (pino)"],
    [/^prom-client$/, "metrics (prom-client)"],
    [/^dataloader$/, "DataLoader"],
    [/^(graphql-scalars|graphql-relay)$/, "scalars / relay ids"],
    [/^(tsx|esbuild|get-tsconfig)$/, "tsx loader"],
  ];
  return groups.find(([pattern]) => pattern.test(pkg))?.[1] ?? pkg;
}

function summariseProfile(
  profile: CpuProfile,
  window: { fromUs: number; toUs: number },
): Pick<OperationProfile, "byCategory" | "topFunctions"> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let time = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (time < window.fromUs || time > window.toUs) return;
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
  });
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  for (const [nodeId, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(nodeId)!.callFrame;
    const category = categoryOf(url, functionName);
    if (category === "idle") continue;
    busyUs += us;
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    const where = `${url.replace(/^.*node_modules\//, "").replace(`file://${repoRoot}`, "")}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || "(anonymous)", where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const share = (us: number) => us / Math.max(1, busyUs);
  return {
    byCategory: [...byCategory]
      .map(([category, us]) => ({ category, fraction: share(us) }))
      .sort((a, b) => b.fraction - a.fraction),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 25)
      .map(({ name, where, us }) => ({ name, where, fraction: share(us) })),
  };
}
