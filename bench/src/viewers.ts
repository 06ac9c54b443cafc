// npm run bench:viewers [-- --viewers 10,100,500 --changes 3 --size 2000]
//
// N people watching the overview at the protocol level: each holds the dashboard's /live stream
// with a session of its own and, on each change, asks for the page as the browser's refresh
// does (an RSC request). One engagement is created through the API per change. Measures what
// one change costs as N grows: API operations, CPU of the API and of the dashboard, time from
// the write to the last viewer's fresh page, and memory per open stream.
import { issueToken, hashToken } from "@engagement-tracker/api";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildDashboard, startDashboard } from "./dashboard-server.ts";
import { readOptions, type BenchOptions } from "./options.ts";
import { log, runBenchCommand } from "./run.ts";
import { cpuMsOf, memoryOf, repoRoot } from "./servers.ts";

const USAGE = `npm run bench:viewers [-- options]

  --viewers LIST    how many viewers, one measurement each (default 10,100,500)
  --changes N       changes made per measurement (default 3)
  --size N          synthetic engagements to seed (default 2000)
  --timeout S       how long a change may take to reach every viewer (default 60)
  --server-url URL  PostgreSQL server (default DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres)`;

/** What the browser waits after a change before it refreshes (LiveUpdates' debounce). */
const CLIENT_DEBOUNCE_MS = 150;

interface ViewerOptions {
  viewerCounts: number[];
  changes: number;
  timeoutMs: number;
  bench: BenchOptions;
}

function readViewerOptions(argv: string[]): ViewerOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      viewers: { type: "string", default: "10,100,500" },
      changes: { type: "string", default: "3" },
      size: { type: "string", default: "2000" },
      timeout: { type: "string", default: "60" },
      "server-url": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return "help";
  const whole = (flag: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} takes a whole number above 0`);
    return value;
  };
  const serverUrl = values["server-url"] ? ["--server-url", values["server-url"]] : [];
  const bench = readOptions(["--size", values.size, ...serverUrl]) as BenchOptions;
  return {
    viewerCounts: values.viewers.split(",").map((count) => whole("viewers", count)),
    changes: whole("changes", values.changes),
    timeoutMs: whole("timeout", values.timeout) * 1000,
    bench,
  };
}

/** Viewer users, each with a dashboard session, written straight into the bench database. */
async function createViewerSessions(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const tokens: string[] = [];
    for (let index = 0; index < count; index++) {
      const {
        rows: [user],
      } = await client.query<{ id: string }>(
        `INSERT INTO "User" (id, email, name, role) VALUES (gen_random_uuid(), $1, $2, 'VIEWER') RETURNING id`,
        [`viewer-${index}-${Date.now()}@bench.local`, `Viewer ${index}`],
      );
      const session = issueToken("session");
      await client.query(
        `INSERT INTO "Session" (id, "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), $1, $2, $3)`,
        [hashToken(session.token), user!.id, expiresAt],
      );
      tokens.push(session.token);
    }
    return tokens;
  } finally {
    await client.end();
  }
}

/** One simulated browser tab on the overview. */
class Viewer {
  private readonly controller = new AbortController();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing = false;
  private refreshAgain = false;
  readonly connected: Promise<void>;
  /** Called with the page after every refresh. */
  onPage: (page: string) => void = () => {};

  constructor(
    private readonly origin: string,
    private readonly session: string,
  ) {
    this.connected = this.listen();
  }

