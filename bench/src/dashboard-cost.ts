import { spawn } from "node:child_process";
import { once } from "node:events";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { freePort, repoRoot } from "./servers.ts";

export type DashboardCost =
  | {
      built: true;
      buildSeconds: number;
      /** The overview (/) rendered on the server with live data from our API, ms per request. */
      overviewResponseMs: { p50: number; mean: number; max: number; samples: number };
      /** JavaScript the overview page loads: every <script src> of its HTML. */
      javascript: { files: number; bytes: number; gzipBytes: number };
    }
  | { built: false; reason: string };

export interface DashboardCostOptions {
  apiUrl: string;
  sessionToken: string;
  log: (line: string) => void;
  buildTimeoutMs?: number;
}

/**
 * Builds the dashboard for production from a copy of apps/dashboard (other engineers build and test
 * in apps/dashboard/.next; a copy leaves theirs alone and takes a snapshot of the code as it is now),
 * serves it with `next start`, and measures the overview. Any failure is reported, not thrown: the
 * dashboard may be mid-change.
 */
export async function measureDashboard(options: DashboardCostOptions): Promise<DashboardCost> {
  // Inside the repository so the copy resolves the workspace's node_modules; git-ignored.
  const copy = join(repoRoot, "bench-results", "dashboard-build");
  const source = join(repoRoot, "apps", "dashboard");
  try {
    await rm(copy, { recursive: true, force: true });
    await cp(source, copy, {
      recursive: true,
      filter: (path) => !/\/(\.next|node_modules|test)(\/|$)|tsconfig\.tsbuildinfo$/.test(path.slice(source.length)),
    });
    const tsconfigPath = join(copy, "tsconfig.json");
    const tsconfig = await readFile(tsconfigPath, "utf8");
    await writeFile(tsconfigPath, tsconfig.replace("../../tsconfig.base.json", join(repoRoot, "tsconfig.base.json")));
  } catch (error) {
    return { built: false, reason: `could not copy apps/dashboard: ${String(error)}` };
  }

  const nextBin = join(repoRoot, "node_modules", "next", "dist", "bin", "next");
  const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", API_URL: options.apiUrl };
  options.log("  building the dashboard for production (next build) …");
  const buildStarted = performance.now();
  const build = spawn(process.execPath, [nextBin, "build", "--webpack"], { cwd: copy, env });
  let buildOutput = "";
  build.stdout.on("data", (chunk: Buffer) => (buildOutput = (buildOutput + chunk.toString()).slice(-4_000)));
  build.stderr.on("data", (chunk: Buffer) => (buildOutput = (buildOutput + chunk.toString()).slice(-4_000)));
  const timer = setTimeout(() => build.kill("SIGKILL"), options.buildTimeoutMs ?? 300_000);
  const [code] = (await once(build, "exit")) as [number | null];
  clearTimeout(timer);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  if (code !== 0) {
    const lastLines = buildOutput.trim().split("\n").slice(-12).join("\n");
    return {
      built: false,
      reason: `next build failed (exit ${code}) after ${buildSeconds.toFixed(0)} s:\n${lastLines}`,
    };
  }

  const port = await freePort();
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: copy, env });
  let serverOutput = "";
  server.stdout.on("data", (chunk: Buffer) => (serverOutput = (serverOutput + chunk.toString()).slice(-4_000)));
  server.stderr.on("data", (chunk: Buffer) => (serverOutput = (serverOutput + chunk.toString()).slice(-4_000)));
  try {
    const origin = `http://127.0.0.1:${port}`;
    const overview = () =>
      fetch(`${origin}/`, { headers: { cookie: `et_session=${options.sessionToken}` }, redirect: "manual" });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) return { built: false, reason: `next start exited:\n${serverOutput}` };
      if (
        await overview().then(
          () => true,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) return { built: false, reason: `next start did not answer:\n${serverOutput}` };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const first = await overview();
    const html = await first.text();
    if (first.status !== 200 || !html.includes("Overview")) {
      return {
        built: false,
        reason: `the overview answered HTTP ${first.status} without the page: ${html.slice(0, 300)}`,
      };
    }

    const times: number[] = [];
    for (let sample = 0; sample < 25; sample++) {
      const started = performance.now();
      await (await overview()).text();
      if (sample >= 5) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);

    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
    let bytes = 0;
    let gzipBytes = 0;
    for (const src of scripts) {
      const body = Buffer.from(await (await fetch(new URL(src.replaceAll("&amp;", "&"), origin))).arrayBuffer());
      bytes += body.length;
      gzipBytes += gzipSync(body).length;
    }
    return {
      built: true,
      buildSeconds,
      overviewResponseMs: {
        p50: times[Math.floor(times.length / 2)]!,
        mean: times.reduce((sum, time) => sum + time, 0) / times.length,
        max: times.at(-1)!,
        samples: times.length,
      },
      javascript: { files: scripts.length, bytes, gzipBytes },
    };
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      await exited;
    }
  }
}
