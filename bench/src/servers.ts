import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Target } from "./operations.ts";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const apiRoot = fileURLToPath(new URL("../../apps/api/", import.meta.url));
const benchSource = fileURLToPath(new URL(".", import.meta.url));

/** The node flags our API's start script runs it with (apps/api/package.json `config.nodeFlags`). */
const apiNodeFlags = (
  JSON.parse(readFileSync(`${apiRoot}package.json`, "utf8")) as { config: { nodeFlags: string } }
).config.nodeFlags
  .split(/\s+/)
  .filter(Boolean);

/** Every server gets the same PostgreSQL pool size: our API's default. */
export const POOL_SIZE = 10;

export interface RunningServer {
  target: Target;
  url: string;
  pid: number;
  /** Everything the process printed (kept short). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  databaseUrl: string;
  /** Extra arguments for node, e.g. --cpu-prof. */
  nodeArguments?: string[];
}

/** Starts one server as its own process, in production mode, and waits until it answers HTTP. */
export async function startServer(target: Target, options: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const common = { ...process.env, NODE_ENV: "production", DATABASE_URL: options.databaseUrl };
  const nodeArguments = [...(options.nodeArguments ?? []), "--import", "tsx"];
  const launch = {
    // Our API exactly as deployed: its entry point, its tsconfig (decorators), its own config from the environment.
    ours: () =>
      spawn(process.execPath, [...apiNodeFlags, ...nodeArguments, "src/main.ts"], {
        cwd: apiRoot,
        env: {
          ...common,
          API_PORT: String(port),
          API_HOST: "127.0.0.1",
          LOG_LEVEL: "warn",
          SEED_DEMO_DATA: "false",
          RATE_LIMIT_PER_MINUTE: "100000000",
        },
      }),
    postgraphile: () =>
      spawn(process.execPath, [...nodeArguments, `${benchSource}postgraphile/server.ts`], {
        cwd: repoRoot,
        env: { ...common, GRAPHILE_ENV: "production", PORT: String(port), POOL_SIZE: String(POOL_SIZE) },
      }),
    ceiling: () =>
      spawn(process.execPath, [...nodeArguments, `${benchSource}ceiling/server.ts`], {
        cwd: repoRoot,
        env: { ...common, PORT: String(port), POOL_SIZE: String(POOL_SIZE) },
      }),
  } satisfies Record<Target, () => ChildProcess>;
  const child = launch[target]();
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = target === "ceiling" ? `http://127.0.0.1:${port}/` : `http://127.0.0.1:${port}/graphql`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${target} exited while starting:\n${output}`);
    const answered = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })
      .then(() => true)
      .catch(() => false);
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${target} did not start within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    target,
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ------------------------------------------------------------------ /proc readings (Linux)

const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory now and at its peak (VmHWM), in MiB; null once the process is gone. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rssMb: kib("VmRSS") / 1024, peakRssMb: kib("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in ms; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; fields after it are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Samples a process's resident memory while a measurement runs. */
export class MemorySampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample() {
    this.peak = Math.max(this.peak, memoryOf(this.pid)?.rssMb ?? 0);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
