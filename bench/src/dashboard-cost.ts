import { gzipSync } from "node:zlib";
import { buildDashboard, startDashboard, type RunningDashboard } from "./dashboard-server.ts";

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

/** Builds the dashboard for production, serves it, and measures the overview and the JavaScript it loads. */
export async function measureDashboard(options: DashboardCostOptions): Promise<DashboardCost> {
  const build = await buildDashboard(options.apiUrl, options.log, options.buildTimeoutMs);
  if (!build.built) return build;
  let dashboard: RunningDashboard;
  try {
    dashboard = await startDashboard(options.apiUrl, options.sessionToken);
  } catch (error) {
    return { built: false, reason: (error as Error).message };
  }
  try {
    const { origin } = dashboard;
    const overview = () =>
      fetch(`${origin}/`, { headers: { cookie: `et_session=${options.sessionToken}` }, redirect: "manual" });
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
      buildSeconds: build.buildSeconds,
      overviewResponseMs: {
        p50: times[Math.floor(times.length / 2)]!,
        mean: times.reduce((sum, time) => sum + time, 0) / times.length,
        max: times.at(-1)!,
        samples: times.length,
      },
      javascript: { files: scripts.length, bytes, gzipBytes },
    };
  } finally {
    await dashboard.stop();
  }
}