  private async listen(): Promise<void> {
    const response = await fetch(`${this.origin}/live`, {
      headers: { cookie: `et_session=${this.session}`, accept: "text/event-stream" },
      signal: this.controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`/live answered HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    const read = async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffered += value;
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (/^event: change$/m.test(block)) this.changed();
        }
      }
    };
    void read();
  }

  /** As LiveUpdates does: one refresh for changes arriving close together, and one more for any during it. */
  private changed(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshTimer ??= setTimeout(() => void this.refresh(), CLIENT_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    this.refreshTimer = undefined;
    this.refreshing = true;
    try {
      const response = await fetch(`${this.origin}/`, {
        headers: { cookie: `et_session=${this.session}`, rsc: "1" },
        signal: this.controller.signal,
      });
      this.onPage(await response.text());
    } catch {
      // Closed at the end of the run.
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.changed();
      }
    }
  }

  close(): void {
    clearTimeout(this.refreshTimer);
    this.controller.abort();
  }
}

/** Sum of graphql_operations_total on the API's /metrics. */
async function apiOperations(apiUrl: string): Promise<number> {
  const text = await (await fetch(new URL("/metrics", apiUrl))).text();
  return [...text.matchAll(/^graphql_operations_total\{[^}]*\} (\d+(?:\.\d+)?)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

async function createEngagement(apiUrl: string, token: string, title: string): Promise<void> {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation ($input: CreateEngagementInput!) { createEngagement(input: $input) { errors { message } } }`,
      variables: {
        input: {
          title,
          kind: "DIALOGUE",
          status: "PLANNED",
          startsOn: tomorrow,
          endsOn: tomorrow,
          locationName: "Honolulu",
          country: "US",
          hostCountry: "US",
        },
      },
    }),
  });
  const body = (await response.json()) as { data?: { createEngagement: { errors: unknown[] } }; errors?: unknown[] };
  if (body.errors || body.data?.createEngagement.errors.length) throw new Error(JSON.stringify(body));
}

/**
 * Creates an engagement and waits until every viewer's page shows it (or the timeout passes);
 * returns how long each viewer that saw it took, from just before the write.
 */
