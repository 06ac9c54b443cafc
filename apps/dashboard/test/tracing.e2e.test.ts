import { createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "./otlp-receiver";
import { freePort, startDashboard, startProcess, waitUntil, type StartedProcess } from "./processes";

const apiDir = fileURLToPath(new URL("../../api", import.meta.url));

// An API and a dashboard of this file's own, exporting to a collector the test runs.
let receiver: OtlpReceiver;
let api: StartedProcess;
let dashboard: StartedProcess;
let dropDatabase: () => Promise<void> = async () => {};
let dashboardUrl: string;
let browser: Browser;
let page: Page;
const demoPassword = randomBytes(12).toString("base64url");

const SERVER = 2;
const isSql = (span: ReceivedSpan) => span.name === "prisma:client:db_query" || /^(pg|pglite)\.query:/.test(span.name);

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    // Batches leave every 100 ms, so the test need not wait the default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: "100",
  };
  const fresh = process.env.DATABASE_URL ? await createFreshPostgresDatabase(process.env.DATABASE_URL) : null;
  if (fresh) dropDatabase = fresh.drop;
  const [apiPort, dashboardPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const { DATABASE_URL: _serverUrl, ...environment } = process.env;
  api = startProcess(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiDir,
    env: {
      ...environment,
      ...tracing,
      ...(fresh ? { DATABASE_URL: fresh.url } : { PGLITE_DIR: "memory://" }),
      API_HOST: "127.0.0.1",
      API_PORT: String(apiPort),
      SEED_DEMO_DATA: "true",
      DEMO_PASSWORD: demoPassword,
    },
  });
  dashboard = startDashboard(dashboardPort, apiUrl, tracing);
  await waitUntil("The API", () => fetch(apiUrl, { method: "POST" }).then((response) => response.status < 500), api);
  await waitUntil("The dashboard", () => fetch(`${dashboardUrl}/sign-in`).then((response) => response.ok), dashboard);

  browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: dashboardUrl, locale: "en-US" });
  page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("editor@engagement-tracker.local");
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${dashboardUrl}/`);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([dashboard?.stop(), api?.stop()]);
  await receiver?.stop();
  await dropDatabase();
});

/** The spans of one trace as an indented tree, "service: name" per line, children in start order. */
function spanTree(traceId: string): string {
  const spans = receiver.spans.filter((span) => span.traceId === traceId);
  const ids = new Set(spans.map((span) => span.spanId));
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const children = spans
      .filter((span) => (parent ? span.parentSpanId === parent : !span.parentSpanId || !ids.has(span.parentSpanId)))
      .sort((a, b) => (a.startNanos < b.startNanos ? -1 : 1));
    for (const span of children) {
      lines.push(`${"  ".repeat(depth)}${span.service.replace("engagement-tracker-", "")}: ${span.name}`);
      walk(span.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join("\n");
}

/** Waits for the API's span of `operation` (e.g. "query OverviewPage") begun after `since`, then for its trace to fill in. */
async function traceOf(operation: string, since: bigint): Promise<ReceivedSpan[]> {
  const span = await receiver.waitFor((candidate) => candidate.name === operation && candidate.startNanos > since);
  // The dashboard's own spans end after the API's: wait for its server span of the same trace.
  await receiver.waitFor(
    (candidate) =>
      candidate.traceId === span.traceId &&
      candidate.service === "engagement-tracker-dashboard" &&
      !candidate.parentSpanId,
  );
  return receiver.spans.filter((candidate) => candidate.traceId === span.traceId);
}

const now = () => BigInt(Date.now()) * 1_000_000n;

describe("tracing across the dashboard, the API and the database", () => {
  let pageLoadTrace: string;

  it("a page load is one trace: the dashboard's request, the API operation, its execution and its SQL", async () => {
    const since = now();
    await page.goto("/");
    await page.getByRole("region", { name: "By status", exact: true }).waitFor();
    const spans = await traceOf("query OverviewPage", since);
    pageLoadTrace = spans[0]!.traceId;

    const root = spans.find((span) => !span.parentSpanId)!;
    expect(root).toMatchObject({ service: "engagement-tracker-dashboard", kind: SERVER });
    const operation = spans.find((span) => span.name === "query OverviewPage")!;
    expect(operation.attributes).toMatchObject({
      "graphql.operation.type": "query",
      "graphql.operation.name": "OverviewPage",
    });
    const execution = spans.find((span) => span.name === "graphql.execute" && span.parentSpanId === operation.spanId);
    expect(execution).toBeDefined();
    // The API's HTTP span continues the dashboard's fetch (traceparent), not a trace of its own.
    const apiServer = spans.find((span) => span.service === "engagement-tracker-api" && span.kind === SERVER)!;
    expect(spans.find((span) => span.spanId === apiServer.parentSpanId)?.service).toBe("engagement-tracker-dashboard");
    const sql = spans.filter(isSql);
    expect(sql.length).toBeGreaterThan(0);
    // Statements carry placeholders; the values bound to them are never recorded (see the secrets test).
    expect(sql.some((span) => /\$1\b/.test(String(span.attributes["db.query.text"])))).toBe(true);
    console.info(`Span tree of one overview load:\n${spanTree(pageLoadTrace)}`);
  });

  it("an editor's status change is one trace down to its SQL, and the live update it causes links to it", async () => {
    const title = "Joint site survey for missing WWII U.S. personnel, Hunan Province";
    await page.goto(`/engagements?show=all&q=${encodeURIComponent(title)}`);
    await page.getByRole("link", { name: title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const changeStatus = page.getByRole("region", { name: "Change status" });
    const since = now();
    await changeStatus.getByLabel("Confirmed").check();
    await changeStatus.getByLabel("Reason").fill("Site access confirmed.");
    await changeStatus.getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => changeStatus.getByRole("status").innerText()).toBe("Moved to Confirmed.");

    const spans = await traceOf("mutation DashboardChangeStatus", since);
    expect(spans.find((span) => !span.parentSpanId)?.service).toBe("engagement-tracker-dashboard");
    expect(
      spans
        .filter(isSql)
        .some((span) => /INSERT INTO "public"\."EngagementEvent"/.test(String(span.attributes["db.query.text"]))),
    ).toBe(true);

    // The page listens for live changes: their delivery is a trace of its own, linked to the write.
    const write = spans.find((span) => span.name === "mutation DashboardChangeStatus")!;
    const delivery = await receiver.waitFor(
      (span) =>
        span.name === "live deliver" &&
        span.links.some((link) => link.spanId === write.spanId || link.traceId === write.traceId),
    );
    expect(delivery.traceId).not.toBe(write.traceId);
  });

  it("records no password, token, cookie or variable value, with a sign-in and a created engagement", async () => {
    const title = `Traced engagement ${randomBytes(6).toString("hex")}`;
    await page.goto("/engagements/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Kind").selectOption({ label: "Dialogue" });
    await page.getByLabel("First day").fill("2031-03-01");
    await page.getByLabel("Last day").fill("2031-03-02");
    await page.getByLabel("Place").fill("Beijing");
    await page.getByLabel("Country", { exact: true }).fill("China");
    await page.getByLabel("Host country").fill("cn");
    const since = now();
    await page.getByRole("button", { name: "Create engagement" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await traceOf("mutation DashboardCreateEngagement", since);
    await receiver.waitFor((span) => span.name === "mutation DashboardSignIn");
    // A calendar feed's address is its secret, on the dashboard and on the API it relays to.
    const feedToken = randomBytes(16).toString("hex");
    await fetch(`${dashboardUrl}/calendar/${feedToken}.ics`);
    await receiver.waitFor(
      (span) =>
        span.service === "engagement-tracker-dashboard" &&
        !span.parentSpanId &&
        span.attributes["http.target"] === "/calendar/[token]",
    );

    const cookies = await page.context().cookies();
    const secrets = [
      demoPassword,
      title,
      feedToken,
      "editor@engagement-tracker.local",
      ...cookies.map((cookie) => cookie.value),
    ];
    const exported = receiver.bodies.join("\n");
    for (const secret of secrets.filter((value) => value.length >= 8)) expect(exported).not.toContain(secret);
    expect(exported).not.toMatch(/Bearer|authorization|cookie/i);
    // The feed's request was traced, under its route.
    expect(exported).toContain("/calendar/[token]");
  });

  it("log lines carry the trace id of the request they were written in", () => {
    const lines = api
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { trace_id?: string; span_id?: string; operation?: string });
    const overview = lines.find((line) => line.trace_id === pageLoadTrace && line.operation === "OverviewPage");
    expect(overview?.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("with the collector down, the same actions succeed as fast", async () => {
    const timed = async () => {
      const started = performance.now();
      await page.goto("/");
      await page.getByRole("region", { name: "By status", exact: true }).waitFor();
      return performance.now() - started;
    };
    const up = await timed();
    await receiver.stop();
    const down = await timed();
    const title = "Joint site survey for missing WWII U.S. personnel, Hunan Province";
    await page.goto(`/engagements?show=all&q=${encodeURIComponent(title)}`);
    await page.getByRole("link", { name: title, exact: true }).click();
    const changeStatus = page.getByRole("region", { name: "Change status" });
    await changeStatus.getByLabel("In progress").check();
    await changeStatus.getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => changeStatus.getByRole("status").innerText()).toBe("Moved to In progress.");
    // The exporter gives up on an unreachable collector in the background; a page never waits for it.
    expect(down).toBeLessThan(up * 2 + 1_000);
    await receiver.start();
  });
});
