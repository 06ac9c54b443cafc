import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort, repoRoot } from "./servers.ts";

/** Inside the repository so the copy resolves the workspace's node_modules; git-ignored. */
const buildDir = join(repoRoot, "bench-results", "dashboard-build");
const nextBin = join(repoRoot, "node_modules", "next", "dist", "bin", "next");

export type DashboardBuild = { built: true; buildSeconds: number } | { built: false; reason: string };

export interface RunningDashboard {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

const productionEnv = (apiUrl: string) => ({
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  API_URL: apiUrl,
});

/** Keeps the last few kB a process printed, to say why it failed. */
function tail(child: ChildProcess): () => string {
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return () => output;
}

/**
 * Builds the dashboard for production from a copy of apps/dashboard (other engineers build and test
 * in apps/dashboard/.next; a copy leaves theirs alone and takes a snapshot of the code as it is now).
 * Any failure is reported, not thrown: the dashboard may be mid-change.
 */
export async function buildDashboard(
  apiUrl: string,
  log: (line: string) => void,
  timeoutMs = 300_000,
): Promise<DashboardBuild> {
  const source = join(repoRoot, "apps", "dashboard");
  try {
    await rm(buildDir, { recursive: true, force: true });
    await cp(source, buildDir, {
      recursive: true,
      filter: (path) => !/\/(\.next|node_modules|test)(\/|$)|tsconfig\.tsbuildinfo$/.test(path.slice(source.length)),
    });
    const tsconfigPath = join(buildDir, "tsconfig.json");
    const tsconfig = await readFile(tsconfigPath, "utf8");
    await writeFile(tsconfigPath, tsconfig.replace("../../tsconfig.base.json", join(repoRoot, "tsconfig.base.json")));
  } catch (error) {
    return { built: false, reason: `could not copy apps/dashboard: ${String(error)}` };
  }
  log("  building the dashboard for production (next build) …");
  const started = performance.now();
  const build = spawn(process.execPath, [nextBin, "build", "--webpack"], { cwd: buildDir, env: productionEnv(apiUrl) });
  const output = tail(build);
  const timer = setTimeout(() => build.kill("SIGKILL"), timeoutMs);
  const [code] = (await once(build, "exit")) as [number | null];
  clearTimeout(timer);
  const buildSeconds = (performance.now() - started) / 1000;
  if (code === 0) return { built: true, buildSeconds };
  const lastLines = output().trim().split("\n").slice(-12).join("\n");
  return { built: false, reason: `next build failed (exit ${code}) after ${buildSeconds.toFixed(0)} s:\n${lastLines}` };
}

/**
 * Serves the last build as `npm start` does (apps/dashboard/server.ts, production mode) and waits
 * until `ready` (a request made with the given session) answers.
 */
export async function startDashboard(apiUrl: string, sessionToken: string): Promise<RunningDashboard> {
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: buildDir,
    env: { ...productionEnv(apiUrl), DASHBOARD_PORT: String(port), DASHBOARD_HOST: "127.0.0.1" },
  });
  const output = tail(server);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, "exit");
    server.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the dashboard exited:\n${output()}`);
    const answered = await fetch(`${origin}/`, {
      headers: { cookie: `et_session=${sessionToken}` },
      redirect: "manual",
    })
      .then(() => true)
      .catch(() => false);
    if (answered) return { origin, pid: server.pid!, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the dashboard did not answer within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