async function changeAndWait(
  viewers: Viewer[],
  apiUrl: string,
  writerToken: string,
  title: string,
  timeoutMs: number,
): Promise<number[]> {
  const times: number[] = [];
  const fresh = new Set<Viewer>();
  const started = performance.now();
  const allFresh = new Promise<void>((resolve) => {
    for (const viewer of viewers) {
      viewer.onPage = (page) => {
        if (fresh.has(viewer) || !page.includes(title)) return;
        fresh.add(viewer);
        times.push(performance.now() - started);
        if (fresh.size === viewers.length) resolve();
      };
    }
  });
  await createEngagement(apiUrl, writerToken, title);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([allFresh, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  return times;
}

const percentile = (sorted: number[], fraction: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]! : NaN;

interface ViewerRow {
  viewers: number;
  apiOperationsPerChange: number;
  apiCpuMsPerChange: number;
  dashboardCpuMsPerChange: number;
  freshMs: { p50: number; p95: number; max: number };
  /** Viewers that never showed a change within the timeout, over all changes. */
  missed: number;
  memoryPerStreamKb: number;
}

async function measureViewers(
  count: number,
  options: ViewerOptions,
  api: { url: string; pid: number },
  dashboard: { origin: string; pid: number },
  sessions: string[],
  writerToken: string,
): Promise<ViewerRow> {
  const rssKb = () => ((memoryOf(api.pid)?.rssMb ?? 0) + (memoryOf(dashboard.pid)?.rssMb ?? 0)) * 1024;
  const memoryBefore = rssKb();
  const viewers = sessions.slice(0, count).map((session) => new Viewer(dashboard.origin, session));
  try {
    await Promise.all(viewers.map((viewer) => viewer.connected));
    // Let the streams' subscriptions settle on the API before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const memoryPerStreamKb = (rssKb() - memoryBefore) / count;

    const times: number[] = [];
    let missed = 0;
    let operations = 0;
    let apiCpu = 0;
    let dashboardCpu = 0;
    // As in a browser, each viewer has shown the page once before the changes measured.
    await changeAndWait(
      viewers,
      api.url,
      writerToken,
      `Viewers bench ${count} warm-up ${Date.now()}`,
      options.timeoutMs,
    );
    for (let change = 0; change < options.changes; change++) {
      const title = `Viewers bench ${count}-${change}-${Date.now()}`;
      const operationsBefore = await apiOperations(api.url);
      const [apiCpuBefore, dashboardCpuBefore] = [cpuMsOf(api.pid), cpuMsOf(dashboard.pid)];
      const freshTimes = await changeAndWait(viewers, api.url, writerToken, title, options.timeoutMs);
      times.push(...freshTimes);
      missed += viewers.length - freshTimes.length;
      // Work the change set off after the last viewer saw it (prefetches, late refreshes) counts too.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // The bench's own write and its /metrics reads are not the viewers' doing.
      operations += (await apiOperations(api.url)) - operationsBefore - 1;
      apiCpu += cpuMsOf(api.pid) - apiCpuBefore;
      dashboardCpu += cpuMsOf(dashboard.pid) - dashboardCpuBefore;
      log(`  ${count} viewers, change ${change + 1}: ${freshTimes.length}/${count} fresh`);
    }
    times.sort((a, b) => a - b);
    return {
      viewers: count,
      apiOperationsPerChange: operations / options.changes,
      apiCpuMsPerChange: apiCpu / options.changes,
      dashboardCpuMsPerChange: dashboardCpu / options.changes,
      freshMs: { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) ?? NaN },
      missed,
      memoryPerStreamKb,
    };
  } finally {
    for (const viewer of viewers) viewer.close();
    // Give both servers time to notice the closed streams before the next measurement.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}

function markdown(rows: ViewerRow[], options: ViewerOptions): string {
  const seconds = (ms: number) => (Number.isNaN(ms) ? "–" : `${(ms / 1000).toFixed(2)} s`);
  const lines = [
    "| viewers | API operations per change | API CPU per change | dashboard CPU per change | write → fresh page p50 / p95 / max | never fresh | memory per stream |",
    "| ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.viewers} | ${row.apiOperationsPerChange.toFixed(1)} | ${row.apiCpuMsPerChange.toFixed(0)} ms | ` +
        `${row.dashboardCpuMsPerChange.toFixed(0)} ms | ${seconds(row.freshMs.p50)} / ${seconds(row.freshMs.p95)} / ` +
        `${seconds(row.freshMs.max)} | ${row.missed} | ${row.memoryPerStreamKb.toFixed(0)} kB |`,
    ),
  ];
  return (
    `Viewers on the overview, ${options.changes} changes each (${options.bench.size.toLocaleString("en")} engagements; ` +
    `a change missed by a viewer within ${options.timeoutMs / 1000} s counts under "never fresh"):\n\n${lines.join("\n")}`
  );
}

runBenchCommand(
  USAGE,
  readViewerOptions,
  (options) => options.bench,
  async (run, options) => {
    const db = await run.prepare(options.bench.size);
    const sessions = await createViewerSessions(db.url, Math.max(...options.viewerCounts));
    const api = await run.start("ours", db.url);
    const build = await buildDashboard(api.url, log);
    if (!build.built) throw new Error(build.reason);
    const dashboard = await startDashboard(api.url, db.sessionToken);
    const rows: ViewerRow[] = [];
    try {
      for (const count of options.viewerCounts) {
        log(`Measuring ${count} viewers …`);
        rows.push(await measureViewers(count, options, api, dashboard, sessions, db.apiToken));
      }
    } finally {
      await dashboard.stop();
    }
    const report = markdown(rows, options);
    log(`\n${report}\n`);
    const outDir = join(repoRoot, "bench-results");
    await mkdir(outDir, { recursive: true });
    const base = join(outDir, `viewers-${new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)}`);
    await writeFile(`${base}.json`, JSON.stringify({ options, rows }, null, 2));
    await writeFile(`${base}.md`, `${report}\n`);
    log(`Results: ${base}.json and .md`);
  },
);
